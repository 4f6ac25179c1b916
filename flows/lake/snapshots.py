"""Copy-on-write snapshots of a dataset folder, switched by an atomic symlink swap.

A dataset's link (``<lake>/articles``) points at one snapshot folder. A run builds new
snapshot folders next to the current ones (hard links to the unchanged files plus its new
files), writes a journal naming them, then swaps each link with ``os.replace``, which POSIX
makes atomic: a reader resolves the link once and sees the old snapshot or the new one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from .layout import SNAPSHOTS, TXN, current_snapshot, dataset_link, snapshot_root

_VERSION = re.compile(r"^(\d{6})-")


def next_version(root: Path, dataset: str, run_id: str) -> str:
    folder = snapshot_root(root, dataset)
    seqs = [int(m.group(1)) for p in folder.glob("*") if (m := _VERSION.match(p.name))]
    return f"{max(seqs, default=0) + 1:06d}-{run_id}"


def clone_snapshot(current: Path | None, target: Path, skip_partitions: set[str]) -> None:
    """Hard-link every file of ``current`` into ``target`` except the skipped partitions."""
    target.mkdir(parents=True, exist_ok=False)
    if current is None:
        return
    for file in current.rglob("*.parquet"):
        rel = file.relative_to(current)
        if str(rel.parent) in skip_partitions:
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, dest)
        except OSError:  # a file system without hard links
            shutil.copy2(file, dest)


def swap_link(root: Path, dataset: str, version: str) -> None:
    link = dataset_link(root, dataset)
    tmp = link.with_name(f".{dataset}.swap-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.join(SNAPSHOTS, dataset, version), tmp)
    os.replace(tmp, link)


def write_journal(root: Path, run_id: str, versions: dict[str, str]) -> Path:
    folder = root / TXN
    folder.mkdir(exist_ok=True)
    path = folder / f"{run_id}.json"
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as fh:
        json.dump({"run_id": run_id, "versions": versions}, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def roll_forward(root: Path) -> list[str]:
    """Finish the swaps of any run whose journal was written (it had committed)."""
    finished = []
    for journal in sorted((root / TXN).glob("*.json")):
        entry = json.loads(journal.read_text())
        for dataset, version in entry["versions"].items():
            if (snapshot_root(root, dataset) / version).is_dir():
                swap_link(root, dataset, version)
        journal.unlink()
        finished.append(entry["run_id"])
    for leftover in (root / TXN).glob("*.tmp"):
        leftover.unlink()
    return finished


def collect_garbage(root: Path, datasets: tuple[str, ...], keep: int = 2) -> int:
    """Remove snapshots that are neither current nor among the ``keep`` newest older ones.

    Also removes uncommitted snapshots (newer than the current one, left by a crash).
    """
    removed = 0
    for dataset in datasets:
        folder = snapshot_root(root, dataset)
        if not folder.is_dir():
            continue
        current = current_snapshot(root, dataset)
        cur_seq = _seq(current.name) if current else 0
        versions = sorted((p for p in folder.iterdir() if _VERSION.match(p.name)), key=lambda p: p.name)
        older = [p for p in versions if _seq(p.name) < cur_seq]
        doomed = [p for p in versions if _seq(p.name) > cur_seq] + older[: max(0, len(older) - (keep - 1))]
        for path in doomed:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _seq(name: str) -> int:
    m = _VERSION.match(name)
    return int(m.group(1)) if m else 0
