"""Attribution clauses, countries from context, place targets, announced intents (tiny dictionary)."""
from __future__ import annotations

import pytest

from flows.coding.mentions import code_articles


@pytest.fixture(autouse=True)
def _articles(make_articles):
    global articles
    articles = make_articles


def coded(tiny, verbs, text) -> set[tuple]:
    m = code_articles(articles(text), tiny, verbs)
    return {(r["actor1_code"], r["actor2_code"], r["event_code"], r["hypothetical"])
            for r in m.iter_rows(named=True)}


@pytest.mark.parametrize("text, expected", [
    # the reporter of the news is neither a target nor an event of its own
    ("China criticized Iran, a Jordanian official said on Friday.", {("CHN", "IRN", "111", False)}),
    ("China criticized Iran, said the French ambassador.", {("CHN", "IRN", "111", False)}),
    ("China criticized Iran, according to Israeli officials.", {("CHN", "IRN", "111", False)}),
    # nothing but an attribution: no event
    ("The talks ended, Iraqi officials said.", set()),
])
def test_attribution_clauses(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a bare target agent takes the source's country (a domestic event)
    ("Iraqi police arrested rebels.", {("IRQCOP", "IRQREB", "173", False)}),
    # ... or the place's country when the sentence names one
    ("Russian troops attacked rebels in Kharkiv.", {("RUSMIL", "UKRREB", "190", False)}),
    # a bare source agent takes the other country mentioned in the sentence
    ("Officials in Baghdad criticized Iran.", {("IRQGOV", "IRN", "111", False)}),
    ("The military attacked rebels in Iraq.", {("IRQMIL", "IRQREB", "190", False)}),
])
def test_agents_inherit_a_country(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


def test_demand_targets_the_that_clause_subject(tiny, verbs):
    got = coded(tiny, verbs, "Britain demanded that Russia withdraw its troops.")
    assert ("GBR", "RUS", "100", False) in got


def test_agent_inherits_from_previous_sentence(tiny, verbs):
    text = "Iran criticized Israel. Later, officials condemned Britain."
    assert ("IRNGOV", "GBR", "111", False) in coded(tiny, verbs, text)


@pytest.mark.parametrize("text, expected", [
    ("Russian troops shelled Kharkiv.", {("RUSMIL", "UKR", "194", False)}),
    ("Russian troops attacked positions near Mariupol.", {("RUSMIL", "UKR", "190", False)}),
    # verbal acts are not addressed to the place where they are made
    ("France criticized Russia in Berlin.", {("FRA", "RUS", "111", False)}),
    ("France condemned the strike in Kharkiv.", {("FRA", None, "111", False)}),
])
def test_places_as_targets(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # an announced conflictual act is a threat (13x), an announced cooperative act an intent (03x)
    ("Iran will impose sanctions on Britain.", {("IRN", "GBR", "131", False)}),
    ("Iran said it would impose sanctions on Britain.", {("IRN", "GBR", "131", False)}),
    ("Germany said it would send aid to Ukraine.", {("DEU", "UKR", "033", False)}),
    # "continued to send" happens; "it is essential that … continue to" does not
    ("Germany continued to send weapons to Ukraine.", {("DEU", "UKR", "072", False)}),
    # "X said that Y must …" is a demand of X on Y
    ("France said that Iran must release the prisoners.", {("FRA", "IRN", "100", False),
                                                           ("IRN", None, "0841", True)}),
])
def test_intents_and_demands(tiny, verbs, text, expected):
    got = coded(tiny, verbs, text)
    assert {g for g in got if not g[3]} == {e for e in expected if not e[3]}, got


def test_plover_gold_keeps_domestic_events_and_numbers_records(tmp_path):
    import json

    from flows.coding.evaluate import load_plover

    records = [{"id": "doc", "event": "DOCUMENT"},
               {"id": "a", "event": "COERCE", "text": "Invented police dispersed invented crowds.",
                "source": [{"code": "EGY"}], "target": [{"code": "EGY"}]},
               {"id": "b", "event": "AGREE", "text": "Two invented neighbours agreed.",
                "source": [{"code": "HUN"}, {"code": "ROU"}], "target": [{"code": "HUN"}, {"code": "ROU"}]}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    domestic, compound = load_plover(path)
    assert domestic.levels[1] == {("17", "EGY", "EGY")} and domestic.number == 2
    assert compound.levels[1] == {("03", "HUN", "ROU"), ("03", "ROU", "HUN")} and compound.number == 3
