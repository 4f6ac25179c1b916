"""`make bench`, lake lookups: the question every run asks the lake (which of its 1,000 article
ids and 1,000 content hashes, a few of them already published, does the lake hold), asked of
generated lakes of growing size, through the key index and by a scan of every file, each in a
child process (wall time of the lookup, peak RSS).

    python -m flows.benchkeys [--sizes 100000,1000000,3000000] [--asked 1000] [--repeat 3]

The lakes are those of :mod:`flows.benchlake` (generated as Parquet, cached under the work
folder), indexed once as a commit would index them (the build time is printed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from flows.procstat import peak_rss_mb

KNOWN = 10  # of the keys asked, this many are already in the lake (each side)


def _asked(lake: Path, n: int) -> dict[str, set[str]]:
    """``n`` new ids and hashes plus ``KNOWN`` of each taken from the lake's newest file."""
    from flows.lake import current_snapshot

    snap = current_snapshot(lake, "articles")
    assert snap is not None
    known = pl.read_parquet(max(snap.rglob("*.parquet")), columns=["article_id", "content_hash"]).head(KNOWN)
    rng = np.random.default_rng(7)
    new = [rng.bytes(16).hex() for _ in range(2 * n)]
    return {"article_id": set(new[:n]) | set(known["article_id"]),
            "content_hash": set(new[n:]) | set(known["content_hash"])}


def _child(lake: str, mode: str, n: int, repeat: int) -> None:
    """Ask ``repeat`` times in this (child) process; print the figures as JSON."""
    from flows.lake.keys import matching_rows

    asked = _asked(Path(lake), n)
    before = peak_rss_mb()
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = matching_rows(lake, "articles", ["article_id", "content_hash"], asked, use_index=mode == "index")
        times.append(time.perf_counter() - start)
        found = rows.height
    print(json.dumps({"first_s": times[0], "best_s": min(times), "found": found,
                      "rss_before_mb": before, "peak_rss_mb": peak_rss_mb()}))


def _measure(lake: Path, mode: str, n: int, repeat: int) -> dict:
    cmd = [sys.executable, "-m", "flows.benchkeys", "--child", str(lake), mode, "--asked", str(n), "--repeat", str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _shape(lake: Path) -> tuple[int, int]:
    """(data files, index segments) of the lake's articles."""
    from flows.lake import current_snapshot
    from flows.lake.keyindex import indexed_columns
    from flows.lake.keyindex.folder import load_catalog

    snap = current_snapshot(lake, "articles")
    assert snap is not None
    catalog = load_catalog(snap, indexed_columns("articles")) or {"segments": []}
    return len(list(snap.rglob("*.parquet"))), len(catalog["segments"])


def bench_lookups(console, work: Path, sizes: list[int], n: int, repeat: int) -> list[dict]:
    from rich.table import Table

    from flows.benchlake import generate_lake, index_lake

    rows: list[dict[str, Any]] = []
    for size in sizes:
        start = time.perf_counter()
        lake = generate_lake(work / f"lake-{size}", size)
        made = time.perf_counter() - start
        built = index_lake(lake)
        files, segments = _shape(lake)
        index, scan = _measure(lake, "index", n, repeat), _measure(lake, "scan", n, repeat)
        assert index["found"] == scan["found"], "the index and the scan disagree"
        rows.append({"lake": size, "files": files, "segments": segments, "index": index, "scan": scan,
                     "generated_s": made, "indexed_s": built})
    table = Table(title=f"Lake lookup: {n:,} ids + {n:,} hashes asked ({KNOWN} rows known), best of {repeat}")
    for col in ("lake", "files", "segs", "index s", "scan s", "scan÷idx", "+RSS idx", "+RSS scan"):
        table.add_column(col, justify="right")
    for r in rows:
        i, s = r["index"], r["scan"]
        table.add_row(f"{r['lake']:,}", f"{r['files']:,}", str(r["segments"]), f"{i['best_s']:.3f}",
                      f"{s['best_s']:.3f}", f"{s['best_s'] / i['best_s']:.0f}×",
                      f"{i['peak_rss_mb'] - i['rss_before_mb']:.0f} MB", f"{s['peak_rss_mb'] - s['rss_before_mb']:.0f} MB")
    console.print(table)
    indexed = ", ".join(f"{r['lake']:,}: {r['indexed_s']:.1f} s" for r in rows if r["indexed_s"] > 0.05)
    console.print(f"rows found (index = scan): {rows[0]['index']['found']} per lake"
                  + (f"; index built from the data in {indexed}" if indexed else "; indexes cached"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.benchkeys", description=__doc__)
    parser.add_argument("--child", nargs=2, metavar=("LAKE", "MODE"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="100000,1000000,3000000")
    parser.add_argument("--asked", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", default="data/bench-lake")
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], args.asked, args.repeat)
        return 0
    from rich.console import Console

    bench_lookups(Console(), Path(args.workdir), [int(s) for s in args.sizes.split(",")], args.asked, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
