"""Write a frame as month-partitioned Parquet files (``YYYY-MM/``, ``undated/``) into a folder;
every file of a partitioned dataset carries its ``year`` and ``month`` columns (see layout)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from .layout import PARTITION_COLUMNS, partition_dir

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "write_statistics": True}
ROW_GROUP_SIZE = 100_000


@dataclass(frozen=True)
class DatasetWrite:
    """One dataset's share of a publish."""

    name: str
    frame: pl.DataFrame
    schema: pa.Schema  # the contract's Arrow schema (no partition columns)
    key: tuple[str, ...]
    partition_by: str | None = None  # a date/timestamp column → YYYY-MM/ folders, year/month columns
    mode: str = "append"  # append | upsert (replace rows with the same key)

    @property
    def file_schema(self) -> pa.Schema:
        """The schema of the dataset's files (the contract's, plus year/month when partitioned)."""
        return with_partition_columns(self.schema) if self.partition_by else self.schema


# pandas metadata naming a nullable integer dtype: pandas then reads year/month as Int32 even
# where undated rows hold nulls (numpy's int64 cannot, and would turn them into float64)
_PANDAS = {"index_columns": [], "column_indexes": [], "creator": {"library": "geowire"}, "columns": [
    {"name": c, "field_name": c, "pandas_type": "int32", "numpy_type": "Int32", "metadata": None}
    for c in PARTITION_COLUMNS]}


def with_partition_columns(schema: pa.Schema) -> pa.Schema:
    """``schema`` plus the int32 ``year`` and ``month`` columns every partitioned file carries."""
    if PARTITION_COLUMNS[0] in schema.names:
        return schema
    fields = [pa.field(c, pa.int32(), nullable=True, metadata={"description": f"{c} of the partition date"})
              for c in PARTITION_COLUMNS]
    meta = {**(schema.metadata or {}), b"pandas": json.dumps(_PANDAS).encode()}
    return pa.schema([*schema, *fields], metadata=meta)


def split_partitions(frame: pl.DataFrame, partition_by: str | None) -> dict[str, pl.DataFrame]:
    """Group rows by their partition folder ("" for an unpartitioned dataset); the groups of a
    partitioned dataset gain the ``year`` and ``month`` columns."""
    if partition_by is None:
        return {"": frame} if frame.height else {}
    col = pl.col(partition_by)
    keyed = frame.drop(PARTITION_COLUMNS, strict=False).with_columns(
        col.dt.year().cast(pl.Int32).alias("year"), col.dt.month().cast(pl.Int32).alias("month"))
    parts: dict[str, pl.DataFrame] = {}
    for (year, month), group in keyed.group_by(list(PARTITION_COLUMNS), maintain_order=True):
        parts[partition_dir(year, month)] = group
    return parts


def write_file(frame: pl.DataFrame, schema: pa.Schema, key: tuple[str, ...], path: Path) -> int:
    """Write one Parquet file sorted by key; return its row count. A frame that carries the
    partition columns (``split_partitions`` adds them) is written with them."""
    if key:
        frame = frame.sort(list(key))
    if all(c in frame.columns for c in PARTITION_COLUMNS):
        schema = with_partition_columns(schema)
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
