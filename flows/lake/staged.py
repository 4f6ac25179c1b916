"""What a run hands the lake before it commits, the same for a folder and an object store.

Appended rows are written at once as staged Parquet files (one per partition and call);
upserted frames and deletions are kept until the commit, which the subclass implements.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from .layout import partition_values
from .write import DatasetWrite, Deletion, split_partitions, write_file


@dataclass
class Pending:
    """What a run changes in one dataset, by partition folder ("." when unpartitioned)."""

    appended: dict[str, list[Path]]  # partition → staged files of new rows
    upserts: dict[str, pl.DataFrame]  # partition → rows replacing committed rows with their key
    deletions: list[Deletion]  # committed rows to remove


class StagedChanges:
    staging: Path
    run_id: str
    results_dir: Path

    def _start_changes(self) -> None:
        self._writes: dict[str, DatasetWrite] = {}  # dataset → spec of its latest write
        self._upserts: dict[str, list[DatasetWrite]] = {}
        self._deletes: dict[str, list[Deletion]] = {}
        self._seq = 0
        self.rows: dict[str, int] = {}

    def reset(self) -> None:
        """Forget every change staged so far and delete the staged files (a retried publish)."""
        for name in self._writes:
            shutil.rmtree(self.staging / name, ignore_errors=True)
        self._start_changes()

    def append(self, write: DatasetWrite) -> int:
        """Stage new rows (one file per partition); return how many."""
        self._writes[write.name] = write
        self._seq += 1
        n = 0
        for part, frame in split_partitions(write.frame, write.partition_by).items():
            path = self.staging / write.name / part / f"part-{self.run_id}-{self._seq:05d}.parquet"
            n += write_file(frame, write.schema, write.key, path)
        self.rows[write.name] = self.rows.get(write.name, 0) + n
        return n

    def track(self, name: str, schema, key: tuple[str, ...], partition_by: str | None) -> None:
        """Declare a dataset whose files were placed directly under ``staging/<name>/``."""
        if name not in self._writes:
            self._writes[name] = DatasetWrite(name, pl.DataFrame(), schema, key, partition_by)

    def upsert(self, write: DatasetWrite) -> None:
        """Rows that replace the committed rows with the same key (their partitions are rewritten)."""
        self._writes[write.name] = write
        self._upserts.setdefault(write.name, []).append(write)
        self.rows[write.name] = self.rows.get(write.name, 0) + write.frame.height

    def delete(self, name: str, column: str, values) -> None:
        """Remove the committed rows whose ``column`` is in ``values`` (``track`` the dataset first)."""
        if values:
            self._deletes.setdefault(name, []).append(Deletion(column, frozenset(values)))

    def local_shard_staging(self, shard_no: int) -> Path:
        return self.staging / "shards" / f"{shard_no:05d}"

    def shard_locations(self, shard_no: int, on_store: bool) -> tuple[str, str]:
        return str(self.local_shard_staging(shard_no)), str(self.results_dir)

    def stage_file(self, dataset: str, rel: str, src: Path) -> None:
        """Stage a finished file at ``<dataset>/<rel>``: a link, not a move (a retried publish
        stages the same source again)."""
        dest = self.staging / dataset / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, dest)
        except OSError:  # a file system without hard links
            shutil.copy2(src, dest)

    def stage_rows(self, dataset: str, rel: str, frame: pl.DataFrame, schema, key: tuple[str, ...]) -> None:
        write_file(frame, schema, key, self.staging / dataset / rel)

    def staged_files(self, dataset: str) -> list[Path]:
        folder = self.staging / dataset
        return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []

    def staged_months(self, dataset: str) -> dict[tuple[int | None, int | None], list[Path]]:
        months: dict[tuple[int | None, int | None], list[Path]] = {}
        for file in self.staged_files(dataset):
            months.setdefault(partition_values(file.parent.name), []).append(file)
        return months

    def pending(self, name: str, spec: DatasetWrite) -> Pending | None:
        """The dataset's changes in this run, or None when it has none (idempotent re-runs)."""
        staged = self.staging / name
        appended: dict[str, list[Path]] = {}
        for f in sorted(staged.rglob("*.parquet")) if staged.is_dir() else []:
            appended.setdefault(f.parent.relative_to(staged).as_posix(), []).append(f)
        frames = [w.frame for w in self._upserts.get(name, []) if w.frame.height]
        upserts = split_partitions(pl.concat(frames, how="vertical_relaxed"), spec.partition_by) if frames else {}
        deletions = self._deletes.get(name, [])
        if not (appended or upserts or deletions):
            return None
        return Pending(appended, upserts, deletions)
