"""Patterns flagged "obj" in verbs.tsv are events only with an actor as their target."""
from __future__ import annotations

import polars as pl

from flows.coding import code_articles
from flows.coding.verbs import load_verbs


def _codes(text: str) -> set[tuple]:
    frame = pl.DataFrame({"article_id": ["0" * 32], "text": [text]})
    return {(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in code_articles(frame).iter_rows(named=True)}


def test_hosting_and_receiving_need_an_actor_to_host_or_receive():
    assert _codes("The Canadian government received a large loan on Monday.") == set()
    assert _codes("Most Canadians welcome this other.") == set()
    assert _codes("The Canadian government received the Iraqi president on Monday.") == {("CANGOV", "IRQGOV", "043")}


def test_the_flag_is_data_in_the_verbs_file():
    flagged = {p.text for p in load_verbs().patterns if "obj" in p.flags}
    assert {"host", "receive", "welcome", "tour"} <= flagged
