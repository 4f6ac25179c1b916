"""The run orchestration as plain functions; flows/etl.py wraps them in Prefect tasks."""

from .accounting import Counts
from .batch import process_batch, process_file
from .finish import finish_run, summary
from .run import RunContext, new_run_id, open_run

__all__ = ["Counts", "RunContext", "finish_run", "new_run_id", "open_run", "process_batch", "process_file", "summary"]
