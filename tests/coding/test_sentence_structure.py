"""Sentence structure: intransitive acts, complaints, asides between subject and verb, attempts,
victims inside the subject's phrase (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


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
