"""Verbs of CAMEO classes added for real news (issue #9): each codes its class with an actor
object, and needs that object where its flag says so (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    ("The Jordanian foreign minister hit out at Israel on Tuesday.", ("JORGOV", "ISR", "111")),
    ("Iranian officials lashed out at Saudi Arabia over the pilgrimage.", ("IRNGOV", "SAU", "111")),
    ("Egypt ruled out talks with Ethiopia over the dam.", ("EGY", "ETH", "120")),
    ("Canada has allied itself with Mexico in the trade dispute.", ("CAN", "MEX", "050")),
    ("Iraqi troops drove Isis fighters out of the town.", ("IRQMIL", "IMGMOS", "190")),
    ("Nigerian soldiers battled Boko Haram near Maiduguri.", ("NGAMIL", "NGAINS", "190")),
    ("German officials pressed Poland to accept more refugees.", ("DEUGOV", "POL", "100")),
    ("The Dutch prime minister lauded Belgium for its help.", ("NLDGOV", "BEL", "051")),
    ("Kenya held Somalia responsible for the raid.", ("KEN", "SOM", "112")),
])
def test_class_verbs_code_their_class(full, text, expected):
    dictionaries, verbs = full
    assert expected in coded(dictionaries, verbs, text)


@pytest.mark.parametrize("text", [
    "Kenya lauded the new budget.",           # praise of a thing, not of an actor
    "German officials pressed ahead with plans to cut taxes.",
    "The mountains isolate Nepal's villages every winter.",
])
def test_object_verbs_need_an_actor_object(full, text):
    dictionaries, verbs = full
    assert not coded(dictionaries, verbs, text)
