"""Validation results are kept as JSON and rendered as GE Data Docs."""

from __future__ import annotations

import json
import re

import pytest

from flows.validate import build_data_docs, load_contract, save_result, validate_batch
from tests.validate.rows import BUILDERS, frame, valid_frame


def test_save_result_writes_json_under_run_and_batch(tmp_path):
    path = save_result({"success": True, "results": []}, tmp_path, "run-1", "events", 7)
    assert path == tmp_path / "run-1" / "events-00007.json"
    assert json.loads(path.read_text()) == {"success": True, "results": []}


@pytest.mark.parametrize("run_id", ["../up", "a/b", ""])
def test_save_result_refuses_unsafe_names(tmp_path, run_id):
    with pytest.raises(ValueError, match="run_id"):
        save_result({}, tmp_path, run_id, "events", 0)


def test_data_docs_list_the_runs_validations(tmp_path):
    results = tmp_path / "results"
    rows = [BUILDERS["articles"](i) for i in range(3)]
    rows[1]["language"] = "ENGLISH"
    batches = [("articles", frame("articles", rows)), ("events", valid_frame("events"))]
    for i, (dataset, df) in enumerate(batches):
        save_result(validate_batch(df, load_contract(dataset)).result, results, "run-7", dataset, i)

    index = build_data_docs(results, tmp_path / "site")

    assert index.name == "index.html" and index.is_file()
    html = index.read_text()
    pages = re.findall(r"validations/[^\"']*?run-7/[^\"']*?\.html", html)
    assert {p.rsplit("/", 1)[1] for p in pages} == {"articles-00000.html", "events-00001.html"}
    for page in pages:
        assert (index.parent / page).is_file()
    failed = next(index.parent / p for p in pages if p.endswith("articles-00000.html"))
    assert "ENGLISH" in failed.read_text()  # the unexpected value is shown
    assert (index.parent / "expectations" / "articles" / "v1.html").is_file()


def test_data_docs_need_results(tmp_path):
    with pytest.raises(FileNotFoundError, match="no validation results"):
        build_data_docs(tmp_path, tmp_path / "site")


def test_data_docs_name_a_file_that_is_not_a_result(tmp_path):
    bad = tmp_path / "run-1" / "articles-00000.json"
    bad.parent.mkdir()
    bad.write_text('{"not": "a result"}')
    with pytest.raises(ValueError, match="articles-00000.json"):
        build_data_docs(tmp_path, tmp_path / "site")
