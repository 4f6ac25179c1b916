"""Round 6: a telephone call is coded both ways, a statement's participle is its act,
"supporters" are opposition agents (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.dictionaries import load_dictionaries
from flows.coding.inherit import place_actor
from flows.coding.places import lookup_phrase
from flows.coding.text import tokenize
from tests.coding.test_clauses import coded


def test_telephone_call_is_coded_in_both_directions(tiny, verbs):
    got = coded(tiny, verbs, "France telephoned Germany on Monday to discuss the grain deal.")
    assert {(a, b) for a, b, code in got if code.startswith("04")} == {("FRA", "DEU"), ("DEU", "FRA")}


def test_a_meeting_is_still_one_way(tiny, verbs):
    # only the call is mutual; "X criticized Y" and other addressed acts keep their direction
    got = coded(tiny, verbs, "France criticized Germany over the grain deal.")
    assert got and all(a == "FRA" for a, _, _ in got)


@pytest.mark.parametrize("text, root, target", [
    ("Iran issued a statement condemning Israel.", "11", "ISR"),
    ("Iran issued a declaration demanding that Israel release the prisoners.", "10", "ISR"),
])
def test_statement_participle_is_the_act(tiny, verbs, text, root, target):
    got = coded(tiny, verbs, text)
    assert {(a, b, c[:2]) for a, b, c in got} == {("IRN", target, root)}


def test_participle_without_statement_noun_is_not_coded(tiny, verbs):
    # "condemning" here describes the crowd, it is not a finite act by Iran
    assert not any(c.startswith("11") for _, _, c in
                   coded(tiny, verbs, "Iran watched crowds condemning Israel."))


def test_supporters_are_opposition():
    entry = next(a for a in load_dictionaries().agents if "supporters" in a.patterns)
    assert entry.type_code == "OPP"


def test_place_actor_is_public():
    text = "Shelling hit Baghdad."
    tokens = tokenize(text)
    found = lookup_phrase(tokens, 2, text)
    assert found is not None
    actor = place_actor((2, found[1], found[0]), tokens)
    assert actor.code == "IRQ" and text[actor.char_start:actor.char_end] == "Baghdad"
