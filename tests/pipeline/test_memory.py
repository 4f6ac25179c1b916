"""release_memory hands the C heap's free pages back to the system (glibc's malloc_trim)."""

import ctypes
import ctypes.util

import pytest

from flows.pipeline.memory import _malloc_trim, release_memory
from flows.procstat import rss_mb as _rss_mb


@pytest.mark.skipif(_malloc_trim() is None, reason="this C library has no malloc_trim")
def test_freed_heap_pages_go_back_to_the_system():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    size, count = 64 * 1024, 1600  # under glibc's mmap threshold: from the heap, ≈100 MB
    blocks = [libc.malloc(size) for _ in range(count)]
    for block in blocks:
        ctypes.memset(block, 1, size)
    kept = blocks[::50]  # a block kept every 50: the heap's top cannot shrink by itself
    for block in blocks:
        if block not in kept:
            libc.free(block)
    before = _rss_mb()
    assert release_memory() is True
    after = _rss_mb()
    for block in kept:
        libc.free(block)
    assert before - after > 50  # most of the ≈98 MB freed is no longer resident


def test_a_library_without_malloc_trim_is_a_no_op(monkeypatch):
    import flows.pipeline.memory as memory

    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    assert memory.release_memory() is False
