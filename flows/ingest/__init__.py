"""Ingest stage: dump files (any supported format, compressed or archived) → raw batches.

Public API: `list_dump_files`, `scan_inputs`, `describe_input`, `iter_raw_batches`, `RAW_SCHEMA`,
`RAW_COLUMNS`, `Limits`, `InputError`. See flows/README.md for the raw columns.
"""

from .errors import InputError, LimitExceeded, RecordError
from .files import describe_input, list_dump_files, scan_inputs
from .limits import DEFAULT_LIMITS, Limits
from .reader import iter_raw_batches, iter_raw_rows
from .schema import RAW_COLUMNS, RAW_SCHEMA

__all__ = [
    "DEFAULT_LIMITS",
    "InputError",
    "LimitExceeded",
    "Limits",
    "RAW_COLUMNS",
    "RAW_SCHEMA",
    "RecordError",
    "describe_input",
    "iter_raw_batches",
    "iter_raw_rows",
    "list_dump_files",
    "scan_inputs",
]
