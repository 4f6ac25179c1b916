"""What Linux's /proc says about a process's memory and its children (for run figures and
`make bench`); a light module, safe to import before anything heavy."""

from __future__ import annotations

import resource
from pathlib import Path


def rss_mb() -> float:
    """This process's resident memory now (MB)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


def peak_rss_mb(pid: int | str = "self") -> float:
    """A process's peak resident memory (VmHWM, MB). Not ``ru_maxrss``: a process started by
    vfork+exec (subprocess, multiprocessing's spawn) begins with its parent's peak in it."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if pid == "self" else 0.0


def descendants(pid: int) -> list[int]:
    """The live processes below ``pid`` (children, their children...): from each thread's
    `children` file where the kernel has them (a few small reads), else from a scan of /proc."""
    found, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        if kids is None:
            return _descendants_by_scan(pid)
        found.extend(kids)
        todo.extend(kids)
    return found


def _children(pid: int) -> list[int] | None:
    """The children of ``pid``; [] when it has gone; None when the kernel has no `children` files."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    kids: list[int] = []
    for task in tasks:
        try:
            kids.extend(int(k) for k in (task / "children").read_text().split())
        except FileNotFoundError:
            if not (task / "stat").exists():
                continue  # the thread ended
            return None
        except OSError:
            continue
    return kids


def _descendants_by_scan(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:  # the parent pid is the 2nd field after the command's closing parenthesis
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], [pid]
    while todo:
        parent_pid = todo.pop()
        kids = [p for p, parent in parents.items() if parent == parent_pid]
        found.extend(kids)
        todo.extend(kids)
    return found
