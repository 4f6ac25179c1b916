"""Write a lake's events and mentions as GDELT 2.0 files, one pair per batch.

    <out>/YYYYMMDDHHMMSS.export.CSV     events first added at that time (their DATEADDED)
    <out>/YYYYMMDDHHMMSS.mentions.CSV   mentions coded by the run that started then
    <out>/geowire-event-ids.tsv         GLOBALEVENTID → our event_id, for every exported event

As GDELT publishes them: tab-separated, no header, UTF-8, an empty field for a missing value.
A run of geowire is one batch, as a 15-minute update is for GDELT.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from flows.errors import ExportError as ExportError  # the one error tree: flows/errors.py
from flows.lake import scan_dataset

from .gdelt import MENTION_COLUMNS, gdelt_events, gdelt_mentions, global_event_id

ID_MAP = "geowire-event-ids.tsv"


@dataclass
class ExportSummary:
    events: int = 0
    mentions: int = 0
    files: list[Path] = field(default_factory=list)


def select_events(lake, since: date | None = None, until: date | None = None) -> pl.DataFrame:
    """The lake's events whose date is in [since, until)."""
    scan = scan_dataset(lake, "events")
    if scan is None:
        raise ExportError(f"lake {lake} has no events to export")
    if since is not None:
        scan = scan.filter(pl.col("event_date") >= since)
    if until is not None:
        scan = scan.filter(pl.col("event_date") < until)
    return scan.drop("year", "month", strict=False).collect()


def select_mentions(lake, events: pl.DataFrame) -> pl.DataFrame:
    """The mentions behind ``events`` (negated and hypothetical ones have no event: left out)."""
    scan = scan_dataset(lake, "mentions")
    if scan is None or not events.height:
        return pl.DataFrame()
    return (scan.filter(~pl.col("negated") & ~pl.col("hypothetical"))
            .join(events.lazy().select("event_id"), on="event_id", how="semi")
            .select(MENTION_COLUMNS).collect())


def export_gdelt(lake, out: str | os.PathLike, since: date | None = None,
                 until: date | None = None) -> ExportSummary:
    """Write the lake's events in [since, until) and their mentions as GDELT files into ``out``."""
    events = select_events(lake, since, until)
    check_ids(events)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(events=events.height)
    rows = gdelt_events(events)
    summary.files += write_batches(rows, "DATEADDED", "export", out)
    mentions = select_mentions(lake, events)
    if mentions.height:
        articles_scan, runs_scan = scan_dataset(lake, "articles"), scan_dataset(lake, "runs")
        if articles_scan is None or runs_scan is None:  # mentions without articles: not a geowire lake
            raise ValueError(f"{lake}: mentions but no articles or runs")
        articles = articles_scan.select("article_id", "n_chars").collect()
        runs = runs_scan.select("run_id", "started_at").collect()
        table = gdelt_mentions(mentions, events, articles, runs)
        summary.mentions = table.height
        summary.files += write_batches(table, "MentionTimeDate", "mentions", out)
    ids = events.select(global_event_id(pl.col("event_id")).alias("GLOBALEVENTID"), "event_id")
    summary.files.append(_write_atomic(ids.sort("GLOBALEVENTID"), out / ID_MAP, header=True))
    return summary


def check_ids(events: pl.DataFrame) -> None:
    """Refuse an export where two event ids map to one GLOBALEVENTID (60-bit prefixes collide)."""
    ids = events.select(global_event_id(pl.col("event_id")).alias("g"), "event_id")
    clash = ids.filter(pl.col("g").is_duplicated())
    if clash.height:
        raise ExportError(f"event ids {clash['event_id'].to_list()[:2]} share GLOBALEVENTID {clash['g'][0]}")


def write_batches(table: pl.DataFrame, stamp: str, kind: str, out: Path) -> list[Path]:
    """One ``<stamp>.<kind>.CSV`` file per distinct value of the ``stamp`` column."""
    files = []
    for (value,), batch in table.sort(stamp, maintain_order=True).group_by(stamp, maintain_order=True):
        files.append(_write_atomic(batch.sort("GLOBALEVENTID"), out / f"{value}.{kind}.CSV", header=False))
    return files


def _write_atomic(frame: pl.DataFrame, path: Path, header: bool) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    frame.write_csv(tmp, separator="\t", include_header=header, null_value="", quote_style="never",
                    line_terminator="\n")
    os.replace(tmp, path)
    return path
