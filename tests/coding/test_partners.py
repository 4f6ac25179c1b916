"""Force used alongside a partner is military cooperation with it too (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    ("Iraqi troops fought alongside US forces against Iranian rebels.",
     {("IRQMIL", "IRNREB", "190"), ("IRQMIL", "USAMIL", "062"), ("USAMIL", "IRNREB", "190")}),
    ("Iranian troops are fighting alongside the Iraqi army.", {("IRNMIL", None, "190"), ("IRNMIL", "IRQMIL", "062")}),
    ("Iranian rebels fought together with Iraqi troops against Israeli forces.",
     {("IRNREB", "ISRMIL", "190"), ("IRNREB", "IRQMIL", "062"), ("IRQMIL", "ISRMIL", "190")}),
    ("Iranian rebels were fighting on the side of the Iraqi army.",
     {("IRNREB", None, "190"), ("IRNREB", "IRQMIL", "062")}),
    # "with" is a partner only when an "against" names the enemy
    ("Iranian rebels fought with Iraqi troops against Israeli forces.",
     {("IRNREB", "ISRMIL", "190"), ("IRNREB", "IRQMIL", "062"), ("IRQMIL", "ISRMIL", "190")}),
    ("Iranian rebels fought with Iraqi troops near Mosul.", {("IRNREB", "IRQMIL", "190")}),
    # the partner of a later clause is not this act's
    ("Iraqi troops fought the rebels, while Iranian troops stood alongside the US.", {("IRQMIL", "IRQREB", "190")}),
])
def test_a_partner_in_force_is_military_cooperation(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected
