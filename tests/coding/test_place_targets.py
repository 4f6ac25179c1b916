"""Targets from places: a part of a named place, a region the gazetteer lacks, the object before a
later clause's place, and a described place in the country a story is set in (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.places import find_places, lookup_phrase, unnamed_place
from flows.coding.text import tokenize
from tests.coding.helpers import coded

SCENE = "Syria rejected the claim. Damascus said Syria would answer. Syrian ministers met on Monday. "


def test_a_part_of_a_place_is_the_place():
    text = "Troops massed on the outskirts of Mosul and in the whole of the Basra region."
    names = [p.raw for _, _, p in find_places(tokenize(text), [], text, frozenset({"on", "in"}))]
    assert names == ["Mosul", "Basra"]
    text = "Troops massed in the rest of the town."
    assert list(find_places(tokenize(text), [], text)) == []


@pytest.mark.parametrize("name, country", [("Gaza Strip", "PSE"), ("Eastern Ghouta", "SYR"), ("Donbas", "UKR")])
def test_regions_the_gazetteer_lacks(name, country):
    text = f"Shelling hit {name} again."
    found = lookup_phrase(tokenize(text), 2, text)
    assert found is not None and found[0].country_code == country


@pytest.mark.parametrize("phrase, expected", [
    ("the east of the province", True), ("that landlocked country", True), ("their home city", True),
    ("the province of Aleppo", False), ("the Syrian capital", False), ("the talks", False),
])
def test_unnamed_places(phrase, expected):
    assert unnamed_place(tokenize(phrase), 0) is expected


def test_the_object_place_before_a_later_clause(full):
    got = coded(*full, "Iranian troops shelled Mosul, while Turkish forces fought rebels near Kirkuk.")
    assert any(a == "IRNMIL" and b == "IRQ" for a, b, _ in got)


@pytest.mark.parametrize("sentence, expected", [
    # a foreign force acting in a place the story does not name: the scene's country
    ("Russian jets also struck in the east of the province.", ("RUSMIL", "SYR")),
    ("Turkish troops encircled their home city.", ("TURMIL", "SYR")),
    # at home, in the story's own country: domestic
    ("Syrian soldiers seized a town in the east of the country.", ("SYRMIL", "SYR")),
    # civilians of the story's own country fighting somewhere described: no target
    ("Syrian civilians fought in the east of the country.", ("SYRCVL", None)),
    # nowhere said: no target
    ("Russian jets also struck.", ("RUSMIL", None)),
    # a named place elsewhere is that place's
    ("Russian jets also struck in the east of Ukraine.", ("RUSMIL", "UKR")),
])
def test_described_place_of_a_force_is_the_scene(full, sentence, expected):
    got = {(a, b) for a, b, code in coded(*full, SCENE + sentence) if code[:2] in ("18", "19", "20")}
    assert got == {expected}


def test_described_place_of_a_meeting_is_no_target(full):
    got = coded(*full, SCENE + "Russian officials met Turkish diplomats in the city.")
    assert all(b != "SYR" for _, b, _ in got)


def test_a_where_clause_names_the_place_of_its_act(full):
    text = "Families fled from villages near Mosul, where Iranian troops are fighting."
    got = {(a, b) for a, b, code in coded(*full, text) if code[:2] == "19"}
    assert got == {("IRNMIL", "IRQ")}
    text = "Families fled from villages near Mosul after Iranian troops fought."
    assert {(a, b) for a, b, code in coded(*full, text) if code[:2] == "19"} == {("IRNMIL", None)}
