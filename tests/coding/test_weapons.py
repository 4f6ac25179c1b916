"""Force done with a named weapon is its user's act on the passive's subject (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # the weapon's phrase names its user: that actor is the source, not the target
    ("Two Iraqi soldiers were killed in a US airstrike.", {("USA", "IRQMIL", "195")}),
    ("An Iraqi minister, believed killed in a US airstrike, was buried on Sunday.", {("USA", "IRQGOV", "195")}),
    ("Iraqi troops were killed in Russian and Israeli air strikes.", {("RUS", "IRQMIL", "195"), ("ISR", "IRQMIL", "195")}),
    # no user named: an armed force of no stated country (the place does not stand for it)
    ("Two Iraqi soldiers were killed by a drone strike near Mosul.", {("MIL", "IRQMIL", "195")}),
    ("The Iranian leader was seriously wounded in an airstrike.", {("MIL", "IRNGOV", "195")}),
    ("Three Jordanian policemen were killed in the shelling.", {("MIL", "JORCOP", "194")}),
    # a named agent of the passive stays its source
    ("Two Iraqi soldiers were killed by Israeli troops in an airstrike.", {("ISRMIL", "IRQMIL", "190")}),
    # the subject of an active verb did it
    ("Israeli troops killed two Iraqi soldiers in an airstrike.", {("ISRMIL", "IRQMIL", "190")}),
    # the subject of another clause is not what the weapon hit
    ("Iraqi officials said that the bridge was hit in an airstrike.", set()),
    ("Iraqi officials were told by Iranian officials that dozens were killed in airstrikes.",
     {("IRNGOV", "IRQGOV", "010")}),
    # a weapon as the subject: its user (in its phrase, or "from" it) acts on the object
    ("A missile from Iran struck the Israeli town of Sderot.", {("IRN", "ISR", "195")}),
    ("A drone strike killed two Iraqi soldiers near Mosul.", {("MIL", "IRQMIL", "195")}),
    ("Iraqi officials said an airstrike hit an Iranian army base.", {("MIL", "IRNMIL", "195")}),
    ("The cost of the missiles hit the Iraqi budget.", set()),
    ("A drone shot down and recovered in Iraq by Iranian forces exploded.", set()),
    # not a weapon
    ("Two Iraqi soldiers were killed in a car crash near Mosul.", {("IRQ", "IRQMIL", "190")}),
])
def test_a_named_weapon_is_its_users_act(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected
