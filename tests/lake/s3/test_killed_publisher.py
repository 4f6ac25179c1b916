"""SIGKILL a process publishing to the S3 lake: manifest readers see whole runs only, and the
next run (after the dead run's lock expires) rolls forward or deletes what it left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from flows.lake import LakeLock, Transaction, lake_root, scan_dataset
from flows.lake.objectstore import read_manifest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {repo!r})
    from tests.lake.s3.test_object_lake import publish
    from tests.lake.test_transaction import frame, write
    from flows.lake import lake_root
    lake = lake_root({url!r})
    for run in range(1000):
        ids = [f"{n}-{{run:04d}}-{{i:03d}}" for i in range(200)]
        publish(lake, f"p{n}-run{{run:04d}}", *[write(frame(ids[k:k+50], [1 + k // 50] * 50)) for k in range(0, 200, 50)])
        print(run, flush=True)
""")


def wait_for_runs(proc: subprocess.Popen, count: int, timeout: float = 300.0) -> None:
    """Block until the publisher has printed `count` finished runs, whatever the machine's speed."""
    deadline = time.monotonic() + timeout
    for _ in range(count):
        line = proc.stdout.readline()
        assert line, "the publisher died before finishing a run"
        assert time.monotonic() < deadline, "the publisher is too slow to test"


def rows(lake) -> int:
    scan = scan_dataset(lake, "articles")
    return 0 if scan is None else scan.select("id").collect().height


def test_killed_publisher_never_leaves_half_a_run(s3_lake_url):
    lake = lake_root(s3_lake_url)
    env = dict(os.environ, GEOWIRE_LOCK_TTL="2")
    for n, delay in enumerate((0.05, 0.2, 0.4)):
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT.format(repo=REPO, url=s3_lake_url, n=n)],
                                stdout=subprocess.PIPE, cwd=REPO, env=env)
        wait_for_runs(proc, 1 + n)  # whole runs published, then killed in the middle of the next
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert rows(lake) % 200 == 0  # whole runs only, read through the manifest
        with LakeLock(lake, wait_seconds=10):  # the dead run's lock expires, then is broken
            Transaction(lake, f"repair{n}").commit()
        lake.fs.invalidate_cache()
        manifest = read_manifest(lake, "articles")
        listed = {f["path"] for f in manifest["files"]} if manifest else set()
        stored = {k[len(lake.root) + 1:] for k in lake.fs.find(lake.key("articles"))}
        assert stored == listed  # no orphans left, nothing listed is missing
        assert not lake.fs.glob(lake.key("_journal", "*"))
        assert rows(lake) % 200 == 0
    assert rows(lake) >= 6 * 200  # the runs each process reported finished are all there
