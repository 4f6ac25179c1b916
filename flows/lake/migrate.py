"""Convert a local lake written with hive folders (``year=2025/month=02``) to the current
layout (``2025-02/``, ``undated/``, year and month stored in the files).

It runs under the writer's lock when a run opens the lake (``repair``), one new snapshot per
partitioned dataset, committed like a run (journal, then link swaps): a reader sees the old
layout or the new one, never a mix, and a crash half-way is finished or discarded by the next run.
Unchanged row content; each file keeps its name.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .layout import DATASETS, current_snapshot, is_legacy_partition, partition_dir, partition_values, snapshot_root
from .snapshots import next_version, roll_forward, write_journal
from .write import PARQUET_OPTIONS, ROW_GROUP_SIZE, with_partition_columns


def legacy_datasets(root: Path) -> list[str]:
    """The datasets whose current snapshot still has hive partition folders."""
    found = []
    for dataset in DATASETS:
        snap = current_snapshot(root, dataset)
        if snap is not None and any(is_legacy_partition(_part(snap, f)) for f in snap.rglob("*.parquet")):
            found.append(dataset)
    return found


def migrate_layout(root: Path) -> list[str]:
    """Convert every dataset still in the hive layout; return their names (none: a no-op)."""
    datasets = legacy_datasets(root)
    if not datasets:
        return []
    run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}Z-layout"
    versions = {}
    for dataset in datasets:
        current = current_snapshot(root, dataset)
        if current is None:
            continue
        version = next_version(root, dataset, run_id)
        target = snapshot_root(root, dataset) / version
        target.mkdir(parents=True)
        for file in sorted(current.rglob("*.parquet")):
            part = _part(current, file)
            convert_file(file, part, target / new_partition(part) / file.name)
        versions[dataset] = version
    write_journal(root, run_id, versions)
    roll_forward(root)
    return datasets


def _part(snapshot: Path, file: Path) -> str:
    return file.parent.relative_to(snapshot).as_posix()


def new_partition(part: str) -> str:
    """The current folder name of an old hive partition folder."""
    return partition_dir(*partition_values(part))


def convert_file(source, part: str, dest: Path) -> None:
    """Rewrite one file (a path or an open file) of hive partition ``part`` to ``dest``, with
    the year/month columns its folder stood for."""
    year, month = partition_values(part)
    table = pq.read_table(source, partitioning=None)
    table = table.drop_columns([c for c in ("year", "month") if c in table.column_names])
    schema = with_partition_columns(table.schema)
    table = table.append_column("year", pa.array([year] * table.num_rows, pa.int32()))
    table = table.append_column("month", pa.array([month] * table.num_rows, pa.int32()))
    dest.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table.cast(schema), dest, row_group_size=ROW_GROUP_SIZE, **PARQUET_OPTIONS)
