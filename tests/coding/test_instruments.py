"""Authors named by an instrument, an unnamed body or a compound (flows/coding/instruments.py;
invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # a passive act of force whose subject is no actor: the weapon's user, with no target
    ("Khalid Omar was killed in a US airstrike.", {("USA", None, "195")}),
    ("Khalid Omar was killed by an Israeli drone strike.", {("ISR", None, "195")}),
    # no user named in the weapon's phrase: no author (the victim's nationality is none)
    ("Khalid Omar was killed in an airstrike.", set()),
    # coercion by a "by" agent: the body's role, its country from its own phrase
    ("The two men were arrested by Iranian police.", {("IRNCOP", None, "173")}),
    ("The two men were arrested by Iraqi troops.", {("IRQMIL", None, "173")}),
    # a participle with no auxiliary, read as a passive by the parse
    ("Khalid Omar, killed in a US airstrike, was buried on Sunday.", {("USA", None, "195")}),
    # the agent's country from the place in its own phrase
    ("Khalid Omar was convicted and jailed for seven years by police in Qom, Iran, in May.",
     {("IRNCOP", "IRN", "173")}),
    # an agent that is no actor: a place after it is not the author
    ("The two men were arrested by a neighbour in Baghdad.", set()),
    # "X-backed" names a supporter, not the author (nor its conjunct)
    ("Khalid Omar was killed by a Russian and Iranian-backed assault.", set()),
    ("Khalid Omar was killed by Iranian-backed troops.", {("MIL", None, "190")}),
    ("Khalid Omar was killed by Iranian troops.", {("IRNMIL", None, "190")}),
    # a verbal act is not read from its agent alone (the criticised plan is no actor)
    ("The plan was criticised by Russia.", set()),
])
def test_a_passive_act_takes_its_author_from_the_instrument_or_agent(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "X-led" on an event noun: X acts on the noun's target
    ("Jordan has been a partner in the US-led fight against Iran.", {("USA", "IRN", "190")}),
    # "X-backed" names a supporter, not the author
    ("Jordan has been a partner in the Iranian-backed fight against Israel.", set()),
])
def test_a_leading_compound_is_the_event_nouns_author(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "its" on an event noun: the governing verb's subject
    ("Russia expanded its offensive against Ukraine.", {("RUS", "UKR", "190")}),
    ("Russia justified its invasion of Ukraine.", {("RUS", "UKR", "190")}),
    ("Moscow began its military intervention in Ukraine in 2014.", {("RUSMIL", "UKR", "190")}),
    # a verb that halts the act does not state it
    ("Russia halted its offensive against Ukraine.", set()),
])
def test_a_possessive_pronoun_names_the_governing_subject(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # private people's force is ordinary crime, not an event
    ("Khalid Omar was assaulted by a local gang.", set()),
    ("Khalid Omar was detained by Turkish police.", {("TURCOP", None, "173")}),
])
def test_private_agents_name_no_author(full, text, expected):
    dictionaries, verbs = full
    assert coded(dictionaries, verbs, text) == expected
