"""One typed settings object; values come from arguments, then GEOWIRE_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace


def _env(name: str, default: str) -> str:
    return os.environ.get(f"GEOWIRE_{name}", default)


@dataclass(frozen=True)
class Settings:
    lake: str = field(default_factory=lambda: _env("LAKE", "data/lake"))
    batch_size: int = field(default_factory=lambda: int(_env("BATCH_SIZE", "5000")))
    batch_bytes: int = field(default_factory=lambda: int(_env("BATCH_BYTES", str(32 * 2**20))))  # of text
    workers: int = field(default_factory=lambda: int(_env("WORKERS", "0")))  # 0: every available core
    piece_bytes: int = field(default_factory=lambda: int(_env("PIECE_BYTES", str(2 * 2**20))))  # least piece
    wait_lock_seconds: float = field(default_factory=lambda: float(_env("WAIT_LOCK", "0")))
    shard_bytes: int = field(default_factory=lambda: int(_env("SHARD_BYTES", str(16 * 2**20))))
    stage_on_lake: bool = field(default_factory=lambda: _env("STAGE_ON_LAKE", "0") == "1")
    code_events: bool = field(default_factory=lambda: _env("CODE_EVENTS", "1") != "0")
    keep_validation_results: bool = True

    def with_overrides(self, **values) -> "Settings":
        return replace(self, **{k: v for k, v in values.items() if v is not None})
