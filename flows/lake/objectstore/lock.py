"""One writer at a time on an object store: a lock object created with a conditional write.

``_lock`` is created with ``If-None-Match: *`` (S3 refuses the PUT when the object exists), so
of two runs racing for it exactly one succeeds. It names its owner and an expiry; a thread
renews the expiry while the run lasts (``If-Match`` on the ETag we wrote, so a lock broken
by someone else is never silently taken back). A lock past its expiry (its run died without
releasing it) is deleted with ``If-Match`` on the ETag we read, so two runs breaking the same
stale lock cannot both win. Before its commit point a run checks it still owns the lock.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from datetime import datetime, timedelta, timezone

from ..layout import LakeError
from .store import LOCK, ObjectLake, ensure_object_writable



def _now() -> datetime:
    return datetime.now(timezone.utc)


class ObjectLock:
    """Context manager holding ``<lake>/_lock`` for a whole run."""

    def __init__(self, lake: ObjectLake, wait_seconds: float = 0.0, ttl_seconds: float | None = None):
        self.lake, self.wait_seconds = lake, wait_seconds
        if not ttl_seconds:  # a run passes its settings' lease; else GEOWIRE_LOCK_TTL (600 s)
            from flows.settings import environment_settings

            ttl_seconds = environment_settings().lock_ttl_seconds
        self.ttl = ttl_seconds
        self.key = lake.key(LOCK)
        self.token = secrets.token_hex(8)
        self.etag: str | None = None
        self.lost: str | None = None  # why the lock was lost while held
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None
        self._mutex = threading.Lock()

    def _content(self) -> dict:
        return {
            "owner": f"{socket.gethostname()}:{os.getpid()}",
            "token": self.token,
            "expires_at": (_now() + timedelta(seconds=self.ttl)).isoformat(),
        }

    def __enter__(self) -> "ObjectLock":
        ensure_object_writable(self.lake)
        deadline = time.monotonic() + self.wait_seconds
        while not self._try_acquire():
            if time.monotonic() >= deadline:
                holder, _ = self.lake.read_json(self.key)
                who = f" ({holder.get('owner')}, until {holder.get('expires_at')})" if holder else ""
                raise LakeError(
                    f"lake {self.lake.url} is locked by another geowire run{who}; "
                    "wait for it to finish (or pass --wait-lock SECONDS)"
                )
            time.sleep(0.5)
        self.lake.held_lock = self
        self._renewer = threading.Thread(target=self._renew_loop, name="geowire-lake-lock", daemon=True)
        self._renewer.start()
        return self

    def _try_acquire(self) -> bool:
        for _ in range(3):  # a stale lock we break is retried at once
            try:
                self.etag = self.lake.create_json(self.key, self._content())
                return True
            except FileExistsError:
                pass
            holder, etag = self.lake.read_json(self.key)
            if holder is None:
                continue  # released meanwhile
            expires = _parse(holder.get("expires_at"))
            if expires is not None and expires > _now():
                return False
            # stale (its run died): break it, unless someone renewed or replaced it meanwhile
            if not self.lake.delete_if(self.key, etag):
                return False
        return False

    def _renew_loop(self) -> None:
        while not self._stop.wait(self.ttl / 3):
            self.renew()

    def renew(self) -> None:
        with self._mutex:
            if self.lost or self._stop.is_set():
                return
            try:
                self.etag = self.lake.replace_json_if(self.key, self._content(), self.etag)
            except FileExistsError:
                self.lost = "another run broke this run's lock (it had expired)"
            except OSError:
                pass  # a transient store error: the next round retries before the lock expires

    def check(self) -> None:
        """Raise LakeError unless this run still owns the lock (call before a commit point)."""
        holder, etag = self.lake.read_json(self.key)
        if self.lost or holder is None or holder.get("token") != self.token:
            raise LakeError(f"lake {self.lake.url}: this run no longer holds the lake lock"
                            f" ({self.lost or 'the lock object was replaced or removed'}); nothing was committed")
        expires = _parse(holder.get("expires_at"))
        if expires is None or expires <= _now():
            raise LakeError(f"lake {self.lake.url}: this run's lock expired; nothing was committed")

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        with self._mutex:
            if not self.lost:
                self.lake.delete_if(self.key, self.etag)
        if self.lake.held_lock is self:
            self.lake.held_lock = None


def _parse(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
