"""A lake on an object store: an fsspec filesystem, a root prefix, and conditional writes.

    <lake>/<dataset>/YYYY-MM/part-<run_id>[-u].parquet   data files (never rewritten; undated/ for no date)
    <lake>/_manifests/<dataset>.json   the committed file list of a dataset + its version
    <lake>/_journal/<run_id>.json      a commit being applied (new manifests + files to delete)
    <lake>/_lock                       the writer's lock object (owner, token, expiry)
    <lake>/_validation/<run_id>/       Great Expectations results of a run

Credentials come from the environment the way s3fs/botocore read them (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_DEFAULT_REGION); the endpoint of an
S3-compatible server from ``GEOWIRE_S3_ENDPOINT`` or ``AWS_ENDPOINT_URL``.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fsspec

from flows.storage import storage_options

from ..layout import REPORTS, LakeError

if TYPE_CHECKING:
    import polars as pl

    from .lock import ObjectLock
    from .transaction import ObjectTransaction

MANIFESTS, JOURNAL, LOCK, STAGING, VALIDATION = "_manifests", "_journal", "_lock", "_staging", "_validation"


@dataclass(eq=False)
class ObjectLake:
    """Where a lake lives on an object store; ``str()`` gives its URL."""

    url: str
    fs: Any  # fsspec.AbstractFileSystem
    root: str  # bucket/prefix, without protocol or trailing slash
    options: dict = field(default_factory=dict)
    held_lock: Any = None  # the ObjectLock this process holds on the lake, if any

    def __str__(self) -> str:
        return self.url

    def __repr__(self) -> str:
        return f"ObjectLake({self.url!r})"

    def __reduce__(self):  # pickles as its URL (shards on Dask workers reopen it)
        return open_object_lake, (self.url,)

    def key(self, *parts: str) -> str:
        return "/".join([self.root, *(p.strip("/") for p in parts if p)])

    def url_of(self, *parts: str) -> str:
        return self.fs.unstrip_protocol(self.key(*parts))

    @property
    def is_s3(self) -> bool:
        return hasattr(self.fs, "call_s3")

    # -- small JSON objects -------------------------------------------------------------
    def read_json(self, key: str) -> tuple[dict | None, str | None]:
        """(content, etag) of a JSON object, or (None, None) when it does not exist."""
        try:
            info = self.fs.info(key, refresh=True) if self.is_s3 else self.fs.info(key)
            data = self.fs.cat_file(key)
        except FileNotFoundError:
            return None, None
        try:
            return json.loads(data), info.get("ETag")
        except ValueError as exc:
            raise LakeError(f"{self.fs.unstrip_protocol(key)}: not valid JSON ({exc})") from exc

    def write_json(self, key: str, content: dict) -> None:
        self.fs.pipe_file(key, _dumps(content))

    def create_json(self, key: str, content: dict) -> str | None:
        """Create ``key`` only if it does not exist (``If-None-Match: *`` on S3); return its ETag.

        Raises FileExistsError when the object is already there.
        """
        if self.is_s3:
            bucket, path, _ = self.fs.split_path(key)
            try:
                reply = self.fs.call_s3("put_object", Bucket=bucket, Key=path, Body=_dumps(content), IfNoneMatch="*")
            except OSError as exc:
                if _conflict(exc):
                    raise FileExistsError(f"{key} exists") from exc
                raise
            self.fs.invalidate_cache(key)
            return reply.get("ETag")
        self.fs.pipe_file(key, _dumps(content), mode="create")
        return None

    def replace_json_if(self, key: str, content: dict, etag: str | None) -> str | None:
        """Overwrite ``key`` only if it still has ``etag`` (``If-Match``); return the new ETag.

        Raises FileExistsError when the object changed meanwhile.
        """
        if not self.is_s3 or etag is None:
            self.write_json(key, content)
            return None
        bucket, path, _ = self.fs.split_path(key)
        try:
            reply = self.fs.call_s3("put_object", Bucket=bucket, Key=path, Body=_dumps(content), IfMatch=etag)
        except OSError as exc:
            if _conflict(exc) or isinstance(exc, FileNotFoundError):
                raise FileExistsError(f"{key} changed meanwhile") from exc
            raise
        return reply.get("ETag")

    def delete_if(self, key: str, etag: str | None) -> bool:
        """Delete ``key`` only if it still has ``etag`` (``If-Match``); False if it changed."""
        if not self.is_s3 or etag is None:
            try:
                self.fs.rm_file(key)
            except FileNotFoundError:
                pass
            return True
        bucket, path, _ = self.fs.split_path(key)
        try:
            self.fs.call_s3("delete_object", Bucket=bucket, Key=path, IfMatch=etag)
        except FileNotFoundError:
            return True
        except OSError as exc:
            if _conflict(exc):
                return False
            raise
        return True

    def delete(self, keys: list[str]) -> None:
        """Delete objects (missing ones are fine: deletes are replayed by repair)."""
        present = [k for k in keys if self.fs.exists(k)]
        if present:
            self.fs.rm(present)
        self.fs.invalidate_cache()

    # -- the Lake interface (flows/lake/interface.py) ------------------------------------
    def ensure_writable(self) -> None:
        ensure_object_writable(self)

    def lock(self, wait_seconds: float = 0.0, ttl_seconds: float | None = None) -> ObjectLock:
        from .lock import ObjectLock

        return ObjectLock(self, wait_seconds, ttl_seconds)

    def begin(self, run_id: str) -> ObjectTransaction:
        from .transaction import ObjectTransaction

        return ObjectTransaction(self, run_id)

    def repair(self) -> None:
        from .manifest import repair

        repair(self)

    def roll_forward(self) -> None:
        from .manifest import roll_forward

        self.refresh()
        roll_forward(self)
        self.refresh()

    def refresh(self) -> None:
        """Forget cached listings (another process may have changed the store)."""
        self.fs.invalidate_cache()

    def collect_garbage(self, datasets: tuple[str, ...]) -> None:
        return None  # a failed commit left only orphans, which the next run's repair deletes

    def scan(self, dataset: str) -> pl.LazyFrame | None:
        from .read import scan_object_dataset

        return scan_object_dataset(self, dataset)

    def find_rows(self, dataset: str, columns: list[str], values: dict[str, set[str]],
                  use_index: bool = True) -> pl.DataFrame | None:
        from ..keys import object_rows

        return object_rows(self, dataset, columns, values, use_index)

    def distinct_values(self, dataset: str, column: str) -> set[str]:
        from ..keys import object_distinct

        return object_distinct(self, dataset, column)

    def stages_remotely(self, settings) -> bool:
        return bool(settings.stage_on_lake)

    def shard_staging_url(self, run_id: str, shard_no: int) -> str:
        return self.url_of(STAGING, run_id, "shards", f"{shard_no:05d}")

    def drop_remote_staging(self, run_id: str) -> None:
        key = self.key(STAGING, run_id)
        if self.fs.exists(key):
            self.fs.rm(key, recursive=True)

    def fetch_validation_results(self, dest: Path) -> Path:
        self.fs.get(self.key(VALIDATION) + "/", str(dest) + "/", recursive=True)
        return dest

    def docs_site(self, local: Path) -> Path:
        return local / "site"

    def put_report(self, local: Path, name: str) -> str:
        self.fs.put(str(local), self.key(REPORTS, name))
        return self.url_of(REPORTS, name)


def _conflict(exc: OSError) -> bool:
    """A failed precondition (412) or a concurrent conditional write (409), as s3fs raises them."""
    if isinstance(exc, FileExistsError):
        return True
    error = getattr(getattr(exc, "__cause__", None), "response", None) or {}
    return error.get("Error", {}).get("Code") in ("PreconditionFailed", "ConditionalRequestConflict")


def _dumps(content: dict) -> bytes:
    return json.dumps(content, indent=1, sort_keys=True, default=str).encode()


def is_object_url(text: str) -> bool:
    return "://" in text and not text.startswith("file://")


def open_object_lake(url: str) -> ObjectLake:
    """An ObjectLake for an fsspec URL such as ``s3://bucket/lake`` (credentials from the env)."""
    protocol = url.split("://", 1)[0]
    options = storage_options(protocol)
    try:
        fs, root = fsspec.url_to_fs(url, **options)
    except (ImportError, ValueError) as exc:
        raise LakeError(f"lake {url!r}: cannot open this URL ({exc}); for s3:// install s3fs") from exc
    root = root.rstrip("/")
    if not root:
        raise LakeError(f"lake {url!r}: give a bucket (and optionally a prefix), e.g. s3://bucket/lake")
    return ObjectLake(url=url.rstrip("/"), fs=fs, root=root, options=options)


def ensure_object_writable(lake: ObjectLake) -> None:
    """Prove we can write and delete under the lake prefix, or raise a clear LakeError."""
    probe = lake.key(f"_probe-{os.getpid()}-{secrets.token_hex(4)}")
    where = f"lake {lake.url}" + (f" (endpoint {lake.options['endpoint_url']})" if lake.options.get("endpoint_url") else "")
    try:
        lake.fs.pipe_file(probe, b"")
        lake.fs.rm_file(probe)
    except FileNotFoundError as exc:
        raise LakeError(f"{where} is not writable: the bucket does not exist ({exc})") from exc
    except PermissionError as exc:
        raise LakeError(f"{where} is not writable: access denied; check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY ({exc})") from exc
    except OSError as exc:
        raise LakeError(f"{where} is not writable: {exc}") from exc
