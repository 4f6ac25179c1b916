"""validate_batch: bad rows land in ``bad`` with the broken rule's name; dataset rules raise."""

from __future__ import annotations

import json

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.validate import DatasetValidationError, load_contract, validate_batch
from tests.validate.rows import BUILDERS, frame, valid_frame

NN, IN_SET, BETWEEN = ("expect_column_values_to_not_be_null", "expect_column_values_to_be_in_set",
                       "expect_column_values_to_be_between")
REGEX, LENGTHS = "expect_column_values_to_match_regex", "expect_column_value_lengths_to_be_between"

# (dataset, column, bad value, reasons expected on that row)
BAD_ROWS = [
    ("articles", "text", None, [f"{NN}(text)"]),
    ("articles", "text", "", [f"{LENGTHS}(text)"]),
    ("articles", "article_id", "NOT-A-HEX-ID-0000000000000000000", [f"{REGEX}(article_id)"]),
    ("articles", "language", "EN", [f"{REGEX}(language)"]),
    ("articles", "date_source", "guessed", [f"{IN_SET}(date_source)"]),
    ("articles", "source_format", None, [f"{NN}(source_format)"]),
    ("articles", "n_chars", 0, [f"{BETWEEN}(n_chars)"]),
    ("quarantine", "payload", "x" * 4097, [f"{LENGTHS}(payload)"]),
    ("quarantine", "reasons", None, [f"{NN}(reasons)"]),
    ("quarantine", "dataset", "runs", [f"{IN_SET}(dataset)"]),
    ("runs", "status", "running", [f"{IN_SET}(status)"]),
    ("runs", "started_at", None, [f"{NN}(started_at)"]),
    ("mentions", "confidence", 1.5, [f"{BETWEEN}(confidence)"]),
    ("mentions", "goldstein", -10.5, [f"{BETWEEN}(goldstein)"]),
    ("mentions", "quad_class", 5, [f"{IN_SET}(quad_class)"]),
    ("mentions", "event_code", "04a", [f"{REGEX}(event_code)"]),
    ("mentions", "actor2_country_code", "hun", [f"{REGEX}(actor2_country_code)"]),
    ("mentions", "action_geo_lat", 91.0, [f"{BETWEEN}(action_geo_lat)"]),
    ("mentions", "negated", None, [f"{NN}(negated)"]),
    ("events", "num_mentions", 0, [f"{BETWEEN}(num_mentions)"]),
    ("events", "event_date", None, [f"{NN}(event_date)"]),
    ("events", "action_geo_type", 9, [f"{IN_SET}(action_geo_type)"]),
]


@pytest.mark.parametrize("dataset,column,value,reasons", BAD_ROWS,
                         ids=[f"{d}.{c}={v!r:.12}" for d, c, v, _ in BAD_ROWS])
def test_bad_row_lands_in_bad_with_its_reason(dataset, column, value, reasons):
    rows = [BUILDERS[dataset](i) for i in range(3)]
    rows[1][column] = value
    checked = validate_batch(frame(dataset, rows), load_contract(dataset))
    key = load_contract(dataset).key[0]
    assert not checked.success
    assert checked.good[key].to_list() == [rows[0][key], rows[2][key]]
    assert checked.bad.height == 1 and checked.bad[key][0] == rows[1][key]
    extra = ["malformed JSON"] if dataset == "quarantine" and column != "reasons" else []
    assert checked.bad["reasons"].to_list() == [extra + reasons]


def test_good_rows_pass_unchanged():
    for dataset in BUILDERS:
        df = valid_frame(dataset)
        checked = validate_batch(df, load_contract(dataset))
        assert checked.success and checked.bad.height == 0, dataset
        assert_frame_equal(checked.good, df)
        json.dumps(checked.result)  # JSON-able as is
        assert checked.result["meta"]["geowire"]["rows"] == 3


def test_every_broken_rule_of_a_row_is_named_in_suite_order():
    rows = [BUILDERS["articles"](i) for i in range(2)]
    rows[0].update(text=None, language="english", n_chars=0)
    checked = validate_batch(frame("articles", rows), load_contract("articles"))
    assert checked.bad["reasons"].to_list() == [[f"{NN}(text)", f"{REGEX}(language)", f"{BETWEEN}(n_chars)"]]
    assert checked.bad.columns == [*load_contract("articles").column_names, "reasons"]
    assert checked.bad.schema["reasons"] == pl.List(pl.String)


def test_list_column_rule_is_checked_and_merged_with_the_rows_own_reasons():
    rows = [BUILDERS["quarantine"](i) for i in range(2)]
    rows[1].update(reasons=[], payload="y" * 5000)
    checked = validate_batch(frame("quarantine", rows), load_contract("quarantine"))
    assert checked.bad["reasons"].to_list() == [[f"{LENGTHS}(payload)", f"{LENGTHS}(reasons)"]]
    assert checked.result["meta"]["geowire"]["polars_checks_failed"] == {f"{LENGTHS}(reasons)": 1}


def test_duplicate_key_raises_naming_dataset_rule_and_value():
    rows = [BUILDERS["articles"](i) for i in range(3)]
    rows[2]["article_id"] = rows[0]["article_id"]
    with pytest.raises(DatasetValidationError) as err:
        validate_batch(frame("articles", rows), load_contract("articles"))
    text = str(err.value)
    assert "'articles'" in text and "expect_column_values_to_be_unique(article_id)" in text
    assert rows[0]["article_id"] in text


def test_duplicate_compound_key_raises():
    rows = [BUILDERS["runs"](0), BUILDERS["runs"](0)]
    with pytest.raises(DatasetValidationError, match=r"expect_compound_columns_to_be_unique\(run_id,dataset\)"):
        validate_batch(frame("runs", rows), load_contract("runs"))
    rows[1]["dataset"] = "mentions"  # same run, another dataset: fine
    assert validate_batch(frame("runs", rows), load_contract("runs")).success


def test_runs_accounting_rule():
    rows = [BUILDERS["runs"](i) for i in range(3)]
    rows[1]["published"] = 6  # 10 read, 6 + 2 + 1 accounted
    with pytest.raises(DatasetValidationError) as err:
        validate_batch(frame("runs", rows), load_contract("runs"))
    text = str(err.value)
    assert "'runs'" in text and "table_rule(records_accounted)" in text and "run-1" in text
    rows[1].update(status="failed", records_read=None, published=None)  # unknown counts pass
    assert validate_batch(frame("runs", rows), load_contract("runs")).success


@pytest.mark.parametrize("change,expected", [
    (lambda df: df.drop("url"), r"missing \['url'\]"),
    (lambda df: df.with_columns(pl.lit(1).alias("score")), r"unexpected \['score'\]"),
])
def test_column_set_mismatch_raises(change, expected):
    with pytest.raises(DatasetValidationError, match=rf"expect_table_columns_to_match_set.*{expected}"):
        validate_batch(change(valid_frame("articles")), load_contract("articles"))


def test_unconformed_frame_is_cast_and_ordered():
    contract = load_contract("articles")
    raw = pl.DataFrame([BUILDERS["articles"](i) for i in range(2)])  # n_chars int64, own order
    raw = raw.select(reversed(raw.columns))
    checked = validate_batch(raw, contract)
    assert checked.good.columns == contract.column_names
    assert checked.good.schema["n_chars"] == pl.Int32


def test_empty_batch():
    checked = validate_batch(valid_frame("events", 0), load_contract("events"))
    assert checked.success and checked.good.height == 0 and checked.bad.height == 0
