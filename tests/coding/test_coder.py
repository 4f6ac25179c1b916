"""Behaviour tables for the coder on the tiny inline dictionary (no /work/shared needed)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import polars as pl
import pytest

from flows.coding.mentions import MENTION_COLUMNS, MENTION_SCHEMA, ArticlesError, code_articles


@pytest.fixture(autouse=True)
def _articles(make_articles):
    global articles
    articles = make_articles


def coded(tiny, verbs, text, **kw) -> list[tuple]:
    m = code_articles(articles(text, **kw), tiny, verbs)
    return [(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in m.iter_rows(named=True)]


def facts(tiny, verbs, text, **kw) -> list[dict]:
    return code_articles(articles(text, **kw), tiny, verbs).to_dicts()


@pytest.mark.parametrize("text, expected", [
    ("Russian troops attacked Ukrainian positions.", ("RUSMIL", "UKR", "190")),
    ("Ukrainian officials condemned Russia.", ("UKRGOV", "RUS", "111")),
    ("Iraqi police arrested protesters.", ("IRQCOP", "IRQCVL", "173")),  # a bare agent takes the context country
    ("The army of Iraq attacked rebels.", ("IRQMIL", "IRQREB", "190")),
    ("The U.S. criticized China.", ("USA", "CHN", "111")),
    ("The United States criticized China.", ("USA", "CHN", "111")),
    ("US officials criticized China.", ("USAGOV", "CHN", "111")),
    ("Washington criticized Beijing.", ("USA", "CHN", "111")),
    ("Russian President Vladimir Putin praised China.", ("RUSGOV", "CHN", "051")),
    ("Trump's administration criticized Iran.", ("USAGOV", "IRN", "111")),
    ("NATO criticized Russia.", ("IGOWSTNAT", "RUS", "111")),
])
def test_actor_recognition(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text)[0] == expected


@pytest.mark.parametrize("published, expected", [
    (datetime(2016, 6, 1, tzinfo=timezone.utc), "USAELI"),
    (datetime(2018, 6, 1, tzinfo=timezone.utc), "USAGOV"),
    (datetime(2023, 6, 1, tzinfo=timezone.utc), "USAELI"),
    (datetime(2025, 2, 13, tzinfo=timezone.utc), "USAGOV"),
])
def test_person_code_at_event_date(tiny, verbs, published, expected):
    assert coded(tiny, verbs, "Trump criticized China.", published=published)[0][0] == expected


@pytest.mark.parametrize("text, expected", [
    ("The US and the EU imposed sanctions on Russia.",
     {("USA", "RUS", "163"), ("IGOEUREEC", "RUS", "163")}),
    ("A phone call between Trump and Putin took place.",
     {("USAGOV", "RUSGOV", "041"), ("RUSGOV", "USAGOV", "041")}),
    ("Trump and Putin met in Helsinki.", {("USAGOV", "RUSGOV", "044"), ("RUSGOV", "USAGOV", "044")}),
    ("Russia attacked Ukraine and criticized NATO.", {("RUS", "UKR", "190"), ("RUS", "IGOWSTNAT", "111")}),
    ("France condemned Russia and Iran.", {("FRA", "RUS", "111"), ("FRA", "IRN", "111")}),
])
def test_compounds(tiny, verbs, text, expected):
    assert set(coded(tiny, verbs, text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia invaded Ukraine.", ("RUS", "UKR", "190")),
    ("Ukraine was invaded by Russia.", ("RUS", "UKR", "190")),
    ("Ukraine, invaded by Russia, fought back.", ("RUS", "UKR", "190")),
    ("Russia's invasion of Ukraine continued.", ("RUS", "UKR", "190")),
    ("The invasion of Ukraine by Russia continued.", ("RUS", "UKR", "190")),
    ("The Russian invasion of Ukraine continued.", ("RUS", "UKR", "190")),
    ("The US withdrawal from the INF treaty worried Europe.", ("USA", None, "161")),
    ("Russian forces, which entered Ukraine last week, shelled Kharkiv.", ("RUSMIL", "UKR", "194")),
])
def test_voice_and_nominals(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text)[0] == expected


@pytest.mark.parametrize("text, negated, hypothetical", [
    ("Russia attacked Ukraine.", False, False),
    ("Russia did not attack Ukraine.", True, False),
    ("Russia didn't attack Ukraine.", True, False),
    ("Russia never attacked Ukraine.", True, False),
    ("Russia could attack Ukraine.", False, True),
    ("Russia might attack Ukraine.", False, True),
    ("Russia may attack Ukraine.", False, True),
    ("If Russia attacks Ukraine, NATO would respond.", False, True),
    ("Did Russia attack Ukraine?", False, True),
    ("A possible invasion of Ukraine by Russia worried Europe.", False, True),
])
def test_modality_flags(tiny, verbs, text, negated, hypothetical):
    row = [r for r in facts(tiny, verbs, text) if r["event_root_code"] == "19"][0]
    assert (row["negated"], row["hypothetical"]) == (negated, hypothetical)


@pytest.mark.parametrize("text, expected, quoted", [
    ("Russia threatened to invade Ukraine.", {("RUS", "UKR", "1384")}, False),
    ("Russia threatened to attack Ukraine.", {("RUS", "UKR", "138")}, False),
    ("Ukraine said Russia attacked Kharkiv.", {("RUS", "UKR", "190")}, True),
    ("Russia attacked Ukraine, France said.", {("RUS", "UKR", "190")}, True),
    ("France said the situation was calm.", set(), False),  # a bare statement is no event
    ("The United States urged Russia to withdraw its troops.", {("USA", "RUS", "0256")}, False),
])
def test_speech_and_threats(tiny, verbs, text, expected, quoted):
    rows = facts(tiny, verbs, text)
    assert {(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in rows} == expected
    assert all(r["quoted"] == quoted for r in rows)


@pytest.mark.parametrize("text, expected", [
    ("Russia attacked Ukraine.", date(2025, 2, 13)),
    ("Russia attacked Ukraine on Tuesday.", date(2025, 2, 11)),
    ("Russia attacked Ukraine yesterday.", date(2025, 2, 12)),
    ("Russia attacked Ukraine last week.", date(2025, 2, 6)),
    ("Russia attacked Ukraine on March 3.", date(2024, 3, 3)),
    ("Russia attacked Ukraine on February 3.", date(2025, 2, 3)),
    ("Russia attacked Ukraine in 2019.", date(2019, 1, 1)),
    ("Russia attacked Ukraine on 24 February 2022.", date(2022, 2, 24)),
])
def test_event_dates(tiny, verbs, text, expected):
    assert facts(tiny, verbs, text)[0]["event_date"] == expected


def test_no_publication_date_gives_null_unless_the_sentence_has_one(tiny, verbs):
    assert facts(tiny, verbs, "Russia attacked Ukraine.", published=None)[0]["event_date"] is None
    assert facts(tiny, verbs, "Russia attacked Ukraine on 24 February 2022.",
                 published=None)[0]["event_date"] == date(2022, 2, 24)


@pytest.mark.parametrize("text, geo_type, name, country, has_coords", [
    ("Russian forces attacked Ukrainian troops near Kharkiv.", 4, "Kharkiv", "UKR", True),
    ("Iraqi police arrested protesters in Texas.", 2, "Texas", "USA", False),
    ("Iraqi police arrested protesters in Chicago.", 3, "Chicago", "USA", True),
    ("Russia attacked Ukraine.", 1, "Ukraine", "UKR", False),  # material conflict: target's country
    ("France criticized Iran.", 1, "France", "FRA", False),     # otherwise the source's country
])
def test_places(tiny, verbs, text, geo_type, name, country, has_coords):
    row = facts(tiny, verbs, text)[0]
    assert (row["action_geo_type"], row["action_geo_name"], row["action_geo_country_code"]) == (
        geo_type, name, country)
    assert (row["action_geo_lat"] is not None) == has_coords


@pytest.mark.parametrize("text, code, quad", [
    ("Russia invaded Ukraine.", "190", 4),
    ("The US imposed sanctions on Russia.", "163", 4),
    ("Trump spoke by phone with Putin.", "041", 1),
    ("Ukraine accused Russia of war crimes.", "1124", 3),
])
def test_codebook_columns(tiny, verbs, text, code, quad):
    row = facts(tiny, verbs, text)[0]
    entry = tiny.codebook[code]
    assert (row["event_code"], row["event_base_code"], row["event_root_code"]) == (code, code[:3], code[:2])
    assert (row["goldstein"], row["quad_class"], row["plover_type"]) == (entry.goldstein, quad, entry.plover_type)


def test_output_columns_ids_and_offsets(tiny, verbs):
    text = "Intro line without actors. Russia invaded Ukraine."
    m = code_articles(articles(text), tiny, verbs)
    assert m.columns == list(MENTION_COLUMNS)
    assert dict(m.schema) == MENTION_SCHEMA
    row = m.row(0, named=True)
    assert text[row["actor1_start"]:row["actor1_end"]] == "Russia"
    assert text[row["actor2_start"]:row["actor2_end"]] == "Ukraine"
    assert text[row["action_start"]:row["action_end"]] == "invaded"
    assert row["sentence_index"] == 1 and row["sentence"] == "Russia invaded Ukraine."
    assert len(row["mention_id"]) == 32 and len(row["event_id"]) == 32
    assert row["rule"].startswith("verbs.tsv:") and 0 <= row["confidence"] <= 1
    again = code_articles(articles(text), tiny, verbs)
    assert again["mention_id"].to_list() == m["mention_id"].to_list()


def test_only_english_is_coded_and_nothing_found_gives_an_empty_typed_frame(tiny, verbs):
    assert code_articles(articles("Russia invaded Ukraine.", language="de"), tiny, verbs).is_empty()
    empty = code_articles(articles("Nothing happened here."), tiny, verbs)
    assert empty.is_empty() and dict(empty.schema) == MENTION_SCHEMA
    assert code_articles(articles("Russia invaded Ukraine.", language=None), tiny, verbs).height == 1


def test_missing_columns_are_named(tiny, verbs):
    with pytest.raises(ArticlesError, match="article_id"):
        code_articles(pl.DataFrame({"text": ["x"]}), tiny, verbs)


def test_tone_is_per_article(tiny, verbs):
    rows = facts(tiny, verbs, "Russia invaded Ukraine. The brutal attack killed many and destroyed homes.")
    assert rows[0]["mention_doc_tone"] < 0
