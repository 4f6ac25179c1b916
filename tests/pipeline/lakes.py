"""Small real lakes and run contexts for the pipeline's functions (rows from tests/validate/rows.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from flows.lake import Transaction, open_lake
from flows.lake.write import split_partitions, write_file
from flows.normalize import Deduplicator
from flows.pipeline import Counts, RunContext, ShardResult
from flows.pipeline.writes import dataset_write
from flows.settings import Settings
from flows.validate import load_contract
from tests.validate.rows import frame

DATASETS = ("articles", "mentions", "events", "quarantine", "runs")
STARTED = dt.datetime(2024, 3, 6, 1, 0, tzinfo=dt.timezone.utc)


def publish(lake: Path, run_id: str, rows: dict[str, list[dict]]) -> None:
    """Commit rows to the lake as an earlier run would."""
    txn = Transaction(lake, run_id)
    for dataset, records in rows.items():
        txn.append(dataset_write(load_contract(dataset), frame(dataset, records)))
    txn.commit()


def run_context(lake: Path, **fields) -> RunContext:
    """A run's context on a real transaction, as open_run builds it (without lock and inputs)."""
    lake.mkdir(parents=True, exist_ok=True)
    values = dict(
        run_id="run-test", flow_run_id=None, root=open_lake(lake), settings=Settings(lake=str(lake)),
        started_at=STARTED, files=[], inputs=[], txn=Transaction(lake, "run-test"),
        dedup=Deduplicator(), contracts={n: load_contract(n) for n in DATASETS},
    )
    values.update(fields)
    return RunContext(**values)


def staged_shard(folder: Path, shard_no: int, rows: dict[str, list[dict]], counts: dict[str, Counts]) -> ShardResult:
    """A shard's staged files, laid out as process_shard leaves them."""
    for dataset, records in rows.items():
        contract = load_contract(dataset)
        data = frame(dataset, records)
        for i, (part, part_rows) in enumerate(split_partitions(data, contract.partition_by).items()):
            name = f"part-run-test-{shard_no:05d}-{i:06d}.parquet"
            write_file(part_rows, contract.arrow_schema(), tuple(contract.key), folder / dataset / part / name)
    return ShardResult(shard_no, (f"dumps/shard{shard_no}.jsonl",), str(folder), counts)


def column(rows: pl.DataFrame | None, name: str) -> set:
    return set() if rows is None else set(rows[name].to_list())
