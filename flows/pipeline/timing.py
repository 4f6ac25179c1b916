"""Wall time and peak memory per pipeline stage, collected for `make bench` and run summaries."""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Iterator

SECONDS: dict[str, float] = defaultdict(float)
PEAK_RSS_MB: dict[str, float] = defaultdict(float)


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        SECONDS[name] += time.perf_counter() - start
        PEAK_RSS_MB[name] = max(PEAK_RSS_MB[name], _rss_mb())


def timed_iter(name: str, iterable):
    """Time each step of an iterator (e.g. ingest yielding batches) under ``name``."""
    it = iter(iterable)
    while True:
        with stage(name):
            try:
                item = next(it)
            except StopIteration:
                return
        yield item


def reset() -> None:
    SECONDS.clear()
    PEAK_RSS_MB.clear()
