"""Rows that failed → the quarantine dataset (with reasons and where they came from)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import cache

import polars as pl

from flows.ids import stable_id
from flows.lake.keys import matching_rows
from flows.validate import Contract, load_contract


@cache
def _contract() -> Contract:
    return load_contract("quarantine")


def quarantine_rows(rejected: pl.DataFrame, dataset: str, run_id: str) -> pl.DataFrame:
    """Build quarantine rows from a frame with source_file, source_locator, reasons, payload."""
    contract = _contract()
    if rejected.height == 0:
        return pl.DataFrame(schema=contract.polars_schema())
    frame = rejected.select(
        pl.col("source_file").cast(pl.String),
        pl.col("source_locator").cast(pl.String),
        pl.col("reasons").cast(pl.List(pl.String)),
        pl.col("payload").cast(pl.String).str.slice(0, contract.column("payload").max_length),
    )
    ids = [
        stable_id(dataset, f, loc, *sorted(r or []))
        for f, loc, r in zip(frame["source_file"].to_list(), frame["source_locator"].to_list(), frame["reasons"].to_list())
    ]
    return frame.with_columns(
        pl.Series("quarantine_id", ids, pl.String),
        pl.lit(run_id, pl.String).alias("run_id"),
        pl.lit(dataset, pl.String).alias("dataset"),
    ).select(contract.column_names).unique("quarantine_id", keep="first", maintain_order=True)


def rows_as_payload(frame: pl.DataFrame, drop: tuple[str, ...] = ()) -> pl.Series:
    """Each row as JSON (long text fields shortened), for a quarantine payload."""
    keep = [c for c in frame.columns if c not in drop and c != "reasons"]
    shortened = frame.select(
        [
            pl.col(c).str.slice(0, 512) if frame.schema[c] == pl.String else pl.col(c)
            for c in keep
        ]
    )
    return shortened.select(pl.struct(pl.all()).struct.json_encode().alias("payload"))["payload"]


class SeenQuarantine:
    """Quarantine ids already in the lake or staged by this run.

    The lake is asked only about the ids the run brings (``ask``), one streamed scan per call,
    so memory follows the run, not the lake. Ids of rows the run replaces do not count.
    """

    def __init__(self, lake=None, replaced: Collection[str] = ()) -> None:
        self.lake, self.replaced = lake, frozenset(replaced)
        self.known: set[str] = set()  # in the lake (asked) or staged by this run
        self.asked: set[str] = set()

    def ask(self, ids: Iterable[str]) -> None:
        """Look up in the lake the ids not asked about yet."""
        missing = set(ids) - self.asked - self.known
        if missing and self.lake is not None:
            found = matching_rows(self.lake, "quarantine", ["quarantine_id"], {"quarantine_id": missing})
            self.known.update(set(found["quarantine_id"].to_list()) - self.replaced)
        self.asked |= missing

    def __contains__(self, qid: object) -> bool:
        return qid in self.known

    def update(self, ids: Iterable[str]) -> None:
        self.known.update(ids)

    def clear(self) -> None:
        self.known.clear()
        self.asked.clear()


def unseen(rows: pl.DataFrame, seen: SeenQuarantine | set[str]) -> pl.DataFrame:
    """The quarantine rows not already in the lake or this run (and remember them)."""
    if isinstance(seen, SeenQuarantine):
        seen.ask(rows["quarantine_id"].to_list())
    fresh = pl.Series([q not in seen for q in rows["quarantine_id"].to_list()], dtype=pl.Boolean)
    kept = rows.filter(fresh).unique("quarantine_id", keep="first", maintain_order=True)
    seen.update(kept["quarantine_id"].to_list())
    return kept
