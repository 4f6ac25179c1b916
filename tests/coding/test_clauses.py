"""Main events, mutual acts, passives, stative participles, lists and actor details (invented text)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from flows.coding.evaluate import load_plover
from flows.coding.mentions import code_articles
from tests.coding.helpers import articles, coded


@pytest.mark.parametrize("text, expected", [
    # a later verb sharing the main verb's subject is background: one event
    ("France lifted the curfew in Iraq, where dozens were killed in riots last year.",
     {("FRA", "IRQ", "0813")}),
    ("China upgraded ties with Iran back to the level of ambassadors.", {("CHN", "IRN", "050")}),
    # an event noun in the main verb's object is what the act is about, not an event of its own
    ("Jordan rejected an Iranian demand to expel British diplomats.", {("JOR", "IRN", "120")}),
    # a coordinated verb stands on its own
    ("Russian troops attacked Ukrainian soldiers and shelled Kharkiv.",
     {("RUSMIL", "UKRMIL", "190"), ("RUSMIL", "UKR", "194")}),
    # ... also after an adverb between the coordinator and the verb ("but was still …")
    ("Jordan criticized Iran but was still refusing aid from Israel.",
     {("JOR", "IRN", "111"), ("JOR", None, "122")}),
    # so does a verb with its own subject in a new clause
    ("France lifted the curfew in Iraq as Iranian police arrested Israeli protesters.",
     {("FRA", "IRQ", "0813"), ("IRNCOP", "ISRCVL", "173")}),
])
def test_main_events(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a joint act of a compound subject: each side with the other
    ("Jordan and Israel agreed to a truce.", {("JOR", "ISR", "0356"), ("ISR", "JOR", "0356")}),
    ("Jordan and Israel renewed negotiations on water rights.", {("JOR", "ISR", "046"), ("ISR", "JOR", "046")}),
    # ... unless a partner is named: then each side with the partner
    ("Jordan and Israel met with Iran.", {("JOR", "IRN", "044"), ("ISR", "IRN", "044")}),
    # both sides of a compound subject breaking a truce break it against each other
    ("Iraqi troops and Iranian rebels violated the truce in the border area.",
     {("IRQMIL", "IRNREB", "196"), ("IRNREB", "IRQMIL", "196")}),
    ("Israel violated the truce with Jordan.", {("ISR", "JOR", "196")}),
    # a non-joint act of a compound subject keeps one event per source
    ("France and Germany criticized Iran.", {("FRA", "IRN", "111"), ("DEU", "IRN", "111")}),
])
def test_mutual_acts(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the agent of a passive, however far from the verb
    ("Iraqi rebels have been accused of seizing oil revenues worth $50 million, by Iranian officials.",
     {("IRNGOV", "IRQREB", "112")}),
    # a passive with no agent: nothing
    ("Iraqi rebels have been accused of corruption.", set()),
    # a stance, not a passive
    ("Israel is opposed to French mediation.", {("ISR", "FRA", "120")}),
    # "denounced as …": the target still follows
    ("Jordan denounced as a crime Israel's arrest of protesters.", {("JOR", "ISR", "111")}),
])
def test_voice_and_stance(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a comma list after a preposition is one compound target
    ("The US lifted sanctions on Iran, Iraq, China.",
     {("USA", "IRN", "085"), ("USA", "IRQ", "085"), ("USA", "CHN", "085")}),
    # a hyphenated modifier is not a verb: no "back" (051) event; nor is the backer the rebels' country
    ("Iranian-backed Iraqi rebels attacked Israeli troops.", {("IRQREB", "ISRMIL", "190")}),
    # "ethnic Russians" are a people, not Russia: civilians of the place they live in
    ("Ukrainian police arrested ethnic Russians in Kharkiv.", {("UKRCOP", "UKRCVL", "173")}),
])
def test_lists_compounds_and_peoples(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


def test_purpose_protest_is_coded(tiny, verbs):
    got = coded(tiny, verbs, "Iraqi students went on strike to protest the Iranian decision.")
    assert any(code.startswith("14") for _, _, code in got), got
    # but an intended protest is not
    assert not coded(tiny, verbs, "Iraqi students plan to protest the Iranian decision.")


@pytest.mark.parametrize("text, on, expected", [
    ("Yeltsin criticized Iraq.", datetime(1995, 5, 1, tzinfo=timezone.utc), ("RUSGOV", "RUS")),
    ("Yeltsin criticized Iraq.", datetime(2005, 5, 1, tzinfo=timezone.utc), ("RUSELI", "RUS")),
    ("Mubarak criticized Iraq.", datetime(1995, 5, 1, tzinfo=timezone.utc), ("EGYGOV", "EGY")),
    # a person serving an international body acts for it, not for their nationality
    ("Kofi Annan criticized Iraq.", datetime(2000, 5, 1, tzinfo=timezone.utc), ("IGOUNO", None)),
])
def test_historical_people(full, verbs, text, on, expected):
    m = code_articles(articles(text, published=on), full[0], verbs)
    assert {(r["actor1_code"], r["actor1_country_code"]) for r in m.iter_rows(named=True)} == {expected}


def test_plover_gold_pairs_mutual_sides(tmp_path):
    records = [{"id": "doc", "event": "DOCUMENT"},
               {"id": "a", "event": "AGREE", "text": "Two invented neighbours agreed.", "target": "",
                "source": [{"code": "HUN"}, {"code": "ROU"}],
                "textInfo": {"markup": "(SRC/TAR: Hungary) and (SRC/TAR: Romania) (EVT: agreed)."}},
               {"id": "b", "event": "AGREE", "text": "Two invented envoys agreed.", "target": "",
                "source": [{"code": "HUN"}, {"code": "ROU"}],
                "textInfo": {"markup": "(SRC: Hungary) and (SRC: Romania) (EVT: agreed)."}}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    mutual, plain = load_plover(path)
    assert mutual.levels[1] == {("03", "HUN", "ROU"), ("03", "ROU", "HUN")}
    assert plain.levels[1] == {("03", "HUN", None), ("03", "ROU", None)}
