"""Place names: descriptors, demonyms, months and weekdays are not places; a place can stand for an
actor (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.actors import matcher_for
from flows.coding.inherit import place_actor
from flows.coding.places import find_places, lookup_phrase
from flows.coding.text import tokenize


def test_place_descriptors_are_skipped(tiny):
    text = "Troops gathered near the town of Samarra and in the capital Kabul."
    tokens = tokenize(text, 0, len(text))
    names = [p.raw for _, _, p in find_places(tokens, [], text)]
    assert names == ["Samarra", "Kabul"]
    text = "Troops gathered in the town."
    assert list(find_places(tokenize(text, 0, len(text)), [], text)) == []


def test_place_actor_is_public():
    text = "Shelling hit Baghdad."
    tokens = tokenize(text)
    found = lookup_phrase(tokens, 2, text)
    assert found is not None
    actor = place_actor((2, found[1], found[0]), tokens)
    assert actor.code == "IRQ" and text[actor.char_start:actor.char_end] == "Baghdad"


def test_a_demonym_is_not_a_place(full):
    dictionaries, _ = full
    text = "Fighting was reported on the Thai border."
    tokens = tokenize(text)
    actors = matcher_for(dictionaries).resolve(matcher_for(dictionaries).find(text), tokens, text, None)
    assert [p for p in find_places(tokens, actors, text, frozenset({"on", "in"}))] == []


@pytest.mark.parametrize("name", ["March", "May", "Sunday"])
def test_months_and_days_are_not_places(name):
    from flows.coding.places import _resolve_name
    assert _resolve_name(name) is None
