"""A run's publish to the lake: stage files while the run works, then commit all at once.

    with LakeLock(root):
        txn = Transaction(root, run_id)          # repairs what a killed run left behind
        txn.append(write)                        # any number of times (one batch each)
        txn.upsert(write)                        # rows replace same-key rows of their partitions
        txn.commit()                             # readers switch to the new snapshots atomically
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


from flows.runners import available_cores

from .keyindex import indexed_columns
from .keyindex.folder import INDEX, index_snapshot
from .layout import DATASETS, VALIDATION, LakeError, current_snapshot, ensure_writable, snapshot_root
from .migrate import migrate_layout
from .snapshots import clone_snapshot, collect_garbage, next_version, roll_forward, write_journal
from .staged import StagedChanges
from .write import DatasetWrite, Deletion, merge_files, merge_upsert, read_partition, without_deleted, write_file

STAGING = ".staging"


class LakeLock:
    """An exclusive lock on the lake, held for a whole run (released by the OS if we die)."""

    def __init__(self, root: Path, wait_seconds: float = 0.0):
        self.root, self.wait_seconds, self._fh = root, wait_seconds, None

    def __enter__(self) -> "LakeLock":
        ensure_writable(self.root)
        self._fh = open(self.root / ".lock", "a+")
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self._fh.close()
                    raise LakeError(
                        f"lake {self.root} is locked by another geowire run; "
                        "wait for it to finish (or pass --wait-lock SECONDS)"
                    ) from None
                time.sleep(0.5)
        self._fh.seek(0), self._fh.truncate(), self._fh.write(f"{os.getpid()}\n"), self._fh.flush()
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self._fh, fcntl.LOCK_UN)
        self._fh.close()


def repair(root: Path) -> None:
    """Complete a committed-but-interrupted publish, drop what uncommitted runs staged and
    convert a lake written with hive folders to the current layout."""
    roll_forward(root)
    shutil.rmtree(root / STAGING, ignore_errors=True)
    migrate_layout(root)
    collect_garbage(root, DATASETS)


class Transaction(StagedChanges):
    def __init__(self, root: Path, run_id: str):
        self.root, self.run_id = root, run_id
        repair(root)
        self.staging = root / STAGING / run_id
        self.staging.mkdir(parents=True)
        self.results_dir = root / VALIDATION  # where shards keep their GE results
        self._start_changes()

    def commit(self) -> dict[str, str]:
        """Build the new snapshots, journal them, swap the links. Returns dataset → version."""
        versions = {}
        for name, spec in self._writes.items():
            version = self._build_snapshot(name, spec)
            if version:
                versions[name] = version
        if versions:
            write_journal(self.root, self.run_id, versions)
            roll_forward(self.root)
        shutil.rmtree(self.staging, ignore_errors=True)
        collect_garbage(self.root, DATASETS)
        return versions

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _build_snapshot(self, name: str, spec: DatasetWrite) -> str | None:
        changes = self.pending(name, spec)
        if changes is None:
            return None  # nothing new: keep the current snapshot (idempotent re-runs)
        current = current_snapshot(self.root, name)
        version = next_version(self.root, name, self.run_id)
        target = snapshot_root(self.root, name) / version
        clone_snapshot(current, target, skip_partitions=set(changes.upserts))
        if changes.deletions:
            _apply_deletions(target, spec, changes.deletions, self.run_id)
        with ThreadPoolExecutor(max_workers=available_cores()) as pool:  # Arrow's coding frees the GIL
            list(pool.map(lambda part: merge_files(changes.appended[part], target / part / f"part-{self.run_id}.parquet"),
                          sorted(changes.appended)))
        for part, frame in changes.upserts.items():
            old = read_partition(current / part, spec.file_schema) if current else None
            frame = merge_upsert(old, frame, spec.key, changes.deletions)
            write_file(frame, spec.schema, spec.key, target / part / f"part-{self.run_id}-u.parquet")
        if columns := indexed_columns(name, spec.schema.names):  # in the snapshot: swapped in with its data, or not at all
            index_snapshot(current, target, columns)
        _fsync_tree(target)
        return version


def _apply_deletions(target: Path, spec: DatasetWrite, deletions: list[Deletion], run_id: str) -> None:
    """Rewrite the (hard-linked) files of a new snapshot that hold deleted rows."""
    for file in sorted(target.rglob("*.parquet")):
        kept = without_deleted(file, spec.file_schema, deletions)
        if kept is None:
            continue
        file.unlink()  # only this snapshot's link: the older snapshot keeps its file
        if kept.height:
            write_file(kept, spec.schema, spec.key, file.with_name(f"{file.stem}-d{run_id}.parquet"))


def _fsync_tree(folder: Path) -> None:
    for file in [*folder.rglob("*.parquet"), *folder.glob(f"{INDEX}/*")]:
        fd = os.open(file, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
