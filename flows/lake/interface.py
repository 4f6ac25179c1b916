"""What the pipeline, the CLI and the report may ask of a lake, whichever backend holds it.

Two backends implement it: a local folder (:class:`flows.lake.folder.FolderLake`: snapshots
swapped by symlink, an fcntl lock) and an object store (:class:`flows.lake.objectstore.ObjectLake`:
manifests, a journal, a conditional-write lock). ``open_lake(location)`` gives the right one;
callers never test which one they hold, and never build paths inside a transaction.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol, runtime_checkable

import polars as pl

from .write import DatasetWrite


@runtime_checkable
class LakeTransaction(Protocol):
    """A run's changes, staged while it works and published at once by ``commit``."""

    run_id: str
    rows: dict[str, int]
    results_dir: Path  # a local folder where the run keeps its Great Expectations results

    def append(self, write: DatasetWrite) -> int: ...
    def upsert(self, write: DatasetWrite) -> None: ...
    def track(self, name: str, schema, key: tuple[str, ...], partition_by: str | None) -> None: ...
    def delete(self, name: str, column: str, values) -> None: ...
    def reset(self) -> None: ...
    def commit(self) -> dict[str, str]: ...
    def abort(self) -> None: ...

    def local_shard_staging(self, shard_no: int) -> Path:
        """A local folder of the transaction's own where a shard stages (or is downloaded)."""
        ...

    def shard_locations(self, shard_no: int, on_store: bool) -> tuple[str, str]:
        """(staging, results folder) of a shard: local folders, or URLs on the lake's store."""
        ...

    def stage_file(self, dataset: str, rel: str, src: Path) -> None:
        """Stage a finished Parquet file at ``<dataset>/<rel>`` (linked: ``src`` stays)."""
        ...

    def stage_rows(self, dataset: str, rel: str, frame: pl.DataFrame, schema, key: tuple[str, ...]) -> None:
        """Stage ``frame`` as a Parquet file at ``<dataset>/<rel>``."""
        ...

    def staged_files(self, dataset: str) -> list[Path]:
        """The dataset's files staged so far, in path order."""
        ...

    def staged_months(self, dataset: str) -> dict[tuple[int | None, int | None], list[Path]]:
        """The staged files of a month-partitioned dataset by (year, month) of their partition."""
        ...


@runtime_checkable
class Lake(Protocol):
    """A lake: locked by one writer, changed by transactions, read by scans."""

    def ensure_writable(self) -> None: ...

    def lock(self, wait_seconds: float = 0.0, ttl_seconds: float | None = None) -> AbstractContextManager:
        """One writer at a time; waits ``wait_seconds``, then raises LakeError."""
        ...

    def begin(self, run_id: str) -> LakeTransaction:
        """Start a run's transaction (repairs what a killed run left first; hold the lock)."""
        ...

    def repair(self) -> None: ...

    def roll_forward(self) -> None:
        """Finish the commits that were journaled but not applied."""
        ...

    def collect_garbage(self, datasets: tuple[str, ...]) -> None:
        """Drop what a failed commit built but never published."""
        ...

    def scan(self, dataset: str) -> pl.LazyFrame | None: ...

    def find_rows(self, dataset: str, columns: list[str], values: dict[str, set[str]],
                  use_index: bool = True) -> pl.DataFrame | None:
        """``columns`` of the committed rows whose value in a column of ``values`` is among its
        values, streamed: the lake's rows are never all loaded (None: no row matches). Only
        the files the key index names are read where it serves (``use_index``)."""
        ...

    def distinct_values(self, dataset: str, column: str) -> set[str]: ...

    def stages_remotely(self, settings) -> bool:
        """Do shards stage on the lake's store (for workers on other machines)?"""
        ...

    def drop_remote_staging(self, run_id: str) -> None: ...

    def fetch_validation_results(self, dest: Path) -> Path:
        """A local folder holding the lake's Great Expectations results (fetched into ``dest``
        when the lake is not local)."""
        ...

    def docs_site(self, local: Path) -> Path:
        """Where Data Docs of the lake are built."""
        ...

    def put_report(self, local: Path, name: str) -> str:
        """Publish a report file as ``_reports/<name>``; return its path or URL."""
        ...
