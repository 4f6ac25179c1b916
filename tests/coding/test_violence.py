"""Violence: killings by irregulars are assaults; violence with no named perpetrator is coded
against the place's country (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    ("Iranian rebels killed Israeli soldiers.", {("IRNREB", "ISRMIL", "180")}),
    ("Iranian rebels wounded Israeli soldiers.", {("IRNREB", "ISRMIL", "180")}),
    ("Israeli troops killed Iranian rebels.", {("ISRMIL", "IRNREB", "190")}),
    ("Iranian rebels attacked Israeli troops.", {("IRNREB", "ISRMIL", "190")}),
])
def test_killing_by_irregulars_is_an_assault(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a bombing with no perpetrator: the place's country stands for it (183)
    ("A roadside bombing near the town of Samarra killed two American soldiers.",
     {("IRQ", "USAMIL", "183")}),
    ("Four British soldiers were killed by an explosive device outside the city of Basra.",
     {("IRQ", "GBRMIL", "183")}),
    # no bombing: conventional force
    ("Two Iraqi policemen were killed near Mosul.", {("IRQ", "IRQCOP", "190")}),
    # a named perpetrator wins
    ("Iranian rebels killed two Iraqi policemen near Mosul.", {("IRNREB", "IRQCOP", "180")}),
    # no place: nothing to stand for the perpetrator
    ("Two Iraqi policemen were killed on Sunday.", set()),
])
def test_unattributed_violence(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected
