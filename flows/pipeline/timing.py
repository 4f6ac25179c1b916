"""Wall time and peak memory per pipeline stage, for run summaries and `make bench`.

Each shard times itself with its own ``StageTimer`` and returns the figures in its
``ShardResult``; the run's own stages (merge, aggregate, commit) go to a timer over the run
context's dicts. Nothing is process-wide, so shards sharing a process (threads, a Dask worker)
never mix their figures.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

from flows.procstat import rss_mb

T = TypeVar("T")


class StageTimer:
    """Seconds spent in each named stage (summed) and the process's peak RSS seen at its ends.

    ``seconds`` and ``peak_rss_mb`` may be dicts owned by someone else (the run context): the
    timer adds to them in place.
    """

    def __init__(self, seconds: dict[str, float] | None = None, peak_rss_mb: dict[str, float] | None = None):
        self.seconds = {} if seconds is None else seconds
        self.peak_rss_mb = {} if peak_rss_mb is None else peak_rss_mb

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start, rss_mb())

    def add(self, name: str, seconds: float, rss_mb: float = 0.0) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.peak_rss_mb[name] = max(self.peak_rss_mb.get(name, 0.0), rss_mb)

    def add_all(self, seconds: dict[str, float], peak_rss_mb: dict[str, float]) -> None:
        """Fold another timer's figures (a shard's) into this one."""
        for name, secs in seconds.items():
            self.add(name, secs, peak_rss_mb.get(name, 0.0))

    def timed_iter(self, name: str, iterable: Iterable[T]) -> Iterator[T]:
        """Time each step of an iterator (e.g. ingest yielding batches) under ``name``."""
        it, box = iter(iterable), []  # the item is handed on from the box: this generator
        while True:  # keeps no reference to it while the caller works on it
            with self.stage(name):
                try:
                    box.append(next(it))
                except StopIteration:
                    return
            yield box.pop()
