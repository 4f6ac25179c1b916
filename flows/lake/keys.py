"""Ask the lake about a run's keys without loading the lake's keys.

A run needs to know which of ITS article ids, content hashes and quarantine ids the lake
already holds, and which lake rows came from the files it replaces. Each question is one
streamed scan of the committed files: only the named columns are read, record batch by record
batch, and only the rows matching the run's values are kept. Memory follows the run's keys
and a few record batches, never the lake's size.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from .layout import current_snapshot, lake_root

# record batches read ahead: bounds the scan's memory whatever the files' row groups
BATCH_ROWS = 65_536
READAHEAD = {"batch_readahead": 2, "fragment_readahead": 2}


def arrow_dataset(lake, dataset: str) -> ds.Dataset | None:
    """The committed files of a dataset as a pyarrow dataset (None when it has none)."""
    root = lake_root(lake)
    if not isinstance(root, Path):
        from .objectstore.read import object_arrow_dataset

        return object_arrow_dataset(root, dataset)
    snap = current_snapshot(root, dataset) if root.exists() else None
    files = sorted(str(f) for f in snap.rglob("*.parquet")) if snap is not None else []
    return ds.dataset(files, format="parquet") if files else None


def _batches(source: ds.Dataset, columns: list[str], where: pc.Expression | None) -> Iterable[pa.RecordBatch]:
    scanner = source.scanner(columns=columns, filter=where, batch_size=BATCH_ROWS, **READAHEAD)
    return scanner.to_batches()


def matching_rows(lake, dataset: str, columns: list[str], values: dict[str, Collection[str]]) -> pl.DataFrame:
    """``columns`` of the lake rows whose value in any column of ``values`` is among its values."""
    wanted = {c: pa.array(sorted(v), pa.string()) for c, v in values.items() if v}
    empty = pl.DataFrame(schema={c: pl.String for c in columns})
    source = arrow_dataset(lake, dataset)
    if source is None or not wanted:
        return empty
    where = None
    for column, array in wanted.items():
        test = pc.field(column).isin(array)
        where = test if where is None else where | test
    tables = [pa.Table.from_batches([b]) for b in _batches(source, columns, where) if b.num_rows]
    if not tables:
        return empty
    return pl.from_arrow(pa.concat_tables(tables)).select(columns)  # type: ignore[union-attr]


def distinct_values(lake, dataset: str, column: str) -> set[str]:
    """The distinct non-null values of one column (e.g. the few source files of a lake)."""
    source = arrow_dataset(lake, dataset)
    if source is None:
        return set()
    seen: set[str] = set()
    for batch in _batches(source, [column], None):
        seen.update(v for v in pc.unique(batch.column(0)).to_pylist() if v is not None)
    return seen
