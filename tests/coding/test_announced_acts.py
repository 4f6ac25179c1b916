"""Acts announced for the future: threats under a condition, refusals, obligations put on
someone (demands), speculation left hypothetical (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    # a conflictual act announced under a condition is a threat, aimed at whom the condition names
    ("Iran said it would close the border unless Iraq stopped the shelling.", {("IRN", "IRQ", "138")}),
    ("Russia may halt the talks if Ukraine attacks the bridge.", {("RUS", "UKR", "131")}),
    # speculation with no condition stays hypothetical, as does someone else's belief or forecast
    ("Russia could halt the talks.", set()),
    ("Many people believe Russia will attack.", set()),
    ("Analysts expect China will meet Iran next week.", set()),
    # a refused future cooperation is a rejection
    ("Iran said it will not negotiate with the United States.", {("IRN", "USA", "125")}),
    ("Iran said it would not accept any more refugees.", {("IRN", None, "122")}),
    ("Germany declined to meet the Russian delegation.", {("DEU", "RUS", "125")}),
    ("Israel and Jordan failed to reach an agreement on water.", {("ISR", "JOR", "120"), ("JOR", "ISR", "120")}),
    # an obligation put on someone is the speaker's demand, not that actor's intent
    ("France said that Iran must be ready to negotiate with Israel.", {("FRA", "IRN", "100")}),
    ("Iraqi rebels announced that the Iraqi president and his party must resign.", {("IRQREB", "IRQGOV", "100")}),
    # "their/its force from X" is the source's force, withdrawn from X: a threat under a condition
    ("France said it will withdraw its peacekeeping force from Iraq unless the Iraqi government holds elections.",
     {("FRA", "IRQ", "131")}),
])
def test_announced_acts(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "X said Y must …" is X's demand of Y, with or without "that"
    ("France said Iran must release the prisoners.", {("FRA", "IRN", "100")}),
    # the clause of a demanded admission is not a fact of its own
    ("Israel demanded an immediate admission by Iran that its forces attacked the ship.",
     {("ISR", "IRN", "100")}),
    # "violent protests" is a noun, the object of the act
    ("Iraqi police dispersed violent protests by Iranian students.", {("IRQCOP", "IRN", "175")}),
])
def test_demands_and_nouns(tiny, verbs, text, expected):
    assert coded(tiny, verbs, text) == expected
