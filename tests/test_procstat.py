"""flows.procstat: a process's memory and children as /proc tells them."""

import subprocess
import sys

from flows.procstat import _descendants_by_scan, descendants, peak_rss_mb, rss_mb


def test_a_child_started_by_subprocess_reports_its_own_peak_not_its_parents():
    ballast = bytearray(300 * 2**20)  # this process's peak: at least 300 MB
    ballast[::4096] = b"x" * len(ballast[::4096])
    assert peak_rss_mb() >= 300 and rss_mb() >= 300
    code = "from flows.procstat import peak_rss_mb; print(peak_rss_mb())"
    child = float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
    assert 0 < child < 200  # a fresh interpreter, whatever its parent's high-water mark
    del ballast


def test_descendants_finds_children_and_grandchildren():
    code = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import time; time.sleep(30)'])"
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(100):
            found = descendants(child.pid)
            if found:
                break
            subprocess.run(["sleep", "0.1"])
        assert len(found) == 1 and child.pid in descendants(int(open("/proc/self/stat").read().split()[0]))
        assert peak_rss_mb(found[0]) > 0
        assert sorted(descendants(child.pid)) == sorted(_descendants_by_scan(child.pid))  # the fallback agrees
    finally:
        for pid in descendants(child.pid):
            subprocess.run(["kill", str(pid)])
        child.kill()
        child.wait()
