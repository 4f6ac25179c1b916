"""Read one run's share of the lake into frames (plain Polars, nothing rendered here).

A run's events are the events its mentions count towards, as they stand in the lake now
(an event can be re-aggregated by later runs; its ``run_id`` then names the later run).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from flows.errors import ReportError as ReportError  # the one error tree: flows/errors.py
from flows.lake import open_lake, scan_dataset
from flows.validate import load_contract

EVENT_COLUMNS = (
    "event_id", "event_date", "actor1_code", "actor2_code", "actor1_country_code",
    "actor2_country_code", "action_geo_country_code", "event_root_code", "quad_class",
    "goldstein", "num_mentions", "num_articles",
)
RELEVANCE = "relevance"  # the coder's decision per article, once the articles contract has it


@dataclass
class RunFrames:
    """Everything a run report shows, before any summarising."""

    lake: str
    run_id: str
    runs: pl.DataFrame  # the run's rows of the runs dataset (one per coded dataset)
    quarantine: pl.DataFrame  # dataset, reasons (list) of the records the run rejected
    events: pl.DataFrame  # EVENT_COLUMNS of the events the run's mentions count towards
    relevance: pl.DataFrame | None  # article_id, relevance of the run's articles; None without the column


def load_run(lake, run_id: str | None = None) -> RunFrames:
    """The frames of ``run_id`` (default: the run that started last) in ``lake``."""
    root = open_lake(lake)
    runs = scan_dataset(root, "runs")
    if runs is None:
        raise ReportError(f"{root}: the lake has no runs yet (run `geowire run` first)")
    run_id = run_id or _latest_run(runs)
    rows = runs.filter(pl.col("run_id") == run_id).collect()
    if rows.is_empty():
        known = _latest_runs(runs, 5)
        raise ReportError(f"{root}: no run {run_id!r} in the runs dataset (latest: {', '.join(known)})")
    return RunFrames(
        lake=str(root), run_id=run_id, runs=rows.sort("dataset"),
        quarantine=_of_run(root, "quarantine", run_id, ["dataset", "reasons"]),
        events=_run_events(root, run_id),
        relevance=_run_relevance(root, run_id),
    )


def _latest_run(runs: pl.LazyFrame) -> str:
    return _latest_runs(runs, 1)[0]


def _latest_runs(runs: pl.LazyFrame, n: int) -> list[str]:
    latest = (runs.group_by("run_id").agg(pl.col("started_at").max())
              .sort("started_at", "run_id", descending=True).head(n).collect())
    return latest["run_id"].to_list()


def _of_run(root, dataset: str, run_id: str, columns: list[str]) -> pl.DataFrame:
    scan = scan_dataset(root, dataset)
    if scan is None:
        return pl.DataFrame(schema={c: pl.String for c in columns})
    return scan.filter(pl.col("run_id") == run_id).select(columns).collect()


def _run_events(root, run_id: str) -> pl.DataFrame:
    mentions, events = scan_dataset(root, "mentions"), scan_dataset(root, "events")
    if mentions is None or events is None:  # no events yet: an empty frame of the contract's types
        schema = load_contract("events").polars_schema()
        return pl.DataFrame(schema={c: schema[c] for c in EVENT_COLUMNS})
    ids = mentions.filter(pl.col("run_id") == run_id).select("event_id").unique()
    return events.join(ids, on="event_id", how="semi").select(EVENT_COLUMNS).collect()


def _run_relevance(root, run_id: str) -> pl.DataFrame | None:
    articles = scan_dataset(root, "articles")
    if articles is None or RELEVANCE not in articles.collect_schema().names():
        return None
    return articles.filter(pl.col("run_id") == run_id).select("article_id", RELEVANCE).collect()
