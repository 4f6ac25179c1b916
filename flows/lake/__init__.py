"""The Parquet lake: hive-partitioned datasets published atomically per run, in a local
folder or on an object store (``s3://bucket/lake``)."""

from .api import LakeLock, Transaction, ensure_writable, open_lake, repair
from .folder import FolderLake
from .interface import Lake, LakeTransaction
from .layout import DATASETS, LakeError, current_snapshot, lake_root
from .objectstore import ObjectLake, manifest_urls
from .read import read_columns, scan_dataset
from .write import DatasetWrite

__all__ = [
    "DATASETS", "DatasetWrite", "FolderLake", "Lake", "LakeError", "LakeLock", "LakeTransaction", "ObjectLake",
    "Transaction", "current_snapshot", "ensure_writable", "lake_root", "manifest_urls", "open_lake", "read_columns",
    "repair", "scan_dataset",
]
