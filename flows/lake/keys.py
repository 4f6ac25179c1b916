"""Ask the lake about a run's keys without loading the lake's keys.

A run needs to know which of ITS article ids, content hashes and quarantine ids the lake
already holds, and which lake rows came from the files it replaces. Each question is one
streamed scan of committed files: only the named columns are read, a row group at a time,
and only the rows matching the run's values are kept. Memory follows the run's keys, never
the lake's size. (Measured on a generated lake of 1M articles, 1,440 files, 1,000 keys asked:
Polars' streaming engine ≈0.3 s and +15 MB; a pyarrow dataset scanner 1.7–4 s and +125 MB.)

Which files: for the columns the key index serves (:mod:`flows.lake.keyindex`: article ids,
content hashes, quarantine ids), only the files its sorted hashes name, so a lookup's time
grows with the logarithm of the lake, not its size; for the others (replacement asks by
``source_file``), or when the index is missing or stale, every committed file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from .api import open_lake
from .keyindex import folder as folder_index
from .keyindex import objectstore as object_index
from .keyindex import serves
from .layout import current_snapshot

BATCH_ROWS = 65_536


def _local_files(snap: Path) -> list[Path]:
    return sorted(snap.rglob("*.parquet"))


def _object_batches(lake, rels: list[str], columns: list[str]) -> Iterator[pl.DataFrame]:
    """``columns`` of the named committed files of an object-store dataset, a row group at a time."""
    for rel in rels:
        with lake.fs.open(lake.key(rel), "rb") as fh:
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=BATCH_ROWS, columns=columns):
                yield pl.from_arrow(pa.Table.from_batches([batch]))  # type: ignore[misc]


def _where(values: dict[str, set[str]]) -> pl.Expr:
    return pl.any_horizontal([pl.col(c).is_in(pl.Series(sorted(v), dtype=pl.String).implode()) for c, v in values.items()])


def matching_rows(lake, dataset: str, columns: list[str], values: Mapping[str, Collection[str]],
                  use_index: bool = True) -> pl.DataFrame:
    """``columns`` of the lake rows whose value in any column of ``values`` is among its values
    (``use_index=False``: scan every file even where the key index could answer)."""
    empty = pl.DataFrame(schema={c: pl.String for c in columns})
    asked = {c: set(v) for c, v in values.items() if v}
    if not asked:
        return empty
    found = open_lake(lake).find_rows(dataset, columns, asked, use_index)
    return empty if found is None else found


def distinct_values(lake, dataset: str, column: str) -> set[str]:
    """The distinct non-null values of one column (e.g. the few source files of a lake)."""
    return open_lake(lake).distinct_values(dataset, column)


# -- the backends' halves (FolderLake and ObjectLake call these) ---------------------------
def folder_rows(root: Path, dataset: str, columns: list[str], values: dict[str, set[str]],
                use_index: bool) -> pl.DataFrame | None:
    snap = current_snapshot(root, dataset) if root.exists() else None
    if snap is None:
        return None
    files = folder_index.candidate_files(snap, values) if use_index and serves(dataset, values) else None
    if files is None:
        files = _local_files(snap)
    if not files:
        return None
    return pl.scan_parquet([str(f) for f in files]).filter(_where(values)).select(columns).collect(engine="streaming")


def object_rows(lake, dataset: str, columns: list[str], values: dict[str, set[str]],
                use_index: bool) -> pl.DataFrame | None:
    from .objectstore.manifest import read_manifest

    manifest = read_manifest(lake, dataset)
    if manifest is None:
        return None
    candidates = object_index.candidate_files(lake, dataset, manifest, values) \
        if use_index and serves(dataset, values) else None
    rels = sorted(candidates) if candidates is not None else [f["path"] for f in manifest["files"]]
    where, needed = _where(values), list(dict.fromkeys([*columns, *values]))
    found = [b.filter(where).select(columns) for b in _object_batches(lake, rels, needed)]
    found = [f for f in found if f.height]
    return pl.concat(found) if found else None


def folder_distinct(root: Path, dataset: str, column: str) -> set[str]:
    snap = current_snapshot(root, dataset) if root.exists() else None
    files = _local_files(snap) if snap is not None else []
    if not files:
        return set()
    frame = pl.scan_parquet([str(f) for f in files]).select(pl.col(column).unique()).collect(engine="streaming")
    return set(frame[column].drop_nulls().to_list())


def object_distinct(lake, dataset: str, column: str) -> set[str]:
    from .objectstore.manifest import read_manifest

    manifest = read_manifest(lake, dataset)
    seen: set[str] = set()
    for batch in _object_batches(lake, [f["path"] for f in manifest["files"]] if manifest else [], [column]):
        seen.update(batch[column].drop_nulls().unique().to_list())
    return seen
