"""Asking the lake about a run's keys gives the same answers on a folder and on S3 (moto)."""

from __future__ import annotations

import pytest

from flows.ingest.files import canonical_path
from flows.lake import LakeLock, lake_root
from flows.lake.keys import distinct_values, matching_rows
from flows.pipeline.replace import plan_replacement
from tests.pipeline.lakes import publish
from tests.validate.rows import article, hex32, mention, quarantine


def _fill(lake) -> None:
    other = {"source_file": "dumps/day2.jsonl"}
    with LakeLock(lake):
        publish(lake, "run-0", {
            "articles": [article(i) for i in range(4)] + [{**article(i), **other} for i in range(4, 6)],
            "mentions": [mention(0), mention(4)],
            "quarantine": [quarantine(1), {**quarantine(2), **other}],
        })


@pytest.fixture(params=["folder", "s3"])
def lake(request, tmp_path):
    if request.param == "folder":
        root = lake_root(tmp_path / "lake")
    else:
        root = lake_root(request.getfixturevalue("s3_lake_url"))
    _fill(root)
    return root


def test_only_rows_sharing_a_key_come_back(lake):
    asked = {"article_id": {hex32("a1"), hex32("nope")}, "content_hash": {article(5)["content_hash"]}}
    found = matching_rows(lake, "articles", ["article_id", "content_hash"], asked)
    assert sorted(found["article_id"].to_list()) == sorted([hex32("a1"), hex32("a5")])
    assert matching_rows(lake, "articles", ["article_id"], {"article_id": set()}).height == 0
    assert matching_rows(lake, "events", ["event_id"], {"event_id": {"x"}}).height == 0  # never published


def test_distinct_source_files(lake):
    assert distinct_values(lake, "articles", "source_file") == {"dumps/day1.jsonl", "dumps/day2.jsonl"}
    assert distinct_values(lake, "events", "source_file") == set()


def test_replacement_plan_reads_only_the_replaced_files_rows(lake):
    plan = plan_replacement(lake, {canonical_path("dumps/day2.jsonl")})  # the lake spells it as given
    assert plan.article_ids == {hex32("a4"), hex32("a5")}
    assert plan.quarantine_ids == {hex32("q2")}
    assert plan.events["event_id"].to_list() == [mention(4)["event_id"]]
