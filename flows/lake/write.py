"""Write a frame as hive-partitioned Parquet files (year=YYYY/month=MM) into a folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from .layout import NULL_PARTITION

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "write_statistics": True}
ROW_GROUP_SIZE = 100_000


@dataclass(frozen=True)
class DatasetWrite:
    """One dataset's share of a publish."""

    name: str
    frame: pl.DataFrame
    schema: pa.Schema  # the contract's Arrow schema (no partition columns)
    key: tuple[str, ...]
    partition_by: str | None = None  # a date/timestamp column → year=/month=
    mode: str = "append"  # append | upsert (replace rows with the same key)


def partition_dir(year: int | None, month: int | None) -> str:
    y = NULL_PARTITION if year is None else f"{year:04d}"
    m = NULL_PARTITION if month is None else f"{month:02d}"
    return f"year={y}/month={m}"


def split_partitions(frame: pl.DataFrame, partition_by: str | None) -> dict[str, pl.DataFrame]:
    """Group rows by their partition folder ("" for an unpartitioned dataset)."""
    if partition_by is None:
        return {"": frame} if frame.height else {}
    col = pl.col(partition_by)
    keyed = frame.with_columns(col.dt.year().alias("__y"), col.dt.month().alias("__m"))
    parts: dict[str, pl.DataFrame] = {}
    for (year, month), group in keyed.group_by(["__y", "__m"], maintain_order=True):
        parts[partition_dir(year, month)] = group.drop(["__y", "__m"])
    return parts


def write_file(frame: pl.DataFrame, schema: pa.Schema, key: tuple[str, ...], path: Path) -> int:
    """Write one Parquet file sorted by key; return its row count."""
    if key:
        frame = frame.sort(list(key))
    table = frame.to_arrow()
    table = table.select(schema.names).cast(schema)
    if path.exists():  # never overwrite: every file a run writes has its own name
        raise FileExistsError(f"refusing to overwrite {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, row_group_size=ROW_GROUP_SIZE, **PARQUET_OPTIONS)
    tmp.rename(path)
    return table.num_rows


def merge_files(files: list[Path], dest: Path) -> None:
    """Stream the row groups of a partition's staged files into one Parquet file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if len(files) == 1:
        os.replace(files[0], dest)
        return
    schema = pq.read_schema(files[0])
    with pq.ParquetWriter(dest, schema, **PARQUET_OPTIONS) as writer:
        for f in files:
            pf = pq.ParquetFile(f)
            for i in range(pf.num_row_groups):
                writer.write_table(pf.read_row_group(i))


def read_partition(folder: Path, schema: pa.Schema) -> pl.DataFrame:
    """All rows of one partition folder of a snapshot."""
    files = sorted(folder.glob("*.parquet"))
    if not files:
        return pl.from_arrow(schema.empty_table())
    tables = [pq.read_table(f, schema=schema) for f in files]
    return pl.from_arrow(pa.concat_tables(tables))


@dataclass(frozen=True)
class Deletion:
    """Rows to remove from what the lake holds: those whose ``column`` is in ``values``."""

    column: str
    values: frozenset[str]


def drop_deleted(frame: pl.DataFrame, deletions: list[Deletion]) -> pl.DataFrame:
    for d in deletions:
        frame = frame.filter(~pl.col(d.column).is_in(list(d.values)))
    return frame


def without_deleted(source, schema: pa.Schema, deletions: list[Deletion]) -> pl.DataFrame | None:
    """The rows of one Parquet file (path or open file) minus the deleted ones, or None when
    the file holds no deleted row (it can stay as it is)."""
    columns = sorted({d.column for d in deletions})
    keys = pl.from_arrow(pq.read_table(source, columns=columns))
    if drop_deleted(keys, deletions).height == keys.height:
        return None
    if hasattr(source, "seek"):
        source.seek(0)
    return drop_deleted(pl.from_arrow(pq.read_table(source, schema=schema)), deletions)


def merge_upsert(old: pl.DataFrame | None, frame: pl.DataFrame, key: tuple[str, ...],
                 deletions: list[Deletion]) -> pl.DataFrame:
    """An upserted partition: ``frame`` plus the old rows (not deleted) whose key it lacks."""
    if old is None:
        return frame
    old = drop_deleted(old, deletions)
    if not old.height:
        return frame
    old = old.join(frame.select(key), on=list(key), how="anti")
    return pl.concat([old, frame.select(old.columns)], how="vertical_relaxed")
