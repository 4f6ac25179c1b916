"""A bare past participle clause is passive (its borrowed subject suffered the act), and a verb
conjoined to a planned or infinitive act is no fact either (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text", [
    "Hit by heavy losses, Iraqi rebels withdrew from the town.",
    "Wounded in the clashes, the Iraqi soldiers were taken to hospital.",
])
def test_a_participle_clause_is_not_its_patients_act(tiny, verbs, text):
    assert not any(code.startswith(("18", "19")) for _, _, code in coded(tiny, verbs, text))


def test_a_participle_clause_with_an_agent_is_the_agents_act(tiny, verbs):
    found = coded(tiny, verbs, "Backed by Iran, Iraqi rebels attacked the US embassy.")
    assert ("IRN", "IRQREB", "051") in found
    assert not any(source == "IRQREB" and code == "051" for source, _, code in found)


def test_a_perfect_participle_is_active(tiny, verbs):
    found = coded(tiny, verbs, "Having attacked the town, Iraqi rebels killed two Iranian soldiers.")
    assert any(source == "IRQREB" and code.startswith(("18", "19")) for source, _, code in found)


@pytest.mark.parametrize("text", [
    "Iran is planning to recall its diplomats and expel the Iraqi envoy.",
    "Iraqi rebels are hoping to regroup in the hills and attack the Iranian garrison.",
])
def test_a_conjoined_verb_shares_a_planned_clause(tiny, verbs, text):
    assert not any(code.startswith(("16", "18", "19")) for _, _, code in coded(tiny, verbs, text))


def test_a_conjoined_verb_of_a_fact_is_a_fact(tiny, verbs):
    found = coded(tiny, verbs, "Iraqi rebels attacked the town and killed two Iranian soldiers.")
    assert ("IRQREB", "IRNMIL", "180") in found


def test_planning_announces_an_intent(tiny, verbs):
    found = coded(tiny, verbs, "Iran is planning to meet Iraqi officials in Baghdad.")
    assert any(code.startswith("03") for _, _, code in found)
