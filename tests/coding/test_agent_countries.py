"""Which country an agent without one takes (invented sentences)."""
from __future__ import annotations

from tests.coding.helpers import coded


def test_a_bare_agent_takes_no_country_from_its_own_target(tiny, verbs):
    # "the president" takes France from the previous sentence, not Russia from "against Russia"
    got = coded(tiny, verbs, "France condemned Iran. The president threatened action against Russia.")
    assert ("FRAGOV", "RUS", "130") in got
    assert not any(a1 == "RUSGOV" for a1, _, _ in got)


def test_coordinated_agent_takes_its_conjuncts_country(tiny, verbs):
    got = coded(tiny, verbs, "Britain urged the Iraqi government and the rebels to reach an agreement.")
    assert ("GBR", "IRQREB", "020") in got and not any(b == "GBRREB" for _, b, _ in got)
