"""Ask the lake about a run's keys without loading the lake's keys.

A run needs to know which of ITS article ids, content hashes and quarantine ids the lake
already holds, and which lake rows came from the files it replaces. Each question is one
streamed scan of the committed files: only the named columns are read, a row group at a time,
and only the rows matching the run's values are kept. Memory follows the run's keys, never
the lake's size. (Measured on a generated lake of 1M articles, 1,440 files, 1,000 keys asked:
Polars' streaming engine ≈0.3 s and +15 MB; a pyarrow dataset scanner 1.7–4 s and +125 MB.)
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from .api import open_lake
from .layout import current_snapshot

BATCH_ROWS = 65_536


def _local_files(root: Path, dataset: str) -> list[str]:
    snap = current_snapshot(root, dataset) if root.exists() else None
    return sorted(str(f) for f in snap.rglob("*.parquet")) if snap is not None else []


def _object_batches(lake, dataset: str, columns: list[str]) -> Iterator[pl.DataFrame]:
    """``columns`` of every committed file of an object-store dataset, a row group at a time."""
    from .objectstore.manifest import read_manifest

    manifest = read_manifest(lake, dataset)
    for entry in manifest["files"] if manifest else []:
        with lake.fs.open(lake.key(entry["path"]), "rb") as fh:
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=BATCH_ROWS, columns=columns):
                yield pl.from_arrow(pa.Table.from_batches([batch]))  # type: ignore[misc]


def _where(values: dict[str, Collection[str]]) -> pl.Expr | None:
    tests = [pl.col(c).is_in(pl.Series(sorted(v), dtype=pl.String).implode()) for c, v in values.items() if v]
    return pl.any_horizontal(tests) if tests else None


def matching_rows(lake, dataset: str, columns: list[str], values: dict[str, Collection[str]]) -> pl.DataFrame:
    """``columns`` of the lake rows whose value in any column of ``values`` is among its values."""
    empty = pl.DataFrame(schema={c: pl.String for c in columns})
    where = _where(values)
    if where is None:
        return empty
    found = open_lake(lake).find_rows(dataset, columns, list(values), where)
    return empty if found is None else found


def distinct_values(lake, dataset: str, column: str) -> set[str]:
    """The distinct non-null values of one column (e.g. the few source files of a lake)."""
    return open_lake(lake).distinct_values(dataset, column)


# -- the backends' halves (FolderLake and ObjectLake call these) ---------------------------
def folder_rows(root: Path, dataset: str, columns: list[str], where: pl.Expr) -> pl.DataFrame | None:
    files = _local_files(root, dataset)
    if not files:
        return None
    return pl.scan_parquet(files).filter(where).select(columns).collect(engine="streaming")


def object_rows(lake, dataset: str, columns: list[str], keys: list[str], where: pl.Expr) -> pl.DataFrame | None:
    needed = list(dict.fromkeys([*columns, *keys]))
    found = [b.filter(where).select(columns) for b in _object_batches(lake, dataset, needed)]
    found = [f for f in found if f.height]
    return pl.concat(found) if found else None


def folder_distinct(root: Path, dataset: str, column: str) -> set[str]:
    files = _local_files(root, dataset)
    if not files:
        return set()
    frame = pl.scan_parquet(files).select(pl.col(column).unique()).collect(engine="streaming")
    return set(frame[column].drop_nulls().to_list())


def object_distinct(lake, dataset: str, column: str) -> set[str]:
    seen: set[str] = set()
    for batch in _object_batches(lake, dataset, [column]):
        seen.update(batch[column].drop_nulls().unique().to_list())
    return seen
