"""The lake in a local folder behind the ``Lake`` interface (see ``interface.py``)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import layout, snapshots, transaction
from .layout import REPORTS, VALIDATION


@dataclass(frozen=True)
class FolderLake:
    """A lake folder; ``str()`` and ``os.fspath()`` give its path, so every reader that takes a
    lake location takes it too."""

    path: Path

    def __str__(self) -> str:
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)

    def ensure_writable(self) -> None:
        layout.ensure_writable(self.path)

    def lock(self, wait_seconds: float = 0.0, ttl_seconds: float | None = None) -> transaction.LakeLock:
        return transaction.LakeLock(self.path, wait_seconds)  # the OS releases it: no lease

    def begin(self, run_id: str) -> transaction.Transaction:
        return transaction.Transaction(self.path, run_id)

    def repair(self) -> None:
        transaction.repair(self.path)

    def roll_forward(self) -> None:
        snapshots.roll_forward(self.path)

    def collect_garbage(self, datasets: tuple[str, ...]) -> None:
        snapshots.collect_garbage(self.path, datasets)

    def scan(self, dataset: str) -> pl.LazyFrame | None:
        snap = layout.current_snapshot(self.path, dataset) if self.path.exists() else None
        if snap is None or not any(snap.rglob("*.parquet")):
            return None
        return pl.scan_parquet(str(snap / "**" / "*.parquet"), hive_partitioning=True)

    def find_rows(self, dataset: str, columns: list[str], values: dict[str, set[str]],
                  use_index: bool = True) -> pl.DataFrame | None:
        from .keys import folder_rows

        return folder_rows(self.path, dataset, columns, values, use_index)

    def distinct_values(self, dataset: str, column: str) -> set[str]:
        from .keys import folder_distinct

        return folder_distinct(self.path, dataset, column)

    def stages_remotely(self, settings) -> bool:
        return False  # shards stage in the transaction's folder

    def drop_remote_staging(self, run_id: str) -> None:
        return None

    def fetch_validation_results(self, dest: Path) -> Path:
        return self.path / VALIDATION  # already local

    def docs_site(self, local: Path) -> Path:
        return self.path / "_docs"

    def put_report(self, local: Path, name: str) -> str:
        dest = self.path / REPORTS / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{name}.tmp")
        shutil.copyfile(local, tmp)
        os.replace(tmp, dest)
        return str(dest)
