"""Incremental runs know a file by its resolved absolute path and its content, however it is named."""

from __future__ import annotations

import json
import os

from flows import pipeline
from flows.ingest.files import canonical_path
from flows.settings import Settings
from tests.flow.lakeq import count, rows


def _story(n: int, text: str) -> str:
    return json.dumps({"url": f"https://desk.example/2024/04/0{n}/story", "date": f"2024-04-0{n}", "text": text}) + "\n"


def _run(lake, *paths):
    return pipeline.run_serial(list(paths), Settings().with_overrides(lake=str(lake)), incremental=True)


def test_canonical_path_names_a_file_once(tmp_path, monkeypatch):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "a.jsonl").write_text("{}\n")
    (tmp_path / "link").symlink_to(tmp_path / "inbox")
    monkeypatch.chdir(tmp_path)
    names = {canonical_path(p) for p in ("inbox/a.jsonl", "./inbox/a.jsonl", str(tmp_path / "inbox" / "a.jsonl"),
                                         f"file://{tmp_path}/inbox/a.jsonl", "link/a.jsonl", "inbox/../inbox/a.jsonl")}
    assert names == {str((tmp_path / "inbox" / "a.jsonl").resolve())}
    assert canonical_path("s3://bucket/inbox/a.jsonl") == "s3://bucket/inbox/a.jsonl"


def test_relative_and_absolute_inbox_are_the_same_input(tmp_path, monkeypatch):
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    inbox.mkdir()
    (inbox / "desk.jsonl").write_text(_story(1, "French and German foreign ministers met in Paris on Monday."))
    monkeypatch.chdir(tmp_path)
    first = _run("lake", "inbox")  # as a user types it
    assert first["datasets"]["articles"]["published"] == 1
    again = _run(lake, str(inbox))  # as a deployment names it
    assert again["datasets"]["articles"]["records_read"] == 0
    (source,) = rows(lake, "articles", "source_file")[0]
    assert source == str((inbox / "desk.jsonl").resolve())


def test_a_changed_file_given_another_way_replaces_its_rows(tmp_path, monkeypatch):
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    inbox.mkdir()
    dump = inbox / "desk.jsonl"
    dump.write_text(_story(1, "French and German foreign ministers met in Paris on Monday.")
                    + _story(2, "Russian troops shelled the Ukrainian town of Vovchansk on Tuesday."))
    _run(lake, str(inbox))
    assert count(lake, "articles") == 2
    dump.write_text(_story(1, "French and German foreign ministers met in Paris on Monday."))
    monkeypatch.chdir(tmp_path)
    result = _run("lake", os.path.join(".", "inbox"))
    assert result["datasets"]["articles"]["records_read"] == 1
    assert [r[0] for r in rows(lake, "articles", "url")] == ["https://desk.example/2024/04/01/story"]
