"""The lake's public entry points, for a local folder or an object store alike.

``open_lake(location)`` gives the lake behind the ``Lake`` interface (``interface.py``): a
``FolderLake`` for a local folder, an ``ObjectLake`` for ``s3://…``. The functions below are
shorthands over it for callers that hold a location.
"""

from __future__ import annotations

from .folder import FolderLake
from .interface import Lake, LakeTransaction
from .layout import lake_root
from .objectstore import ObjectLake


def open_lake(location) -> Lake:
    """The lake at ``location``: a path, a ``file://`` or fsspec URL, or a lake already opened."""
    if isinstance(location, Lake):
        return location
    root = lake_root(location)
    return root if isinstance(root, Lake) else FolderLake(root)


def LakeLock(root, wait_seconds: float = 0.0, ttl_seconds: float | None = None):  # noqa: N802
    """Context manager: one writer at a time; waits ``wait_seconds``, then raises LakeError.
    ``ttl_seconds``: the lease of an object-store lake's lock (a folder's lock needs none)."""
    return open_lake(root).lock(wait_seconds, ttl_seconds)


def Transaction(root, run_id: str) -> LakeTransaction:  # noqa: N802
    """A run's publish: ``append``/``track``/``upsert`` while it works, then ``commit``."""
    return open_lake(root).begin(run_id)


def ensure_writable(root) -> None:
    open_lake(root).ensure_writable()


def repair(root) -> None:
    """Finish journaled commits and drop what uncommitted runs left (hold the lock)."""
    open_lake(root).repair()


def _both_backends_are_lakes(folder: FolderLake, store: ObjectLake) -> tuple[Lake, Lake]:
    """Never called: mypy checks here that both backends implement the whole interface."""
    return folder, store
