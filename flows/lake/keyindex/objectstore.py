"""The key index of an object-store lake.

    <lake>/_keyindex/<dataset>/<segment>.<column>.bin    sorted hashes, then file ids
    <lake>/_manifests/<dataset>.json → "keyindex": {…}    the catalog, inside the manifest

The catalog lives in the manifest, so the single PUT that commits a dataset's files commits
its index too. A commit uploads its new segments with its data files (before the journal);
the segments it merges away are deleted with the files it replaces, when the journal is
applied. Segments of a run that died before its commit point are orphans that ``repair``
deletes. A manifest without a catalog, or whose catalog does not cover exactly the files it
lists (written by a geowire without the index, or by a layout migration), is not used:
lookups scan, and the next commit rebuilds the index.

Lookups read the segments they need whole, all in one concurrent ``cat`` (12 bytes per key
and segment: ≈24 MB for the two article columns of a million-article lake, against ≈1,400
Parquet files opened one after the other by a scan).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from . import catalog as cat
from . import segments as seg

log = logging.getLogger(__name__)

PREFIX = "_keyindex"


def segment_path(dataset: str, name: str, column: str) -> str:
    """Lake-relative path of one column of a segment."""
    return f"{PREFIX}/{dataset}/{name}.{column}.bin"


class ObjectSegments:
    """A dataset's segments on the store; new ones are written under ``local`` for upload."""

    def __init__(self, lake, dataset: str, local: Path | None = None, data: dict[str, Path] | None = None):
        self.lake, self.dataset, self.local = lake, dataset, local
        self.data = data or {}  # lake-relative data file → local copy (the commit's new files)
        self.fetched: dict[str, bytes] = {}
        self.written: dict[str, Path] = {}  # lake-relative segment path → local file

    def prefetch(self, catalog: dict, columns: list[str]) -> None:
        """Fetch every segment column of ``columns`` at once (concurrent requests)."""
        rels = [segment_path(self.dataset, s["name"], c) for s in catalog["segments"] for c in columns
                if s["entries"].get(c, 0)]
        if rels:
            got = self.lake.fs.cat([self.lake.key(r) for r in rels])
            self.fetched.update({r: got[self.lake.key(r)] for r in rels})

    def read(self, name: str, column: str, n: int) -> seg.Column:
        if n == 0:
            return seg.empty_column()
        rel = segment_path(self.dataset, name, column)
        if rel in self.written:
            return seg.Column.from_buffer(self.written[rel].read_bytes(), n)
        if rel not in self.fetched:
            self.fetched[rel] = self.lake.fs.cat_file(self.lake.key(rel))
        return seg.Column.from_buffer(self.fetched[rel], n)

    def write(self, name: str, column: str, values: seg.Column) -> None:
        if self.local is None:
            raise RuntimeError("segments are written only by a commit")
        rel = segment_path(self.dataset, name, column)
        path = self.local / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(values.to_bytes())
        self.written[rel] = path

    def keep(self, name: str, columns: list[str]) -> None:
        return None  # segments stay where they are; the new manifest names them again

    def key_columns(self, rels: list[str], columns: list[str]) -> Iterator[tuple[str, pl.DataFrame]]:
        for rel in rels:
            if rel in self.data:
                yield rel, pl.read_parquet(self.data[rel], columns=columns)
                continue
            with self.lake.fs.open(self.lake.key(rel), "rb") as fh:  # a rebuild: committed files
                yield rel, pl.from_arrow(pq.read_table(fh, columns=columns))  # type: ignore[misc]


def usable_catalog(manifest: dict | None, columns: list[str]) -> dict | None:
    """The manifest's catalog when it covers exactly the manifest's files."""
    catalog = (manifest or {}).get("keyindex")
    if not manifest or catalog is None or not cat.is_usable(catalog, columns):
        return None
    if cat.live_files(catalog) != {f["path"] for f in manifest["files"]}:
        return None
    return catalog


def index_manifest(lake, dataset: str, current: dict | None, files: list[str], columns: list[str],
                   local: Path, data: dict[str, Path], prefix: str) -> tuple[dict | None, list[tuple[Path, str]], list[str]]:
    """The catalog of a dataset whose new manifest lists ``files`` (``data``: the commit's new
    files, still local). Returns it (None: the data cannot be indexed), the segments to upload
    and the segment paths to delete."""
    store = ObjectSegments(lake, dataset, local, data)
    previous = usable_catalog(current, columns)
    try:
        catalog, dropped = cat.update(previous, sorted(files), store, columns, prefix)
    except cat.Unindexable as exc:
        log.warning("%s/%s: no key index (lookups will scan): %s", lake.url, dataset, exc)
        return None, [], []
    old = (current or {}).get("keyindex") or {}
    deletes = [segment_path(dataset, name, c) for name in dropped for c in old.get("columns", [])]
    return catalog, [(p, rel) for rel, p in store.written.items()], deletes


def candidate_files(lake, dataset: str, manifest: dict | None, values: dict[str, set[str]]) -> set[str] | None:
    """The data files (lake-relative) that may hold one of ``values``; None when the index
    cannot tell (the caller scans every file)."""
    catalog = usable_catalog(manifest, list(values))
    if catalog is None:
        return None
    store = ObjectSegments(lake, dataset)
    store.prefetch(catalog, list(values))
    return cat.candidate_files(catalog, store, values)


def referenced(manifest: dict | None, dataset: str) -> set[str]:
    """Lake-relative paths of the segments a manifest's catalog names."""
    catalog = (manifest or {}).get("keyindex") or {}
    return {segment_path(dataset, s["name"], c) for s in catalog.get("segments", [])
            for c in catalog.get("columns", [])}


def remove_index_orphans(lake, manifests: dict[str, dict | None]) -> list[str]:
    """Delete segments no manifest names (a run that died before its commit point, or an
    index dropped by a writer that does not keep one). Hold the lock; journals applied."""
    orphans = []
    for dataset, manifest in manifests.items():
        keep = referenced(manifest, dataset)
        prefix = lake.key(PREFIX, dataset)
        found = lake.fs.find(prefix) if lake.fs.exists(prefix) else []
        orphans += [k for k in found if k[len(lake.root) + 1:] not in keep]
    lake.delete(orphans)
    return orphans
