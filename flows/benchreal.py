"""`make bench` on real article text: the bundled samples, and the dumps in ../shared replicated
with unique ids (skipped when ../shared is absent).

    python -m flows.benchreal [--replicas 20] [--workers 2] [--shared ../shared]

Each replica of a Guardian article is the article followed by the lead of another one (copy
r of article i ends with the lead of article i+r): every copy is real text with its own
content hash and id, so deduplication keeps all of them. For each dump it prints articles/s,
MB/s and peak RSS per stage (one worker, in this process), then the wall and CPU time of the
whole etl flow with 1 and with N worker processes on the same dump, the speed-up, and the peak
RSS of each process. Each flow runs in a fresh process, as `geowire run --workers W` would (so
both load their models; the compiled data of flows/compiled.py is warm), against one Prefect
API: a configured server that answers, else a temporary one started here for all of them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from flows.procstat import descendants, peak_rss_mb

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
GUARDIAN = Path("samples/csv/guardian_sample.csv")
LEAD = re.compile(r"^(.{200,}?[.!?])\s")  # the first sentence(s), at least 200 chars


def _lead(text: str) -> str:
    found = LEAD.match(text)
    return found.group(1) if found else text[:400]


def guardian_rows(shared: Path) -> list[dict] | None:
    """The rows with text of the Guardian CSV of ``shared``; None when it is absent."""
    source = shared / GUARDIAN
    if not source.is_file():
        return None
    csv.field_size_limit(sys.maxsize)
    with open(source, newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if (r.get("text") or "").strip()]


def make_guardian(shared: Path, out: Path, replicas: int) -> Path | None:
    """The Guardian CSV of ``shared`` replicated ``replicas`` times with unique text; None
    when it is absent."""
    rows = guardian_rows(shared)
    if rows is None:
        return None
    leads = [_lead(r["text"]) for r in rows]
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["", "date", "text", "source"])
        for copy in range(replicas):
            for i, row in enumerate(rows):
                text = row["text"] if copy == 0 else f"{row['text']}\n\n{leads[(i + copy) % len(leads)]}"
                writer.writerow([f"{copy}-{row['']}", row["date"], text, row["source"]])
    return out


def real_dumps(work: Path, shared: Path | None, replicas: int) -> list[tuple[str, Path]]:
    """(name, path) of the dumps to run: the bundled samples, then the replicated shared ones."""
    dumps = [("bundled samples", SAMPLES)]
    if shared is not None and shared.is_dir():
        guardian = make_guardian(shared, work / "guardian-real.csv", replicas)
        if guardian is not None:
            dumps.append((f"Guardian ×{replicas}", guardian))
    return dumps


def _cpu() -> float:
    times = os.times()  # this process and its finished children (the pool's workers)
    return times.user + times.system + times.children_user + times.children_system


def flow_seconds(dump: Path, lake: Path, workers: int) -> tuple[float, float, dict]:
    """Wall and CPU seconds of the etl flow on ``dump`` with ``workers`` processes."""
    from flows.etl import etl
    from flows.runners import local_runner

    shutil.rmtree(lake, ignore_errors=True)
    runner = local_runner(workers)
    flow_fn = etl.with_options(task_runner=runner) if runner else etl
    start, cpu = time.perf_counter(), _cpu()
    result = flow_fn(paths=[str(dump)], lake=str(lake), parallel=workers > 1)
    return time.perf_counter() - start, _cpu() - cpu, result


def flow_process(dump: Path, lake: Path, workers: int) -> dict:
    """``flow_seconds`` in a fresh process: its wall and CPU seconds and peak RSS (MB) of the
    flow's process and of its largest worker process."""
    done = subprocess.run([sys.executable, "-m", "flows.benchreal", "--flow-run", str(workers), str(dump), str(lake)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _flow_run(workers: int, dump: str, lake: str) -> dict:
    watch = PeakWatch(os.getpid())
    watch.start()
    secs, cpu, result = flow_seconds(Path(dump), Path(lake), workers)
    watch.stop()
    peak = {"flow": peak_rss_mb(), "worker": max(watch.children.values(), default=0.0)}
    return {"seconds": secs, "cpu": cpu, "peak_mb": peak, "stages": result["stage_seconds"]}


class PeakWatch(threading.Thread):
    """Samples the peak RSS (VmHWM) of the live descendants of ``pid`` twice a second (the
    workers of a pool); what a worker adds in its last half-second is not seen."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.done = pid, threading.Event()
        self.children: dict[int, float] = {}

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.sample()

    def stop(self) -> None:
        self.sample()
        self.done.set()
        self.join()

    def sample(self) -> None:
        for pid in descendants(self.pid):
            mb = peak_rss_mb(pid)
            self.children[pid] = max(self.children.get(pid, 0.0), mb)


def children_peak_mb() -> dict[str, float]:
    """Peak RSS (MB) of the live processes below this one (the temporary Prefect server), by name."""
    found: dict[str, float] = {}
    for pid in descendants(os.getpid()):
        try:
            name = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        label = "Prefect server" if "prefect" in name and "server" in name else name[:40]
        found[label] = max(found.get(label, 0.0), peak_rss_mb(pid))
    return found


END_STAGES = ("merge", "validate events", "aggregate", "commit")


def speedup_table(name: str, n: int, mb: float, pairs: list[dict[int, dict]]) -> Table:
    """One row per flow; each pair's speed-up on its N-worker row, and the median of the pairs."""
    table = Table(title=f"{name}: whole etl flow, {n:,} articles, {mb:,.1f} MB")
    for col in ("pair", "workers", "s", "CPU s", "art/s", "MB/s", "speed-up", "coding s", "end s", "RSS flow",
                "RSS worker"):
        table.add_column(col, justify="right")
    for number, times in enumerate(pairs, 1):
        for workers, run in sorted(times.items()):
            secs, peak = run["seconds"], run["peak_mb"]
            table.add_row(str(number), str(workers), f"{secs:.1f}", f"{run['cpu']:.1f}", f"{n / secs:,.0f}",
                          f"{mb / secs:,.2f}", f"{times[1]['seconds'] / secs:.2f}×" if workers > 1 else "",
                          f"{run['stages'].get('code', 0.0):.1f}",
                          f"{sum(run['stages'].get(s, 0.0) for s in END_STAGES):.1f}", f"{peak['flow']:,.0f}",
                          f"{peak['worker']:,.0f}" if workers > 1 else "-")
    table.caption = (f"median speed-up of {len(pairs)} pair(s): {median_speedup(pairs):.2f}×; pairs alternate "
                     "which flow runs first; each flow in a fresh process; CPU: it and its workers; coding: "
                     "the shards' coding stage, summed; end: the run's merge, validate events, aggregate and "
                     "commit, after the shards; RSS: peaks in MB (VmHWM), of the flow's process and of its "
                     "largest worker; the machine is shared, see the load")
    return table


def median_speedup(pairs: list[dict[int, dict]]) -> float:
    return statistics.median(t[1]["seconds"] / t[w]["seconds"] for t in pairs for w in t if w > 1) if pairs else 0.0


def flow_pairs(dump: Path, work: Path, workers: int, pairs: int) -> list[dict[int, dict]]:
    """``pairs`` runs of the flow with 1 and with ``workers`` processes, in alternating order
    (the machine is shared: a pair's two runs see about the same load)."""
    found = []
    for number in range(pairs):
        order = [1, workers] if number % 2 == 0 else [workers, 1]
        found.append({w: flow_process(dump, work / f"lake-real-w{w}", w) for w in dict.fromkeys(order)})
    return found


def bench_real(console: Console, work: Path, shared: Path | None, replicas: int, workers: int,
               code: bool = True, pairs: int = 1, stages: bool = True) -> None:
    """Per-stage figures (one worker, in this process; unless not ``stages``) and the flow's
    N-worker speed-up over ``pairs`` pairs of runs."""
    from flows.bench import report, run_once
    from flows.prefectapi import choose_api, use_api
    from flows.settings import use_prefect_defaults

    use_prefect_defaults()
    if shared is None or not shared.is_dir():
        console.print(f"[yellow]no shared dumps at {shared}: real-text benchmark on the bundled samples only[/yellow]")
    work.mkdir(parents=True, exist_ok=True)
    use_api(choose_api())  # a server that answers, else the temporary one
    from flows.runners import share_api_with_workers

    share_api_with_workers()  # the temporary server starts here, once: every flow process uses it
    for name, dump in real_dumps(work, shared, replicas):
        if stages:
            report(console, f"real text, {name} → lake", dump, run_once(dump, work / "lake-real", code))
        found = flow_pairs(dump, work, workers, pairs)
        n = read_count(work / "lake-real-w1")
        console.print(speedup_table(name, n, _bytes(dump) / 2**20, found))
        servers = ", ".join(f"{k} {v:,.0f} MB" for k, v in children_peak_mb().items())
        console.print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
                      + (f"; peak RSS of {servers}" if servers else ""))


def read_count(lake: Path) -> int:
    """Articles the last run into ``lake`` read."""
    import polars as pl

    from flows.lake import read_columns

    runs = read_columns(str(lake), "runs", ["dataset", "finished_at", "records_read"])
    assert runs is not None, f"no runs in {lake}"
    return int(runs.filter(pl.col("dataset") == "articles").sort("finished_at")["records_read"][-1])


def _bytes(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.benchreal", description=__doc__)
    parser.add_argument("--replicas", type=int, default=20, help="copies of each shared article")
    parser.add_argument("--workers", type=int, default=2, help="compared with one worker")
    parser.add_argument("--pairs", type=int, default=1, help="pairs of flow runs (1 and N workers) for the speed-up")
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage run in this process")
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--workdir", default="data/bench")
    parser.add_argument("--flow-run", nargs=3, metavar=("WORKERS", "DUMP", "LAKE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.flow_run:  # one measured flow, in a process of its own (see flow_process)
        print(json.dumps(_flow_run(int(args.flow_run[0]), *args.flow_run[1:])))
        return 0
    from flows.runners import available_cores

    console = Console()
    console.print(f"{available_cores()} core(s); load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    bench_real(console, Path(args.workdir), Path(args.shared), args.replicas, args.workers,
               pairs=args.pairs, stages=not args.no_stages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
