"""Finding dump files and describing them; local paths and fsspec URLs."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from flows.storage import url_to_fs

from .errors import InputError

HASH_CHUNK = 1024 * 1024
# Files found inside folders that document or build dumps, never dumps themselves.
NOT_DUMPS = (".md", ".rst", ".py", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".sh")


def filesystem(path: str):
    """(fsspec filesystem, path inside it) for a local path or a URL."""
    try:
        return url_to_fs(path)
    except (ValueError, ImportError) as exc:
        raise InputError(f"cannot open {path!r}: {exc}") from exc


def canonical_path(path: str) -> str:
    """The one name of an input, however it was given: a local path resolved to an absolute one
    (``data/inbox/a.jsonl``, ``./data/inbox/a.jsonl`` and ``/repo/data/inbox/a.jsonl`` are the
    same file), a URL as fsspec spells it. Incremental runs identify a file by it and its SHA-256."""
    if "://" not in path or path.startswith("file://"):
        local = path[len("file://"):] if path.startswith("file://") else path
        return str(Path(local).expanduser().resolve())
    fs, inner = filesystem(path)
    return fs.unstrip_protocol(inner)


def _is_hidden(relative: str) -> bool:
    path = PurePosixPath(relative)
    return any(part[:1] in (".", "_") for part in path.parts) or path.suffix.lower() in NOT_DUMPS


def list_dump_files(paths: list[str]) -> list[str]:
    """Files given, or found by walking folders recursively (sorted, no duplicates).

    Inside folders, files and folders whose name starts with '.' or '_' are skipped
    (.DS_Store, _SUCCESS, _staging/), and so are docs and scripts (README.md, *.py,
    *.yaml: see NOT_DUMPS). A file named explicitly is always listed. A path that does not exist raises InputError.
    Local paths come back as given (joined with what was found); URLs keep their protocol.
    """
    found: set[str] = set()
    for path in paths:
        fs, inner = filesystem(path)
        if not fs.exists(inner):
            raise InputError(f"input path does not exist: {path}")
        if not fs.isdir(inner):
            found.add(path)
            continue
        root = inner.rstrip("/")
        for name in fs.find(inner):
            relative = name[len(root) :].lstrip("/") if name.startswith(root) else name
            if not _is_hidden(relative):
                found.add(_join(path, relative))
    return sorted(found)


def _join(given: str, relative: str) -> str:
    return f"{given.rstrip('/')}/{relative}"


def describe_input(path: str) -> dict:
    """Path, size in bytes and SHA-256 of a file, hashed in streamed chunks."""
    fs, inner = filesystem(path)
    digest = hashlib.sha256()
    size = 0
    try:
        with fs.open(inner, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError as exc:
        raise InputError(f"input path does not exist: {path}") from exc
    return {"path": path, "size": size, "sha256": digest.hexdigest()}


def open_input(path: str):
    """(open binary file, size) through fsspec."""
    fs, inner = filesystem(path)
    return fs.open(inner, "rb"), fs.size(inner)
