"""A dataset's contract as the lake needs it (Arrow schema, key, partitioning)."""

from __future__ import annotations

import polars as pl

from flows.lake import DatasetWrite
from flows.validate import Contract


def dataset_write(contract: Contract, frame: pl.DataFrame | None = None, mode: str = "append") -> DatasetWrite:
    return DatasetWrite(contract.dataset, pl.DataFrame() if frame is None else frame,
                        contract.arrow_schema(), tuple(contract.key), contract.partition_by, mode)


def track(txn, contract: Contract) -> None:
    """Declare a dataset to the transaction (files staged directly, or deletions)."""
    txn.track(contract.dataset, contract.arrow_schema(), tuple(contract.key), contract.partition_by)
