"""`make bench`, extraction: the articles stage on real HTML pages and WARC files next to
trafilatura's own extraction time on exactly the pages the stage extracts.

    python -m flows.benchextract [--rounds 3]

The stage is what a shard does with these files: ingest (reading, WARC parsing, refusal
checks, extraction in the sandbox helper) and normalization of the gathered batch. The
library baselines run in this process on the recorded pages: ``trafilatura.extract`` as
called with its defaults (text only), and ``bare_extraction`` with the metadata the stage
asks for (title, author, date, site). Rounds alternate; the best of each is kept.
Skips with a message when ../shared (the real pages) is absent.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import trafilatura

from flows.ingest import html, sandbox


def page_files(shared: Path) -> list[Path]:
    pages = sorted(shared.glob("samples/html/**/*.html"))
    warcs = sorted(p for p in shared.glob("samples/warc/*/*.warc.gz") if not p.name.endswith((".wat.gz", ".wet.gz")))
    return pages + warcs


def run_stage(files: list[Path]) -> int:
    """Ingest every file and normalize the gathered rows; the number of articles."""
    import polars as pl

    from flows.ingest import iter_raw_batches
    from flows.normalize import normalize_articles

    raws = [raw for f in files for raw in iter_raw_batches(str(f))]
    return normalize_articles(pl.concat(raws, how="vertical_relaxed"), "bench").articles.height


def record_pages(files: list[Path]) -> list[tuple[bytes, str | None]]:
    """The (page, url) pairs the stage hands to extraction, in order."""
    seen: list[tuple[bytes, str | None]] = []
    original = html.run_budgeted

    def recording(name, args, seconds):
        seen.append(args)
        return original(name, args, seconds)

    html.run_budgeted = recording  # type: ignore[assignment]
    try:
        run_stage(files)
    finally:
        html.run_budgeted = original  # type: ignore[assignment]
    return seen


def _library(pages: list[tuple[bytes, str | None]], with_metadata: bool) -> None:
    for data, url in pages:
        try:
            if with_metadata:
                html.bare_extract(data, url)
            else:
                trafilatura.extract(data, url=url)
        except (ValueError, TypeError, AttributeError):  # counted as the stage counts them
            pass


def _cpu(function, *args) -> float:
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def measure(files: list[Path], rounds: int) -> dict:
    """CPU seconds (this process; extraction in-process for the timed rounds), best of ``rounds``:
    CPU time, unlike wall time, holds still on a machine other jobs share."""
    pages = record_pages(files)  # also warms the imports and lazy loads up
    best = {"stage": float("inf"), "extract": float("inf"), "bare": float("inf")}
    articles = 0
    sandbox._local.in_process = True
    try:
        for _ in range(rounds):
            start = time.process_time()
            articles = run_stage(files)
            best["stage"] = min(best["stage"], time.process_time() - start)
            best["extract"] = min(best["extract"], _cpu(_library, pages, False))
            best["bare"] = min(best["bare"], _cpu(_library, pages, True))
    finally:
        sandbox._local.in_process = False
    return {"files": len(files), "pages": len(pages), "articles": articles, **best}


def bench_extraction(console, rounds: int = 3) -> dict | None:
    from rich.table import Table

    from flows.coding.realnews.corpus import shared_root

    shared = shared_root()
    if shared is None:
        console.print("extraction bench: ../shared not found (it holds the real pages), skipped")
        return None
    r = measure(page_files(shared), rounds)
    table = Table(title=f"Articles stage vs trafilatura: {r['pages']} real pages from {r['files']} files"
                        f" → {r['articles']} articles (best of {rounds})")
    for col in ("what", "CPU s", "pages/s", "stage ÷ this"):
        table.add_column(col, justify="right")
    for name, key in (("articles stage (ingest + normalize)", "stage"), ("trafilatura.extract (text only)", "extract"),
                      ("trafilatura.bare_extraction + metadata", "bare")):
        table.add_row(name, f"{r[key]:.2f}", f"{r['pages'] / r[key]:,.1f}", f"{r['stage'] / r[key]:.2f}×")
    console.print(table)
    return r


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.benchextract", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from rich.console import Console

    bench_extraction(Console(), args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
