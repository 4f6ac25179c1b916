"""aggregate_events: counts, representative mention, flags excluded, re-aggregation."""
from __future__ import annotations

from datetime import date, datetime, timezone

import polars as pl
import pytest

from flows.coding.events import aggregate_events
from flows.coding.schema import EVENT_COLUMNS, EVENT_SCHEMA, MENTION_SCHEMA

ADDED = datetime(2025, 3, 1, tzinfo=timezone.utc)


def mention(mid, eid="e" * 32, article="a1", source="x.com", index=3, tone=-2.0, run="r1",
            negated=False, hypothetical=False, day=date(2025, 2, 13), url=None) -> dict:
    row = {c: None for c in MENTION_SCHEMA}
    row.update(mention_id=mid, event_id=eid, article_id=article, run_id=run, sentence_index=index,
               sentence="s", event_date=day, rule="verbs.tsv:1 x", confidence=0.9, negated=negated,
               hypothetical=hypothetical, quoted=False, actor1_code="RUS", actor1_country_code="RUS",
               actor2_code="UKR", event_code="190", event_base_code="190", event_root_code="19",
               quad_class=4, goldstein=-10.0, action_geo_type=1, action_geo_country_code="UKR",
               mention_source=source, mention_url=url or f"https://{source}/{article}", mention_doc_tone=tone)
    return row


def frame(*rows) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=MENTION_SCHEMA)


@pytest.mark.parametrize("rows, expected", [
    # (num_mentions, num_sources, num_articles, avg_tone, is_root_event)
    ([mention("m1")], (1, 1, 1, -2.0, False)),
    ([mention("m1"), mention("m2", index=1)], (2, 1, 1, -2.0, True)),
    ([mention("m1"), mention("m2", article="a2", source="y.com", tone=4.0)], (2, 2, 2, 1.0, False)),
    ([mention("m1"), mention("m2", article="a2")], (2, 1, 2, -2.0, False)),
    ([mention("m1"), mention("m2", negated=True, index=0), mention("m3", hypothetical=True)],
     (1, 1, 1, -2.0, False)),
])
def test_counts(rows, expected):
    events = aggregate_events(frame(*rows), ADDED)
    assert events.height == 1
    row = events.row(0, named=True)
    got = (row["num_mentions"], row["num_sources"], row["num_articles"], row["avg_tone"], row["is_root_event"])
    assert got == expected


def test_columns_types_and_representative_mention():
    rows = [mention("m1", article="b", url="https://later"), mention("m2", article="a", url="https://first"),
            mention("m3", eid="f" * 32, run="r2")]
    events = aggregate_events(frame(*rows), ADDED)
    assert events.columns == list(EVENT_COLUMNS) and dict(events.schema) == EVENT_SCHEMA
    by_id = {r["event_id"]: r for r in events.iter_rows(named=True)}
    assert by_id["e" * 32]["source_url"] == "https://first"
    assert by_id["f" * 32]["run_id"] == "r2" and by_id["e" * 32]["date_added"] == ADDED


def test_only_flagged_mentions_give_no_events():
    assert aggregate_events(frame(mention("m1", negated=True)), ADDED).is_empty()


def test_reaggregation_of_old_and_new_mentions_keeps_counts_right():
    old = frame(mention("m1", run="r1"), mention("m2", article="a2", run="r1"))
    new = frame(mention("m3", article="a3", source="y.com", run="r2"))
    first = aggregate_events(old, ADDED).row(0, named=True)
    both = aggregate_events(pl.concat([old, new]), ADDED).row(0, named=True)
    assert (first["num_mentions"], first["num_articles"], first["run_id"]) == (2, 2, "r1")
    assert (both["num_mentions"], both["num_sources"], both["num_articles"], both["run_id"]) == (3, 2, 3, "r2")


def test_end_to_end_from_articles(tiny, verbs, make_articles):
    from flows.coding.mentions import code_articles

    m = code_articles(make_articles("Russia invaded Ukraine.", "Russia invaded Ukraine. Russia did not attack France."),
                      tiny, verbs)
    events = aggregate_events(m, ADDED)
    assert events.height == 1
    row = events.row(0, named=True)
    assert (row["actor1_code"], row["actor2_code"], row["event_code"], row["num_articles"]) == ("RUS", "UKR", "190", 2)


def test_naive_date_added_is_refused():
    with pytest.raises(ValueError, match="timezone"):
        aggregate_events(frame(mention("m1")), datetime(2025, 3, 1))
