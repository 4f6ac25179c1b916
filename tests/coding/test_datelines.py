"""Datelines at an article's start give the place and default country of the lead's events, and
are no actors (invented articles)."""
from __future__ import annotations

import pytest

from flows.coding.dateline import country_names, find_dateline
from flows.coding.mentions import code_articles
from tests.coding.helpers import articles


@pytest.fixture(scope="module")
def countries(full):
    return country_names(full[0].actors)


@pytest.mark.parametrize("text, city, country", [
    ("HANOI (AP) — Police arrested three activists.", "Hanoi", "VNM"),
    ("KYIV, Ukraine — Officials said the talks failed.", "Kyiv", "UKR"),
    ("LONDON (Reuters) - Police arrested twelve protesters.", "London", "GBR"),
    ("DES MOINES, Iowa (AP) — Police arrested twelve protesters.", "Des Moines", "USA"),
    ("Kharkiv (Reuters) - Shelling resumed overnight.", "Kharkiv", "UKR"),
    # an agency's filing date after the city
    ("SEOUL, Aug. 20 (Yonhap) -- Police arrested three activists.", "Seoul", "KOR"),
    ("NAIROBI, Kenya, March 3 (Reuters) - Officials said the talks failed.", "Nairobi", "KEN"),
])
def test_datelines_are_read(countries, text, city, country):
    found = find_dateline(text, countries)
    assert found is not None and found.place.name == city and found.place.country_code == country
    assert text[found.end:].startswith(("Police", "Officials", "Shelling"))


@pytest.mark.parametrize("text", [
    "Officials said - the talks failed.",
    "Police arrested three activists in Hanoi.",
    "UN officials — who asked not to be named — said the talks failed.",
])
def test_no_dateline_is_read_where_there_is_none(countries, text):
    assert find_dateline(text, countries) is None


def _rows(full, text):
    dictionaries, verbs = full
    return code_articles(articles(text), dictionaries, verbs).to_dicts()


def test_a_dateline_gives_the_leads_agents_their_country_and_place(full):
    rows = _rows(full, "HANOI (AP) — Police arrested three activists on Sunday, state media said.")
    assert {(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in rows} == {("VNMCOP", "VNMOPP", "173")}
    assert {r["action_geo_name"] for r in rows} == {"Hanoi"}


def test_a_dateline_is_not_the_place_of_a_foreign_event(full):
    rows = _rows(full, "WASHINGTON (AP) — Russian troops attacked Ukrainian positions on Monday.")
    assert {(r["actor1_code"], r["actor2_code"]) for r in rows} == {("RUSMIL", "UKR")}
    assert {r["action_geo_country_code"] for r in rows} != {"USA"}


def test_a_place_in_the_sentence_beats_the_dateline(full):
    rows = _rows(full, "MOSCOW (AP) — Police in Kyiv detained twelve protesters on Tuesday.")
    assert {r["actor1_code"] for r in rows} == {"UKRCOP"}


def test_a_dateline_only_serves_the_lead(full):
    text = ("HANOI (AP) — The talks ended on Sunday. The weather was mild. The market was busy. "
            "Police arrested three activists on Monday.")
    rows = _rows(full, text)
    assert all(r["actor1_code"] != "VNMCOP" for r in rows)
