"""Read what an object-store lake has committed: exactly the files its manifests list."""

from __future__ import annotations

import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds

from .manifest import read_manifest
from .store import ObjectLake

# lakes written before files carried year/month: their values come from the hive folders
HIVE = ds.HivePartitioning(pa.schema([("year", pa.int32()), ("month", pa.int32())]))


def manifest_urls(lake: ObjectLake, dataset: str) -> list[str]:
    """Full URLs of a dataset's committed files (for readers that need the atomic view)."""
    manifest = read_manifest(lake, dataset)
    return [lake.url_of(f["path"]) for f in manifest["files"]] if manifest else []


def scan_object_dataset(lake: ObjectLake, dataset: str) -> pl.LazyFrame | None:
    """Lazy frame over the committed files (year/month from the files, or from the folders of
    a lake written with hive folders, which the next run converts)."""
    manifest = read_manifest(lake, dataset)
    if manifest is None or not manifest["files"]:
        return None
    lake.fs.invalidate_cache()  # stores without a listing-cache switch
    paths = [lake.key(f["path"]) for f in manifest["files"]]
    partitioned = "/year=" in paths[0]  # the old hive layout
    source = ds.dataset(
        paths, filesystem=lake.fs, format="parquet",
        partitioning=HIVE if partitioned else None,
        partition_base_dir=lake.key(dataset) if partitioned else None,
    )
    return pl.scan_pyarrow_dataset(source)
