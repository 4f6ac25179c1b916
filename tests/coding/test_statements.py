"""A verb of saying addresses the actor after it only when it takes an addressee ("told",
"warned"); otherwise that actor is the reported clause's subject and the report is no event.
"Consider" is CAMEO 014 only for what is weighed (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text", [
    "Israel says Iran has recruited thousands of fighters in Syria.",
    "The Iraqi spokesman said the Iranian army had left the border area.",
    "The Chinese president reiterated that Taiwan is part of China.",
])
def test_the_subject_of_a_reported_clause_is_no_addressee(tiny, verbs, text):
    assert not any(code.startswith("01") for _, _, code in coded(tiny, verbs, text))


def test_the_one_told_is_the_addressee(tiny, verbs):
    assert ("FRAGOV", "IRN", "010") in coded(tiny, verbs, "The French minister told Iran that the talks were over.")


def test_a_reported_act_is_still_coded(tiny, verbs):
    found = coded(tiny, verbs, "Israel says Iranian troops attacked Jordan on Monday.")
    assert any(code.startswith("19") for _, _, code in found)
    assert not any(code.startswith("01") for _, _, code in found)


@pytest.mark.parametrize("text, expected", [
    ("Turkey considers the Iraqi rebels a terrorist group.", False),
    ("Iraqi officials are considering new sanctions against Iran.", True),
    ("France is considering expelling the Iranian ambassador.", True),
])
def test_consider_is_weighing_an_option(tiny, verbs, text, expected):
    assert any(code == "014" for _, _, code in coded(tiny, verbs, text)) is expected
