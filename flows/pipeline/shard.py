"""One shard (a dump file) through ingest → normalize → dedup → validate → code → staged files.

A shard needs nothing but its ``ShardSpec`` (plain, picklable values), so it can run in this
process or on a Dask worker. It dedups only within itself; ``merge.py`` dedups across shards
and against the lake before the run commits.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from flows.coding.relevance import article_relevance
from flows.ingest import iter_raw_batches
from flows.lake.write import split_partitions, write_file
from flows.normalize import Deduplicator
from flows.normalize.settings import DEFAULT_SETTINGS, NormalizeSettings
from flows.progress import reporter
from flows.settings import Settings
from flows.validate import Contract, load_contract, save_result, validate_batch

from .accounting import Counts
from .contain import code_contained, normalize_contained
from .memory import release_memory
from .quarantine import quarantine_rows, rows_as_payload
from .remote import is_remote, remove_tree, run_staged_remotely
from .timing import StageTimer

SHARD_DATASETS = ("articles", "mentions", "quarantine")
ARTICLES_PER_SLICE = 500  # coded at once: spaCy's docs of a slice are held together
MENTIONS_PER_CALL = 20_000


@dataclass(frozen=True)
class ShardSpec:
    run_id: str
    shard_no: int
    paths: tuple[str, ...]  # one large dump file, or several small ones
    staging: str  # <lake>/.staging/<run_id>/shards/<shard_no>
    results_dir: str  # where GE results are kept
    settings: Settings
    since: datetime | None = None
    until: datetime | None = None
    rows: tuple[int, int | None] | None = None  # a piece of one file: its rows start..stop-1
    size: int = 0  # input bytes (a piece's share of its file), for progress


@dataclass
class ShardResult:
    shard_no: int
    paths: tuple[str, ...]  # one large dump file, or several small ones
    staging: str
    counts: dict[str, Counts]
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, this shard's alone
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per stage, of its process


@dataclass
class _Shard:
    spec: ShardSpec
    contracts: dict[str, Contract]
    counts: dict[str, Counts] = field(default_factory=lambda: {d: Counts() for d in ("articles", "mentions", "events")})
    dedup: Deduplicator = field(default_factory=Deduplicator)
    batch: int = 0
    validations: int = 0  # GE calls so far (names their saved results)
    writes: int = 0  # staged files so far: every file name is unique
    timer: StageTimer = field(default_factory=StageTimer)

    @property
    def normalize(self) -> NormalizeSettings:
        """The normalize stage's settings: the project's, with the run's default date."""
        day = self.spec.settings.default_date
        if day is None:
            return DEFAULT_SETTINGS
        return replace(DEFAULT_SETTINGS, default_date=datetime(day.year, day.month, day.day, tzinfo=timezone.utc))


def process_shard(spec: ShardSpec) -> ShardResult:
    """Process a shard's dump files; staged Parquet files land under ``spec.staging``
    (a local folder, or a URL on the lake's object store: see ``remote.py``).

    Safe to call again for the same spec (a retried task): it starts from empty staging.
    """
    clear_staging(spec.staging)
    if is_remote(spec.staging):
        return run_staged_remotely(spec, _process_local)
    return _process_local(spec)


def clear_staging(staging: str) -> None:
    """Remove what an earlier, failed attempt at the shard staged."""
    if is_remote(staging):
        remove_tree(staging)
    elif os.path.lexists(staging):
        shutil.rmtree(staging)


def _process_local(spec: ShardSpec) -> ShardResult:
    """Process a shard's dump files into the local folder ``spec.staging``.

    Batches never span files, except that a shard of many small files gathers their records
    into one batch (validation costs a fixed amount per call, whatever its size).
    """
    shard = _Shard(spec, {n: load_contract(n) for n in ("articles", "mentions", "quarantine")})
    for raw in shard.timer.timed_iter("ingest", _gathered(spec)):
        shard.batch += 1
        records = raw.height
        good, hits = _process_batch(shard, raw)
        del raw  # the batch's frames are freed before coding: only the published articles stay
        if good is not None:
            _code_and_stage(shard, good, hits)
        del good, hits
        release_memory()
        reporter().records(records)
    return ShardResult(spec.shard_no, spec.paths, spec.staging, shard.counts,
                       shard.timer.seconds, shard.timer.peak_rss_mb)


def _gathered(spec: ShardSpec):
    """Raw batches of all the shard's files (or of its piece of one file), small ones gathered
    up to the batch size; a batch holds about ``batch_bytes`` of text at most."""
    pending, rows, text, settings = [], 0, 0, spec.settings
    for path in spec.paths:
        for raw in iter_raw_batches(path, batch_size=settings.batch_size, max_bytes=settings.batch_bytes,
                                    rows=spec.rows, limits=settings.limits):
            pending.append(raw)
            rows += raw.height
            text += int(raw["text"].str.len_bytes().sum() or 0)
            del raw
            if rows >= settings.batch_size or text >= settings.batch_bytes:
                yield _concat_taking(pending)
                rows, text = 0, 0
        reporter().file_done(path, spec.size if spec.rows else _size(path))
    if pending:
        yield _concat_taking(pending)


def _concat_taking(pending: list[pl.DataFrame]) -> pl.DataFrame:
    """The pieces as one batch, emptying the list: the generator keeps no reference to them
    while its batch is worked on."""
    batch = pl.concat(pending, how="vertical_relaxed")
    pending.clear()
    return batch


def _process_batch(shard: _Shard, raw: pl.DataFrame) -> tuple[pl.DataFrame | None, dict[str, list]]:
    """Normalize, dedup, judge relevance, validate and stage a batch's articles; the articles
    to code (None when events are not coded) and the actor matcher's hits in them."""
    counts = shard.counts["articles"]
    counts.records_read += raw.height
    with shard.timer.stage("normalize"):
        normalized = normalize_contained(raw, shard.spec.run_id, shard.normalize)
    _quarantine(shard, "articles", normalized.rejected)
    articles, out_of_range = _split_date_range(shard.spec, normalized.articles)
    _quarantine(shard, "articles", out_of_range)
    with shard.timer.stage("dedup"):
        unique, duplicates = shard.dedup.filter(articles)
    counts.duplicates += duplicates
    hits: dict[str, list] = {}  # the actor matcher's hits, found once for relevance and coding
    if shard.spec.settings.code_events and unique.height:  # null when events are not coded
        with shard.timer.stage("relevance"):
            unique = unique.with_columns(article_relevance(unique, hits=hits))
    good = _validate_and_stage(shard, "articles", unique, drop_from_payload=("text",))
    counts.published += good.height
    return (good if shard.spec.settings.code_events and good.height else None), hits


def _code_and_stage(shard: _Shard, articles: pl.DataFrame, hits: dict[str, list] | None = None) -> None:
    """Code articles a slice at a time, validating up to MENTIONS_PER_CALL mentions per GE call
    (large enough to spread GE's cost per call, small enough to bound memory)."""
    counts, pending, size = shard.counts["mentions"], [], 0
    for start in range(0, articles.height, ARTICLES_PER_SLICE):
        with shard.timer.stage("code"):
            mentions, failed = code_contained(articles.slice(start, ARTICLES_PER_SLICE), hits)
        counts.records_read += mentions.height + failed.height
        _quarantine(shard, "mentions", failed)
        fresh = mentions.unique("mention_id", keep="first", maintain_order=True)
        counts.duplicates += mentions.height - fresh.height
        pending.append(fresh)
        size += fresh.height
        if size >= MENTIONS_PER_CALL or start + ARTICLES_PER_SLICE >= articles.height:
            batch = pl.concat(pending, how="vertical_relaxed")
            counts.published += _validate_and_stage(shard, "mentions", batch).height
            pending, size = [], 0
        release_memory()


def _validate_and_stage(shard: _Shard, dataset: str, frame: pl.DataFrame, drop_from_payload=()) -> pl.DataFrame:
    """Validate against the contract; stage good rows, quarantine bad ones; return the good."""
    contract = shard.contracts[dataset]
    with shard.timer.stage(f"validate {dataset}"):
        checked = validate_batch(frame, contract)  # conforms it to the contract
    shard.validations += 1
    if shard.spec.settings.keep_validation_results:
        save_result(checked.result, Path(shard.spec.results_dir), shard.spec.run_id, dataset,
                    shard.spec.shard_no * 100_000 + shard.validations)
    if checked.bad.height:
        shard.counts[dataset].quarantined += checked.bad.height
        _stage(shard, "quarantine", quarantine_rows(rejections(checked.bad, dataset, drop_from_payload), dataset, shard.spec.run_id))
    if checked.good.height:
        _stage(shard, dataset, checked.good)
    return checked.good


def rejections(bad: pl.DataFrame, dataset: str, drop_from_payload=()) -> pl.DataFrame:
    """Failed rows (with their ``reasons``) in the shape quarantine_rows takes."""
    if dataset == "articles":
        where = [pl.col("source_file"), pl.col("source_locator")]
    elif dataset == "mentions":
        where = [pl.lit("mentions").alias("source_file"),
                 pl.format("article:{} sentence:{}", "article_id", "sentence_index").alias("source_locator")]
    else:
        where = [pl.lit(dataset).alias("source_file"), pl.format("event:{}", "event_id").alias("source_locator")]
    return bad.select(*where, pl.col("reasons")).with_columns(rows_as_payload(bad, drop_from_payload).alias("payload"))


def _quarantine(shard: _Shard, dataset: str, rejected: pl.DataFrame) -> None:
    if rejected.height:
        shard.counts[dataset].quarantined += rejected.height
        _stage(shard, "quarantine", quarantine_rows(rejected, dataset, shard.spec.run_id))


def _stage(shard: _Shard, dataset: str, frame: pl.DataFrame) -> None:
    contract = shard.contracts[dataset]
    frame = contract.conform(frame)
    with shard.timer.stage(f"write {dataset}"):
        for part, rows in split_partitions(frame, contract.partition_by).items():
            shard.writes += 1
            name = f"part-{shard.spec.run_id}-{shard.spec.shard_no:05d}-{shard.writes:06d}.parquet"
            write_file(rows, contract.arrow_schema(), contract.key, Path(shard.spec.staging) / dataset / part / name)


def _split_date_range(spec: ShardSpec, articles: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    if spec.since is None and spec.until is None:
        return articles, pl.DataFrame()
    inside = pl.lit(True)
    if spec.since is not None:
        inside = inside & (pl.col("published_at") >= spec.since)
    if spec.until is not None:
        inside = inside & (pl.col("published_at") < spec.until)
    inside = inside.fill_null(False)
    outside = articles.filter(~inside)
    rejected = outside.select(
        "source_file", "source_locator", pl.lit(["published_at outside the backfill range"]).alias("reasons"),
    ).with_columns(rows_as_payload(outside, ("text",)).alias("payload"))
    return articles.filter(inside), rejected


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
