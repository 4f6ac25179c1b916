"""Partitive subjects, domestic targets, place descriptors, assaults by irregulars, coordinated
verbs without a source, and the new general verb patterns (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.places import find_places
from flows.coding.text import tokenize
from tests.coding.test_clauses import coded


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
    # no other target: a place of the source's own country makes the event domestic
    ("Iraqi protesters demonstrated in Baghdad.", {("IRQCVL", "IRQ", "141")}),
    ("Iraqi protesters demonstrated in the northern city of Kirkuk.", {("IRQCVL", "IRQ", "141")}),
    # a place in another country is where it happened, not a target
    ("Iraqi protesters demonstrated in Tehran.", {("IRQCVL", None, "141")}),
    # criticism is addressed to someone: the place of what is criticized is no target
    ("Iraqi officials condemned the attack in Baghdad.", {("IRQGOV", None, "111")}),
    # a named target wins
    ("Iraqi protesters demonstrated against Iran in Baghdad.", {("IRQCVL", "IRN", "140")}),
])
def test_domestic_targets(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


def test_place_descriptors_are_skipped(tiny):
    text = "Troops gathered near the town of Samarra and in the capital Kabul."
    tokens = tokenize(text, 0, len(text))
    names = [p.raw for _, _, p in find_places(tokens, [], text)]
    assert names == ["Samarra", "Kabul"]
    text = "Troops gathered in the town."
    assert list(find_places(tokenize(text, 0, len(text)), [], text)) == []


@pytest.mark.parametrize("text, expected", [
    ("Iranian rebels killed Israeli soldiers.", {("IRNREB", "ISRMIL", "180")}),
    ("Iranian rebels wounded Israeli soldiers.", {("IRNREB", "ISRMIL", "180")}),
    ("Israeli troops killed Iranian rebels.", {("ISRMIL", "IRNREB", "190")}),
    ("Iranian rebels attacked Israeli troops.", {("IRNREB", "ISRMIL", "190")}),
])
def test_killing_by_irregulars_is_an_assault(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


def test_a_coordinated_verb_does_not_take_the_previous_object_as_subject(tiny, verbs):
    # the bombing is no actor: neither verb has a source ("Israeli soldiers" did not wound anyone)
    assert coded(tiny, verbs, "A roadside bomb killed two Israeli soldiers and wounded five others.") == set()
    assert coded(tiny, verbs, "Iranian rebels killed two Israeli soldiers and wounded five others.") == {
        ("IRNREB", "ISRMIL", "180"), ("IRNREB", None, "180")}


def test_a_bare_agent_takes_no_country_from_its_own_target(tiny, verbs):
    # "the president" takes France from the previous sentence, not Russia from "against Russia"
    got = coded(tiny, verbs, "France condemned Iran. The president threatened action against Russia.")
    assert ("FRAGOV", "RUS", "130") in got
    assert not any(a1 == "RUSGOV" for a1, _, _ in got)


@pytest.mark.parametrize("text, code", [
    ("Israeli officials shared evidence with the United States.", "064"),
    ("The United States is providing satellite images to Ukraine.", "070"),
    ("Iraqi workers stopped work in Baghdad.", "143"),
    ("Iraqi protesters blocked traffic into Baghdad.", "144"),
    ("Iran reneged on its commitment to France.", "120"),
    ("Iraqi rebels blew up a power line.", "1712"),
    ("Israel mounted an invasion of Jordan.", "190"),
    ("Iraqi troops retook a village from Iranian rebels.", "192"),
    ("Iranian rebels swore to fight Israel.", "138"),
    ("Iraqi refugees sought refuge in Germany.", "103"),
])
def test_new_general_patterns(tiny, verbs, text, code):
    assert code in {c for _, _, c in coded(tiny, verbs, text)}
