"""Acts a sentence does not state as done (invented sentences): feared or wished for, a passive
shared by a conjunct the tagger read as a base form, a trip made by civilians."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text", [
    "Iraqi officials remain fearful that Iranian troops will attack Iraq.",
    "Iraqi officials are worried that Iranian troops attacked the border post.",
    "Iraqi officials hoped that Iran would withdraw its troops.",
])
def test_a_feared_or_wished_act_is_none(tiny, verbs, text):
    assert coded(tiny, verbs, text) == set()


def test_the_same_act_reported_is_coded(tiny, verbs):
    got = coded(tiny, verbs, "Iraqi officials said that Iranian troops attacked Iraq.")
    assert any(a == "IRNMIL" and c.startswith("19") for a, _, c in got), got


@pytest.mark.parametrize("text", [
    "Iraqi protesters were rounded up, shot or beaten.",
    "About 400 Iraqi men, the entire male population, were rounded up, shot or beheaded.",
])
def test_a_passive_conjunct_tagged_as_a_base_form_keeps_its_victims_out_of_the_source(tiny, verbs, text):
    assert not any(a is not None and a.startswith("IRQ") for a, _, _ in coded(tiny, verbs, text))


def test_an_active_conjunct_keeps_its_subject(tiny, verbs):
    got = coded(tiny, verbs, "Iranian troops stormed the village and shot the protesters.")
    assert any(a == "IRNMIL" and c[:2] in ("17", "19") for a, _, c in got), got


@pytest.mark.parametrize("text", [
    "Many Iraqi citizens travelled to Iran last year.",
    "Iraqi refugees visited Iran in the summer.",
])
def test_a_trip_by_civilians_is_no_visit(full, text):
    assert not any(c.startswith("04") for _, _, c in coded(*full, text))


def test_an_officials_trip_is_a_visit(full):
    assert ("IRQGOV", "IRN", "042") in coded(*full, "The Iraqi foreign minister travelled to Iran.")
