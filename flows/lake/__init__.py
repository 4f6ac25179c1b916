"""The Parquet lake: hive-partitioned datasets published atomically per run."""

from .layout import DATASETS, LakeError, current_snapshot, ensure_writable, lake_root
from .read import read_columns, scan_dataset
from .transaction import LakeLock, Transaction, repair
from .write import DatasetWrite

__all__ = [
    "DATASETS", "DatasetWrite", "LakeError", "LakeLock", "Transaction", "current_snapshot",
    "ensure_writable", "lake_root", "read_columns", "repair", "scan_dataset",
]
