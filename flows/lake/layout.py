"""Where things live in a lake folder.

    <lake>/<dataset>            symlink to the dataset's current snapshot (what readers glob)
    <lake>/.snapshots/<dataset>/<version>/YYYY-MM/part-<run>-<n>.parquet   (undated/ for no date)
    <lake>/.txn/<run_id>.json   commit journal of a run being published
    <lake>/.lock                held while a run publishes
    <lake>/_validation/<run_id>/  Great Expectations results of a run

Readers use the plain dataset path (``<lake>/articles/**/*.parquet``); everything else is
hidden from their globs (dot-folders) or outside the dataset roots.

A partitioned dataset's folders are named ``YYYY-MM`` (``undated`` when the date is null) and
every file carries the ``year`` and ``month`` columns itself (int32): hive folders
(``year=2025/month=02``) read back as text in DuckDB and as categoricals in pandas and pyarrow,
and pandas cannot read a null hive partition at all, while a column stored in the file reads as
an integer in all of them. Lakes written with hive folders are converted once, on the next run
(:mod:`flows.lake.migrate`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from flows.errors import LakeError as LakeError  # the one error tree: flows/errors.py

DATASETS = ("articles", "mentions", "events", "quarantine", "runs")
SNAPSHOTS = ".snapshots"
TXN = ".txn"
LOCK = ".lock"
VALIDATION = "_validation"
REPORTS = "_reports"  # HTML run reports
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # the null value of the old hive layout
UNDATED = "undated"
PARTITION_COLUMNS = ("year", "month")
_LEGACY = re.compile(r"^year=(\d+|__HIVE_DEFAULT_PARTITION__)/month=(\d+|__HIVE_DEFAULT_PARTITION__)$")
_MONTHLY = re.compile(r"^(\d{4})-(\d{2})$")


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


def partition_dir(year: int | None, month: int | None) -> str:
    """The folder of a partition: ``2025-02``, or ``undated`` for rows without a date."""
    return UNDATED if year is None or month is None else f"{year:04d}-{month:02d}"


def partition_values(folder: str) -> tuple[int | None, int | None]:
    """(year, month) of a partition folder, in the current layout or the old hive one."""
    if folder == UNDATED:
        return None, None
    if m := _MONTHLY.match(folder):
        return int(m.group(1)), int(m.group(2))
    if m := _LEGACY.match(folder):
        return tuple(None if v == NULL_PARTITION else int(v) for v in m.groups())  # type: ignore[return-value]
    raise LakeError(f"{folder!r} is not a partition folder (YYYY-MM or undated)")


def is_legacy_partition(folder: str) -> bool:
    return bool(_LEGACY.match(folder))
