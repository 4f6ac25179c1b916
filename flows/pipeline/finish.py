"""End of a run: re-aggregate the events its mentions touch, write the runs rows, commit."""

from __future__ import annotations

from datetime import datetime, timezone

import polars as pl

from flows.coding import aggregate_events
from flows.lake import scan_dataset
from flows.errors import AccountingError
from flows.validate import validate_batch

from .lineage import verify_inputs
from .quarantine import quarantine_rows, unseen
from .results import keep_result, validate_staged_quarantine
from .replace import stage_deletions
from .run import CODED_DATASETS, RunContext
from .shard import rejections
from .writes import dataset_write, track


def aggregate_run_events(ctx: RunContext) -> None:
    """Upsert every event that gained or lost mentions, aggregated over ALL its mentions.

    Mentions and events are both partitioned by event month and an event's mentions share its
    month, so this goes one month at a time: memory is bounded by the busiest month.
    """
    columns = [c for c in ctx.contracts["mentions"].column_names if c != "sentence"]
    schema = {c: t for c, t in ctx.contracts["mentions"].polars_schema().items() if c in columns}
    months = ctx.txn.staged_months("mentions")
    lost = ctx.replacement.events  # events some replaced article's mentions counted towards
    for day in lost["event_date"].unique().to_list():
        months.setdefault((day.year, day.month), [])
    found = []
    for (year, month), files in sorted(months.items()):
        new = pl.scan_parquet(files).select(columns).collect() if files else pl.DataFrame(schema=schema)
        touched = lost.filter((pl.col("event_date").dt.year() == year) & (pl.col("event_date").dt.month() == month))
        ids = set(new["event_id"].to_list()) | set(touched["event_id"].to_list())
        mentions = _with_earlier_mentions(ctx, new, columns, (year, month), ids)
        events = aggregate_events(mentions, date_added=ctx.started_at.replace(microsecond=0))
        _delete_events(ctx, set(touched["event_id"].to_list()) - set(events["event_id"].to_list()))
        found.append(_keep_first_date_added(ctx, events))
    if found:  # events are few next to mentions: validate them in one call (GE costs per call)
        _stage_events(ctx, pl.concat(found, how="vertical_relaxed"))


def _with_earlier_mentions(ctx: RunContext, new: pl.DataFrame, columns: list[str], month: tuple[int, int], ids: set[str]) -> pl.DataFrame:
    """The month's new mentions plus the lake's mentions of the same events (minus replaced articles)."""
    old = scan_dataset(ctx.root, "mentions")
    if old is None:
        return new
    in_month = (pl.col("year") == month[0]) & (pl.col("month").cast(pl.Int64) == month[1])
    previous = (
        old.filter(in_month & pl.col("event_id").is_in(list(ids))
                   & ~pl.col("article_id").is_in(list(ctx.replacement.article_ids)))
        .select(columns).collect()
    )
    return pl.concat([previous, new], how="vertical_relaxed").unique("mention_id", keep="last")


def _delete_events(ctx: RunContext, event_ids: set[str]) -> None:
    if event_ids:
        track(ctx.txn, ctx.contracts["events"])
        ctx.txn.delete("events", "event_id", event_ids)


def _stage_events(ctx: RunContext, events: pl.DataFrame) -> None:
    counts = ctx.counts["events"]
    counts.records_read += events.height
    contract = ctx.contracts["events"]
    with ctx.timer().stage("validate events"):
        checked = validate_batch(events, contract)  # conforms it to the contract
    keep_result(ctx, "events", checked.result)
    if checked.bad.height:
        counts.quarantined += checked.bad.height
        rows = unseen(quarantine_rows(rejections(checked.bad, "events"), "events", ctx.run_id), ctx.seen_quarantine)
        ctx.txn.append(dataset_write(ctx.contracts["quarantine"], rows))
    if checked.good.height:
        ctx.txn.upsert(dataset_write(contract, checked.good, mode="upsert"))
    counts.published += checked.good.height


def _keep_first_date_added(ctx: RunContext, events: pl.DataFrame) -> pl.DataFrame:
    old = scan_dataset(ctx.root, "events")
    if old is None or not events.height:
        return events
    first = (
        old.filter(pl.col("event_id").is_in(events["event_id"].to_list()))
        .select("event_id", pl.col("date_added").alias("__first"))
        .collect()
    )
    return (
        events.join(first, on="event_id", how="left")
        .with_columns(pl.coalesce("__first", "date_added").alias("date_added"))
        .drop("__first")
    )


def runs_rows(ctx: RunContext, status: str) -> pl.DataFrame:
    finished = datetime.now(timezone.utc)
    rows = [
        {
            "run_id": ctx.run_id, "flow_run_id": ctx.flow_run_id, "dataset": dataset,
            "started_at": ctx.started_at, "finished_at": finished, "status": status,
            "inputs": ctx.inputs, **ctx.counts[dataset].as_dict(),
        }
        for dataset in CODED_DATASETS
    ]
    return ctx.contracts["runs"].conform(pl.DataFrame(rows))


def finish_run(ctx: RunContext) -> dict:
    """Aggregate events, stage the runs rows and commit everything atomically."""
    stage_deletions(ctx)
    if ctx.settings.code_events:
        with ctx.timer().stage("aggregate"):
            aggregate_run_events(ctx)
    ctx.inputs = verify_inputs(ctx)  # before the balance check: it may quarantine files
    for dataset, counts in ctx.counts.items():
        if not counts.balanced:  # a bug in the pipeline, not something the input did
            raise AccountingError(dataset, counts)
    runs = runs_rows(ctx, "completed")
    keep_result(ctx, "runs", validate_batch(runs, ctx.contracts["runs"]).result)  # raises on a dataset-level failure
    validate_staged_quarantine(ctx)
    ctx.txn.append(dataset_write(ctx.contracts["runs"], runs))
    with ctx.timer().stage("commit"):
        ctx.txn.commit()
    if ctx.root.stages_remotely(ctx.settings):
        ctx.root.drop_remote_staging(ctx.run_id)
    return summary(ctx)


# which stages' time counts towards which dataset in the run summary
DATASET_STAGES = {
    "articles": ("ingest", "normalize", "dedup", "validate articles", "write articles", "write quarantine", "merge"),
    "mentions": ("code", "validate mentions", "write mentions"),
    "events": ("aggregate",),  # includes validating the events
}


def summary(ctx: RunContext) -> dict:
    elapsed = (datetime.now(timezone.utc) - ctx.started_at).total_seconds()
    seconds = ctx.seconds
    return {
        "run_id": ctx.run_id,
        "lake": str(ctx.root),
        "elapsed_seconds": round(elapsed, 3),
        "datasets": {
            d: {**c.as_dict(), "seconds": round(sum(seconds.get(s, 0.0) for s in DATASET_STAGES[d]), 3)}
            for d, c in ctx.counts.items()
        },
        "stage_seconds": {k: round(v, 3) for k, v in sorted(seconds.items())},
        "stage_peak_rss_mb": {k: round(v, 1) for k, v in sorted(ctx.peak_rss_mb.items())},
    }
