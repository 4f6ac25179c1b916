"""Whose actor it is: generic institution names owned by the country written before them, and
bare roles that take no country from the country they act on (invented sentences, full
dictionaries)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # a national institution's generic name after another country's adjective or possessive
    ("The Spanish Foreign Office summoned the Moroccan ambassador.", "ESPGOV"),
    ("Brazil's Congress condemned Venezuela.", "BRALEG"),
    # the name alone stays the institution the dictionary files it under
    ("The Foreign Office condemned Venezuela.", "GBRGOV"),
    ("Congress condemned Venezuela.", "USALEG"),
    # a country's own security council is its government, not the UN's
    ("Japan's National Security Council condemned Venezuela.", "JPNGOV"),
])
def test_institution_owner(full, text, expected):
    sources = {a for a, _, _ in coded(*full, text)}
    assert sources == {expected}


def test_role_does_not_take_the_country_it_criticises(full):
    # with no other country in the text, bare officials are nobody's, and Chile stays the target
    assert {(a, b) for a, b, _ in coded(*full, "Officials sharply criticised Chile.")} == {
        ("GOV", "CHL")}
    # a people acted on is of the acting role's country (a domestic act)
    assert {(a, b) for a, b, _ in coded(*full, "Police arrested Chilean protesters.")} == {
        ("CHLCOP", "CHLOPP")}


@pytest.mark.parametrize("text, expected", [
    # two people of one government are two actors: the act between them is coded
    ("Boris Johnson sharply criticised Theresa May.", {("GBRGOV", "GBRGOV")}),
    # one person is one actor: no act on oneself (criticism stands without a target; praise,
    # an act that needs a counterpart, would not be coded at all: noevent.py)
    ("Boris Johnson criticised Johnson.", {("GBRGOV", None)}),
])
def test_two_people_of_one_code(full, text, expected):
    assert {(a, b) for a, b, _ in coded(*full, text)} == expected
