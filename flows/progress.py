"""A tiny progress hook: the CLI installs a reporter, the pipeline reports to it."""

from __future__ import annotations

from typing import Protocol


class Reporter(Protocol):
    def start(self, total_bytes: int, files: int) -> None: ...
    def file_done(self, path: str, size: int) -> None: ...
    def records(self, n: int) -> None: ...


class _Silent:
    def start(self, total_bytes: int, files: int) -> None:
        pass

    def file_done(self, path: str, size: int) -> None:
        pass

    def records(self, n: int) -> None:
        pass


_reporter: Reporter = _Silent()


def set_reporter(reporter: Reporter | None) -> None:
    global _reporter
    _reporter = reporter or _Silent()


def reporter() -> Reporter:
    return _reporter
