"""Round 7: acts announced for the future (threats, refusals), intransitive acts, asides,
stance prefixes, complaints, attempts, nouns that look like verbs (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.actors import matcher_for
from flows.coding.dictionaries import load_dictionaries
from flows.coding.places import find_places
from flows.coding.text import tokenize
from flows.coding.verbs import load_verbs
from tests.coding.test_clauses import coded


@pytest.fixture(scope="module")
def full():
    dictionaries = load_dictionaries()
    return dictionaries, load_verbs(codebook=frozenset(dictionaries.codebook))


@pytest.mark.parametrize("text, expected", [
    # a conflictual act announced under a condition is a threat, aimed at whom the condition names
    ("Iran said it would close the border unless Iraq stopped the shelling.", {("IRN", "IRQ", "138")}),
    ("Russia may halt the talks if Ukraine attacks the bridge.", {("RUS", "UKR", "131")}),
    # speculation with no condition stays hypothetical, as does someone else's belief or forecast
    ("Russia could halt the talks.", set()),
    ("Many people believe Russia will attack.", set()),
    ("Analysts expect China will meet Iran next week.", set()),
    # a refused future cooperation is a rejection
    ("Iran said it will not negotiate with the United States.", {("IRN", "USA", "125")}),
    ("Iran said it would not accept any more refugees.", {("IRN", None, "122")}),
    ("Germany declined to meet the Russian delegation.", {("DEU", "RUS", "125")}),
    ("Israel and Jordan failed to reach an agreement on water.", {("ISR", "JOR", "120"), ("JOR", "ISR", "120")}),
    # an obligation put on someone is the speaker's demand, not that actor's intent
    ("France said that Iran must be ready to negotiate with Israel.", {("FRA", "IRN", "100")}),
    ("Iraqi rebels announced that the Iraqi president and his party must resign.", {("IRQREB", "IRQGOV", "100")}),
    # "their/its force from X" is the source's force, withdrawn from X: a threat under a condition
    ("France said it will withdraw its peacekeeping force from Iraq unless the Iraqi government holds elections.",
     {("FRA", "IRQ", "131")}),
])
def test_announced_acts(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # intransitive acts: no target from a place or from a later clause, only "to X"
    ("The Iraqi prime minister resigned on Monday as protesters gathered in Baghdad.", {("IRQGOV", None, "0831")}),
    ("Russian troops surrendered in Kyiv.", {("RUSMIL", None, "0874")}),
    ("Russian troops surrendered to Ukrainian forces.", {("RUSMIL", "UKRMIL", "0874")}),
    # a complaint addressed to someone is aimed at what it is about
    ("Ukraine complained to the United Nations about Russian drone strikes.", {("UKR", "RUS", "114")}),
    # asides between the subject and its verb are skipped
    ("China, a close Russian ally, refused to send troops to Ukraine.", {("CHN", "UKR", "120")}),
    ("Iran (the Islamic Republic) closed its border with Iraq.", {("IRN", "IRQ", "191")}),
    # an attempt is an act
    ("Russia tried to hack German banks.", {("RUS", "DEU", "170")}),
    # irregulars attacking civilians: an assault; the victims may sit inside the subject's phrase
    ("A convoy of Iraqi protesters was attacked by Iranian rebels.", {("IRNREB", "IRQCVL", "180")}),
    ("Israel announced a suspension of ties with Jordan.", {("ISR", "JOR", "161")}),
    # the second verb of a refused "to land and evacuate" is not done either
    ("Iran refused to allow Iraqi planes to land and evacuate the wounded.", {("IRN", "IRQ", "120")}),

])
def test_structure(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text", [
    "A pro-Iranian group attacked Israeli troops.",          # a stance, not Iran acting
    "UN aid convoys reached the town.",                      # "aid" modifies "convoys"
    "A court cleared Iraqi officials of all charges.",       # "of all charges": a noun
    "France condemned the attack until their demands are met.",  # no demand was made
])
def test_words_that_are_not_acts_or_actors(tiny, verbs, text):
    got = coded(tiny, verbs, text)
    assert not any(a.startswith("IRN") for a, _, _ in got)
    assert not any(code[:2] in ("07", "10", "17") for _, _, code in got)


def test_language_names_are_not_actors(tiny, verbs):
    assert coded(tiny, verbs, "Ukraine restricted the use of the Russian language in schools.") == {
        ("UKR", None, "172")}


def test_coordinated_agent_takes_its_conjuncts_country(tiny, verbs):
    got = coded(tiny, verbs, "Britain urged the Iraqi government and the rebels to reach an agreement.")
    assert ("GBR", "IRQREB", "020") in got and not any(b == "GBRREB" for _, b, _ in got)


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


def test_a_demonym_is_not_a_place(full):
    dictionaries, _ = full
    text = "Fighting was reported on the Thai border."
    tokens = tokenize(text)
    actors = matcher_for(dictionaries).resolve(matcher_for(dictionaries).find(text), tokens, text, None)
    assert [p for p in find_places(tokens, actors, text, frozenset({"on", "in"}))] == []


@pytest.mark.parametrize("text, expected", [
    # "X said Y must …" is X's demand of Y, with or without "that"
    ("France said Iran must release the prisoners.", {("FRA", "IRN", "100")}),
    # the clause of a demanded admission is not a fact of its own
    ("Israel demanded an immediate admission by Iran that its forces attacked the ship.",
     {("ISR", "IRN", "100")}),
    # "violent protests" is a noun, the object of the act
    ("Iraqi police dispersed violent protests by Iranian students.", {("IRQCOP", "IRN", "175")}),
])
def test_demands_and_nouns(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("name", ["March", "May", "Sunday"])
def test_months_and_days_are_not_places(name):
    from flows.coding.places import _resolve_name
    assert _resolve_name(name) is None


def test_after_to_a_place_and_the_second_verb_is_an_act(tiny, verbs):
    got = coded(tiny, verbs, "Russian troops returned to Ukraine and attacked Kyiv.")
    assert ("RUSMIL", "UKR", "190") in got
