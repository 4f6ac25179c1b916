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
Parquet files opened one after the other by a scan), and keep them in a local cache
(``cache_folder``), so the next lookup downloads only the segments committed since and
binary-searches memory-mapped copies of the others.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
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
        self.cached: dict[str, Path] = {}  # lake-relative segment path → local cached copy
        self.written: dict[str, Path] = {}  # lake-relative segment path → local file

    def prefetch(self, catalog: dict, columns: list[str]) -> None:
        """Fetch every segment column of ``columns`` not in the local cache, at once
        (concurrent requests), and keep them there."""
        cache = cache_folder(self.lake, self.dataset)
        missing: dict[str, Path | None] = {}
        for s in catalog["segments"]:
            for c in columns:
                if not s["entries"].get(c, 0):
                    continue
                rel, local = segment_path(self.dataset, s["name"], c), _cached(cache, s, c)
                if local is not None and local.is_file() and local.stat().st_size == _size(s["entries"][c]):
                    self.cached[rel] = local
                else:
                    missing[rel] = local
        if missing:
            got = self.lake.fs.cat([self.lake.key(r) for r in missing])
            for rel, local in missing.items():
                self.fetched[rel] = got[self.lake.key(rel)]
                if local is not None:
                    _save(local, self.fetched[rel])
        if cache is not None:
            _evict(cache, catalog)

    def read(self, name: str, column: str, n: int) -> seg.Column:
        if n == 0:
            return seg.empty_column()
        rel = segment_path(self.dataset, name, column)
        if rel in self.written:
            return seg.Column.from_buffer(self.written[rel].read_bytes(), n)
        if rel in self.cached:
            try:
                return seg.Column.from_buffer(np.memmap(self.cached[rel], dtype=np.uint8, mode="r"), n)
            except (FileNotFoundError, ValueError):  # evicted meanwhile by another process
                pass
        try:
            if rel not in self.fetched:
                self.fetched[rel] = self.lake.fs.cat_file(self.lake.key(rel))
            return seg.Column.from_buffer(self.fetched[rel], n)
        except (FileNotFoundError, ValueError) as exc:  # missing or truncated: the index is broken
            raise cat.Unindexable(f"segment {rel}: {exc}") from exc

    def write(self, name: str, column: str, data: bytes) -> None:
        if self.local is None:
            raise RuntimeError("segments are written only by a commit")
        rel = segment_path(self.dataset, name, column)
        path = self.local / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written[rel] = path

    def keep(self, name: str, columns: list[str]) -> bool:
        """Segments stay where they are (the new manifest names them again), if they are there."""
        return all(self.lake.fs.exists(self.lake.key(segment_path(self.dataset, name, c))) for c in columns)

    def key_columns(self, rels: list[str], columns: list[str]) -> Iterator[tuple[str, pl.DataFrame]]:
        for rel in rels:
            if rel in self.data:
                yield rel, pl.read_parquet(self.data[rel], columns=columns)
                continue
            with self.lake.fs.open(self.lake.key(rel), "rb") as fh:  # a rebuild: committed files
                yield rel, pl.from_arrow(pq.read_table(fh, columns=columns))  # type: ignore[misc]


def cache_folder(lake, dataset: str) -> Path | None:
    """Where segments of this lake fetched by lookups are kept: they never change once written
    (new names per commit; a cached copy is named by its checksum too), so a run downloads only
    the segments committed since the last one. ``GEOWIRE_KEYINDEX_CACHE`` (empty: no cache),
    else ``$XDG_CACHE_HOME/geowire/keyindex`` or ``~/.cache/geowire/keyindex``."""
    from flows.settings import environment_settings, user_cache_folder

    root = user_cache_folder(environment_settings().keyindex_cache, "keyindex")
    if root is None:
        return None
    lake_id = hashlib.blake2b(str(lake.url).encode(), digest_size=8).hexdigest()
    return root / lake_id / dataset


def _cached(cache: Path | None, segment: dict, column: str) -> Path | None:
    checksum = segment.get("sums", {}).get(column)
    return cache / f"{segment['name']}.{column}.{checksum}.bin" if cache is not None and checksum else None


def _size(entries: int) -> int:
    return entries * (seg.HASH_DTYPE.itemsize + seg.FILE_DTYPE.itemsize)


def _save(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:  # a cache is an optimisation: a full or read-only disk only costs time
        log.warning("cannot cache key index segment %s: %s", path, exc)


def _evict(cache: Path, catalog: dict) -> None:
    """Drop cached segments the catalog no longer names (merged away, or of a rebuilt index)."""
    keep = {p.name for s in catalog["segments"] for c in catalog["columns"] if (p := _cached(cache, s, c))}
    for path in cache.glob("*.bin") if cache.is_dir() else []:
        if path.name not in keep:
            path.unlink(missing_ok=True)
    for path in cache.glob(".*.tmp") if cache.is_dir() else []:  # left by a process that died saving
        try:
            if time.time() - path.stat().st_mtime > 3600:
                path.unlink()
        except FileNotFoundError:  # renamed into place meanwhile
            pass


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
    try:
        store.prefetch(catalog, list(values))
        return cat.candidate_files(catalog, store, values)
    except (cat.Unindexable, FileNotFoundError) as exc:
        log.warning("%s/%s: key index unreadable, scanning instead: %s", lake.url, dataset, exc)
        return None


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
