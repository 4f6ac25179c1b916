"""The data dictionary in docs/ is the contracts rendered: regenerated here and compared."""

from __future__ import annotations

import shutil
import subprocess
import sys

import yaml

from flows.validate import load_contract
from flows.validate.dictionary import DOC_PATH, data_dictionary, dataset_names
from tests.conftest import REPO


def test_docs_data_dictionary_is_current():
    assert DOC_PATH.is_file(), "docs/data-dictionary.md is missing: run python -m flows.validate.dictionary"
    assert DOC_PATH.read_text(encoding="utf-8") == data_dictionary(), (
        "docs/data-dictionary.md is out of date with schemas/*.yaml: run python -m flows.validate.dictionary")


def test_every_contract_and_column_is_in_the_dictionary():
    text = data_dictionary()
    for name in dataset_names():
        contract = load_contract(name)
        assert f"## {name} (contract v{contract.version})" in text
        for col in contract.columns:
            assert f"| `{col.name}` |" in text


def test_a_changed_contract_changes_the_dictionary(tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", schemas)
    raw = yaml.safe_load((schemas / "runs.yaml").read_text())
    raw["columns"][0]["description"] = "A description nobody wrote before."
    (schemas / "runs.yaml").write_text(yaml.safe_dump(raw))
    changed = data_dictionary(schemas_dir=schemas)
    assert "A description nobody wrote before." in changed
    assert changed != data_dictionary()


def _geowire(*args):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_geowire_schema_prints_the_dictionary():
    proc = _geowire("schema")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == DOC_PATH.read_text(encoding="utf-8")
    one = _geowire("schema", "events")
    assert one.returncode == 0
    assert one.stdout.startswith("## events (contract v")
    assert "## articles" not in one.stdout and "| `event_id` |" in one.stdout


def test_geowire_schema_refuses_an_unknown_dataset():
    proc = _geowire("schema", "nope")
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "articles" in proc.stderr
