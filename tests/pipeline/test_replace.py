"""A dump file that changed replaces what it published before (incremental runs)."""

from __future__ import annotations

import datetime as dt

from flows.ingest.files import canonical_path
from flows.lake import read_columns
from flows.pipeline.replace import changed_files, plan_replacement, stage_deletions
from tests.pipeline.lakes import column, publish, run_context
from tests.validate.rows import article, hex32, mention, quarantine


def test_changed_files_are_known_paths_with_other_content():
    done = {("a.jsonl", 10, "aa"), ("b.jsonl", 20, "bb")}
    inputs = [
        {"path": "a.jsonl", "size": 10, "sha256": "aa"},   # unchanged: not processed again anyway
        {"path": "b.jsonl", "size": 20, "sha256": "b2"},   # same path, other content
        {"path": "c.jsonl", "size": 30, "sha256": "cc"},   # new path: nothing to replace
    ]
    assert changed_files(inputs, done) == {"b.jsonl"}
    assert changed_files(inputs, set()) == set()


# runs name their inputs by canonical path; lakes written before that hold them as given
DAY1 = canonical_path("dumps/day1.jsonl")


def lake_of_two_files(lake):
    other = {"source_file": "dumps/day2.jsonl"}
    publish(lake, "run-0", {
        "articles": [article(0), {**article(1), **other}],
        "mentions": [mention(0), {**mention(1), "event_id": hex32("e1")}],
        "quarantine": [quarantine(0), {**quarantine(1), **other}],
    })


def test_the_plan_names_the_files_rows_and_the_events_they_counted_towards(tmp_path):
    lake_of_two_files(tmp_path)
    plan = plan_replacement(tmp_path, {DAY1})
    assert plan.files == {DAY1}
    assert plan.article_ids == {hex32("a0")}
    assert plan.quarantine_ids == {hex32("q0")}
    assert plan.events.rows() == [(hex32("e0"), dt.date(2024, 3, 5))]


def test_nothing_changed_or_an_empty_lake_replaces_nothing(tmp_path):
    assert plan_replacement(tmp_path, set()).article_ids == set()
    empty = plan_replacement(tmp_path, {DAY1})
    assert (empty.article_ids, empty.quarantine_ids, empty.events.height) == (set(), set(), 0)


def test_staged_deletions_remove_the_replaced_rows_at_commit(tmp_path):
    lake_of_two_files(tmp_path)
    ctx = run_context(tmp_path, replacement=plan_replacement(tmp_path, {DAY1}))
    stage_deletions(ctx)
    ctx.txn.commit()
    assert column(read_columns(tmp_path, "articles", ["article_id"]), "article_id") == {hex32("a1")}
    assert column(read_columns(tmp_path, "mentions", ["article_id"]), "article_id") == {hex32("a1")}
    assert column(read_columns(tmp_path, "quarantine", ["quarantine_id"]), "quarantine_id") == {hex32("q1")}
