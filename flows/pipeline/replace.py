"""Incremental runs: a dump file whose content changed replaces what it published before.

Its earlier articles (and their mentions and quarantine rows) are deleted in the same commit
that publishes its new content, and the events those mentions counted towards are
re-aggregated from what remains; an event left with no mention is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.ingest.files import canonical_path
from flows.lake import read_columns

from .writes import track


@dataclass
class Replacement:
    files: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)
    quarantine_ids: set[str] = field(default_factory=set)
    events: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema={"event_id": pl.String, "event_date": pl.Date}))


def changed_files(inputs: list[dict], done: set[tuple[str, int, str]]) -> set[str]:
    """Inputs processed before under the same path but with other content."""
    seen_paths = {path for path, _, _ in done}
    return {i["path"] for i in inputs if i["path"] in seen_paths and (i["path"], i["size"], i["sha256"]) not in done}


def _from(frame: pl.DataFrame, files: set[str]) -> pl.Expr:
    """Rows whose source_file is one of ``files`` (canonical paths), however the lake spelled it."""
    names = frame["source_file"].drop_nulls().unique().to_list()
    return pl.col("source_file").is_in([n for n in names if canonical_path(n) in files])


def plan_replacement(root: Path, files: set[str]) -> Replacement:
    if not files:
        return Replacement()
    articles = read_columns(root, "articles", ["article_id", "source_file"])
    ids = set() if articles is None else set(articles.filter(_from(articles, files))["article_id"].to_list())
    mentions = read_columns(root, "mentions", ["article_id", "event_id", "event_date"])
    hit = mentions.filter(pl.col("article_id").is_in(list(ids))) if mentions is not None else None
    quarantine = read_columns(root, "quarantine", ["quarantine_id", "source_file"])
    return Replacement(
        files=set(files), article_ids=ids,
        quarantine_ids=set() if quarantine is None else set(quarantine.filter(_from(quarantine, files))["quarantine_id"].to_list()),
        events=Replacement().events if hit is None else hit.select("event_id", "event_date").unique(),
    )


def stage_deletions(ctx) -> None:
    """Delete the replaced rows in the run's transaction (applied to committed rows only)."""
    rep: Replacement = ctx.replacement
    for dataset, column, values in (
        ("articles", "article_id", rep.article_ids),
        ("mentions", "article_id", rep.article_ids),
        ("quarantine", "quarantine_id", rep.quarantine_ids),
    ):
        if values:
            track(ctx.txn, ctx.contracts[dataset])
            ctx.txn.delete(dataset, column, values)
