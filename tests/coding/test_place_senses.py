"""Place names in their sense: initials, compass words, a city's own name over another city's
former name, and a US state named like a country (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.places import _resolve_name
from tests.coding.helpers import coded


@pytest.mark.parametrize("name", ["CBP", "FBI", "Eastern", "Western", "Central"])
def test_initials_and_compass_words_are_not_places(name):
    assert _resolve_name(name) is None


def test_a_citys_own_name_beats_another_citys_former_name():
    place = _resolve_name("Salisbury")
    assert place is not None and place.country_code != "ZWE"  # not Harare's colonial name


def test_initials_do_not_place_an_event(full):
    dictionaries, verbs = full
    events = coded(dictionaries, verbs, "Police officers at CBP arrested twelve protesters.")
    assert all("PRT" not in (a or "") + (b or "") for a, b, _ in events)


@pytest.mark.parametrize("text, expected", [
    ("Police in Atlanta, Georgia arrested twelve protesters.", ("USACOP", "USAOPP", "173")),
    ("Police in Georgia arrested twelve protesters, the Republican governor said.", ("USACOP", "USAOPP", "173")),
    ("Russian troops attacked Georgia.", ("RUSMIL", "GEO", "190")),
])
def test_a_us_state_is_not_the_country_of_its_name(full, text, expected):
    dictionaries, verbs = full
    assert expected in coded(dictionaries, verbs, text)


def test_entity_spans_name_places_not_organisations():
    from flows.coding.parse import entity_spans

    sentence = "Agents from CBP detained migrants in Kharkiv."
    spans = entity_spans([sentence])[0]
    assert ("CBP", "ORG") in [(sentence[a:b], label) for a, b, label in spans]
    assert ("Kharkiv", "LOC") in [(sentence[a:b], label) for a, b, label in spans]


@pytest.mark.parametrize("text, name, admitted", [
    ("Speaking on the World at One programme, he said it was wrong.", "One", False),  # a number
    ("He told the magazine Paris Match that he had seen him.", "Paris", False),       # a longer name
    ("Ukraine said Russia attacked Kharkiv.", "Kharkiv", True),
    ("Troops were deployed in Idlib.", "Idlib", True),
])
def test_a_place_name_the_ner_reads_as_something_else_is_no_place(text, name, admitted):
    from flows.coding.places import PlaceGate

    start = text.index(name)
    assert PlaceGate(text, 0, len(text)).admits(start, start + len(name)) is admitted


def test_the_batched_ner_pass_keeps_a_number_from_being_a_place(full):
    from flows.coding.coder import PLACE_CUES
    from flows.coding.mentions import code_articles
    from flows.coding.places import needs_entities
    from flows.coding.text import tokenize
    from tests.coding.helpers import articles

    text = "Iraqi police arrested twelve protesters at One, a programme on Monday."
    assert needs_entities(tokenize(text), text, PLACE_CUES)  # "One" is a small town's other name
    rows = code_articles(articles(text), *full).to_dicts()
    assert rows and {r["action_geo_country_code"] for r in rows} == {"IRQ"}
