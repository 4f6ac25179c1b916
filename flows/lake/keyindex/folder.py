"""The key index of a folder lake: inside each snapshot, in ``<snapshot>/.keyindex/``.

    .keyindex/catalog.json                 segments + the snapshot they describe
    .keyindex/<segment>.<column>.bin       sorted hashes, then file ids (see segments.py)

A commit builds it in the new snapshot folder beside the data (the previous snapshot's
segments hard-linked, one new segment, merges), before the snapshot is fsynced, journaled and
swapped in: readers see the data and its index together or neither, and a crash in between
leaves an uncommitted snapshot that the next run deletes. A snapshot written by a geowire
without the index (or by a layout migration) has no catalog naming it: lookups then scan, and
the next commit of that dataset rebuilds the index from the data.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import polars as pl

from . import catalog as cat
from . import segments as seg

log = logging.getLogger(__name__)

INDEX = ".keyindex"
CATALOG = "catalog.json"
SCAN_FILES = 256  # data files read per scan while indexing


class FolderSegments:
    """The segments of one snapshot's index (``folder``), carried over from ``source``."""

    def __init__(self, snapshot: Path, source: Path | None = None):
        self.snapshot, self.folder = snapshot, snapshot / INDEX
        self.source = source / INDEX if source is not None else None

    def _path(self, name: str, column: str) -> Path:
        return self.folder / f"{name}.{column}.bin"

    def read(self, name: str, column: str, n: int) -> seg.Column:
        if n == 0:
            return seg.empty_column()
        try:
            return seg.Column.from_buffer(np.memmap(self._path(name, column), dtype=np.uint8, mode="r"), n)
        except (FileNotFoundError, ValueError) as exc:  # missing or truncated: the index is broken
            raise cat.Unindexable(f"segment {name}.{column}: {exc}") from exc

    def write(self, name: str, column: str, data: bytes) -> None:
        path = self._path(name, column)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def keep(self, name: str, columns: list[str]) -> bool:
        if self.source is None or self.source == self.folder:
            return all(self._path(name, c).is_file() for c in columns)
        self.folder.mkdir(parents=True, exist_ok=True)
        for column in columns:
            src, dest = self.source / f"{name}.{column}.bin", self._path(name, column)
            if not src.is_file():
                return False
            try:
                os.link(src, dest)
            except OSError:  # a file system without hard links
                shutil.copy2(src, dest)
        return True

    def key_columns(self, rels: list[str], columns: list[str]) -> Iterator[tuple[str, pl.DataFrame]]:
        for start in range(0, len(rels), SCAN_FILES):
            chunk = rels[start:start + SCAN_FILES]
            paths = {str(self.snapshot / rel): rel for rel in chunk}
            frame = pl.scan_parquet(list(paths), include_file_paths="_file").select([*columns, "_file"]).collect()
            groups = {key[0]: g.drop("_file") for key, g in frame.group_by("_file")}
            empty = pl.DataFrame(schema={c: pl.String for c in columns})
            for path, rel in paths.items():
                yield rel, groups.get(path, empty)


def load_catalog(snapshot: Path | None, columns: list[str]) -> dict | None:
    """The catalog of ``snapshot``'s index, or None when it has none that describes it."""
    if snapshot is None:
        return None
    try:
        catalog = json.loads((snapshot / INDEX / CATALOG).read_text())
    except (OSError, ValueError):
        return None
    if catalog.get("snapshot") != snapshot.name or not cat.is_usable(catalog, columns):
        return None
    return catalog


def index_snapshot(current: Path | None, target: Path, columns: list[str]) -> dict | None:
    """Write the index of the snapshot being built in ``target`` (``current``: the committed
    snapshot it was cloned from, whose index it extends). Returns the catalog (None: the data
    cannot be indexed, and the snapshot goes without)."""
    previous = load_catalog(current, columns)
    live = sorted(f.relative_to(target).as_posix() for f in target.rglob("*.parquet"))
    store = FolderSegments(target, current)
    try:
        catalog, _ = cat.update(previous, live, store, columns, prefix=target.name)
    except cat.Unindexable as exc:
        log.warning("%s: no key index (lookups will scan): %s", target, exc)
        shutil.rmtree(target / INDEX, ignore_errors=True)
        return None
    catalog["snapshot"] = target.name
    path = target / INDEX / CATALOG
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(CATALOG + ".tmp")
    tmp.write_text(json.dumps(catalog, separators=(",", ":")))
    os.replace(tmp, path)
    return catalog


def candidate_files(snapshot: Path, values: dict[str, set[str]]) -> list[Path] | None:
    """The snapshot's data files that may hold one of ``values``; None when its index cannot
    tell (missing, stale, or not covering these columns): the caller scans them all."""
    catalog = load_catalog(snapshot, list(values))
    if catalog is None:
        return None
    try:
        files = [snapshot / rel for rel in sorted(cat.candidate_files(catalog, FolderSegments(snapshot), values))]
    except cat.Unindexable as exc:
        log.warning("%s: key index unreadable, scanning instead: %s", snapshot, exc)
        return None
    if not all(f.is_file() for f in files):
        return None  # a snapshot changed behind the lake's back: do not trust its index
    return files
