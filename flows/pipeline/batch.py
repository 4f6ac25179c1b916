"""One batch of raw records through normalize → dedup → validate → code → stage."""

from __future__ import annotations

import polars as pl

from flows.coding import code_articles
from flows.ingest import iter_raw_batches
from flows.lake import DatasetWrite
from flows.normalize import normalize_articles
from flows.progress import reporter
from flows.validate import save_result, validate_batch

from .accounting import Counts
from .quarantine import quarantine_rows, rows_as_payload
from .run import RunContext
from .timing import stage, timed_iter


def process_file(ctx: RunContext, path: str) -> Counts:
    """Read one dump file in bounded batches and stage what it yields; return its article counts."""
    before = Counts(**ctx.counts["articles"].as_dict())
    for raw in timed_iter("ingest", iter_raw_batches(path, batch_size=ctx.settings.batch_size)):
        process_batch(ctx, raw)
        reporter().records(raw.height)
    size = next((i["size"] for i in ctx.inputs if i["path"] == path), 0)
    reporter().file_done(path, size)
    after = ctx.counts["articles"]
    return Counts(*(getattr(after, f) - getattr(before, f) for f in ("records_read", "published", "quarantined", "duplicates")))


def process_batch(ctx: RunContext, raw: pl.DataFrame) -> None:
    ctx.batches += 1
    counts = ctx.counts["articles"]
    counts.records_read += raw.height
    with stage("normalize"):
        normalized = normalize_articles(raw, ctx.run_id)
    stage_quarantine(ctx, "articles", normalized.rejected)
    articles, out_of_range = _split_date_range(ctx, normalized.articles)
    stage_quarantine(ctx, "articles", out_of_range)
    with stage("dedup"):
        unique, duplicates = ctx.dedup.filter(articles)
    counts.duplicates += duplicates
    good = validate_and_stage(ctx, "articles", unique, drop_from_payload=("text",))
    counts.published += good.height
    if ctx.settings.code_events and good.height:
        stage_mentions(ctx, good)


def validate_and_stage(ctx: RunContext, dataset: str, frame: pl.DataFrame, drop_from_payload=()) -> pl.DataFrame:
    """Validate a batch against its contract; stage the good rows, quarantine the bad ones."""
    contract = ctx.contracts[dataset]
    with stage("validate"):
        conformed = contract.conform(frame)
        checked = validate_batch(conformed, contract)
    if ctx.settings.keep_validation_results:
        save_result(checked.result, ctx.root / "_validation", ctx.run_id, dataset, ctx.batches)
    if checked.bad.height:
        bad = checked.bad
        rejected = bad.select(
            _col_or_null(bad, "source_file"), _col_or_null(bad, "source_locator"), pl.col("reasons"),
        ).with_columns(rows_as_payload(bad, drop_from_payload).alias("payload"))
        if dataset != "articles":
            rejected = rejected.with_columns(pl.lit(dataset).alias("source_file"), _locator(bad, dataset))
        stage_quarantine(ctx, dataset, rejected)
    if checked.good.height:
        with stage("write"):
            ctx.txn.append(_write(ctx, dataset, checked.good))
    return checked.good


def stage_mentions(ctx: RunContext, articles: pl.DataFrame) -> None:
    with stage("code"):
        mentions = code_articles(articles)
    counts = ctx.counts["mentions"]
    counts.records_read += mentions.height
    if not mentions.height:
        return
    fresh = mentions.filter(~pl.col("mention_id").is_in(list(ctx.seen_mentions)))
    fresh = fresh.unique("mention_id", keep="first", maintain_order=True)
    counts.duplicates += mentions.height - fresh.height
    good = validate_and_stage(ctx, "mentions", fresh)
    counts.published += good.height
    ctx.seen_mentions.update(good["mention_id"].to_list())
    ctx.new_mentions.append(good.drop("sentence"))


def stage_quarantine(ctx: RunContext, dataset: str, rejected: pl.DataFrame) -> None:
    """Stage quarantine rows (once per identical record) and count them against the dataset."""
    if rejected.height == 0:
        return
    ctx.counts[dataset].quarantined += rejected.height
    rows = quarantine_rows(rejected, dataset, ctx.run_id)
    rows = rows.filter(~pl.col("quarantine_id").is_in(list(ctx.seen_quarantine)))
    ctx.seen_quarantine.update(rows["quarantine_id"].to_list())
    if rows.height:
        ctx.txn.append(_write(ctx, "quarantine", ctx.contracts["quarantine"].conform(rows)))


def _write(ctx: RunContext, dataset: str, frame: pl.DataFrame, mode: str = "append") -> DatasetWrite:
    contract = ctx.contracts[dataset]
    partitioning = contract.partitioning
    return DatasetWrite(
        name=dataset, frame=frame, schema=contract.arrow_schema(), key=tuple(contract.key),
        partition_by=partitioning.by if partitioning else None, mode=mode,
    )


def _split_date_range(ctx: RunContext, articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    if ctx.since is None and ctx.until is None:
        return articles, articles.clear()
    inside = pl.lit(True)
    if ctx.since is not None:
        inside = inside & (pl.col("published_at") >= ctx.since)
    if ctx.until is not None:
        inside = inside & (pl.col("published_at") < ctx.until)
    inside = inside.fill_null(False)
    outside = articles.filter(~inside)
    rejected = outside.select(
        "source_file", "source_locator",
        pl.lit(["published_at outside the backfill range"]).alias("reasons"),
    ).with_columns(rows_as_payload(outside, ("text",)).alias("payload"))
    return articles.filter(inside), rejected


def _col_or_null(frame: pl.DataFrame, name: str) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, pl.String).alias(name)


def _locator(frame: pl.DataFrame, dataset: str) -> pl.Expr:
    if dataset == "mentions":
        return pl.format("article:{} sentence:{}", pl.col("article_id"), pl.col("sentence_index")).alias("source_locator")
    return pl.format("event:{}", pl.col("event_id")).alias("source_locator")
