"""`aggregate_events`: mentions → events (one row per event_id).

Only mentions that are neither negated nor hypothetical count. The result is a pure function
of all the mentions of an event, so re-aggregating the lake's old mentions together with a new
run's mentions gives the right counts.
"""
from __future__ import annotations

from datetime import datetime

import polars as pl

from .coder import LEAD_SENTENCES
from .schema import event_schema, mention_schema

CODED = ["event_date", "actor1_code", "actor1_name", "actor1_country_code", "actor1_type_code",
         "actor2_code", "actor2_name", "actor2_country_code", "actor2_type_code",
         "event_code", "event_base_code", "event_root_code", "quad_class", "goldstein",
         "action_geo_type", "action_geo_name", "action_geo_country_code", "action_geo_adm1_code",
         "action_geo_lat", "action_geo_lon", "plover_type"]


def aggregate_events(mentions: pl.DataFrame, date_added: datetime) -> pl.DataFrame:
    """One row per event_id; columns exactly EVENT_COLUMNS with EVENT_SCHEMA dtypes."""
    missing = [c for c in mention_schema() if c not in mentions.columns and c != "sentence"]
    if missing:
        raise ValueError(f"mentions frame lacks column(s) {missing}")
    if date_added.tzinfo is None:
        raise ValueError("date_added must be timezone-aware (UTC)")
    kept = mentions.filter(~pl.col("negated") & ~pl.col("hypothetical"))
    if kept.is_empty():
        return pl.DataFrame(schema=event_schema())
    # the representative mention: smallest (event date, article_id), then the most confident
    ordered = kept.sort(["event_id", "event_date", "article_id", "confidence", "mention_id"],
                        descending=[False, False, False, True, False], nulls_last=True)
    events = ordered.group_by("event_id", maintain_order=True).agg(
        *[pl.col(c).first() for c in CODED],
        pl.len().cast(pl.Int32).alias("num_mentions"),
        pl.col("mention_source").n_unique().cast(pl.Int32).alias("num_sources"),
        pl.col("article_id").n_unique().cast(pl.Int32).alias("num_articles"),
        pl.col("mention_doc_tone").mean().alias("avg_tone"),
        (pl.col("sentence_index") < LEAD_SENTENCES).any().alias("is_root_event"),
        pl.col("mention_url").first().alias("source_url"),
        pl.col("run_id").max().alias("run_id"),
    )
    return (events.with_columns(pl.lit(date_added).cast(pl.Datetime("us", "UTC")).alias("date_added"))
            .select([pl.col(c).cast(t) for c, t in event_schema().items()])
            .sort("event_id"))
