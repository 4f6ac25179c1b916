"""Exceptions of the ingest stage (part of the tree in flows/errors.py).

`InputError` is raised to the caller (a path that does not exist). `RecordError` and its
subclasses never leave `iter_raw_batches`: they are turned into error rows.
"""

from flows.errors import InputError, RecordError

__all__ = ["InputError", "LimitExceeded", "RecordError", "contained"]


class LimitExceeded(RecordError):
    """A safety limit (decompressed size, ratio, record size) was hit."""


def contained(exc: BaseException) -> bool:
    """True for what one file or record may raise without stopping the run: any Exception
    (RecursionError and MemoryError included) and a Rust panic from a compiled library.
    Each PyO3 library (Polars, FastWARC…) has its own PanicException class, a BaseException,
    so it is known by name. KeyboardInterrupt, SystemExit and the like are never contained."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"
