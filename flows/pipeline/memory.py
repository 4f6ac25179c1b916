"""Hand the memory a step freed back to the system.

glibc's malloc keeps freed heap pages for reuse, so a process's RSS stays at its busiest
batch's for the rest of the run (Polars frames, spaCy docs and GE's pandas copies come and go
in large pieces). ``release_memory`` asks glibc to return them (``malloc_trim(0)``), after each
batch and coding slice of a shard and after the run's merge and commit: the peak is then one
batch's working set on top of what the process keeps, not the sum of its high-water marks.
A no-op where the C library has no ``malloc_trim`` (musl, macOS).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Callable


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_memory() -> bool:
    """Return the C heap's free pages to the system; True when this C library can."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
