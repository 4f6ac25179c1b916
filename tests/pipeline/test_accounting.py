"""Counts: every record read is published, quarantined or a duplicate."""

from __future__ import annotations

from flows.pipeline import Counts


def test_add_sums_every_field():
    total = Counts(records_read=5, published=3, quarantined=1, duplicates=1)
    total.add(Counts(records_read=4, published=1, quarantined=2, duplicates=1))
    assert total.as_dict() == {"records_read": 9, "published": 4, "quarantined": 3, "duplicates": 2}


def test_balanced_only_when_read_equals_the_sum_of_outcomes():
    assert Counts().balanced
    assert Counts(records_read=6, published=3, quarantined=2, duplicates=1).balanced
    assert not Counts(records_read=6, published=3, quarantined=2).balanced
    assert not Counts(records_read=5, published=3, quarantined=2, duplicates=1).balanced


def test_as_dict_names_the_runs_columns():
    assert list(Counts().as_dict()) == ["records_read", "published", "quarantined", "duplicates"]
