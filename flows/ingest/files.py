"""Finding dump files and describing them; local paths and fsspec URLs."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from flows.storage import url_to_fs

from .errors import InputError
from .walk import hidden, kind_of, link_refusal, printable, walk_folder

HASH_CHUNK = 1024 * 1024


@dataclass
class InputScan:
    """What the input paths hold: files to read, and entries refused with a reason."""

    files: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (printable path, reason)


def filesystem(path: str):
    """(fsspec filesystem, path inside it) for a local path or a URL."""
    try:
        return url_to_fs(path)
    except (ValueError, ImportError) as exc:
        raise InputError(f"cannot open {path!r}: {exc}") from exc


def is_local(path: str) -> bool:
    return "://" not in path


def canonical_path(path: str) -> str:
    """The one name of an input, however it was given: a local path resolved to an absolute one
    (``data/inbox/a.jsonl``, ``./data/inbox/a.jsonl`` and ``/repo/data/inbox/a.jsonl`` are the
    same file), a URL as fsspec spells it. Incremental runs identify a file by it and its SHA-256."""
    if "://" not in path or path.startswith("file://"):
        local = path[len("file://"):] if path.startswith("file://") else path
        return str(Path(local).expanduser().resolve())
    fs, inner = filesystem(path)
    return fs.unstrip_protocol(inner)


def list_dump_files(paths: list[str]) -> list[str]:
    """Files given, or found by walking folders recursively (sorted, no duplicates).

    Inside folders, files and folders whose name starts with '.' or '_' are skipped
    (.DS_Store, _SUCCESS, _staging/), and so are docs and scripts (README.md, *.py,
    *.yaml: see NOT_DUMPS). A file named explicitly is always listed. A path that does not
    exist raises InputError. Local paths come back as given (joined with what was found);
    URLs keep their protocol. What is refused (see `scan_inputs`) is not listed.
    """
    return scan_inputs(paths).files


def scan_inputs(paths: list[str]) -> InputScan:
    """`list_dump_files` plus the entries refused by the policy of `walk.py`."""
    found: set[str] = set()
    refused: dict[str, str] = {}
    local = [p for p in paths if is_local(p)]
    roots = [os.path.realpath(p) for p in local]
    for path in paths:
        if is_local(path):
            _scan_local(path, roots, found, refused)
        else:
            _scan_url(path, found)
    return InputScan(sorted(found), sorted(refused.items()))


def _scan_local(path: str, roots: list[str], found: set[str], refused: dict[str, str]) -> None:
    if not os.path.lexists(path):
        raise InputError(f"input path does not exist: {printable(path)}")
    if os.path.isdir(path):
        walk_folder(path, roots, found, refused)
        return
    if not os.path.exists(path):  # a dangling link or a loop named on the command line
        raise InputError(f"input path does not exist: {printable(path)} ({link_refusal(path, roots)})")
    try:
        mode = os.stat(path).st_mode  # a link named explicitly is followed wherever it leads
    except OSError as exc:
        refused[printable(path)] = f"cannot stat file: {exc.strerror}"
        return
    if printable(path) != path:
        refused[printable(path)] = "file name is not valid UTF-8: rename the file to read it"
    elif not stat.S_ISREG(mode):
        refused[printable(path)] = f"{kind_of(mode)}: only regular files are read"
    else:
        found.add(path)


def _scan_url(path: str, found: set[str]) -> None:
    fs, inner = filesystem(path)
    if not fs.exists(inner):
        raise InputError(f"input path does not exist: {path}")
    if not fs.isdir(inner):
        found.add(path)
        return
    root = inner.rstrip("/")
    for name in fs.find(inner):
        relative = name[len(root) :].lstrip("/") if name.startswith(root) else name
        if not hidden(relative):
            found.add(_join(path, relative))


def _join(given: str, relative: str) -> str:
    return f"{given.rstrip('/')}/{relative}"


def describe_input(path: str) -> dict:
    """Path, size in bytes and SHA-256 of a file, hashed in streamed chunks.

    Local files also get `state` (device, inode, size, mtime in ns) taken as the file was
    opened: `changed_since` compares it at the end of the run, so the hash stands for the
    bytes the run read. A file that cannot be read, or changed while it was hashed, gets
    `sha256` None (never taken as done by `--incremental`) and an `error`.
    """
    if not is_local(path):
        return _describe_url(path)
    try:
        with open_local(path) as handle:
            before = state_of(os.fstat(handle.fileno()))
            digest, size = _hash(handle)
            after = state_of(os.fstat(handle.fileno()))
    except OSError as exc:
        return {"path": path, "size": 0, "sha256": None, "state": None,
                "error": f"cannot read file: {exc.strerror or exc}"}
    if before != after or size != before[2]:
        return {"path": path, "size": size, "sha256": None, "state": None,
                "error": "file changed while it was read"}
    return {"path": path, "size": size, "sha256": digest, "state": before}


def _hash(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(HASH_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _describe_url(path: str) -> dict:
    fs, inner = filesystem(path)
    try:
        with fs.open(inner, "rb") as handle:
            digest, size = _hash(handle)
    except FileNotFoundError as exc:
        raise InputError(f"input path does not exist: {path}") from exc
    return {"path": path, "size": size, "sha256": digest}


def state_of(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def changed_since(description: dict) -> str | None:
    """Why a described local file no longer holds the bytes hashed, or None when it does."""
    state = description.get("state")
    if state is None:
        return description.get("error")
    try:
        now = state_of(os.stat(description["path"]))
    except FileNotFoundError:
        return "file vanished during the run"
    except OSError as exc:
        return f"cannot stat file after the run: {exc.strerror}"
    return None if now == tuple(state) else "file changed during the run"


def open_local(path: str):
    """A local regular file opened for reading; never blocks on a FIFO or a device."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(0, f"{kind_of(mode)}: only regular files are read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_input(path: str):
    """(open binary file, size): local regular files directly, URLs through fsspec."""
    if is_local(path):
        handle = open_local(path)
        return handle, os.fstat(handle.fileno()).st_size
    fs, inner = filesystem(path)
    return fs.open(inner, "rb"), fs.size(inner)

