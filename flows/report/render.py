"""Assemble a run report: summaries → sections (chart + table) → one self-contained HTML page;
and the same counts as a Markdown summary (for Prefect artifacts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import polars as pl

from . import charts, summaries
from .data import RunFrames

TEMPLATES = Path(__file__).parent
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                          autoescape=jinja2.select_autoescape(("html", "j2")),
                          trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


@dataclass
class Section:
    key: str  # the element id, also what tests look for
    title: str
    note: str = ""
    svg: str | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    empty: str | None = None  # shown instead of chart and table when there is nothing to show


def _table(section: Section, frame: pl.DataFrame) -> Section:
    section.columns = frame.columns
    section.rows = [list(r) for r in frame.iter_rows()]
    return section


def _chart_section(key: str, title: str, frame: pl.DataFrame, chart, note: str = "",
                   empty: str = "No events in this run.") -> Section:
    section = Section(key, title, note)
    if frame.is_empty():
        section.empty = empty
        return section
    section.svg = charts.to_svg(chart(frame))
    return _table(section, frame)


def build_sections(frames: RunFrames) -> list[Section]:
    events = frames.events
    period = summaries.period_of(events)
    counts = _table(Section("counts", "Records per dataset",
                            "records_read = published + quarantined + duplicates, for every dataset."),
                    summaries.dataset_counts(frames.runs))
    reasons = summaries.quarantine_reasons(frames.quarantine)
    sections = [
        counts,
        _chart_section("quarantine", "Quarantine reasons", reasons, charts.quarantine_chart,
                       "A record can break several rules; each reason is counted.",
                       empty="Nothing was quarantined in this run."),
        _chart_section("events-over-time", f"Events per {period} by QuadClass",
                       summaries.events_over_time(events).drop("quad_class"),
                       lambda f: charts.events_over_time_chart(f, period),
                       "The events this run's mentions count towards, by event date."),
        _chart_section("root-codes", "CAMEO root codes", summaries.root_codes(events), charts.root_codes_chart),
        _chart_section("dyads", "Top dyads", summaries.top_dyads(events).drop("actor1_code", "actor2_code"),
                       charts.top_dyads_chart, "Events with both actors coded."),
        _chart_section("countries", "Top countries", summaries.top_countries(events),
                       charts.top_countries_chart, "Countries of actor 1, actor 2 and the action place."),
        _chart_section("goldstein", "Goldstein over time", summaries.goldstein_over_time(events),
                       lambda f: charts.goldstein_chart(f, period),
                       "Mean Goldstein value (−10 conflict … +10 cooperation) weighted by mentions."),
    ]
    if frames.relevance is not None:  # the articles contract has the coder's relevance decisions
        sections.append(_chart_section(
            "relevance", "Coder relevance decisions", summaries.relevance_decisions(frames.relevance),
            charts.relevance_chart, "The coder's decision for each article of the run.",
            empty="The run published no articles."))
    return sections


def _run_facts(frames: RunFrames) -> list[tuple[str, str]]:
    runs = frames.runs
    first = runs.row(0, named=True)
    inputs = first.get("inputs") or []
    return [
        ("run", frames.run_id), ("lake", frames.lake), ("status", ", ".join(sorted(set(runs["status"])))),
        ("started", f"{first['started_at']:%Y-%m-%d %H:%M:%S} UTC"),
        ("finished", f"{first['finished_at']:%Y-%m-%d %H:%M:%S} UTC"),
        ("inputs", f"{len(inputs)} file(s), {sum(i['size'] for i in inputs):,} bytes"),
        ("Prefect flow run", first.get("flow_run_id") or "—"),
    ]


def render_html(frames: RunFrames) -> str:
    """The report of ``frames`` as one HTML document: CSS and SVG inline, no script, no link."""
    return _ENV.get_template("report.html.j2").render(
        run_id=frames.run_id, facts=_run_facts(frames), sections=build_sections(frames),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _markdown_table(frame: pl.DataFrame) -> str:
    def cell(value) -> str:
        text = f"{value:,}" if isinstance(value, int) else str(value)
        return text.replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * frame.width]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join(lines)


def summary_markdown(frames: RunFrames) -> str:
    """Counts per dataset and quarantine reasons as Markdown tables."""
    reasons = summaries.quarantine_reasons(frames.quarantine)
    parts = [f"# Run {frames.run_id}", "", f"Lake: `{frames.lake}`", "", "## Records per dataset", "",
             _markdown_table(summaries.dataset_counts(frames.runs)), "", "## Quarantine reasons", ""]
    parts.append(_markdown_table(reasons) if reasons.height else "Nothing was quarantined.")
    return "\n".join(parts) + "\n"


def count_lines(frames: RunFrames) -> list[str]:
    """One log line per dataset: ``articles: read 45, published 30, quarantined 10, duplicates 5``."""
    return [f"{r['dataset']}: read {r['records_read']:,}, published {r['published']:,}, "
            f"quarantined {r['quarantined']:,}, duplicates {r['duplicates']:,}"
            for r in summaries.dataset_counts(frames.runs).iter_rows(named=True)]
