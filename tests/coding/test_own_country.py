"""A source's own country named as the target of an act addressed to someone is a misread
(the subject of a reported clause, "his US counterpart"); domestic acts and challengers of the
state keep it. Invented sentences, full dictionaries."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, source, code", [
    # the own country in what is said or discussed is not whom it is said to
    ("The French president discussed with Germany whether a French force could stay in Mali.", "FRAGOV", "04"),
    ("The US president dismissed the value of Syria to the US on Monday.", "USAGOV", "12"),
])
def test_an_official_does_not_address_his_own_country(full, text, source, code):
    got = coded(*full, text)
    assert any(a == source and c.startswith(code[:2]) for a, _, c in got), got
    assert not any(a == source and b == source[:3] for a, b, _ in got), got


def test_a_challenger_of_the_state_keeps_its_country_as_target(full):
    got = coded(*full, "Kurdish separatists in Turkey attacked the Turkish state on Monday.")
    assert any(b == "TUR" and c.startswith("19") for _, b, c in got), got


def test_a_domestic_act_keeps_its_own_country(full):
    got = coded(*full, "The Iraqi government threatened to impose martial law on Iraq.")
    assert any(a.startswith("IRQ") and b == "IRQ" for a, b, _ in got), got
