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
from flows.lake.keys import distinct_values, matching_rows

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


def _spellings(root: Path, dataset: str, files: set[str]) -> set[str]:
    """How the dataset spells ``files`` (canonical paths) in source_file: lakes written before
    paths were canonical hold other spellings. Only the distinct file names are read."""
    return {n for n in distinct_values(root, dataset, "source_file") if canonical_path(n) in files}


def _ids_from(root: Path, dataset: str, column: str, files: set[str]) -> set[str]:
    """``column`` of the dataset's rows read from ``files``, by a filtered scan."""
    names = _spellings(root, dataset, files)
    rows = matching_rows(root, dataset, [column], {"source_file": names})
    return set(rows[column].to_list())


def plan_replacement(root: Path, files: set[str]) -> Replacement:
    if not files:
        return Replacement()
    ids = _ids_from(root, "articles", "article_id", files)
    hit = matching_rows(root, "mentions", ["event_id", "event_date"], {"article_id": ids})
    return Replacement(
        files=set(files), article_ids=ids,
        quarantine_ids=_ids_from(root, "quarantine", "quarantine_id", files),
        events=Replacement().events if hit.is_empty() else hit.cast({"event_date": pl.Date}).unique(),
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
