"""Causes of false events found on real pages (invented sentences): an act addressed to a
counterpart with no actor to address, word senses that are no event, and questions and
prevented acts that state nothing as done."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text", [
    "A Swedish software developer who visited the embassy was questioned.",
    "The former Iraqi minister praised the lawyers on both sides.",
    "A British barrister arrived and demanded permission to observe.",
    "Iranian aid workers have visited those camps many times.",
])
def test_an_addressed_act_without_an_actor_to_address_is_none(full, text):
    assert coded(*full, text) == set()


@pytest.mark.parametrize("text, expected", [
    ("The French president visited Germany on Monday.", ("FRAGOV", "DEU", "042")),
    ("Iraqi officials praised Iran for its help.", ("IRQGOV", "IRN", "051")),
    ("Iraq demanded that Iran withdraw its troops.", ("IRQ", "IRN", "100")),
])
def test_an_addressed_act_with_its_actor_is_coded(full, text, expected):
    got = coded(*full, text)
    assert any((a, b, c[:2]) == (expected[0], expected[1], expected[2][:2]) for a, b, c in got), got


def test_a_refused_meeting_needs_no_addressee(tiny, verbs):
    """A cooperative act refused is a rejection (12x), which stands without a target."""
    assert ("IRN", None, "122") in coded(tiny, verbs, "Iran said it would not accept any more refugees.")


@pytest.mark.parametrize("text", [
    "“Will Russia hit back at the US when it launches strikes against Iran?”",
    "(Will Iraq ever recognise Israel?)",
])
def test_a_quoted_question_states_no_act(full, text):
    assert coded(*full, text) == set()


@pytest.mark.parametrize("text", [
    "Iraqi officials recognised that Iran had a point.",
    "The Iranian minister recognized the importance of Iraq.",
    "The Iraqi vote demonstrates that the system works.",
    "Israeli police demonstrated their new technology on Monday.",
    "The former Iraqi minister had intended to build a hotel in Tehran.",
    "The Iranian commander committed suicide in Baghdad.",
    "The Iranian minister asked whether Iraq would attend.",
    "The Iranian cabinet agreed that Iraq had a point.",
])
def test_word_senses_that_are_no_event(full, text):
    assert coded(*full, text) == set()


@pytest.mark.parametrize("text, code", [
    ("Iraq recognised Kosovo on Monday.", "054"),
    ("Iraqi protesters demonstrated in Baghdad on Friday.", "141"),
    ("Iran committed to the talks with France.", "03"),
    ("The Iraqi government refused to confirm the death of the Iranian commander.", "011"),
    ("Iran intends to invade Iraq.", "13"),
    ("Iraq asked Iran to release the prisoners.", "02"),
])
def test_event_senses_of_the_same_words(full, text, code):
    got = coded(*full, text)
    assert any(c.startswith(code) for _, _, c in got), got


@pytest.mark.parametrize("text", [
    "A British candidate released a television ad attacking Labour.",
    "The Iraqi government is destroying all evidence on the Iranian incident.",
])
def test_objects_that_make_no_event(full, text):
    assert not any(c[:3] in ("084", "171") for _, _, c in coded(*full, text))


@pytest.mark.parametrize("text, expected", [
    # the tagger reads "US" as the subject of a verb "airstrikes": the plural before "on" is a noun
    ("US airstrikes on Syria continued in March.", ("USA", "SYR", "195")),
    ("UK airstrikes on Isis killed ten fighters.", ("GBR", "IMGMOS", "195")),
    ("Russia's invasion of Ukraine changed Europe.", ("RUS", "UKR", "190")),
])
def test_event_nouns_with_named_actors(full, text, expected):
    assert expected in coded(*full, text)


def test_a_governed_event_noun_follows_its_to(full):
    """"agreed to interviews about the latest offensive": the offensive is not what was agreed
    (no threat 138); "agreed to a ceasefire" still governs the noun."""
    got = coded(*full, "Iraqi fighters who agreed to interviews about the latest Iranian offensive spoke.")
    assert not any(c.startswith("13") for _, _, c in got), got
    assert any(c.startswith("035") for _, _, c in coded(*full, "Iran and Iraq agreed to a ceasefire."))


def test_a_clause_opener_of_a_no_event_phrase_follows_its_verb(full):
    """"agreed that …" is an opinion, but in "would never agree to a compromise that …" the "that"
    opens another clause: the refusal is still coded."""
    got = coded(*full, "Erdoğan said that Turkey would never agree to a compromise that protected the Kurdish militia.")
    assert any(a == "TUR" and c.startswith("12") for a, _, c in got), got
