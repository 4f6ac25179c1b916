"""The catalog of a dataset's key index, and how a commit brings it up to date.

A catalog (a small JSON document, written in the same commit as the data it describes) is

    {"format": 1, "hash": "blake2b-64", "columns": ["article_id", "content_hash"],
     "segments": [{"name": …, "files": [lake-relative data files], "dead": [file ids],
                   "rows": n, "entries": {column: n}}, …]}

oldest segment first. Each commit that writes the dataset adds one segment for the data files
the index does not cover yet (all of them when there was no index: the rebuild), marks the
files that left the dataset dead, and merges segments so that their number stays logarithmic
in the dataset's size (each segment at least twice the next newer one, none above
``MAX_SEGMENT_ROWS``, so a merge never holds more than a few tens of MB).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import numpy as np
import polars as pl
import pyarrow as pa

from . import segments as seg

FORMAT = 1
MAX_SEGMENT_ROWS = 2_000_000  # rows of data files a segment may cover (merges stay below it)
BUILD_ROWS = 500_000  # a rebuild writes segments of about this many rows (its memory: their key columns)
GROWTH = 2  # a segment is merged into the newer one unless it is GROWTH× larger


class Unindexable(Exception):
    """Data files whose key columns cannot be read as strings (the dataset stays unindexed:
    its lookups scan; the commit itself goes on)."""


class SegmentStore(Protocol):
    """Where one dataset's segments live (a snapshot folder, or a prefix on an object store)."""

    def read(self, name: str, column: str, n: int) -> seg.Column: ...
    def write(self, name: str, column: str, data: bytes) -> None:
        """Store one column of a segment (``Column.to_bytes``)."""
        ...
    def keep(self, name: str, columns: list[str]) -> bool:
        """Carry an existing segment into the index being built (False: it is missing)."""
        ...
    def key_columns(self, rels: list[str], columns: list[str]) -> Iterator[tuple[str, pl.DataFrame]]:
        """The key columns of data files, file by file."""
        ...


def is_usable(catalog: dict | None, columns: list[str]) -> bool:
    """Can this catalog answer questions about ``columns`` (its format and hash known)?"""
    if not isinstance(catalog, dict):
        return False
    return catalog.get("format") == FORMAT and catalog.get("hash") in seg.HASHERS \
        and set(columns) <= set(catalog.get("columns", [])) and isinstance(catalog.get("segments"), list)


def live_files(catalog: dict) -> set[str]:
    """The data files the catalog covers (not dead)."""
    out: set[str] = set()
    for s in catalog["segments"]:
        dead = set(s["dead"])
        out.update(f for i, f in enumerate(s["files"]) if i not in dead)
    return out


def candidate_files(catalog: dict, store: SegmentStore, values: dict[str, set[str]]) -> set[str]:
    """The data files that may hold one of ``values`` (column → values asked about)."""
    found: set[str] = set()
    for column, asked in values.items():
        queries = seg.hash_queries(asked, catalog["hash"])
        for s in catalog["segments"]:
            n = s["entries"].get(column, 0)
            if not n:
                continue
            ids = seg.search(store.read(s["name"], column, n), queries)
            dead = set(s["dead"])
            found.update(s["files"][i] for i in ids.tolist() if i not in dead)
    return found


def update(previous: dict | None, live: list[str], store: SegmentStore, columns: list[str],
           prefix: str) -> tuple[dict, list[str]]:
    """The catalog after a commit whose dataset holds the files ``live``; segments are named
    ``<prefix>-<n>``. Returns it and the names of the segments it no longer uses."""
    usable = previous is not None and is_usable(previous, columns) and previous["columns"] == columns
    hasher = previous["hash"] if usable and previous else seg.DEFAULT_HASH
    kept = previous["segments"] if usable and previous else []  # else: rebuilt from the data
    dropped = [s["name"] for s in (previous or {}).get("segments", []) if s not in kept]
    live_set = set(live)
    segments: list[dict] = []
    for s in kept:
        s = {**s, "dead": sorted(set(s["dead"]) | {i for i, f in enumerate(s["files"]) if f not in live_set})}
        if len(s["dead"]) == len(s["files"]):
            dropped.append(s["name"])
        elif store.keep(s["name"], columns):
            segments.append(s)
        else:  # a segment lost: rebuild the whole index from the data
            rebuilt, _ = update(None, live, store, columns, prefix)
            return rebuilt, [s["name"] for s in (previous or {}).get("segments", [])]
    covered = live_files({"segments": segments})
    names = (f"{prefix}-{i}" for i in range(1_000_000))
    new = [f for f in live if f not in covered]
    segments += _build(new, store, columns, hasher, names)
    segments, merged_away = _compact(segments, store, columns, names)
    catalog = {"format": FORMAT, "hash": hasher, "columns": columns, "segments": segments}
    return catalog, dropped + merged_away


def _build(files: list[str], store: SegmentStore, columns: list[str], hasher: str, names: Iterator[str]) -> list[dict]:
    """Segments over ``files`` (one, or several of ``BUILD_ROWS`` for a rebuild)."""
    out: list[dict] = []
    batch: list[tuple[str, pl.DataFrame]] = []
    rows = 0
    for rel, frame in _key_columns(store, files, columns):
        batch.append((rel, frame))
        rows += frame.height
        if rows >= BUILD_ROWS:
            out.append(_write(batch, store, columns, hasher, next(names)))
            batch, rows = [], 0
    if batch:
        out.append(_write(batch, store, columns, hasher, next(names)))
    return out


def _key_columns(store: SegmentStore, files: list[str], columns: list[str]) -> Iterator[tuple[str, pl.DataFrame]]:
    try:
        for rel, frame in store.key_columns(files, columns):
            yield rel, frame.select(pl.col(columns).cast(pl.String))
    except (pl.exceptions.PolarsError, pa.ArrowException, KeyError) as exc:
        raise Unindexable(f"cannot index {columns} of {len(files)} file(s): {exc}") from exc


def _write(batch: list[tuple[str, pl.DataFrame]], store: SegmentStore, columns: list[str], hasher: str, name: str) -> dict:
    entries, sums = {}, {}
    for column in columns:
        values = seg.build_column([(i, frame[column]) for i, (_, frame) in enumerate(batch)], hasher)
        entries[column], sums[column] = values.size, _store(store, name, column, values)
    return {"name": name, "files": [rel for rel, _ in batch], "dead": [],
            "rows": sum(f.height for _, f in batch), "entries": entries, "sums": sums}


def _store(store: SegmentStore, name: str, column: str, values: seg.Column) -> str:
    """Write one column of a segment; return its checksum (caches name copies by it)."""
    data = values.to_bytes()
    store.write(name, column, data)
    return seg.checksum(data)


def _compact(segments: list[dict], store: SegmentStore, columns: list[str], names: Iterator[str]) -> tuple[list[dict], list[str]]:
    """Merge the newest segments while the older is not GROWTH× the newer (and the result
    stays under MAX_SEGMENT_ROWS); rewrite a segment whose files are mostly dead."""
    gone: list[str] = []
    out: list[dict] = []
    for s in segments:
        if 2 * len(s["dead"]) > len(s["files"]):
            s, old = _merge([s], store, columns, next(names)), s
            gone.append(old["name"])
        out.append(s)
        while len(out) >= 2 and out[-2]["rows"] <= GROWTH * out[-1]["rows"] \
                and out[-2]["rows"] + out[-1]["rows"] <= MAX_SEGMENT_ROWS:
            pair = out[-2:]
            out[-2:] = [_merge(pair, store, columns, next(names))]
            gone += [p["name"] for p in pair]
    return out, gone


def _merge(group: list[dict], store: SegmentStore, columns: list[str], name: str) -> dict:
    """One segment from ``group``, without the entries of dead files."""
    files: list[str] = []
    remaps = []
    for s in group:
        dead = set(s["dead"])
        new_ids = np.full(len(s["files"]), -1, dtype=np.int64)
        for i, f in enumerate(s["files"]):
            if i not in dead:
                new_ids[i] = len(files)
                files.append(f)
        remaps.append(new_ids)
    entries, sums = {}, {}
    for column in columns:
        parts = [(store.read(s["name"], column, s["entries"][column]), remap) for s, remap in zip(group, remaps)]
        merged = seg.merge_columns(parts)
        entries[column], sums[column] = merged.size, _store(store, name, column, merged)
    rows = sum(s["rows"] * (len(s["files"]) - len(s["dead"])) // max(1, len(s["files"])) for s in group)
    return {"name": name, "files": files, "dead": [], "rows": rows, "entries": entries, "sums": sums}
