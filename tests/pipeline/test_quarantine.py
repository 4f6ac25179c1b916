"""Rejected rows → quarantine rows: ids, payloads, and rows the lake or the run already holds."""

from __future__ import annotations

import json

import polars as pl

from flows.pipeline.quarantine import quarantine_rows, rows_as_payload, unseen
from flows.validate import load_contract


def rejected(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"source_file": pl.String, "source_locator": pl.String,
                                      "reasons": pl.List(pl.String), "payload": pl.String}, orient="row")


def test_rows_follow_the_quarantine_contract():
    rows = quarantine_rows(rejected(("a.jsonl", "line:3", ["malformed JSON"], "{oops")), "articles", "run-1")
    contract = load_contract("quarantine")
    assert rows.columns == contract.column_names
    assert rows.schema == contract.polars_schema()
    row = rows.row(0, named=True)
    assert (row["run_id"], row["dataset"], row["source_file"], row["source_locator"]) == (
        "run-1", "articles", "a.jsonl", "line:3")
    assert row["reasons"] == ["malformed JSON"] and row["payload"] == "{oops"


def test_no_rejections_give_an_empty_typed_frame():
    rows = quarantine_rows(rejected(), "articles", "run-1")
    assert rows.height == 0 and rows.schema == load_contract("quarantine").polars_schema()


def test_the_id_depends_on_where_and_why_not_on_the_run_or_reason_order():
    first = quarantine_rows(rejected(("a.jsonl", "line:3", ["x", "y"], None)), "articles", "run-1")
    again = quarantine_rows(rejected(("a.jsonl", "line:3", ["y", "x"], "other")), "articles", "run-2")
    assert first["quarantine_id"].to_list() == again["quarantine_id"].to_list()
    others = [("a.jsonl", "line:4", ["x", "y"], None), ("b.jsonl", "line:3", ["x", "y"], None),
              ("a.jsonl", "line:3", ["x"], None)]
    ids = quarantine_rows(rejected(*others), "articles", "run-1")["quarantine_id"].to_list()
    assert len(set(ids) | set(first["quarantine_id"])) == 4
    assert quarantine_rows(rejected(others[0]), "mentions", "run-1")["quarantine_id"][0] != ids[0]


def test_repeats_within_a_batch_are_kept_once_and_payloads_cut_to_the_contract():
    long = "x" * 10_000
    rows = quarantine_rows(rejected(("a.jsonl", "line:1", ["bad"], long), ("a.jsonl", "line:1", ["bad"], long)),
                           "articles", "run-1")
    assert rows.height == 1
    assert len(rows["payload"][0]) == load_contract("quarantine").column("payload").max_length == 4096


def test_payload_is_each_row_as_json_with_long_text_shortened():
    frame = pl.DataFrame({"title": ["t"], "text": ["w" * 2000], "n": [3], "reasons": [["r"]]})
    payload = json.loads(rows_as_payload(frame)[0])
    assert payload == {"title": "t", "text": "w" * 512, "n": 3}
    assert json.loads(rows_as_payload(frame, drop=("text",))[0]) == {"title": "t", "n": 3}


def test_unseen_keeps_new_ids_once_and_remembers_them():
    rows = quarantine_rows(rejected(("a", "line:1", ["r"], None), ("a", "line:2", ["r"], None)), "articles", "run")
    seen = {rows["quarantine_id"][0]}
    kept = unseen(pl.concat([rows, rows]), seen)
    assert kept["quarantine_id"].to_list() == [rows["quarantine_id"][1]]
    assert seen == set(rows["quarantine_id"])
    assert unseen(rows, seen).height == 0
