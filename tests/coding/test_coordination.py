"""Coordinated verbs: which subject and object each verb of "X did A and B" takes (invented sentences)."""
from __future__ import annotations

from tests.coding.helpers import coded


def test_a_coordinated_verb_does_not_take_the_previous_object_as_subject(tiny, verbs):
    # the bombing is no actor: neither verb has a source ("Israeli soldiers" did not wound anyone)
    assert coded(tiny, verbs, "A roadside bomb killed two Israeli soldiers and wounded five others.") == set()
    assert coded(tiny, verbs, "Iranian rebels killed two Israeli soldiers and wounded five others.") == {
        ("IRNREB", "ISRMIL", "180"), ("IRNREB", None, "180")}


def test_after_to_a_place_and_the_second_verb_is_an_act(tiny, verbs):
    got = coded(tiny, verbs, "Russian troops returned to Ukraine and attacked Kyiv.")
    assert ("RUSMIL", "UKR", "190") in got
