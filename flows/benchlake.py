"""`make bench`, lake size: a run of 1,000 new articles into an empty lake and into lakes of
100,000 and 1,000,000 articles, each in a child process (peak RSS and wall time); then the
lookup alone, through the key index and by a scan (:mod:`flows.benchkeys`).

    python -m flows.benchlake [--sizes 0,100000,1000000] [--new 1000] [--workdir data/bench-lake]

The big lakes are generated directly as Parquet files in the lake's layout (a snapshot per
dataset, ``YYYY-MM`` partitions, one file per partition and generated run, each sorted by its
key, with the contract's Arrow schema): ids and hashes are random 32-hex strings, the text
short. They are cached under the work folder; every measured run gets a hard-linked copy
(the lake never rewrites a file in place, so the cached lake stays as generated). Their key
index is built once, as a commit would build it (``index_lake``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from flows.lake.keyindex import indexed_columns
from flows.lake.keyindex.folder import index_snapshot, load_catalog
from flows.lake.layout import SNAPSHOTS, current_snapshot, partition_dir
from flows.lake.write import PARQUET_OPTIONS, with_partition_columns
from flows.validate import load_contract

MONTHS = 36  # 2023-01 … 2025-12, as the generated dumps of flows.bench
RUN_ARTICLES = 25_000  # articles per generated run: one file per month and run
QUARANTINE_SHARE = 0.01


def _hex_ids(rng: np.random.Generator, n: int) -> pa.Array:
    """``n`` random 32-hex-char strings, built as one Arrow buffer (no Python string per row)."""
    data = rng.bytes(16 * n).hex().encode()
    offsets = np.arange(0, 32 * n + 1, 32, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data))


def _articles(rng: np.random.Generator, n: int) -> pl.DataFrame:
    month = rng.integers(0, MONTHS, n)
    seconds = rng.integers(0, 28 * 86_400, n)
    start = np.datetime64("2023-01-01T00:00:00", "us")
    published = (start.astype("datetime64[M]") + month.astype("timedelta64[M]")).astype("datetime64[us]") \
        + (seconds * 1_000_000).astype("timedelta64[us]")
    texts = pl.Series(["Officials met in the capital to discuss trade and border security."] * n)
    return pl.DataFrame({
        "article_id": _hex_ids(rng, n), "url": None, "source": "bench.example.org", "title": "Generated story",
        "text": texts, "published_at": pl.Series(published).dt.replace_time_zone("UTC"),
        "date_source": "record", "language": "en", "relevance": None,
        "n_chars": texts.str.len_chars().cast(pl.Int32), "content_hash": _hex_ids(rng, n),
        "author": None, "source_format": "jsonl", "source_file": "/generated/dump.jsonl",
        "source_locator": pl.int_range(n, eager=True).cast(pl.String), "run_id": "000000T000000Z-bench0",
    }).with_columns(pl.col("url").cast(pl.String), pl.col("relevance").cast(pl.String), pl.col("author").cast(pl.String))


def _write(frame: pl.DataFrame, schema: pa.Schema, key: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = frame.sort(key).to_arrow().select(schema.names).cast(schema)
    pq.write_table(table, path, row_group_size=100_000, **PARQUET_OPTIONS)


def _link(root: Path, dataset: str, version: str) -> None:
    os.symlink(os.path.join(SNAPSHOTS, dataset, version), root / dataset)


def generate_lake(root: Path, n: int, seed: int = 3) -> Path:
    """A folder lake of ``n`` articles (and 1% as many quarantine rows), cached by size."""
    if (root / "articles").is_symlink():
        return root
    shutil.rmtree(root, ignore_errors=True)
    rng = np.random.default_rng(seed)
    version = "000001-000000T000000Z-bench0"
    contract = load_contract("articles")
    schema = with_partition_columns(contract.arrow_schema())
    snap = root / SNAPSHOTS / "articles" / version
    for run, first in enumerate(range(0, n, RUN_ARTICLES)):
        frame = _articles(rng, min(RUN_ARTICLES, n - first))
        frame = frame.with_columns(pl.col("published_at").dt.year().cast(pl.Int32).alias("year"),
                                   pl.col("published_at").dt.month().cast(pl.Int32).alias("month"))
        for (year, month), group in frame.group_by(["year", "month"]):
            _write(group, schema, "article_id", snap / partition_dir(year, month) / f"part-bench{run:05d}.parquet")
    q = load_contract("quarantine")
    rows = max(1, int(n * QUARANTINE_SHARE))
    quarantine = pl.DataFrame({
        "quarantine_id": _hex_ids(rng, rows), "run_id": "000000T000000Z-bench0", "dataset": "articles",
        "reasons": [["expect_column_values_to_not_be_null(text)"]] * rows,
        "source_file": "/generated/dump.jsonl", "source_locator": pl.int_range(rows, eager=True).cast(pl.String),
        "payload": None,
    }).with_columns(pl.col("payload").cast(pl.String))
    _write(quarantine, q.arrow_schema(), "quarantine_id", root / SNAPSHOTS / "quarantine" / version / "part-bench.parquet")
    for dataset in ("articles", "quarantine"):
        _link(root, dataset, version)
    return root


def index_lake(root: Path) -> float:
    """Build the key index of a generated lake's snapshots, as a commit would; its seconds
    (none when already built: the cached lake keeps it)."""
    start = time.perf_counter()
    for dataset in ("articles", "quarantine"):
        snap = current_snapshot(root, dataset)
        columns = indexed_columns(dataset)
        if snap is not None and load_catalog(snap, columns) is None:
            index_snapshot(None, snap, columns)
    return time.perf_counter() - start


def _child(dump: str, lake: str, code: bool) -> None:
    """One run in this (child) process; prints its figures as JSON."""
    from flows import pipeline
    from flows.procstat import peak_rss_mb
    from flows.settings import load_settings

    settings = load_settings(lake=lake, code_events=code)
    start = time.perf_counter()
    result = pipeline.run_serial([dump], settings)
    print(json.dumps({
        "seconds": time.perf_counter() - start,
        "peak_rss_mb": peak_rss_mb(),  # not ru_maxrss: it keeps the generating parent's peak
        "articles": result["datasets"]["articles"],
        "merge_s": result["stage_seconds"].get("merge", 0.0),
    }))


def measure(dump: Path, cached: Path | None, work: Path, code: bool) -> dict:
    """A run of ``dump`` into a hard-linked copy of ``cached`` (None: an empty lake)."""
    lake = work / "lake-run"
    shutil.rmtree(lake, ignore_errors=True)
    if cached is not None:
        subprocess.run(["cp", "-al", str(cached), str(lake)], check=True)
    cmd = [sys.executable, "-m", "flows.benchlake", "--child", str(dump), str(lake)] + ([] if code else ["--no-code"])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    shutil.rmtree(lake, ignore_errors=True)
    return json.loads(out.strip().splitlines()[-1])


def bench_lake_sizes(console, work: Path, sizes: list[int], new: int, code: bool, repeat: int = 1,
                     lookups: bool = True) -> list[dict]:
    """The run table, then (``lookups``) the lookup table of flows.benchkeys on the same lakes."""
    from rich.table import Table

    from flows.bench import make_jsonl

    work.mkdir(parents=True, exist_ok=True)
    dump = make_jsonl(work / f"new-{new}.jsonl", new, 4_000, seed=99)
    rows = []
    for size in sizes:
        start = time.perf_counter()
        cached = generate_lake(work / f"lake-{size}", size) if size else None
        made = time.perf_counter() - start
        if cached is not None:
            index_lake(cached)
        runs = [measure(dump, cached, work, code) for _ in range(repeat)]
        rows.append({"lake": size, "generated_s": made,
                     "seconds": min(r["seconds"] for r in runs), "merge_s": min(r["merge_s"] for r in runs),
                     "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
                     "published": runs[0]["articles"]["published"], "duplicates": runs[0]["articles"]["duplicates"]})
    table = Table(title=f"{new:,} new articles into lakes of growing size (child process each, best of {repeat})")
    for col in ("lake articles", "run s", "merge s", "peak RSS MB", "Δ RSS vs empty", "published", "lake made in s"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(f"{r['lake']:,}", f"{r['seconds']:.2f}", f"{r['merge_s']:.2f}", f"{r['peak_rss_mb']:,.0f}",
                      f"{r['peak_rss_mb'] - rows[0]['peak_rss_mb']:+,.0f}", f"{r['published']:,}", f"{r['generated_s']:.1f}")
    console.print(table)
    if lookups and any(sizes):
        from flows.benchkeys import bench_lookups

        bench_lookups(console, work, [s for s in sizes if s], new, repeat=3)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.benchlake", description=__doc__)
    parser.add_argument("--child", nargs=2, metavar=("DUMP", "LAKE"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="0,100000,1000000")
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-code", action="store_true")
    parser.add_argument("--workdir", default="data/bench-lake")
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], code=not args.no_code)
        return 0
    from rich.console import Console

    sizes = [int(s) for s in args.sizes.split(",")]
    bench_lake_sizes(Console(), Path(args.workdir), sizes, args.new, not args.no_code, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
