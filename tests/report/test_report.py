"""`geowire report`: one self-contained HTML page per run, read from a real lake."""

from __future__ import annotations

import re
import shutil
from datetime import date

import polars as pl
import pyarrow.parquet as pq
import pytest

from flows import pipeline, report
from flows.lake import current_snapshot
from flows.report import summaries
from flows.settings import Settings
from tests.conftest import SAMPLES
from tests.flow.lakeq import rows
from tests.flow.test_cli import geowire

SECTIONS = ("counts", "quarantine", "events-over-time", "root-codes", "dyads", "countries", "goldstein",
            "relevance")
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)


def run(lake, *paths) -> dict:
    return pipeline.run_serial([str(p) for p in paths], Settings().with_overrides(lake=str(lake)))


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    lake = tmp_path_factory.mktemp("report") / "lake"
    first = run(lake, SAMPLES / "articles.jsonl", SAMPLES / "broken")
    return lake, first["run_id"]


def test_cli_writes_one_self_contained_page(lake, tmp_path):
    lake, run_id = lake
    out = tmp_path / "out" / "report.html"
    proc = geowire("report", "--lake", str(lake), "--run", run_id, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert str(out) in proc.stdout.replace("\n", "")
    html = out.read_text(encoding="utf-8")
    for key in SECTIONS:
        assert f'<section id="{key}">' in html
    assert html.count("<svg") == len(SECTIONS) - 1  # every section but the counts table has a chart
    assert 'class="marks"' in html  # SVG drawn by Vega (vl-convert), not hand-made
    assert not REMOTE.search(html), REMOTE.search(html)
    assert "<script" not in html and "<link" not in html


def test_every_chart_is_valid_vega_lite(lake, monkeypatch):
    """The report draws without Altair's schema check: here each chart passes it."""
    from flows.report import charts

    lake, run_id = lake
    checked, draw = [], charts.to_svg
    monkeypatch.setattr(charts, "to_svg", lambda chart: checked.append(chart) or draw(chart, validate=True))
    report.render_html(report.load_run(lake, run_id))
    assert len(checked) == len(SECTIONS) - 1


def test_page_shows_the_runs_counts_and_quarantine_reasons(lake):
    lake, run_id = lake
    html = report.render_html(report.load_run(lake, run_id))
    counts = html.split('<section id="counts">')[1].split("</section>")[0]
    for dataset, read, published, quarantined, dups in rows(
            lake, "runs", "dataset, records_read, published, quarantined, duplicates", f"run_id = '{run_id}'"):
        cells = [f"<td>{dataset}</td>"] + [f'<td class="num">{n:,}</td>' for n in (read, published, quarantined, dups)]
        assert "".join(cells) in counts
    reasons = {r for (rs,) in rows(lake, "quarantine", "reasons", f"run_id = '{run_id}'") for r in rs}
    assert {"empty file", "unknown format"} <= reasons
    quarantine = html.split('<section id="quarantine">')[1].split("</section>")[0]
    for reason in reasons:
        assert reason.replace("'", "&#39;") in quarantine


def test_default_run_is_the_latest_and_a_run_without_events_says_so(lake, tmp_path):
    lake, first = lake
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy, symlinks=True)
    second = run(copy, SAMPLES / "articles.jsonl")["run_id"]  # all duplicates: no new events
    frames = report.load_run(copy)
    assert frames.run_id == second != first
    assert frames.events.is_empty()
    html = report.render_html(frames)
    assert html.count("No events in this run.") == 5 and "Nothing was quarantined" in html


def test_a_lake_that_never_had_events_gets_a_page(tmp_path):
    lake = tmp_path / "lake"
    result = run(lake, SAMPLES / "story.txt")  # undated: its events are quarantined, none published
    assert result["datasets"]["events"]["published"] == 0
    frames = report.load_run(lake)
    assert frames.events.is_empty() and frames.events.schema["event_date"] == pl.Date
    html = report.render_html(frames)
    assert html.count("No events in this run.") == 5


def test_unknown_run_and_empty_lake_are_clear_errors(lake, tmp_path):
    lake, run_id = lake
    proc = geowire("report", "--lake", str(lake), "--run", "20000101T000000Z-000000")
    assert proc.returncode == 2
    assert "no run '20000101T000000Z-000000'" in proc.stderr and run_id in proc.stderr.replace("\n", "")
    proc = geowire("report", "--lake", str(tmp_path / "nothing"))
    assert proc.returncode == 2 and "no runs yet" in proc.stderr


def test_relevance_section_counts_the_coders_decisions(lake, tmp_path):
    lake, run_id = lake
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy, symlinks=True)
    for i, file in enumerate(sorted(current_snapshot(copy, "articles").rglob("*.parquet"))):
        table = pq.read_table(file, partitioning=None)
        decisions = ["relevant" if (i + j) % 3 else "not relevant" for j in range(table.num_rows)]
        file.unlink()  # hard-linked from the original lake's snapshot: write a new file instead
        column = table.schema.get_field_index("relevance")
        pq.write_table(table.set_column(column, "relevance", [decisions]), file)
    html = report.render_html(report.load_run(copy, run_id))
    section = html.split('<section id="relevance">')[1].split("</section>")[0]
    assert "<svg" in section and "not relevant" in section


def test_summaries_of_small_frames():
    events = pl.DataFrame({
        "event_date": [date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2), None],
        "actor1_code": ["RUS", "RUS", "USA", "FRA"], "actor2_code": ["UKR", "UKR", None, "DEU"],
        "actor1_country_code": ["RUS", "RUS", "USA", "FRA"], "actor2_country_code": ["UKR", "UKR", None, "DEU"],
        "action_geo_country_code": ["UKR", None, "USA", "DEU"], "event_root_code": ["19", "04", "04", "19"],
        "quad_class": [4, 1, 1, 4], "goldstein": [-10.0, 1.0, 1.0, -10.0], "num_mentions": [1, 3, 2, 1],
    })
    assert summaries.events_over_time(events).select("date", "quad_name", "events").rows() == [
        (date(2024, 1, 1), "verbal cooperation", 1), (date(2024, 1, 1), "material conflict", 1),
        (date(2024, 1, 2), "verbal cooperation", 1)]
    assert summaries.goldstein_over_time(events).rows() == [(date(2024, 1, 1), round(-7 / 4, 2), 2),
                                                            (date(2024, 1, 2), 1.0, 1)]
    assert summaries.top_dyads(events).select("dyad", "events", "mentions").rows() == [
        ("RUS → UKR", 2, 4), ("FRA → DEU", 1, 1)]
    assert summaries.root_codes(events).rows() == [("04", "CONSULT", "verbal cooperation", 2),
                                                   ("19", "FIGHT", "material conflict", 2)]
    countries = summaries.top_countries(events)
    assert countries.filter(pl.col("country") == "UKR").select("role", "events").rows() == [
        ("action place", 1), ("actor 2", 2)]
    quarantine = pl.DataFrame({"dataset": ["articles", "articles"], "reasons": [["a", "b"], ["a"]]})
    assert summaries.quarantine_reasons(quarantine).rows() == [("articles", "a", 2), ("articles", "b", 1)]


def test_events_over_years_are_shown_per_month():
    events = pl.DataFrame({"event_date": [date(2020, 1, 5), date(2020, 1, 20), date(2023, 6, 1)],
                           "quad_class": [1, 1, 3]}).with_columns(pl.col("quad_class").cast(pl.Int32))
    assert summaries.period_of(events) == "month"
    assert summaries.events_over_time(events).select("date", "events").rows() == [
        (date(2020, 1, 1), 2), (date(2023, 6, 1), 1)]


@pytest.mark.parametrize("values, expected", [
    (["relevant", "not relevant", "relevant", None], [("not relevant", 1), ("relevant", 2), ("(none)", 1)]),
    ([True, False, True], [("false", 1), ("true", 2)]),
    ([0.05, 0.93, 0.97], [("0.0–0.1", 1), ("0.9–1.0", 2)]),
])
def test_relevance_decisions_of_any_plain_type(values, expected):
    frame = pl.DataFrame({"article_id": [str(i) for i in range(len(values))], "relevance": values})
    assert sorted(summaries.relevance_decisions(frame).rows(), key=lambda r: r[0] == "(none)") == expected
