"""Targets found beyond the object: a place of the source's own country, a threat's condition
(invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


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


@pytest.mark.parametrize("text, expected", [
    ("Iran threatened to close its border unless Iraq withdrew its troops.", {("IRN", "IRQ", "130")}),
    ("Russia threatened to halt the talks if the United States deployed new missiles.",
     {("RUS", "USA", "130")}),
    # only a threat takes its target from the condition: closing the border is coded (191), at no one
    ("Iran closed its border if Iraq asked.", {("IRN", None, "191")}),
])
def test_threat_condition_names_the_target(tiny, verbs, text, expected):
    got = coded(tiny, verbs, text)
    assert {(a, b, c[:2]) for a, b, c in got} == {(a, b, c[:2]) for a, b, c in expected}
