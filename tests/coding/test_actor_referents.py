"""Whose actor a role or a pronoun is: a role's posting is not its owner, a place a thing is based
in is no actor, and "he" means the person named last, not an earlier act's source (invented
sentences, full dictionaries)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # a country (or body) between a possessor and a role is where the role serves
    ("Russia's UK ambassador Alexander Yakovenko accused Britain of lying.", {("RUSGOV", "GBR")}),
    ("Syria's UN envoy criticised France.", {("SYRGOV", "FRA")}),
    # with no possessor, the country before the role stays its owner
    ("The UK ambassador criticised Russia.", {("GBRGOV", "RUS")}),
    # an international body's role after modifiers is the body's
    ("The UN special envoy criticised Russia.", {("IGOUNO", "RUS")}),
    # a posted role takes no country from where it is posted …
    ("The special envoy for Syria criticised Russia.", {("GOV", "RUS")}),
    ("The ambassador to Russia criticised China.", {("GOV", "CHN")}),
    # … while other roles still take their place's
    ("Officials in Kabul criticised Pakistan.", {("AFGGOV", "PAK")}),
    # a place a thing is based in is no actor
    ("A Cairo-based spokesman criticised Israel.", {("GOV", "ISR")}),
])
def test_role_owner(full, text, expected):
    assert {(a, b) for a, b, _ in coded(*full, text)} == expected


def _accusers(full, text):
    return {a for a, b, code in coded(*full, text) if b == "RUS"}


def test_he_is_the_person_named_since_the_last_act(full):
    # a person named in sentences with no act, after the last act's source, is whom "she" means
    text = ("Emmanuel Macron criticised Iran. Days later, Angela Merkel, the German chancellor, held an "
            "awkward press conference in Berlin. She then accused Moscow of lying.")
    assert _accusers(full, text) == {"DEUELI"}
    # with no one named since, the last act's source is still meant
    assert _accusers(full, "Emmanuel Macron criticised Iran. He then accused Moscow of lying.") == {"FRAGOV"}


@pytest.mark.parametrize("text", [
    # a name no actor covers speaks last: "he" is that speaker, whom no code names
    ("Emmanuel Macron criticised Iran. In a speech on Monday, Okafor said the vote was rigged. "
     "He then accused Moscow of lying."),
    # a noun after a determiner speaking: the same, in the pronoun's own sentence
    "Emmanuel Macron criticised Iran. The veteran diplomat said he would accuse Moscow of lying.",
])
def test_he_is_not_guessed_after_an_unnamed_speaker(full, text):
    assert _accusers(full, text) == set()


def test_a_plural_or_sentence_initial_speaker_is_no_he(full):
    text = ("Emmanuel Macron criticised Iran. The analysts said the vote was rigged. Analysts said "
            "so too. He then accused Moscow of lying.")
    assert _accusers(full, text) == {"FRAGOV"}


def test_an_unnamed_thing_that_says_is_no_new_he(full):
    # "a White House statement said" names no person: the next "he" is still the last one named
    text = ("Donald Trump called Erdogan on Wednesday. “He urged Turkey to de-escalate,” a White House "
            "statement said. “He urged Turkey to exercise caution.”")
    assert {(a, b) for a, b, _ in coded(*full, text)} >= {("USAGOV", "TUR")}
    assert {a for a, _, _ in coded(*full, text)} == {"USAGOV"}


def test_an_actor_in_an_attribution_is_no_unnamed_speaker(full):
    # "Congress says" is an actor speaking (though the attribution's actor codes no act)
    text = "Emmanuel Macron criticised Iran, while Congress says the deal must stay. He then accused Moscow of lying."
    assert _accusers(full, text) == {"FRAGOV"}
