"""Relevance: an article that is not about politics, conflict or the state yields no events."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.coding import code_articles
from flows.coding.relevance import RelevanceError, article_relevance, load_rules

REPO = Path(__file__).resolve().parents[2]
# invented texts, each over the 100 words below which an article is not judged
SPORT = ("Russia beat Croatia in the Davis Cup final on Sunday, and the crowd in Zagreb cheered the winners. "
         "The first singles match went to five sets before the Russian number one attacked the net and "
         "broke serve twice. Croatia's captain said his players had given everything over the weekend. "
         "The doubles pair, who had lost only once all season, played in front of a full stadium. "
         "Tickets for next year's tournament go on sale in March, the organisers said, and the draw "
         "for the first round will be made in London in the autumn. Both teams thanked their fans, "
         "their coaches and the volunteers who ran the event, and promised to return next season.")
POLITICS = ("Russian troops attacked the Ukrainian city of Kharkiv on Monday, the Ukrainian government said. "
            "The Ukrainian military said its forces repelled the assault and that soldiers were killed on both "
            "sides. The foreign ministry in Kyiv condemned the attack and the United Nations called for an "
            "end to the fighting. The Russian defence ministry said its troops had struck military targets. "
            "Police in the city said civilians were sheltering in the metro. The president met his "
            "generals and the prime minister on Monday evening, and the parliament will hold an emergency "
            "session on Tuesday. European governments said they would impose new sanctions on Moscow, "
            "and the White House said officials were in contact with the government in Kyiv.")


def _frame(*texts: str) -> pl.DataFrame:
    return pl.DataFrame({"article_id": [f"{i:032x}" for i in range(len(texts))], "text": list(texts),
                         "language": ["en"] * len(texts)})


def test_a_sport_article_is_judged_other_and_yields_no_events():
    frame = _frame(SPORT, POLITICS)
    assert article_relevance(frame).to_list() == ["other", "political"]
    mentions = code_articles(frame)
    assert set(mentions["article_id"]) == {f"{1:032x}"}
    assert {"19"} <= set(mentions["event_root_code"])


def test_a_short_text_is_not_judged_and_is_coded():
    frame = _frame("Russia attacked Ukraine on Monday.")
    assert article_relevance(frame).to_list() == [None]
    assert code_articles(frame)["event_root_code"].to_list() == ["19"]


def test_a_given_relevance_column_is_used_rather_than_judged_again():
    frame = _frame(POLITICS).with_columns(relevance=pl.lit("other"))
    assert code_articles(frame).height == 0


@pytest.mark.parametrize("text, message", [
    ("min_hits: 5\n", "expected exactly the keys"),
    ("political_types: [GOVERNMENT]\nmin_hits: 5\nmin_per_1000_words: 10\nmin_words: 100\n", "3-letter"),
    ("political_types: [GOV]\nmin_hits: -1\nmin_per_1000_words: 10\nmin_words: 100\n", ">= 0"),
])
def test_malformed_rules_are_refused_naming_the_file(tmp_path, text, message):
    path = tmp_path / "relevance.yaml"
    path.write_text(text)
    with pytest.raises(RelevanceError, match=message) as caught:
        load_rules(path)
    assert str(path) in str(caught.value)


def test_the_lake_tells_analysts_which_articles_were_judged_political(tmp_path):
    dump = tmp_path / "dump.jsonl"
    rows = [{"url": f"https://news.example.org/{name}", "title": name, "text": text,
             "published": "2025-02-13T08:00:00Z"} for name, text in (("sport", SPORT), ("war", POLITICS))]
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows))
    lake = tmp_path / "lake"
    subprocess.run([sys.executable, "-m", "flows.cli", "run", str(dump), "--lake", str(lake)],
                   cwd=REPO, check=True, capture_output=True)
    con = duckdb.connect()
    got = dict(con.sql(f"select title, relevance from read_parquet('{lake}/articles/**/*.parquet')").fetchall())
    assert got == {"sport": "other", "war": "political"}
    coded = con.sql(f"select distinct a.title from read_parquet('{lake}/mentions/**/*.parquet') m "
                    f"join read_parquet('{lake}/articles/**/*.parquet') a using (article_id)").fetchall()
    assert coded == [("war",)]


def test_the_hits_found_for_relevance_are_handed_to_the_coder_and_give_the_same_events():
    from flows.coding.mentions import code_articles
    from tests.coding.helpers import articles

    frame = articles("Russian troops attacked Ukrainian positions near Kharkiv on Monday. The Ukrainian army "
                     "shelled Russian troops in Belgorod. NATO condemned the Russian attack. " * 3)
    hits: dict[str, list] = {}
    judged = frame.with_columns(article_relevance(frame, hits=hits))
    assert list(hits) == frame["article_id"].to_list() and hits[frame["article_id"][0]]
    with_hits = code_articles(judged, hits=hits)
    assert with_hits.height and with_hits.equals(code_articles(judged))
