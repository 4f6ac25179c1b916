"""Where things live in a lake folder.

    <lake>/<dataset>            symlink to the dataset's current snapshot (what readers glob)
    <lake>/.snapshots/<dataset>/<version>/year=YYYY/month=MM/part-<run>-<n>.parquet
    <lake>/.txn/<run_id>.json   commit journal of a run being published
    <lake>/.lock                held while a run publishes
    <lake>/_validation/<run_id>/  Great Expectations results of a run

Readers use the plain dataset path (``<lake>/articles/**/*.parquet``); everything else is
hidden from their globs (dot-folders) or outside the dataset roots.
"""

from __future__ import annotations

import os
from pathlib import Path

DATASETS = ("articles", "mentions", "events", "quarantine", "runs")
SNAPSHOTS = ".snapshots"
TXN = ".txn"
LOCK = ".lock"
VALIDATION = "_validation"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


class LakeError(RuntimeError):
    """The lake cannot be used (not writable, locked, corrupt)."""


def lake_root(lake):
    """Resolve a lake location: a local folder (``file://`` URLs accepted) gives a ``Path``;
    any other fsspec URL (``s3://bucket/lake``) an ``ObjectLake``, which passes through."""
    if not isinstance(lake, (str, os.PathLike)):
        return lake  # already resolved (an ObjectLake)
    text = str(lake)
    if text.startswith("file://"):
        text = text[len("file://"):]
    elif "://" in text:
        from .objectstore import open_object_lake

        return open_object_lake(text)
    return Path(text).expanduser().absolute()


def dataset_link(root: Path, dataset: str) -> Path:
    return root / dataset


def snapshot_root(root: Path, dataset: str) -> Path:
    return root / SNAPSHOTS / dataset


def current_snapshot(root: Path, dataset: str) -> Path | None:
    """The folder the dataset link points to, or None for a dataset never published."""
    link = dataset_link(root, dataset)
    if link.is_symlink():
        return (link.parent / os.readlink(link)).resolve()
    if link.exists():
        raise LakeError(f"{link} is not a geowire dataset link (a plain folder or file is in the way)")
    return None


def ensure_writable(root: Path) -> None:
    """Create the lake folder and prove we can write into it, or raise LakeError."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise LakeError(f"lake {root} is not writable: {exc.strerror or exc}") from exc
