"""HTML extraction under a time budget, in a helper process that can be killed.

trafilatura and lxml are C code: a hostile page (hundreds of thousands of attributes, deep
markup) can keep them busy for minutes, and while C code runs the process neither notices
a timeout nor handles SIGTERM. So extraction runs in a long-lived helper process
(`python -m flows.ingest.sandbox`, one per thread that extracts), fed one page at a time
over a pipe; it has started and answered a first ping before any page is timed. The caller
waits in `select`, which a signal interrupts, for at most `Limits.extract_seconds`; a page
that takes longer is refused (`RecordError`), the helper is killed and a fresh one starts
with the next page. The helper dies with its parent
(PR_SET_PDEATHSIG). When no helper can be started, extraction runs in-process.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from .errors import RecordError

HEADER = struct.Struct("!Q")
START_SECONDS = 300  # for the helper to import trafilatura, on a loaded machine
_local = threading.local()


class Helper:
    def __init__(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flows.ingest.sandbox"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(),
            start_new_session=True,  # a Ctrl-C in the terminal goes to the run, not the helper
        )
        try:  # wait until it has imported what it needs: page budgets exclude start-up
            send(self.proc.stdin, ("ping", ()))
            started = receive(self.proc.stdout, time.monotonic() + START_SECONDS)
        except OSError:
            started = None
        if started is None:
            self.kill()
            raise OSError("the HTML extraction helper did not start")

    def call(self, request: tuple, seconds: float):
        send(self.proc.stdin, request)
        deadline = time.monotonic() + seconds
        reply = receive(self.proc.stdout, deadline)
        if reply is None:
            crashed = self.proc.poll()
            self.kill()
            if crashed is not None:
                raise RecordError(f"HTML extraction crashed (helper exit status {crashed})")
            raise RecordError(f"HTML extraction took more than {seconds:g} s (extract_seconds): refused")
        return reply

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass


def _env() -> dict:
    """The parent's environment, with this very copy of `flows` first on the path."""
    from flows.settings import child_environment

    return child_environment(str(Path(__file__).resolve().parents[2]))


def send(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream, deadline: float | None = None):
    """The next message, or None when the deadline passes or the other side is gone."""
    header = _read_exactly(stream, HEADER.size, deadline)
    if header is None:
        return None
    body = _read_exactly(stream, HEADER.unpack(header)[0], deadline)
    return None if body is None else pickle.loads(body)


def _read_exactly(stream, size: int, deadline: float | None) -> bytes | None:
    parts, got, fd = [], 0, stream.fileno()
    while got < size:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
        chunk = os.read(fd, min(size - got, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def run_budgeted(function_name: str, args: tuple, seconds: float):
    """`function_name` (of flows.ingest.html) on `args` in the helper, within `seconds`."""
    if getattr(_local, "in_process", False):
        return _call(function_name, args)
    helper = getattr(_local, "helper", None)
    if helper is None or helper.proc.poll() is not None:
        try:
            helper = _local.helper = Helper()
        except OSError:
            _local.in_process = True
            return _call(function_name, args)
    try:
        reply = helper.call((function_name, args), seconds)
    except RecordError:  # too slow: the helper was killed
        _local.helper = None
        raise
    except OSError as exc:  # the helper died on this page: a fresh one takes the next
        helper.kill()
        _local.helper = None
        raise RecordError(f"HTML extraction crashed: {exc}") from exc
    kind, value = reply
    if kind == "error":
        raise RecordError(value)
    return value


def _call(function_name: str, args: tuple):
    from . import html

    return getattr(html, function_name)(*args)


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve() -> None:
    """The helper's loop: a request in, ("ok", value) or ("error", reason) out."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        request = receive(stdin)
        if request is None:
            return
        name, args = request
        if name == "ping":
            send(stdout, ("ok", None))
            continue
        try:
            reply = ("ok", _call(name, args))
        except RecordError as exc:
            reply = ("error", str(exc))
        except Exception as exc:  # noqa: BLE001 - any failure of the page is its error row
            reply = ("error", f"unparseable HTML: {type(exc).__name__}: {exc}")
        send(stdout, reply)


if __name__ == "__main__":
    serve()
