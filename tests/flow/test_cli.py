"""`geowire` as a user runs it: a subprocess, its exit code, its output, the lake it leaves."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO, SAMPLES
from tests.flow.lakeq import count, rows


def geowire(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "160"}
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=timeout,
    )


def test_missing_path_is_a_one_line_error(tmp_path):
    missing = tmp_path / "no-such-dump.jsonl"
    proc = geowire("run", str(missing), "--lake", str(tmp_path / "lake"))
    assert proc.returncode == 2
    assert str(missing) in proc.stderr
    assert not (tmp_path / "lake").exists()


def test_unwritable_lake_is_refused(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the lake's parent folder should be")
    proc = geowire("run", str(SAMPLES / "articles.jsonl"), "--lake", str(blocker / "lake"))
    assert proc.returncode == 2
    assert "not writable" in proc.stderr


def test_run_prints_a_summary_and_fills_the_lake(tmp_path):
    lake = tmp_path / "lake"
    proc = geowire("run", str(SAMPLES / "articles.jsonl"), str(SAMPLES / "broken"), "--lake", str(lake))
    assert proc.returncode == 0, proc.stderr
    for word in ("articles", "mentions", "events", "published", "quarantined", "duplicates", "elapsed"):
        assert word in proc.stdout
    assert count(lake, "articles") > 0
    assert count(lake, "quarantine") > 0
    assert "quarantined" in proc.stderr
    docs = geowire("docs", "--lake", str(lake))
    assert docs.returncode == 0, docs.stderr
    index = next((lake / "_docs").rglob("index.html"))
    assert str(index).replace("\n", "") in docs.stdout.replace("\n", "")
    assert "articles" in index.read_text()


def test_an_empty_dump_file_is_no_error(tmp_path):
    # a zero-byte file first in the list once crashed shard planning (IndexError)
    empty = tmp_path / "0-empty.jsonl"
    empty.write_bytes(b"")
    lake = tmp_path / "lake"
    proc = geowire("run", str(empty), str(SAMPLES / "articles.jsonl"), "--lake", str(lake))
    assert proc.returncode == 0, proc.stderr
    assert count(lake, "articles") > 0


def test_a_locked_lake_is_refused_in_one_line_without_a_traceback(tmp_path):
    import fcntl

    lake = tmp_path / "lake"
    lake.mkdir()
    with open(lake / ".lock", "a+") as held:  # another run holds the lake
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = geowire("run", str(SAMPLES / "articles.jsonl"), "--lake", str(lake))
    assert proc.returncode == 2
    assert "locked by another geowire run" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_arguments_and_settings_exit_2_before_prefect_starts(tmp_path):
    lake = tmp_path / "lake"
    sample = str(SAMPLES / "articles.jsonl")
    cases = [
        (("--since", "last tuesday"), {}, "--since: not an ISO date"),
        (("--batch-size", "0"), {}, "--batch-size: "),
        (("--default-date", "2025-02-31"), {}, "--default-date: "),
        ((), {"GEOWIRE_WAIT_LOCK": "soon"}, "GEOWIRE_WAIT_LOCK: "),
    ]
    for flags, env, says in cases:
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            proc = geowire("run", sample, "--lake", str(lake), *flags, timeout=120)
        finally:
            for key, value in saved.items():
                os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
        assert proc.returncode == 2, (flags, env, proc.stderr)
        assert says in " ".join(proc.stderr.split()) and "Traceback" not in proc.stderr
        assert not lake.exists()  # nothing started: no lock, no lake, no flow run
        assert "flow run" not in proc.stderr.lower()


def test_an_undated_story_is_dated_only_when_the_user_says_when(tmp_path):
    # story.txt carries no date anywhere: its events have none and are quarantined, unless the
    # user gives the date (then the article says where its date came from)
    undated = tmp_path / "undated"
    proc = geowire("run", str(SAMPLES / "story.txt"), "--lake", str(undated))
    assert proc.returncode == 0, proc.stderr
    assert count(undated, "events") == 0
    assert count(undated, "quarantine", "dataset = 'mentions'") > 0
    dated = tmp_path / "dated"
    proc = geowire("run", str(SAMPLES / "story.txt"), "--lake", str(dated), "--default-date", "2025-02-13")
    assert proc.returncode == 0, proc.stderr
    assert rows(dated, "articles", "cast(published_at as date)::varchar, date_source") == [("2025-02-13", "default")]
    assert count(dated, "quarantine") == 0
    # "Ethiopia accused Eritrea on Friday": the Friday before the given Thursday
    accused = rows(dated, "events", "event_date::varchar, actor2_code", "actor1_code = 'ETH' and event_code = '112'")
    assert accused == [("2025-02-07", "ERI")]
