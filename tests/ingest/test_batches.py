"""Bounded batches: a large JSONL comes out in frames of batch_size rows."""

import json

import polars as pl
import pytest

from flows.ingest import RAW_SCHEMA, iter_raw_batches


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    with path.open("w") as handle:
        for n in range(50_000):
            handle.write(json.dumps({"url": f"https://example.org/{n}", "title": f"Story {n}",
                                     "text": "Ministers from Kenya and Uganda met in Kampala."}) + "\n")
    return path


@pytest.mark.parametrize(("batch_size", "sizes"), [(1000, [1000] * 50), (7_000, [7_000] * 7 + [1_000])])
def test_large_jsonl_is_read_in_batches(big_jsonl, batch_size, sizes):
    batches = iter_raw_batches(str(big_jsonl), batch_size=batch_size)
    seen = []
    last_url = None
    for frame in batches:
        assert dict(frame.schema) == RAW_SCHEMA
        seen.append(frame.height)
        last_url = frame["url"][-1]
    assert seen == sizes
    assert last_url == "https://example.org/49999"


def test_batches_are_produced_lazily(big_jsonl):
    batches = iter_raw_batches(str(big_jsonl), batch_size=10)
    first = next(batches)
    assert first["source_locator"].to_list() == [f"line:{n}" for n in range(1, 11)]


def test_bad_batch_size_is_a_programming_error(big_jsonl):
    with pytest.raises(ValueError):
        next(iter_raw_batches(str(big_jsonl), batch_size=0))


def test_row_order_and_totals(big_jsonl):
    frame = pl.concat(iter_raw_batches(str(big_jsonl), batch_size=999))
    assert frame.height == 50_000
    assert frame["title"][12_345] == "Story 12345"
