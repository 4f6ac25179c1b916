"""Phrases that share an event word but are no event (verbs.tsv code ---), and the event
patterns that still fire around them (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.matcher import match_verbs
from flows.coding.text import tokenize
from flows.coding.verbs import VerbsError, load_verbs
from tests.coding.helpers import coded


@pytest.mark.parametrize("text", [
    "Iranian diplomats returned to Tehran on Sunday.",
    "The Iraqi delegation returned home after the summit.",
    "The Russian defence ministry released its 2026 budget on Monday.",
    "The Israeli army released a video of the ceremony.",
    "Russian exports hit a record high last month.",
    "The French minister struck a conciliatory tone in Berlin.",
    "Iraq met its oil production targets for the first time.",
    "Israeli firefighters fought the blaze near the border for three days.",
    "The Iranian government failed to persuade Iraq to sign the pact.",
    "Chinese officials seized the opportunity to speak.",
    "Iraqi officials say the Iranian commander has returned to a tract of land near the border.",
    "The speech the Iranian president gave in Baghdad angered Iraqi officials.",
    "The Iranian president insisted on Monday that Iraq was an ally.",
    "The Iraqi town was cut off from aid for weeks.",
])
def test_phrases_that_are_no_event(tiny, verbs, text):
    assert coded(tiny, verbs, text) == set()


@pytest.mark.parametrize("text, code", [
    ("Iran returned the captured British sailors to London.", "084"),
    ("Russia released the Ukrainian prisoners on Friday.", "0841"),
    ("Israeli jets hit Iranian targets near Tehran.", "190"),
    ("Israeli troops fought Iranian rebels near the border.", "190"),
    ("Iraqi police charged the Iranian diplomat with espionage.", "173"),
])
def test_event_senses_still_fire(tiny, verbs, text, code):
    assert code in {c for _, _, c in coded(tiny, verbs, text)}


@pytest.mark.parametrize("text, code", [
    ("Russia and China struck a deal on gas supplies.", "057"),
    ("Iran backed out of the agreement with France.", "120"),
    ("Iran finally gave in to Iraqi demands.", "080"),
    ("Iran insisted on the withdrawal of Iraqi troops.", "100"),
])
def test_phrases_with_their_own_code(tiny, verbs, text, code):
    codes = {c for _, _, c in coded(tiny, verbs, text)}
    assert code in codes and "190" not in codes and "051" not in codes


def test_an_idiom_needs_its_words_together(verbs):
    """Only determiners, possessives and numbers may stand between an idiom's words: "returned
    the prisoners to" is a return of persons, "returned to" a journey."""
    def heads(text):
        return [m.pattern.code for m in match_verbs(tokenize(text), verbs, frozenset())]
    assert heads("Iran returned to Tehran.") == []
    assert heads("Iran returned the prisoners to Iraq.") == ["084"]
    assert heads("Iran released its annual report.") == []


def test_the_no_event_code_is_the_only_non_cameo_code(tmp_path):
    path = tmp_path / "verbs.tsv"
    path.write_text("code\tpos\tpattern\tflags\n---\tV\treturn home\t\n--\tV\treturn to\t\n")
    with pytest.raises(VerbsError, match=r"verbs.tsv:3: code '--'"):
        load_verbs(path)
    path.write_text("code\tpos\tpattern\tflags\n---\tV\treturn home\t\n")
    assert load_verbs(path, codebook=frozenset({"084"})).patterns[0].idiom
