"""The seed story: our own article in the same spirit, and the real seed file when ../shared exists."""
from __future__ import annotations

from datetime import datetime, timezone

import polars as pl
import pytest

from flows.coding.events import aggregate_events
from flows.coding.mentions import code_articles

from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"

OWN_STORY = """\
Last week's telephone conversation between U.S. President Donald Trump and Russian President Vladimir Putin has drawn attention across Europe.
The talk took place almost three years after Russia's invasion of Ukraine, which still dominates relations between Moscow and the West.
Both men have spoken of a desire for calm, though it remains unclear whether formal negotiations could follow.
Washington and the European Union have imposed sweeping sanctions on Russia, and officials in Brussels show no sign of easing them.
During his first term, Trump's administration withdrew from the Intermediate-Range Nuclear Forces Treaty.
Some commentators argue that renewed contact might allow a ceasefire, while others warn that Russia could attack Moldova.
The phone call between Trump and Putin may mark a turning point, but a settlement is far from certain.
"""
PUBLISHED = datetime(2025, 2, 13, 9, tzinfo=timezone.utc)


def _frame(text: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": ["5eed" + "0" * 28], "url": ["https://example.org/call"],
                         "source": ["example.org"], "text": [text], "published_at": [PUBLISHED],
                         "language": ["en"], "run_id": ["seed"]},
                        schema_overrides={"published_at": pl.Datetime("us", "UTC")})


def _check_story(mentions: pl.DataFrame) -> pl.DataFrame:
    events = aggregate_events(mentions, PUBLISHED)
    got = {(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in events.iter_rows(named=True)}
    roots = {(r["actor1_country_code"], r["actor2_country_code"], r["event_root_code"])
             for r in events.iter_rows(named=True)}
    assert ("USAGOV", "RUSGOV", "041") in got and ("RUSGOV", "USAGOV", "041") in got
    assert ("RUS", "UKR", "19") in roots
    assert any(a2 == "RUS" and code == "163" for _, a2, code in got)
    assert any(a1 == "USA" and root == "16" for a1, _, root in roots)
    call = events.filter(pl.col("event_code") == "041").row(0, named=True)
    assert call["quad_class"] == 1 and call["goldstein"] == 1.0
    sanction = events.filter(pl.col("event_code") == "163").row(0, named=True)
    assert sanction["quad_class"] == 4 and sanction["goldstein"] < 0
    return events


def test_own_story(tiny, verbs):
    mentions = code_articles(_frame(OWN_STORY), tiny, verbs)
    events = _check_story(mentions)
    # hedged commentary is flagged, not coded
    hedged = mentions.filter(pl.col("hypothetical"))
    assert hedged.height >= 1
    assert set(events["event_root_code"]) <= {"04", "16", "19"}, events.select("actor1_code", "actor2_code", "event_code")
    # "Last week's" call is dated a week before publication
    dates = mentions.filter(pl.col("event_code") == "041")["event_date"].to_list()
    assert min(dates) == datetime(2025, 2, 6).date()


@pytest.mark.skipif(not (SHARED / "samples" / "seed" / "trump_putin_call.txt").exists(),
                    reason=f"needs the seed story of ../shared ({SHARED / 'samples' / 'seed'}): absent here")
def test_real_seed_file():
    text = (SHARED / "samples" / "seed" / "trump_putin_call.txt").read_text(encoding="utf-8")
    mentions = code_articles(_frame(text))
    events = _check_story(mentions)
    # commentary: "could signal", "might allow", "may lead" are flagged and never become events
    for phrase in ("could signal", "might allow", "could embolden", "may lead", "could reduce"):
        in_phrase = mentions.filter(pl.col("sentence").str.contains(phrase, literal=True))
        assert in_phrase.filter(~pl.col("hypothetical") & ~pl.col("negated")).height == 0, phrase
    consequential = events.filter(pl.col("quad_class") == 4)
    assert set(consequential["event_root_code"]) <= {"16", "19"}
