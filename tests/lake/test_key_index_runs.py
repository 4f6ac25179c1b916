"""Whole runs deduplicate against the lake through its key index: with a hash that collides
all the time they count exactly what they count with the real one."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from flows.lake import current_snapshot, scan_dataset
from flows.lake.keyindex import INDEXED, segments
from flows.lake.keyindex.folder import load_catalog
from flows.pipeline import run_serial
from flows.settings import Settings
from tests.conftest import SAMPLES

FIRST = [SAMPLES / "articles.jsonl", SAMPLES / "broken" / "malformed_line.jsonl"]
SECOND = [SAMPLES / "news_please.json", SAMPLES / "wire.csv"]


def tiny_hash(values) -> np.ndarray:
    """A 4-bit hash (the first hex digit of an id): most keys share it with a held one."""
    return np.array([int(v[0], 16) for v in values], dtype=np.uint64)


def counts(result: dict) -> dict:
    return {k: result["datasets"]["articles"][k] for k in ("published", "quarantined", "duplicates")}


def runs(lake) -> tuple[list[dict], dict[str, int]]:
    """The same input again (all duplicates), new input, then both (all duplicates); and the
    rows the lake holds after them."""
    settings = Settings(lake=str(lake), code_events=False)
    done = [counts(run_serial([str(p) for p in batch], settings)) for batch in (FIRST, FIRST, SECOND, FIRST + SECOND)]
    held = {d: scan_dataset(lake, d).select(pl.len()).collect().item() for d in ("articles", "quarantine")}
    return done, held


def test_runs_count_the_same_with_a_colliding_hash(tmp_path, monkeypatch):
    if not all(p.exists() for p in FIRST + SECOND):
        pytest.skip("sample dumps missing")
    real, real_rows = runs(tmp_path / "real")
    monkeypatch.setitem(segments.HASHERS, "tiny-4bit", tiny_hash)
    monkeypatch.setattr(segments, "DEFAULT_HASH", "tiny-4bit")
    tiny, tiny_rows = runs(tmp_path / "tiny")
    catalog = load_catalog(current_snapshot(tmp_path / "tiny", "articles"), INDEXED["articles"])
    assert catalog is not None and catalog["hash"] == "tiny-4bit"
    assert (tiny, tiny_rows) == (real, real_rows)
    first, again, new, both = real
    assert first["published"] > 0 and first["quarantined"] > 0
    assert again["published"] == 0 and again["duplicates"] == first["published"]
    alone = counts(run_serial([str(p) for p in SECOND], Settings(lake=str(tmp_path / "alone"), code_events=False)))
    assert new["published"] > 0 and new["published"] + new["duplicates"] == alone["published"]
    assert both["published"] == 0
    assert real_rows == {"articles": first["published"] + new["published"],
                         "quarantine": first["quarantined"] + new["quarantined"]}  # none written twice
