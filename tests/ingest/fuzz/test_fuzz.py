"""The hostile corpus (corpus.py) mixed with good files, in ONE `geowire run` as a user runs it.

The run must exit 0, publish every good record, quarantine every hostile case by name with
its reason, keep the books balanced, stay under a memory bound (peak RSS of the CLI
process, from the kernel's accounting of waited-for children) and finish under a wall-clock
cap the harness enforces (a subprocess timeout and pytest-timeout, not a timing assertion).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.flow.lakeq import rows

from .corpus import build

WALL_CLOCK_CAP = 900  # seconds; a hang (a FIFO opened, a quadratic parse) is killed here
PEAK_RSS_CAP_MB = 3000  # the quadratic cases this suite holds reached 4-23 GB before the fix

pytestmark = pytest.mark.timeout(WALL_CLOCK_CAP + 60)


def run_cli(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """(the finished CLI process, the peak RSS in MB of the largest child waited for so far)."""
    env = {**os.environ, "COLUMNS": "160"}
    proc = subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=WALL_CLOCK_CAP, check=False)
    return proc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    corpus = build(folder)
    lake = folder / "lake"
    proc, peak_mb = run_cli("run", str(corpus.folder), "--lake", str(lake))
    return corpus, lake, proc, peak_mb


def test_the_run_completes(fuzz_run):
    _, _, proc, peak_mb = fuzz_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    print(f"fuzz run: peak RSS {peak_mb:.0f} MB")
    assert peak_mb < PEAK_RSS_CAP_MB, f"peak RSS {peak_mb:.0f} MB"


def test_every_good_record_is_published(fuzz_run):
    corpus, lake, _, _ = fuzz_run
    published = {url for (url,) in rows(lake, "articles", "url")}
    assert corpus.good_urls - published == set()
    assert not any("passwd" in (text or "") or "root:x:0:0" in (text or "")
                   for (text,) in rows(lake, "articles", "text"))


def test_every_hostile_case_is_quarantined_by_name(fuzz_run):
    corpus, lake, _, _ = fuzz_run
    quarantined = rows(lake, "quarantine", "source_file, source_locator, array_to_string(reasons, ' | ')")
    unmatched = list(quarantined)
    for name, reason in corpus.bad:
        hit = next((q for q in unmatched if name in (q[0] or "") and reason in q[2]), None)
        assert hit is not None, f"no quarantine row for {name} ({reason}); rows: {quarantined}"
        unmatched.remove(hit)  # each expectation needs its own row: ids never collide


def test_the_books_balance(fuzz_run):
    _, lake, _, _ = fuzz_run
    for dataset, read, published, quarantined, duplicates, status in rows(
        lake, "runs", "dataset, records_read, published, quarantined, duplicates, status"
    ):
        assert status == "completed"
        assert read == published + quarantined + duplicates, dataset
