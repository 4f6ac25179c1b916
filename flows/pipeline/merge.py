"""Fold the shards' staged files into the run's transaction, in shard order.

Each shard deduplicated only within itself; here articles repeated across shards or already
in the lake are dropped (with the mentions coded from them) and counted as duplicates, and
quarantine rows already in the lake are not written twice.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from flows.lake.keys import matching_rows

from .quarantine import SeenQuarantine, unseen
from .remote import download_tree, is_remote
from .run import RunContext
from .shard import ShardResult
from .writes import track


def merge_shards(ctx: RunContext, results: list[ShardResult]) -> None:
    timer = ctx.timer()
    with timer.stage("merge"):
        results = [_local(ctx, r) for r in sorted(results, key=lambda r: r.shard_no)]
        _ask_lake(ctx, results)
        for result in results:
            for dataset, counts in result.counts.items():
                ctx.counts[dataset].add(counts)
            timer.add_all(result.seconds, result.peak_rss_mb)
            dropped = _merge_articles(ctx, result)
            _merge_mentions(ctx, result, dropped)
            _merge_quarantine(ctx, result)


def _ask_lake(ctx: RunContext, results: list[ShardResult]) -> None:
    """Tell the run's dedup and quarantine filters which of the shards' keys the lake holds.

    One streamed scan per dataset for all shards: the lake's keys are never loaded, only the
    (few) lake rows that share an id or a content hash with the run's articles.
    """
    files = [f for r in results for f in _files(r, "articles")]
    if files:
        keys = pl.concat([pl.read_parquet(f, columns=["article_id", "content_hash"]) for f in files])
        found = matching_rows(ctx.root, "articles", ["article_id", "content_hash"], {
            "article_id": set(keys["article_id"].to_list()), "content_hash": set(keys["content_hash"].to_list())})
        found = found.filter(~pl.col("article_id").is_in(list(ctx.replacement.article_ids)))
        ctx.dedup.seen_ids.update(found["article_id"].to_list())
        ctx.dedup.seen_hashes.update(found["content_hash"].to_list())
    if isinstance(ctx.seen_quarantine, SeenQuarantine):
        files = [f for r in results for f in _files(r, "quarantine")]
        ctx.seen_quarantine.ask(q for f in files for q in pl.read_parquet(f, columns=["quarantine_id"])["quarantine_id"].to_list())


def _local(ctx: RunContext, result: ShardResult) -> ShardResult:
    """A shard staged on the lake's object store: fetch its files into the run's staging."""
    if not is_remote(result.staging):
        return result
    local = ctx.txn.local_shard_staging(result.shard_no)
    download_tree(result.staging, local)
    return replace(result, staging=str(local))


def _files(result: ShardResult, dataset: str) -> list[Path]:
    folder = Path(result.staging) / dataset
    return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []


def _adopt(ctx: RunContext, dataset: str, file: Path, shard_root: Path, frame: pl.DataFrame | None = None) -> None:
    """Stage a shard's file (or its rows kept, when filtered) in the run's transaction."""
    rel = file.relative_to(shard_root / dataset).as_posix()
    contract = ctx.contracts[dataset]
    track(ctx.txn, contract)
    if frame is None:  # a link, not a move: a retried publish merges the shard's files again
        ctx.txn.stage_file(dataset, rel, file)
    elif frame.height:
        ctx.txn.stage_rows(dataset, rel, frame, contract.arrow_schema(), tuple(contract.key))


def _merge_articles(ctx: RunContext, result: ShardResult) -> set[str]:
    root, dropped = Path(result.staging), set()
    for file in _files(result, "articles"):
        keys = pl.read_parquet(file, columns=["article_id", "content_hash"])
        kept, n_dup = ctx.dedup.filter(keys)
        if n_dup == 0:
            _adopt(ctx, "articles", file, root)
            continue
        dropped |= set(keys["article_id"]) - set(kept["article_id"])
        ctx.counts["articles"].published -= n_dup
        ctx.counts["articles"].duplicates += n_dup
        rows = pl.read_parquet(file).filter(pl.col("article_id").is_in(kept["article_id"].implode()))
        _adopt(ctx, "articles", file, root, rows)
    return dropped


def _merge_mentions(ctx: RunContext, result: ShardResult, dropped_articles: set[str]) -> None:
    """Drop the mentions of articles dropped as duplicates.

    A mention id hashes its article id, and articles are deduplicated against the lake and
    across shards, so a kept article's mentions cannot already be in the lake.
    """
    root = Path(result.staging)
    for file in _files(result, "mentions"):
        kept = None
        if dropped_articles:
            articles = pl.read_parquet(file, columns=["article_id"])["article_id"].to_list()
            removed = sum(a in dropped_articles for a in articles)
            if removed:
                ctx.counts["mentions"].published -= removed
                ctx.counts["mentions"].duplicates += removed
                kept = pl.read_parquet(file).filter(~pl.col("article_id").is_in(list(dropped_articles)))
        _adopt(ctx, "mentions", file, root, kept)


def _merge_quarantine(ctx: RunContext, result: ShardResult) -> None:
    root = Path(result.staging)
    for file in _files(result, "quarantine"):
        rows = pl.read_parquet(file)
        kept = unseen(rows, ctx.seen_quarantine)
        _adopt(ctx, "quarantine", file, root, None if kept.height == rows.height else kept)
