"""Read back what the lake holds (the committed snapshots, or manifests on a store, only)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .layout import current_snapshot, lake_root


def scan_dataset(lake, dataset: str) -> pl.LazyFrame | None:
    """Lazy frame over a dataset's current snapshot (with year/month for partitioned ones)."""
    root = lake_root(lake)
    if not isinstance(root, Path):
        from .objectstore import scan_object_dataset

        return scan_object_dataset(root, dataset)
    snap = current_snapshot(root, dataset) if root.exists() else None
    if snap is None or not any(snap.rglob("*.parquet")):
        return None
    return pl.scan_parquet(str(snap / "**" / "*.parquet"), hive_partitioning=True)


def read_columns(lake, dataset: str, columns: list[str]) -> pl.DataFrame | None:
    scan = scan_dataset(lake, dataset)
    return None if scan is None else scan.select(columns).collect()
