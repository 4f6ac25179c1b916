"""Who the actors are: partitive subjects ("hundreds of X"), ethnic groups, agent words,
language names, and actor codes found with the full dictionaries (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.dictionaries import load_dictionaries
from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # "<quantity> of X": X is the subject
    ("Hundreds of Russian troops attacked Ukraine.", {("RUSMIL", "UKR", "190")}),
    ("A contingent of British soldiers arrived in Iraq.", {("GBRMIL", "IRQ", "042")}),
    ("Thousands of Iraqi protesters demonstrated against Iran.", {("IRQCVL", "IRN", "140")}),
    # an actor after "of" that is not a quantity stays inside its phrase
    ("The friends of Russian troops attacked Ukraine.", set()),
])
def test_partitive_subjects(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


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


def test_supporters_are_opposition():
    entry = next(a for a in load_dictionaries().agents if "supporters" in a.patterns)
    assert entry.type_code == "OPP"


def test_language_names_are_not_actors(tiny, verbs):
    assert coded(tiny, verbs, "Ukraine restricted the use of the Russian language in schools.") == {
        ("UKR", None, "172")}


@pytest.mark.parametrize("text, expected", [
    ("Kenyan peacekeepers arrived in Haiti on Tuesday.", {("KENPKO", "HTI", "074")}),
    # a country adjective before another people: that people living in the country
    ("Bosnian Serb leaders rejected the peace plan.", {("BIHGOV", None, "127")}),
    # "Tbilisi" is a capital (a place), not an adjective like "Iraqi"
    ("Georgian police detained protesters in Tbilisi.", {("GEOCOP", "GEOOPP", "173")}),
    # "eastern Beirut" is Beirut
    ("A bomb killed two policemen in eastern Beirut.", {("LBN", "LBNCOP", "183")}),
    # a state's police firing on its own protesters: violent repression; soldiers killing
    # civilians in a gunbattle stays force
    ("Egyptian police opened fire on protesters in Cairo.", {("EGYCOP", "EGYOPP", "175")}),
    # "people" are civilians, who take the country of where they are; "ethnic riots" is a noun
    ("Hundreds of people blocked roads in Bangkok.", {("THACVL", "THA", "144")}),
    ("Serbia lifted a curfew in Kosovo where 28 people were killed in ethnic riots.", None),
    ("Serb forces killed three ethnic Albanians in a gunbattle.", {("SRBMIL", "SRBCVL", "190")}),
    ("Iraqi police banned the demonstration in Basra.", {("IRQCOP", "IRQ", "1721")}),
    # "its citizens" are the source's own; the target of "refused …" stops at "and has urged"
    ("Pakistan refused to send troops to Iraq and has urged its citizens to leave.",
     {("PAK", "IRQ", "120"), ("PAK", "PAKCVL", "020")}),
    # Jewish settlers are Israeli wherever they are, not of the place they live in
    ("Jewish settlers in the West Bank town of Hebron attacked Palestinian farmers.",
     {("ISRSET", "PSEAGR", "190")}),
    # the European Community's old name
    ("Greece criticized the European Common Market over farm subsidies.", {("GRC", "IGOEUREEC", "111")}),
    # an actor named only in parentheses is still the source
    ("The International Labour Office (ILO) reiterated its demand that Israel ease restrictions.",
     {("IGOUNOILO", "ISR", "100")}),
])
def test_with_full_dictionaries(full, text, expected):
    got = coded(*full, text)
    if expected is None:  # only: no riot coded
        assert not any(code.startswith("14") for _, _, code in got)
    else:
        assert got == expected
