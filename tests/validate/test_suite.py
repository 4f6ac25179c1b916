"""The GE suite is derived from the contract and agrees with it and with the Arrow schema."""

from __future__ import annotations

import pytest

from flows.validate import build_suite, load_contract
from flows.validate.suite import list_rules

DATASETS = ["articles", "quarantine", "runs", "mentions", "events"]


def _by_type(suite) -> dict[str, dict[str, dict]]:
    """{expectation type: {column (or comma-joined columns): kwargs}}."""
    out: dict[str, dict[str, dict]] = {}
    for exp in suite.expectations:
        kwargs = exp.configuration.kwargs
        col = kwargs.get("column") or ",".join(kwargs.get("column_list", []))
        out.setdefault(exp.expectation_type, {})[col] = kwargs
    return out


@pytest.mark.parametrize("name", DATASETS)
def test_contract_arrow_schema_and_suite_agree(name):
    contract = load_contract(name)
    schema = contract.arrow_schema()
    suite = build_suite(contract)
    found = _by_type(suite)
    ordered = found["expect_table_columns_to_match_ordered_list"][",".join(contract.column_names)]
    assert ordered["column_list"] == contract.column_names == schema.names
    meta_columns = {c["name"]: c for c in suite.meta["columns"]}
    not_null = set(found.get("expect_column_values_to_not_be_null", {}))
    for col in contract.columns:
        field = schema.field(col.name)
        assert field.nullable == col.nullable == meta_columns[col.name]["nullable"]
        assert str(field.type) == meta_columns[col.name]["type"] == str(col.arrow_type)
        assert (col.name in not_null) == (not col.nullable), col.name
        if col.is_list:
            continue
        if col.allowed is not None:
            assert found["expect_column_values_to_be_in_set"][col.name]["value_set"] == list(col.allowed)
        if col.pattern is not None:
            assert found["expect_column_values_to_match_regex"][col.name]["regex"] == col.pattern
        if col.min is not None or col.max is not None:
            between = found["expect_column_values_to_be_between"][col.name]
            assert (between.get("min_value"), between.get("max_value")) == (col.min, col.max)
        if col.min_length is not None or col.max_length is not None:
            lengths = found["expect_column_value_lengths_to_be_between"][col.name]
            assert (lengths.get("min_value"), lengths.get("max_value")) == (col.min_length, col.max_length)
        assert (col.name in found.get("expect_column_values_to_be_unique", {})) == (
            col.unique or contract.key == (col.name,))


def test_compound_key_gets_a_compound_uniqueness_expectation():
    found = _by_type(build_suite(load_contract("runs")))
    assert "run_id,dataset" in found["expect_compound_columns_to_be_unique"]


def test_suite_has_no_type_expectations():
    for name in DATASETS:
        types = {e.expectation_type for e in build_suite(load_contract(name)).expectations}
        assert not any("type" in t for t in types)


def test_suite_is_built_once_per_contract():
    contract = load_contract("events")
    assert build_suite(contract) is build_suite(load_contract("events"))


def test_list_columns_rules_are_checked_in_polars_with_ge_names():
    names = [n for n, _ in list_rules(load_contract("quarantine"))]
    assert names == ["expect_column_value_lengths_to_be_between(reasons)"]
    assert build_suite(load_contract("quarantine")).meta["checked_in_polars"] == names
