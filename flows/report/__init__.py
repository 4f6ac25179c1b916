"""report: one run of the lake as a self-contained HTML page (and a Markdown summary).

``load_run(lake, run_id=None) -> RunFrames`` reads the run's share of the lake;
``render_html(frames)`` / ``summary_markdown(frames)`` / ``count_lines(frames)`` present it;
``write_report`` writes the page to a file, ``publish_report`` into ``<lake>/_reports/``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flows.lake import open_lake
from flows.lake.layout import REPORTS

from .data import ReportError, RunFrames, load_run
from .render import Section, build_sections, count_lines, render_html, summary_markdown

__all__ = [
    "REPORTS", "ReportError", "RunFrames", "Section", "build_sections", "count_lines", "load_run",
    "publish_report", "render_html", "summary_markdown", "write_report",
]


def write_report(frames: RunFrames, out: str | os.PathLike) -> Path:
    """Write the run's HTML report to ``out`` (atomically) and return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(render_html(frames), encoding="utf-8")
    os.replace(tmp, out)
    return out


def publish_report(frames: RunFrames) -> str:
    """Write the report to ``<lake>/_reports/<run_id>.html``; return its path or URL."""
    name = f"{frames.run_id}.html"
    with tempfile.TemporaryDirectory(prefix="geowire-report-") as tmp:
        return open_lake(frames.lake).put_report(write_report(frames, Path(tmp) / name), name)
