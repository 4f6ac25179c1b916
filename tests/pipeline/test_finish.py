"""Finishing a run: events re-aggregated over the lake's and the run's mentions, runs rows, summary."""

from __future__ import annotations

import pytest

from flows.errors import AccountingError, DatasetValidationError, GeowireError
from flows.lake import read_columns
from flows.pipeline import Counts, finish_run, merge_shards
from flows.pipeline.finish import runs_rows
from flows.validate import load_contract
from tests.pipeline.lakes import publish, run_context, staged_shard
from tests.validate.rows import article, hex32, mention


def test_an_event_is_aggregated_over_all_its_mentions_and_the_run_is_logged(tmp_path):
    lake = tmp_path / "lake"
    publish(lake, "run-0", {"articles": [article(0)], "mentions": [mention(0)]})
    ctx = run_context(lake)
    shard = staged_shard(tmp_path / "s0", 0, {"articles": [article(1)], "mentions": [mention(1)]},
                         {"articles": Counts(1, 1, 0, 0), "mentions": Counts(1, 1, 0, 0)})
    merge_shards(ctx, [shard])
    summary = finish_run(ctx)
    events = read_columns(lake, "events", ["event_id", "num_mentions", "num_articles"])
    assert events.rows() == [(hex32("e0"), 2, 2)]  # the lake's mention and the run's
    assert summary["datasets"]["events"]["published"] == 1
    assert summary["run_id"] == ctx.run_id and summary["lake"] == str(lake)
    runs = read_columns(lake, "runs", ["dataset", "status", "records_read", "published"])
    assert sorted(runs.rows()) == [("articles", "completed", 1, 1), ("events", "completed", 1, 1),
                                   ("mentions", "completed", 1, 1)]


def test_runs_rows_carry_each_datasets_counts(tmp_path):
    ctx = run_context(tmp_path / "lake", inputs=[{"path": "a.jsonl", "size": 3, "sha256": "ff" * 32}])
    ctx.counts["articles"].add(Counts(4, 2, 1, 1))
    rows = runs_rows(ctx, "failed")
    assert rows.columns == load_contract("runs").column_names
    assert rows.select("dataset", "status", "records_read", "duplicates").rows() == [
        ("articles", "failed", 4, 1), ("mentions", "failed", 0, 0), ("events", "failed", 0, 0)]
    assert rows["inputs"].to_list() == [[{"path": "a.jsonl", "size": 3, "sha256": "ff" * 32}]] * 3


def test_counts_that_do_not_balance_are_a_bug_and_nothing_is_committed(tmp_path):
    lake = tmp_path / "lake"
    ctx = run_context(lake)
    shard = staged_shard(tmp_path / "s0", 0, {"articles": [article(1)]},
                         {"articles": Counts(2, 1, 0, 0)})  # one record read, then lost
    merge_shards(ctx, [shard])
    with pytest.raises(AccountingError, match="'articles': records_read 2 != published 1") as caught:
        finish_run(ctx)
    assert not isinstance(caught.value, DatasetValidationError)  # not a data problem
    assert isinstance(caught.value, GeowireError) and caught.value.exit_code == 1
    assert read_columns(lake, "runs", ["run_id"]) is None
