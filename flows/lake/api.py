"""The lake's public entry points, for a local folder or an object store alike.

``lake_root(url)`` gives a ``Path`` (local folder: snapshots swapped by symlink, fcntl lock) or
an ``ObjectLake`` (``s3://…``: manifests, journal, conditional-write lock); the functions here
pick the implementation from it, so callers do not need to know which one they hold.
"""

from __future__ import annotations

from pathlib import Path

from . import layout, transaction
from .objectstore import ObjectLake, ObjectLock, ObjectTransaction, ensure_object_writable
from .objectstore import repair as repair_object


def LakeLock(root, wait_seconds: float = 0.0, ttl_seconds: float | None = None):  # noqa: N802
    """Context manager: one writer at a time; waits ``wait_seconds``, then raises LakeError.
    ``ttl_seconds``: the lease of an object-store lake's lock (a folder's lock needs none)."""
    if isinstance(root, ObjectLake):
        return ObjectLock(root, wait_seconds, ttl_seconds)
    return transaction.LakeLock(root, wait_seconds)


def Transaction(root, run_id: str):  # noqa: N802
    """A run's publish: ``append``/``track``/``upsert`` while it works, then ``commit``."""
    if isinstance(root, ObjectLake):
        return ObjectTransaction(root, run_id)
    return transaction.Transaction(root, run_id)


def ensure_writable(root) -> None:
    if isinstance(root, ObjectLake):
        ensure_object_writable(root)
    else:
        layout.ensure_writable(root)


def repair(root) -> None:
    """Finish journaled commits and drop what uncommitted runs left (hold the lock)."""
    if isinstance(root, ObjectLake):
        repair_object(root)
    else:
        transaction.repair(Path(root))
