"""`python -m flows.coding.audit` on a lake geowire wrote, as a person judging events runs it."""
from __future__ import annotations

import csv
import subprocess
import sys

from tests.conftest import REPO, SAMPLES


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_audit_prints_and_writes_random_events_with_their_spans_marked(tmp_path):
    lake = tmp_path / "lake"
    assert _run("flows.cli", "run", str(SAMPLES / "articles.jsonl"), "--lake", str(lake)).returncode == 0
    out = tmp_path / "audit.csv"
    first = _run("flows.coding.audit", "--sample", "5", "--seed", "3", str(lake), "--csv", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("rule ") == 5 and "⟦1 " in first.stdout and "⟦E " in first.stdout
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5
    assert {"sentence", "event_code", "rule", "root_ok", "countries_ok", "full_ok"} <= set(rows[0])
    assert all("⟦E " in r["sentence"] and r["event_code"] for r in rows)
    # the same seed draws the same events; another seed other ones
    assert _run("flows.coding.audit", "--sample", "5", "--seed", "3", str(lake)).stdout == first.stdout
    assert _run("flows.coding.audit", "--sample", "5", "--seed", "4", str(lake)).stdout != first.stdout


def test_audit_refuses_a_folder_that_is_not_a_lake(tmp_path):
    proc = _run("flows.coding.audit", "--sample", "5", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "no such lake folder" in proc.stderr
