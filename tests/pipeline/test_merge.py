"""Merging shards: duplicates across shards and against the lake are dropped and counted, with
the mentions coded from them; quarantine rows the lake holds are not written twice."""

from __future__ import annotations

import pytest

from flows.lake import read_columns
from flows.normalize import Deduplicator
from flows.pipeline import Counts, merge_shards
from flows.pipeline.quarantine import SeenQuarantine
from tests.pipeline.lakes import column, publish, run_context, staged_shard
from tests.validate.rows import article, hex32, mention, quarantine


def merged_lake(tmp_path, told: bool = True):
    """``told``: the run's filters start from what the lake holds (else they ask the lake)."""
    lake = tmp_path / "lake"
    publish(lake, "run-0", {"articles": [article(9)], "quarantine": [quarantine(5)]})
    earlier = article(9)
    ctx = run_context(lake, dedup=Deduplicator({earlier["article_id"]}, {earlier["content_hash"]}),
                      seen_quarantine={hex32("q5")}) if told else run_context(lake, seen_quarantine=SeenQuarantine(lake))
    first = staged_shard(tmp_path / "s0", 0, {
        "articles": [article(0), article(1)], "mentions": [mention(0)], "quarantine": [quarantine(0)],
    }, {"articles": Counts(3, 2, 1, 0), "mentions": Counts(1, 1, 0, 0)})
    second = staged_shard(tmp_path / "s1", 1, {
        # article 1 again (same id, another title), article 9 as in the lake, article 2 new
        "articles": [{**article(1), "title": "repeat"}, article(9), article(2)],
        "mentions": [mention(1), mention(2), mention(9)],
        "quarantine": [quarantine(5), quarantine(1)],
    }, {"articles": Counts(5, 3, 2, 0), "mentions": Counts(3, 3, 0, 0)})
    merge_shards(ctx, [second, first])  # shard order decides which repeat is kept, not list order
    return ctx, lake


@pytest.mark.parametrize("told", [True, False], ids=["seeded", "asks-the-lake"])
def test_counts_move_dropped_rows_from_published_to_duplicates(tmp_path, told):
    ctx, _ = merged_lake(tmp_path, told)
    assert ctx.counts["articles"].as_dict() == {"records_read": 8, "published": 3, "quarantined": 3, "duplicates": 2}
    assert ctx.counts["mentions"].as_dict() == {"records_read": 4, "published": 2, "quarantined": 0, "duplicates": 2}
    assert all(c.balanced for c in ctx.counts.values())
    assert "merge" in ctx.seconds


@pytest.mark.parametrize("told", [True, False], ids=["seeded", "asks-the-lake"])
def test_the_committed_lake_holds_each_row_once(tmp_path, told):
    ctx, lake = merged_lake(tmp_path, told)
    ctx.txn.commit()
    articles = read_columns(lake, "articles", ["article_id", "title"])
    assert sorted(articles["article_id"].to_list()) == sorted(hex32(f"a{i}") for i in (0, 1, 2, 9))
    assert articles.filter(articles["article_id"] == hex32("a1"))["title"].to_list() == ["Ministers meet (1)"]
    assert column(read_columns(lake, "mentions", ["article_id"]), "article_id") == {hex32("a0"), hex32("a2")}
    quarantined = read_columns(lake, "quarantine", ["quarantine_id"])["quarantine_id"].to_list()
    assert sorted(quarantined) == sorted(hex32(f"q{i}") for i in (0, 1, 5))


def test_a_run_asks_the_lake_only_about_its_own_keys(tmp_path):
    """The lake's other ids never reach the run's filters: memory follows the run."""
    lake = tmp_path / "lake"
    publish(lake, "run-0", {"articles": [article(i) for i in range(3, 9)], "quarantine": [quarantine(i) for i in range(2, 6)]})
    ctx = run_context(lake, seen_quarantine=SeenQuarantine(lake))
    shard = staged_shard(tmp_path / "s0", 0, {
        "articles": [article(0), article(4)], "quarantine": [quarantine(0), quarantine(3)],
    }, {"articles": Counts(4, 2, 2, 0)})
    merge_shards(ctx, [shard])
    assert ctx.dedup.seen_ids == {hex32("a0"), hex32("a4")}
    assert ctx.seen_quarantine.known == {hex32("q0"), hex32("q3")}
    assert ctx.counts["articles"].as_dict() == {"records_read": 4, "published": 1, "quarantined": 2, "duplicates": 1}
