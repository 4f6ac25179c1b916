"""The ``Lake`` interface (see ``flows/lake/interface.py``) of a lake on an object store.

``ObjectLake`` inherits these methods; they import the modules that implement them when
called (those modules import ``store.py``, which defines ``ObjectLake``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from .lock import ObjectLock
    from .transaction import ObjectTransaction

from ..layout import REPORTS, VALIDATION

STAGING = "_staging"  # shards staged on the store (store.py names the same prefix)


class ObjectLakeInterface:
    fs: object
    url: str

    def key(self, *parts: str) -> str:
        raise NotImplementedError

    def url_of(self, *parts: str) -> str:
        raise NotImplementedError

    def ensure_writable(self) -> None:
        from .store import ensure_object_writable

        ensure_object_writable(self)  # type: ignore[arg-type]

    def lock(self, wait_seconds: float = 0.0, ttl_seconds: float | None = None) -> "ObjectLock":
        from .lock import ObjectLock

        return ObjectLock(self, wait_seconds, ttl_seconds)  # type: ignore[arg-type]

    def begin(self, run_id: str) -> "ObjectTransaction":
        from .transaction import ObjectTransaction

        return ObjectTransaction(self, run_id)  # type: ignore[arg-type]

    def repair(self) -> None:
        from .manifest import repair

        repair(self)  # type: ignore[arg-type]

    def roll_forward(self) -> None:
        from .manifest import roll_forward

        self.refresh()
        roll_forward(self)  # type: ignore[arg-type]
        self.refresh()

    def refresh(self) -> None:
        """Forget cached listings (another process may have changed the store)."""
        self.fs.invalidate_cache()  # type: ignore[attr-defined]

    def collect_garbage(self, datasets: tuple[str, ...]) -> None:
        return None  # a failed commit left only orphans, which the next run's repair deletes

    def scan(self, dataset: str) -> pl.LazyFrame | None:
        from .read import scan_object_dataset

        return scan_object_dataset(self, dataset)  # type: ignore[arg-type]

    def find_rows(self, dataset: str, columns: list[str], keys: list[str], where: pl.Expr) -> pl.DataFrame | None:
        from ..keys import object_rows

        return object_rows(self, dataset, columns, keys, where)

    def distinct_values(self, dataset: str, column: str) -> set[str]:
        from ..keys import object_distinct

        return object_distinct(self, dataset, column)

    def stages_remotely(self, settings) -> bool:
        return bool(settings.stage_on_lake)

    def shard_staging_url(self, run_id: str, shard_no: int) -> str:
        return self.url_of(STAGING, run_id, "shards", f"{shard_no:05d}")

    def drop_remote_staging(self, run_id: str) -> None:
        key = self.key(STAGING, run_id)
        if self.fs.exists(key):  # type: ignore[attr-defined]
            self.fs.rm(key, recursive=True)  # type: ignore[attr-defined]

    def fetch_validation_results(self, dest: Path) -> Path:
        self.fs.get(self.key(VALIDATION) + "/", str(dest) + "/", recursive=True)  # type: ignore[attr-defined]
        return dest

    def docs_site(self, local: Path) -> Path:
        return local / "site"

    def put_report(self, local: Path, name: str) -> str:
        self.fs.put(str(local), self.key(REPORTS, name))  # type: ignore[attr-defined]
        return self.url_of(REPORTS, name)
