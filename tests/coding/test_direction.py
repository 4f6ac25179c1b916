"""Direction of an event: a telephone call is coded both ways, other addressed acts one way
(invented sentences)."""
from __future__ import annotations

from tests.coding.helpers import coded


def test_telephone_call_is_coded_in_both_directions(tiny, verbs):
    got = coded(tiny, verbs, "France telephoned Germany on Monday to discuss the grain deal.")
    assert {(a, b) for a, b, code in got if code.startswith("04")} == {("FRA", "DEU"), ("DEU", "FRA")}


def test_a_meeting_is_still_one_way(tiny, verbs):
    # only the call is mutual; "X criticized Y" and other addressed acts keep their direction
    got = coded(tiny, verbs, "France criticized Germany over the grain deal.")
    assert got and all(a == "FRA" for a, _, _ in got)


def test_a_conjunct_of_a_passive_verb_is_passive_too(tiny, verbs):
    # the victims of "were killed or wounded" are never the source of the wounding
    got = coded(tiny, verbs, "Ukraine said that 30 Russian soldiers were shelled or wounded near the river.")
    assert not [e for e in got if e[0] == "RUSMIL"]


def test_a_conjunct_of_a_passive_verb_takes_the_agent(tiny, verbs):
    got = coded(tiny, verbs, "Ukrainian police were ambushed and wounded by Russian troops in the east.")
    assert got and {(a, b) for a, b, _ in got} == {("RUSMIL", "UKRCOP")}
