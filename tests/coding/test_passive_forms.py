"""A passive the parse shows without an auxiliary next to the verb: a conjunct sharing the
passive's auxiliary. Its subject is what the act was done to, never its source (invented
sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


@pytest.mark.parametrize("text", [
    "Two Peruvian reporters were beaten and killed near the border last week.",
])
def test_the_victim_of_a_passive_is_never_the_source(full, text):
    dictionaries, verbs = full
    found = coded(dictionaries, verbs, text)
    assert not any(source[:3] == "PER" for source, _, _ in found)


def test_an_active_conjunct_of_a_passive_keeps_its_subject(full):
    dictionaries, verbs = full
    found = coded(dictionaries, verbs, "Chilean police were deployed and fired tear gas at Chilean students.")
    assert any(source == "CHLCOP" and code.startswith("17") for source, _, code in found)
