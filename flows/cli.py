"""The `geowire` command: `geowire run PATH... [--lake DIR]`, `geowire docs`, `geowire report`."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.errors import EXIT_FAILED, GeowireError, LakeError, SettingsError, UsageError
from flows.settings import Settings, load_settings, use_prefect_defaults, utc_date

use_prefect_defaults()  # before anything imports Prefect (see flows.settings.PREFECT_DEFAULTS)

console = Console(stderr=True)
LAKE_HELP = "lake folder or fsspec URL (default: $GEOWIRE_LAKE, else data/lake)"
# how the run's flags are spelled in a message about a bad value
RUN_FLAGS = {"lake": "--lake", "batch_size": "--batch-size", "wait_lock_seconds": "--wait-lock",
             "default_date": "--default-date"}


class RichReporter:
    """Progress bar over the input bytes, with a running record count."""

    def __init__(self, progress: Progress):
        self.progress, self.task, self.n = progress, None, 0

    def start(self, total_bytes: int, files: int) -> None:
        self.task = self.progress.add_task(f"{files} file(s)", total=max(total_bytes, 1))

    def file_done(self, path: str, size: int) -> None:
        self.progress.advance(self.task, size)

    def records(self, n: int) -> None:
        self.n += n
        self.progress.update(self.task, description=f"{self.n:,} records")


def _summary_table(result: dict, elapsed: float) -> Table:
    table = Table(title=f"run {result['run_id']} → {result['lake']}")
    for col in ("dataset", "read", "published", "quarantined", "duplicates", "elapsed"):
        table.add_column(col, justify="left" if col == "dataset" else "right")
    for dataset, c in result["datasets"].items():
        counts = (f"{c[k]:,}" for k in ("records_read", "published", "quarantined", "duplicates"))
        table.add_row(dataset, *counts, f"{c['seconds']:.1f} s")
    table.caption = (f"elapsed {elapsed:.1f} s in all: pipeline {result['elapsed_seconds']:.1f} s, "
                     f"the rest Prefect and the report")
    return table


def quiet_flow_tracebacks() -> None:
    """The CLI says in one line why a run stopped; Prefect's run loggers would add a traceback."""
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def failure_line(exc: BaseException) -> str:
    """One line for a failed run: the OS error of a full or read-only lake, else the exception."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}; the lake is left as it was before the run"
    return f"{type(exc).__name__}: {exc}; the lake is left as it was before the run"


def run_settings(args: argparse.Namespace) -> Settings:
    """The run's settings: its flags over the GEOWIRE_* environment, validated here, before
    Prefect starts (a bad value raises SettingsError, naming the flag or the variable)."""
    for flag, text in (("--since", args.since), ("--until", args.until)):
        utc_date(flag, text)
    if args.dask_workers is not None and args.dask_workers < 1:
        raise SettingsError(f"--dask-workers: must be at least 1 (got {args.dask_workers})")
    settings = load_settings(RUN_FLAGS, lake=args.lake, batch_size=args.batch_size,
                             wait_lock_seconds=args.wait_lock, workers=args.workers,
                             default_date=args.default_date)
    if args.dask_address and "://" in settings.lake and not settings.lake.startswith("file://"):
        settings = settings.with_overrides(stage_on_lake=True)  # remote workers stage on the store
    return settings


def flow_for(args: argparse.Namespace, settings: Settings):
    """The etl flow on the runner the options ask for, and whether it runs shards in parallel:
    Dask (``--dask-workers``/``--dask-address``), else the settings' workers (``--workers`` over
    GEOWIRE_WORKERS; 0: every core)."""
    from flows.etl import etl
    from flows.runners import dask_runner, local_runner, worker_count

    if args.dask_workers or args.dask_address:
        return etl.with_options(task_runner=dask_runner(args.dask_workers, args.dask_address)), True
    runner = local_runner(worker_count(settings.workers))
    return (etl.with_options(task_runner=runner), True) if runner else (etl, False)


def choose_server() -> None:
    """A Prefect server that answers (PREFECT_API_URL, or the active profile's, as `make serve`
    sets), else Prefect's temporary one (started by Prefect at the flow's first call)."""
    from flows.prefectapi import choose_api, use_api

    choice = choose_api()
    if choice.configured:
        console.print(f"[yellow]no Prefect API answers at {choice.configured} ({choice.origin}):"
                      " running on a temporary local one[/yellow]")
    use_api(choice)


def cmd_run(args: argparse.Namespace) -> int:
    from flows.ingest import list_dump_files
    from flows.lake import open_lake

    started = time.monotonic()
    try:  # fail fast, before Prefect starts, on what we can check here
        settings = run_settings(args)
        list_dump_files(args.paths)
        open_lake(settings.lake).ensure_writable()
    except GeowireError as exc:
        console.print(f"[red]error:[/red] {exc}")
        return exc.exit_code
    from flows.progress import set_reporter

    choose_server()
    flow_fn, parallel = flow_for(args, settings)
    quiet_flow_tracebacks()  # after Prefect's import, which configures its loggers
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        set_reporter(RichReporter(progress))
        try:
            result = flow_fn(paths=args.paths, incremental=args.incremental, since=args.since,
                             until=args.until, parallel=parallel, settings=settings)
        except LakeError as exc:  # locked by another run, or unusable
            console.print(f"[red]error:[/red] {exc}")
            return exc.exit_code
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # the lake failed (a Rust panic is a BaseException too)
            console.print(f"[red]run failed:[/red] {failure_line(exc)}")
            return EXIT_FAILED
        finally:
            set_reporter(None)
    Console().print(_summary_table(result, time.monotonic() - started))
    quarantined = sum(c["quarantined"] for c in result["datasets"].values())
    if quarantined:
        console.print(f"[yellow]{quarantined} record(s) quarantined[/yellow]: see {result['lake']}/quarantine")
    if result.get("report"):
        Console(soft_wrap=True).print(f"Run report: {result['report']}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from flows.lake import open_lake
    from flows.validate import build_data_docs

    lake = open_lake(lake_of(args))
    local = Path(args.site or ".geowire/docs")  # a lake not on this machine: its results are fetched here
    index = build_data_docs(lake.fetch_validation_results(local / "_validation"), lake.docs_site(local))
    Console(soft_wrap=True).print(f"Data Docs: {index}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the data dictionary (one dataset's section, or all of it) as Markdown."""
    from flows.validate import data_dictionary_markdown, load_contract
    from flows.validate.dictionary import data_dictionary, dataset_names

    known = dataset_names()
    if args.dataset and args.dataset not in known:
        console.print(f"[red]error:[/red] no dataset {args.dataset!r}; known: {', '.join(known)}")
        return UsageError.exit_code
    text = data_dictionary_markdown(load_contract(args.dataset)) if args.dataset else data_dictionary()
    sys.stdout.write(text)
    return 0


def add_schema_command(sub) -> None:
    schema = sub.add_parser("schema", help="print the data dictionary (from schemas/*.yaml)")
    schema.add_argument("dataset", nargs="?", help="one dataset (default: all)")
    schema.set_defaults(func=cmd_schema)


def cmd_export_gdelt(args: argparse.Namespace) -> int:
    """Write the lake's events and mentions as GDELT 2.0 files."""
    from flows.export import ExportError, export_gdelt
    from flows.lake import LakeError

    try:
        since, until = (_iso_date(flag, d) for flag, d in (("--since", args.since), ("--until", args.until)))
        summary = export_gdelt(lake_of(args), args.out, since=since, until=until)
    except (ValueError, ExportError, LakeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        return UsageError.exit_code
    Console(soft_wrap=True).print(
        f"{summary.events:,} events and {summary.mentions:,} mentions in {len(summary.files)} file(s) → {args.out}")
    return 0


def _iso_date(flag: str, text: str | None):
    from datetime import date

    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise ValueError(f"{flag} {text}: not an ISO date ({exc})") from None


def add_export_command(sub) -> None:
    export = sub.add_parser("export", help="write the lake in another tool's format")
    formats = export.add_subparsers(dest="format", required=True)
    gdelt = formats.add_parser("gdelt", help="GDELT 2.0 Events (*.export.CSV) and Mentions (*.mentions.CSV)")
    gdelt.add_argument("--lake", default=None, help=LAKE_HELP)
    gdelt.add_argument("--out", required=True, metavar="DIR")
    gdelt.add_argument("--since", help="events on/after this ISO date")
    gdelt.add_argument("--until", help="events before this ISO date")
    gdelt.set_defaults(func=cmd_export_gdelt)
def cmd_report(args: argparse.Namespace) -> int:
    from flows.lake import LakeError
    from flows.report import ReportError, load_run, write_report

    try:
        frames = load_run(lake_of(args), args.run)
    except (ReportError, LakeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        return exc.exit_code
    out = write_report(frames, args.out or f"geowire-report-{frames.run_id}.html")
    Console(soft_wrap=True).print(f"Run report: {out.resolve()}")
    return 0


def add_report_parser(sub) -> None:
    report = sub.add_parser("report", help="write one run's report as a self-contained HTML file")
    report.add_argument("--lake", default=None, help=LAKE_HELP)
    report.add_argument("--run", default=None, metavar="RUN_ID", help="the run (default: the latest)")
    report.add_argument("--out", default=None, metavar="FILE",
                        help="where to write it (default: geowire-report-<run_id>.html)")
    report.set_defaults(func=cmd_report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geowire", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="ingest dump files or folders into the lake")
    run.add_argument("paths", nargs="+", metavar="PATH")
    run.add_argument("--lake", default=None, help=LAKE_HELP)
    run.add_argument("--incremental", action="store_true", help="skip files processed before")
    run.add_argument("--since", help="keep articles published on/after this ISO date")
    run.add_argument("--until", help="keep articles published before this ISO date")
    run.add_argument("--default-date", default=None, metavar="YYYY-MM-DD",
                     help="publication date of articles nothing else dates (a plain-text story); "
                          "without it their events are quarantined (no event date)")
    run.add_argument("--batch-size", type=int, default=None)
    run.add_argument("--workers", type=int, default=None, metavar="N",
                     help="worker processes (default: GEOWIRE_WORKERS, else every core; 1: this process)")
    run.add_argument("--dask-workers", type=int, default=None, metavar="N",
                     help="run the shards on a local Dask cluster of N worker processes")
    run.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                     help="run the shards on an existing Dask scheduler")
    run.add_argument("--wait-lock", type=float, default=None, metavar="SECONDS",
                     help="wait this long for another run holding the lake (default: refuse at once)")
    run.set_defaults(func=cmd_run)
    docs = sub.add_parser("docs", help="build Great Expectations Data Docs from the lake's results")
    docs.add_argument("--lake", default=None, help=LAKE_HELP)
    docs.add_argument("--site", default=None, help="where to build the site for an object-store lake")
    docs.set_defaults(func=cmd_docs)
    add_schema_command(sub)
    add_export_command(sub)
    add_report_parser(sub)
    return parser


def lake_of(args: argparse.Namespace) -> str:
    """--lake, else GEOWIRE_LAKE, else data/lake."""
    return args.lake or load_settings().lake


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeowireError as exc:  # a bad setting, a broken contract…: one line, its exit status
        console.print(f"[red]error:[/red] {exc}")
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
