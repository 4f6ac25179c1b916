"""Read back what the lake holds (the committed snapshots, or manifests on a store, only)."""

from __future__ import annotations

import polars as pl

from .api import open_lake


def scan_dataset(lake, dataset: str) -> pl.LazyFrame | None:
    """Lazy frame over a dataset's current snapshot (with year/month for partitioned ones)."""
    return open_lake(lake).scan(dataset)


def read_columns(lake, dataset: str, columns: list[str]) -> pl.DataFrame | None:
    scan = scan_dataset(lake, dataset)
    return None if scan is None else scan.select(columns).collect()
