"""Round 5: decimal numbers, "ethnic X" as a people, a threat's condition as its target, and
violence with no named perpetrator (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.text import tokenize
from tests.coding.test_clauses import coded


def test_decimal_numbers_are_one_token():
    text = "France gave Jordan 5.1 million dollars and 1,000 tents."
    words = [t.text for t in tokenize(text)]
    assert "5.1" in words and "1,000" in words and "." == words[-1]


def test_decimal_point_does_not_break_a_pattern(tiny, verbs):
    # "give … million": the decimal point inside "2.5" is no barrier between the slots
    assert coded(tiny, verbs, "Germany gave Jordan 2.5 million dollars of aid.") == {("DEU", "JOR", "071")}


@pytest.mark.parametrize("text, expected", [
    # a people living elsewhere: coded as civilians of the place they live in, not their kin state
    ("Hundreds of ethnic Russians demonstrated in Kyiv.", {("UKRCVL", "UKR", "141")}),
    # no place: the country they protest against is their own
    ("Ethnic Russians protested against Ukraine's new language law.", {("UKRCVL", "UKR", "140")}),
    # with a role: the role's type ("ethnic Iranian rebels" are rebels), not Iran's
    ("Ethnic Iranian rebels attacked Iraqi police.", {("IRQREB", "IRQCOP", "190")}),
])
def test_ethnic_groups(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Iran threatened to close its border unless Iraq withdrew its troops.", {("IRN", "IRQ", "130")}),
    ("Russia threatened to halt the talks if the United States deployed new missiles.",
     {("RUS", "USA", "130")}),
    # only a threat takes its target from the condition: closing the border is coded (191), at no one
    ("Iran closed its border if Iraq asked.", {("IRN", None, "191")}),
])
def test_threat_condition_names_the_target(tiny, verbs, text, expected):
    got = coded(tiny, verbs, text)
    assert {(a, b, c[:2]) for a, b, c in got} == {(a, b, c[:2]) for a, b, c in expected}


@pytest.mark.parametrize("text, expected", [
    # a bombing with no perpetrator: the place's country stands for it (183)
    ("A roadside bombing near the town of Samarra killed two American soldiers.",
     {("IRQ", "USAMIL", "183")}),
    ("Four British soldiers were killed by an explosive device outside the city of Basra.",
     {("IRQ", "GBRMIL", "183")}),
    # no bombing: conventional force
    ("Two Iraqi policemen were killed near Mosul.", {("IRQ", "IRQCOP", "190")}),
    # a named perpetrator wins
    ("Iranian rebels killed two Iraqi policemen near Mosul.", {("IRNREB", "IRQCOP", "180")}),
    # no place: nothing to stand for the perpetrator
    ("Two Iraqi policemen were killed on Sunday.", set()),
])
def test_unattributed_violence(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected
