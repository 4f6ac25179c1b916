"""`make bench`: generate synthetic dumps, run the pipeline on them, print throughput and memory.

    python -m flows.bench [--articles 100000] [--warc 2000] [--chars 4000] [--no-code]
                          [--lake-sizes 0,100000,1000000] [--extract-rounds 3]
                          [--real-replicas 20] [--real-workers 2] [--real-pairs 3] [--startup-runs 3]

Then the same on real article text (flows/benchreal.py): the bundled samples and, when
../shared is there, its dumps replicated with unique ids, with the speed-up of N workers; and
the event coder alone on its Guardian sample, with the model's share (flows/benchcoder.py);
and what a worker process pays to start, step by step (flows/benchstartup.py).

Runs the pipeline functions directly (the fixed Prefect start-up is not counted; it is
measured separately in `--prefect`). Figures depend on this shared machine: compare ratios.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rich.console import Console
from rich.table import Table

from flows import pipeline
from flows.settings import load_settings

WORDS = ("the minister said talks would continue as officials met in the capital on economic "
         "cooperation while markets rose and analysts expected further statements about trade "
         "energy security border agreement delegation summit negotiations reform budget").split()
EVENTS = [
    "Russian troops attacked positions near Kharkiv, Ukrainian officials said.",
    "The United States imposed new sanctions on Iran over its nuclear programme.",
    "French President Emmanuel Macron met German Chancellor Friedrich Merz in Berlin.",
    "China condemned the visit of US lawmakers to Taiwan.",
    "Protesters gathered outside the parliament in Tbilisi to demand new elections.",
    "The European Union pledged 50 million euros in humanitarian aid to Sudan.",
]


def _article(rng: random.Random, i: int, chars: int) -> dict:
    parts, size = [], 0
    while size < chars:
        sentence = rng.choice(EVENTS) if rng.random() < 0.15 else (
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + ".")
        parts.append(sentence)
        size += len(sentence) + 1
    day = datetime(2023, 1, 1, tzinfo=timezone.utc) + timedelta(hours=rng.randint(0, 24 * 900))
    return {"url": f"https://news.example.org/{day:%Y/%m/%d}/story-{i}", "title": f"Story {i}",
            "maintext": " ".join(parts), "date_publish": day.strftime("%Y-%m-%d %H:%M:%S"),
            "source_domain": "news.example.org", "language": "en"}


def make_jsonl(path: Path, n: int, chars: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with open(path, "w") as fh:
        for i in range(n):
            fh.write(json.dumps(_article(rng, i, chars)) + "\n")
    return path


def make_warc(path: Path, n: int, chars: int, seed: int = 11) -> Path:
    rng = random.Random(seed)
    with open(path, "wb") as fh:
        for i in range(n):
            art = _article(rng, i, chars)
            paras = "".join(f"<p>{s}.</p>" for s in art["maintext"].split(". "))
            html = (f"<html><head><title>{art['title']}</title></head><body><article><h1>{art['title']}"
                    f"</h1>{paras}</article></body></html>").encode()
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
            head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                    f"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Target-URI: {art['url']}\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
            fh.write(gzip.compress(head + http + b"\r\n\r\n"))
    return path


def run_once(dump: Path, lake: Path, code: bool) -> dict:
    shutil.rmtree(lake, ignore_errors=True)
    settings = load_settings(lake=str(lake), code_events=code, keep_validation_results=True)
    start = time.perf_counter()
    result = pipeline.run_serial([str(dump)], settings)
    result["wall"] = time.perf_counter() - start
    result["stages"] = result["stage_seconds"]  # the shards' stages and the run's own
    result["rss"] = result["stage_peak_rss_mb"]
    return result


def report(console: Console, name: str, dump: Path, result: dict) -> None:
    n = result["datasets"]["articles"]["records_read"]
    mb = dump.stat().st_size / 2**20
    table = Table(title=f"{name}: {n:,} records, {mb:,.0f} MB, {result['wall']:.1f} s")
    for col in ("stage", "seconds", "share", "records/s", "MB/s", "peak RSS MB"):
        table.add_column(col, justify="right")
    for stage, secs in sorted(result["stages"].items(), key=lambda kv: -kv[1]):
        table.add_row(stage, f"{secs:.2f}", f"{secs / result['wall']:.0%}", f"{n / secs:,.0f}" if secs else "-",
                      f"{mb / secs:,.1f}" if secs else "-", f"{result['rss'].get(stage, 0):,.0f}")
    table.add_row("overall", f"{result['wall']:.2f}", "100%", f"{n / result['wall']:,.0f}",
                  f"{mb / result['wall']:,.1f}", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f}")
    console.print(table)
    console.print({d: c for d, c in result["datasets"].items()})


def bench_dask(console: Console, work: Path, files: int, per_file: int, chars: int) -> None:
    """Wall time of the etl flow on a local Dask cluster of 1 and of 2 workers (same dump)."""
    import logging

    from flows.settings import use_prefect_defaults

    logging.getLogger("distributed").setLevel(logging.WARNING)
    use_prefect_defaults(("PREFECT_SERVER_ANALYTICS_ENABLED", "PREFECT_LOGGING_LEVEL"))
    from flows.runners import dask_runner
    from flows.etl import etl

    inbox = work / "many"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    for i in range(files):
        make_jsonl(inbox / f"dump-{i:03d}.jsonl", per_file, chars, seed=100 + i)
    etl(paths=[str(inbox / "dump-000.jsonl")], lake=str(work / "lake-warmup"))  # starts the API
    times = {}
    for workers in (1, 2):
        lake = work / f"lake-dask{workers}"
        shutil.rmtree(lake, ignore_errors=True)
        start = time.perf_counter()
        etl.with_options(task_runner=dask_runner(workers, None))(paths=[str(inbox)], lake=str(lake), parallel=True)
        times[workers] = time.perf_counter() - start
    n = files * per_file
    table = Table(title=f"Dask scale-out: {files} files × {per_file} articles")
    for col in ("workers", "seconds", "articles/s", "speed-up"):
        table.add_column(col, justify="right")
    for workers, secs in times.items():
        table.add_row(str(workers), f"{secs:.1f}", f"{n / secs:,.0f}", f"{times[1] / secs:.2f}×")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000, help="JSONL articles (0: skip)")
    parser.add_argument("--warc", type=int, default=2_000, help="WARC records (0: skip)")
    parser.add_argument("--chars", type=int, default=4_000)
    parser.add_argument("--no-code", action="store_true", help="articles only (no event coding)")
    parser.add_argument("--workdir", default="data/bench")
    parser.add_argument("--dask-files", type=int, default=24, help="files for the Dask speed-up run (0: skip)")
    parser.add_argument("--dask-per-file", type=int, default=1_000)
    parser.add_argument("--lake-sizes", default="0,100000,1000000",
                        help="a 1k-article run into generated lakes of these sizes (empty: skip)")
    parser.add_argument("--extract-rounds", type=int, default=3, help="articles stage vs trafilatura on ../shared (0: skip)")
    parser.add_argument("--real-replicas", type=int, default=20,
                        help="real text: copies of each ../shared article (0: skip the real-text benchmark)")
    parser.add_argument("--real-workers", type=int, default=2, help="real text: workers compared with one")
    parser.add_argument("--real-pairs", type=int, default=3,
                        help="real text: pairs of flow runs (1 and N workers, alternating) for the median speed-up")
    parser.add_argument("--startup-runs", type=int, default=3,
                        help="fresh processes measuring a worker's start-up, step by step (0: skip)")
    args = parser.parse_args(argv)
    console = Console()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    if args.articles:
        jsonl = make_jsonl(work / "bench.jsonl", args.articles, args.chars)
        report(console, "JSONL → lake", jsonl, run_once(jsonl, work / "lake-jsonl", not args.no_code))
    if args.warc:
        warc = make_warc(work / "bench.warc.gz", args.warc, args.chars)
        report(console, "WARC → lake", warc, run_once(warc, work / "lake-warc", not args.no_code))
    if args.dask_files:
        bench_dask(console, work, args.dask_files, args.dask_per_file, args.chars)
    if args.lake_sizes:
        from flows.benchlake import bench_lake_sizes

        sizes = [int(s) for s in args.lake_sizes.split(",")]
        bench_lake_sizes(console, Path(f"{args.workdir}-lake"), sizes, 1_000, not args.no_code)
    if args.extract_rounds:
        from flows.benchextract import bench_extraction

        bench_extraction(console, args.extract_rounds)
    if args.real_replicas:  # the bundled samples, and ../shared's dumps when it is there
        from flows.benchcoder import bench_coder
        from flows.benchreal import REPO, bench_real

        bench_coder(console, REPO.parent / "shared")  # the coder alone, and the model's share
        bench_real(console, work, REPO.parent / "shared", args.real_replicas, args.real_workers,
                   not args.no_code, pairs=args.real_pairs)
    if args.startup_runs:
        from flows.benchstartup import startup_table

        console.print(startup_table(args.startup_runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
