"""Summaries of a run's frames: small, sorted frames a chart or a table shows as they are."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl
import yaml

from flows.coding.dictionaries import DEFAULT_DIRECTORY
from flows.coding.dictionaries.codebook import load_codebook

LABELS = Path(__file__).with_name("labels.yaml")
DATASET_ORDER = ("articles", "mentions", "events")  # the order the pipeline produces them in
COUNT_COLUMNS = ("records_read", "published", "quarantined", "duplicates")


@lru_cache(maxsize=1)
def labels() -> dict:
    """Display names and colours (``labels.yaml``) plus the CAMEO root names from the codebook."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    codebook = load_codebook(DEFAULT_DIRECTORY / "cameo_codebook.tsv")
    data["root_names"] = {code: entry.name for code, entry in codebook.items() if len(code) == 2}
    return data


def dataset_counts(runs: pl.DataFrame) -> pl.DataFrame:
    """One row per dataset: records read, published, quarantined, duplicates."""
    order = {name: i for i, name in enumerate(DATASET_ORDER)}
    return (runs.select("dataset", *COUNT_COLUMNS)
            .sort(pl.col("dataset").replace_strict(order, default=len(order)), "dataset"))


def quarantine_reasons(quarantine: pl.DataFrame) -> pl.DataFrame:
    """dataset, reason, records: how many quarantined records gave each reason (a record can give several)."""
    if quarantine.is_empty():
        return pl.DataFrame(schema={"dataset": pl.String, "reason": pl.String, "records": pl.UInt32})
    return (quarantine.explode("reasons").rename({"reasons": "reason"})
            .group_by("dataset", "reason").len("records")
            .sort(["records", "dataset", "reason"], descending=[True, False, False]))


def _quad_names() -> pl.Expr:
    names = {int(k): v for k, v in labels()["quad_classes"].items()}
    return pl.col("quad_class").replace_strict(names, default="unknown", return_dtype=pl.String)


def period_of(events: pl.DataFrame) -> str:
    """"day" for a run whose events span at most a year, else "month" (one bar per month)."""
    dates = events["event_date"].drop_nulls()
    if dates.is_empty():
        return "day"
    return "day" if (dates.max() - dates.min()).days <= 366 else "month"


def events_over_time(events: pl.DataFrame) -> pl.DataFrame:
    """date, quad_class, quad_name, events: events per day (or month) and QuadClass."""
    truncated = pl.col("event_date").dt.truncate("1mo" if period_of(events) == "month" else "1d")
    return (events.filter(pl.col("event_date").is_not_null())
            .group_by(truncated.alias("date"), "quad_class").len("events")
            .with_columns(_quad_names().alias("quad_name"))
            .sort("date", "quad_class"))


def root_codes(events: pl.DataFrame) -> pl.DataFrame:
    """root_code, root_name, quad_name, events: the CAMEO root-code distribution."""
    names = labels()["root_names"]
    return (events.group_by(pl.col("event_root_code").alias("root_code"), "quad_class").len("events")
            .with_columns(pl.col("root_code").replace_strict(names, default="?", return_dtype=pl.String)
                          .alias("root_name"), _quad_names().alias("quad_name"))
            .select("root_code", "root_name", "quad_name", "events").sort("root_code"))


def top_dyads(events: pl.DataFrame, n: int = 15) -> pl.DataFrame:
    """dyad, actor1_code, actor2_code, events, mentions: the most frequent source → target pairs."""
    return (events.filter(pl.col("actor1_code").is_not_null() & pl.col("actor2_code").is_not_null())
            .group_by("actor1_code", "actor2_code")
            .agg(pl.len().alias("events"), pl.col("num_mentions").sum().alias("mentions"))
            .sort(["events", "mentions", "actor1_code", "actor2_code"], descending=[True, True, False, False])
            .head(n)
            .select(pl.format("{} → {}", "actor1_code", "actor2_code").alias("dyad"), pl.all()))


ROLES = {"actor1_country_code": "actor 1", "actor2_country_code": "actor 2",
         "action_geo_country_code": "action place"}


def top_countries(events: pl.DataFrame, n: int = 15) -> pl.DataFrame:
    """country, role, events: the countries in most events, per role (actor 1, actor 2, place)."""
    long = pl.concat([
        events.select(pl.col(column).alias("country"), pl.lit(role).alias("role"))
        for column, role in ROLES.items()
    ]).filter(pl.col("country").is_not_null())
    counts = long.group_by("country", "role").len("events")
    top = (counts.group_by("country").agg(pl.col("events").sum().alias("total"))
           .sort(["total", "country"], descending=[True, False]).head(n))
    return (counts.join(top, on="country")
            .sort(["total", "country", "role"], descending=[True, False, False])
            .select("country", "role", "events", "total"))


def goldstein_over_time(events: pl.DataFrame) -> pl.DataFrame:
    """date, goldstein (mean weighted by mentions, as GDELT users average it), events."""
    truncated = pl.col("event_date").dt.truncate("1mo" if period_of(events) == "month" else "1d")
    weight = pl.col("num_mentions").fill_null(1).cast(pl.Float64)
    return (events.filter(pl.col("event_date").is_not_null() & pl.col("goldstein").is_not_null())
            .group_by(truncated.alias("date"))
            .agg(((pl.col("goldstein") * weight).sum() / weight.sum()).round(2).alias("goldstein"),
                 pl.len().alias("events"))
            .sort("date"))


def relevance_decisions(relevance: pl.DataFrame) -> pl.DataFrame:
    """decision, articles: the coder's relevance decisions over the run's articles.

    A numeric score is shown in tenths ("0.7–0.8"); any other value as its text.
    """
    column = relevance.get_column("relevance")
    if column.dtype.is_numeric() and column.dtype != pl.Boolean:
        low = pl.col("low")
        frame = (pl.DataFrame({"low": (column.cast(pl.Float64) * 10).floor() / 10})
                 .with_columns(pl.format("{}–{}", low.round(1), (low + 0.1).round(1)).alias("decision")))
    elif isinstance(column.dtype, pl.Struct):
        frame = pl.DataFrame({"decision": column.struct.json_encode()}).with_columns(low=pl.lit(None, pl.Float64))
    else:
        frame = pl.DataFrame({"decision": column.cast(pl.String)}).with_columns(low=pl.lit(None, pl.Float64))
    return (frame.with_columns(pl.col("decision").fill_null("(none)"))
            .group_by("decision").agg(pl.len().alias("articles"), pl.col("low").first())
            .sort(["low", "decision"], nulls_last=True).select("decision", "articles"))
