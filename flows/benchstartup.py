"""What a worker process pays before its first shard: each import and load, in CPU seconds and
RSS, measured in fresh processes (as the pool spawns them).

    python -m flows.benchstartup [--runs 3]

Each run is a new interpreter that takes the steps in order (so a step's figures are what it
adds to the ones before); the table shows the median of the runs. ``make bench`` runs it too
(``--startup-runs``). The compiled data (flows/compiled.py) is built first if missing, so the
figures are a warm worker's, as every worker after the machine's first is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from rich.console import Console
from rich.table import Table

STEPS = ("polars", "prefect", "pandas", "great_expectations", "flows pipeline", "spaCy model",
         "langid", "gazetteer", "dictionaries", "verbs")


def _load(step: str) -> None:
    if step == "polars":
        import polars  # noqa: F401
    elif step == "prefect":
        import prefect.task_engine  # noqa: F401  (what a task run in a worker imports)
    elif step == "pandas":
        import pandas  # noqa: F401
    elif step == "great_expectations":
        import great_expectations  # noqa: F401
    elif step == "flows pipeline":
        import flows.pipeline
        import flows.tasks  # noqa: F401
    elif step == "spaCy model":
        from flows.coding.parse import load_model
        load_model()
    elif step == "langid":
        from flows.normalize.language import detect_languages
        detect_languages(["The ministers met in Geneva to discuss a ceasefire along the border."])
    elif step == "gazetteer":
        from flows.coding.places import _tables
        _tables()["cities"].get("kharkiv")
    elif step == "dictionaries":
        from flows.coding.dictionaries import load_dictionaries
        load_dictionaries()
    elif step == "verbs":
        from flows.coding.dictionaries import load_dictionaries
        from flows.coding.nominal import governor_forms
        from flows.coding.verbs import load_verbs
        verbs = load_verbs(codebook=frozenset(load_dictionaries().codebook))
        verbs.ambiguous("attack", "V")
        governor_forms()


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def measure_steps() -> dict[str, tuple[float, float, float]]:
    """(CPU s, wall s, RSS MB added) per step, in this process."""
    out = {}
    for step in STEPS:
        cpu, wall, rss = _cpu(), time.perf_counter(), _rss_mb()
        _load(step)
        out[step] = (_cpu() - cpu, time.perf_counter() - wall, _rss_mb() - rss)
    return out


def _warm() -> None:
    """Build the compiled data once (a cold cache is a one-time cost per machine)."""
    code = ("import flows.coding.coder; import flows.benchstartup as b; "
            "[b._load(s) for s in ('langid', 'gazetteer', 'verbs')]")
    subprocess.run([sys.executable, "-c", code], check=True)


def startup_table(runs: int) -> Table:
    _warm()
    samples: list[dict] = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-m", "flows.benchstartup", "--one"], check=True,
                              capture_output=True, text=True)
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    table = Table(title=f"worker start-up: median of {runs} fresh process(es)")
    for col in ("step", "CPU s", "wall s", "RSS MB added"):
        table.add_column(col, justify="right")
    totals = [0.0, 0.0, 0.0]
    for step in STEPS:
        values = [statistics.median(s[step][k] for s in samples) for k in range(3)]
        totals = [t + v for t, v in zip(totals, values)]
        table.add_row(step, f"{values[0]:.2f}", f"{values[1]:.2f}", f"{values[2]:,.0f}")
    table.add_row("all", f"{totals[0]:.2f}", f"{totals[1]:.2f}", f"{totals[2]:,.0f}")
    table.caption = f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.benchstartup", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a measured process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_steps()))
        return 0
    Console().print(startup_table(args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
