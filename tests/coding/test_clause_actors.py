"""Actors a clause does not lend to the act: a relative clause on another noun, and the speaker
a pronoun stands for (invented sentences, full dictionaries)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # an actor inside a relative clause on the object is neither the target nor the source's country
    ("Riot police stormed the flat where he lived with his Peruvian girlfriend.", {("COP", None)}),
    ("Armed police raided the hostel that a Peruvian charity runs for students.", {("COP", None)}),
    # the relative clause's own subject may still be the target
    ("Chilean troops attacked the village where rebels were hiding.", {("CHLMIL", "CHLREB")}),
    # an act inside the relative clause keeps the actors of its own clause
    ("Officials fear the PKK, a militia that has spearheaded the campaign of the coalition against Isis.",
     {("TURUAF", "IMGMOS")}),
])
def test_relative_clause_actors(full, text, expected):
    assert {(a, b) for a, b, _ in coded(*full, text)} == expected


def test_pronoun_after_an_unlisted_speaker(full):
    # "he" is the speaker, whom the dictionaries do not name: not the last person named before
    text = "Angela Merkel visited Paris. Later the mediator Jan Kubis said he had urged Chile to talk."
    assert not any(b == "CHL" for _, b, _ in coded(*full, text))
    # a speaker the dictionaries know is the pronoun's actor
    text = "Angela Merkel visited Paris. Later Merkel said she had urged Chile to talk."
    assert ("DEU", "CHL") in {(a[:3], b) for a, b, _ in coded(*full, text)}


def test_comma_before_a_subject_ends_a_phrase_not_a_list(full):
    # the actor after the opening phrase's comma is the subject: "they" is it alone
    text = "After a raid against Chilean rebels, Peruvian troops took a town that they continue to occupy."
    assert {a for a, _, _ in coded(*full, text)} <= {"PERMIL"}
    assert "CHLREB" not in {a for a, _, _ in coded(*full, text)}
    # a list of subjects stays a list
    text = "Chile, Peru and Bolivia condemned Ecuador."
    assert {a for a, _, _ in coded(*full, text)} == {"CHL", "PER", "BOL"}


def test_word_rule_target_in_another_clause(full):
    # the actor after the comma belongs to another clause (a relative clause on "offensive"),
    # not to the appeal
    text = ("Though Ecuador has objected to the Bolivian invasion and Chile had urged restraint, all three "
            "sides have cooperated in the assault, which Quito believes will help it.")
    got = {(a, b, c[:2]) for a, b, c in coded(*full, text)}
    assert ("CHL", "ECU", "02") not in got
    assert ("CHL", None, "02") in got


def test_force_acted_on_lends_no_country(full):
    # a bare force's country is not that of the other state's force named after it
    text = "The Kurdish forces retreated towards the area in which Peruvian troops are present."
    assert {(a, b) for a, b, _ in coded(*full, text)} == {("MIL", "PERMIL")}
