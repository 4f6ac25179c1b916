"""Altair charts of the report's summaries, rendered to static SVG by vl-convert (no JavaScript,
no network: the SVG is inlined in the report)."""

from __future__ import annotations

from datetime import date, datetime

import altair as alt
import polars as pl
import vl_convert

from .summaries import ROLES, labels

WIDTH = 640
LABEL_LIMIT = 360  # px of a category label before it is cut with an ellipsis


def to_svg(chart: alt.TopLevelMixin, validate: bool = False) -> str:
    """The chart as a standalone SVG element (vl-convert runs Vega-Lite in-process).

    Altair's check of the spec against the Vega-Lite schema is off by default: it took over
    half of the report's time, and the charts, built here only, are checked by the tests."""
    return vl_convert.vegalite_to_svg(chart.to_dict(validate=validate))


def _data(frame: pl.DataFrame) -> alt.Data:
    """Inline values; dates as ISO strings, which Vega-Lite reads as UTC."""
    def plain(value):
        return value.isoformat() if isinstance(value, (date, datetime)) else value
    return alt.Data(values=[{k: plain(v) for k, v in row.items()} for row in frame.iter_rows(named=True)])


def _count_axis(largest) -> alt.Axis:
    """Whole-number ticks for counts (no 0.5 events), at most 8 of them."""
    return alt.Axis(format="d", tickCount=max(1, min(int(largest or 1), 8)))


def _stack_max(frame: pl.DataFrame, by: str) -> int:
    return frame.group_by(by).agg(pl.col("events").sum())["events"].max() or 1


def _quad_color(title: str = "QuadClass") -> alt.Color:
    names = list(labels()["quad_classes"].values())
    return alt.Color("quad_name:N", title=title, sort=names,
                     scale=alt.Scale(domain=names, range=labels()["quad_colors"]))


def _time_axis(period: str) -> alt.X:
    unit, fmt = ("utcyearmonth", "%b %Y") if period == "month" else ("utcyearmonthdate", "%d %b %Y")
    return alt.X("date:T", timeUnit=unit, title=None, axis=alt.Axis(format=fmt, labelAngle=-40))


def events_over_time_chart(frame: pl.DataFrame, period: str) -> alt.Chart:
    return (alt.Chart(_data(frame), width=WIDTH, height=260,
                      title=f"Events per {period} by QuadClass")
            .mark_bar()
            .encode(_time_axis(period), alt.Y("sum(events):Q", title="events", axis=_count_axis(_stack_max(frame, "date"))), _quad_color(),
                    order=alt.Order("quad_class:Q")))


def root_codes_chart(frame: pl.DataFrame) -> alt.Chart:
    data = frame.with_columns(pl.format("{} {}", "root_code", "root_name").alias("root"))
    return (alt.Chart(_data(data), width=WIDTH - 200, title="Events per CAMEO root code")
            .mark_bar()
            .encode(alt.Y("root:N", sort=data["root"].to_list(), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
                    alt.X("events:Q", title="events", axis=_count_axis(data["events"].max())), _quad_color()))


def top_dyads_chart(frame: pl.DataFrame) -> alt.Chart:
    return (alt.Chart(_data(frame), width=WIDTH - 160, title="Top dyads (actor 1 → actor 2)")
            .mark_bar(color="#4c78a8")
            .encode(alt.Y("dyad:N", sort=frame["dyad"].to_list(), title=None),
                    alt.X("events:Q", title="events", axis=_count_axis(frame["events"].max())),
                    tooltip=["dyad:N", "events:Q", "mentions:Q"]))


def top_countries_chart(frame: pl.DataFrame) -> alt.Chart:
    order = frame.unique("country", maintain_order=True)["country"].to_list()
    roles = list(ROLES.values())
    return (alt.Chart(_data(frame), width=WIDTH - 120, title="Top countries by role")
            .mark_bar()
            .encode(alt.Y("country:N", sort=order, title=None),
                    alt.X("events:Q", title="events (an event counts once per role)",
                          axis=_count_axis(frame["total"].max())),
                    alt.Color("role:N", sort=roles,
                              scale=alt.Scale(domain=roles, range=labels()["role_colors"]))))


def goldstein_chart(frame: pl.DataFrame, period: str) -> alt.LayerChart:
    base = alt.Chart(_data(frame))
    line = base.mark_line(point=True, color="#4c78a8").encode(
        _time_axis(period),
        alt.Y("goldstein:Q", title="Goldstein (mean, weighted by mentions)",
              scale=alt.Scale(domain=[-10, 10])),
        tooltip=["date:T", "goldstein:Q", "events:Q"])
    zero = alt.Chart(alt.Data(values=[{"y": 0}])).mark_rule(color="#999", strokeDash=[4, 4]).encode(y="y:Q")
    return alt.layer(zero, line).properties(width=WIDTH, height=240, title=f"Goldstein scale per {period}")


def quarantine_chart(frame: pl.DataFrame) -> alt.Chart:
    data = frame.with_columns(pl.format("{}: {}", "dataset", "reason").alias("label"))
    return (alt.Chart(_data(data), width=WIDTH - 200, title="Quarantined records per reason")
            .mark_bar(color="#e45756")
            .encode(alt.Y("label:N", sort=data["label"].to_list(), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
                    alt.X("records:Q", title="records", axis=_count_axis(data["records"].max()))))


def relevance_chart(frame: pl.DataFrame) -> alt.Chart:
    return (alt.Chart(_data(frame), width=WIDTH - 200, title="Relevance decisions over the run's articles")
            .mark_bar(color="#72b7b2")
            .encode(alt.Y("decision:N", sort=frame["decision"].to_list(), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
                    alt.X("articles:Q", title="articles", axis=_count_axis(frame["articles"].max()))))
