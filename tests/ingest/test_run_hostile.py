"""A run over hostile input, through the pipeline functions (no Prefect): lineage of files
that change under the run, failed runs, failures contained to their records."""

from __future__ import annotations

import json

import polars as pl
import pytest

from flows.ingest import iter_raw_batches
from flows.pipeline import finish_run, merge_shards, open_run, plan_shards, process_shard
from flows.pipeline.contain import normalize_contained
from flows.pipeline.run import processed_inputs
from flows.settings import Settings
from tests.flow.lakeq import rows

TEXT = "Officials from Chile and Peru met in Lima on Tuesday to discuss trade and the border crossings."


def dump(path, first: int, count: int) -> None:
    path.write_text("".join(
        json.dumps({"url": f"https://example.org/{n}", "text": f"{TEXT} Story {n}."}) + "\n"
        for n in range(first, first + count)))


def settings(lake) -> Settings:
    return Settings(lake=str(lake), code_events=False, keep_validation_results=False)


def test_a_file_changed_or_vanished_during_the_run_is_not_marked_done(tmp_path):
    inbox, lake = tmp_path / "in", tmp_path / "lake"
    inbox.mkdir()
    dump(inbox / "a.jsonl", 0, 3)
    dump(inbox / "b.jsonl", 10, 3)
    dump(inbox / "c.jsonl", 20, 3)
    with open_run([str(inbox)], settings(lake)) as run:
        results = [process_shard(spec) for spec in plan_shards(run)]
        dump(inbox / "a.jsonl", 0, 5)  # rewritten while the run works
        (inbox / "b.jsonl").unlink()  # gone
        merge_shards(run, results)
        summary = finish_run(run)
    recorded = {i["path"]: i["sha256"] for (inputs,) in rows(lake, "runs", "inputs", order="1") for i in inputs}
    assert recorded[str(inbox / "a.jsonl")] is None and recorded[str(inbox / "b.jsonl")] is None
    assert recorded[str(inbox / "c.jsonl")] is not None
    reasons = dict(rows(lake, "quarantine", "source_file, reasons[1]"))
    assert "file changed during the run" in reasons[str(inbox / "a.jsonl")]
    assert "file vanished during the run" in reasons[str(inbox / "b.jsonl")]
    counts = summary["datasets"]["articles"]
    assert counts["records_read"] == counts["published"] + counts["quarantined"] + counts["duplicates"]
    assert {path for path, _, sha in processed_inputs(lake) if sha} == {str(inbox / "c.jsonl")}
    with open_run([str(inbox)], settings(lake), incremental=True) as run:
        assert run.files == [str(inbox / "a.jsonl")]  # read again; c.jsonl was done


def test_a_failed_run_leaves_a_failed_runs_row_and_nothing_else(tmp_path):
    inbox, lake = tmp_path / "in", tmp_path / "lake"
    inbox.mkdir()
    dump(inbox / "a.jsonl", 0, 2)
    with pytest.raises(RuntimeError, match="boom"), open_run([str(inbox)], settings(lake)) as run:
        merge_shards(run, [process_shard(spec) for spec in plan_shards(run)])
        raise RuntimeError("boom")
    assert rows(lake, "runs", "dataset, status, records_read") == [
        ("articles", "failed", None), ("events", "failed", None), ("mentions", "failed", None)]
    assert rows(lake, "articles") == []


class PanicException(BaseException):
    """Stands for a PyO3 panic (each PyO3 library defines its own class of this name)."""


def test_a_record_that_makes_normalize_fail_is_quarantined_alone(tmp_path, monkeypatch):
    import flows.pipeline.contain as contain

    dump(tmp_path / "a.jsonl", 0, 5)
    raw = pl.concat(list(iter_raw_batches(str(tmp_path / "a.jsonl"))))
    real = contain.normalize_articles

    def fragile(frame, run_id, **options):  # fault injection: a library panics on one record
        if "https://example.org/3" in frame["url"].to_list():
            raise PanicException("assertion failed: i < self.len()")
        return real(frame, run_id, **options)

    monkeypatch.setattr(contain, "normalize_articles", fragile)
    result = normalize_contained(raw, "run")
    assert sorted(result.articles["url"].to_list()) == [f"https://example.org/{n}" for n in (0, 1, 2, 4)]
    [(locator, reasons)] = result.rejected.select("source_locator", "reasons").rows()
    assert locator == "line:4" and "PanicException: assertion failed" in reasons[0]


def test_a_reader_that_blows_up_costs_the_rest_of_its_file_only(tmp_path, monkeypatch):
    import flows.ingest.reader as reader

    dump(tmp_path / "a.jsonl", 0, 3)
    real = reader.READERS["jsonl"]

    def fragile(entry, limits):  # fault injection: deep recursion in a parser after one record
        rows = real(entry, limits)
        yield next(rows)
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(reader.READERS, "jsonl", fragile)
    frame = pl.concat(list(iter_raw_batches(str(tmp_path / "a.jsonl"))))
    assert frame.select("source_locator", "error").rows() == [
        ("line:1", None), ("line:1 (after)", "cannot read file: RecursionError: nested too deeply to process")]
