"""Column names and Polars dtypes of the mentions and events datasets (see schemas/)."""
from __future__ import annotations

import hashlib

import polars as pl

_ACTOR = lambda n: [(f"actor{n}_code", pl.String), (f"actor{n}_name", pl.String),  # noqa: E731
                    (f"actor{n}_country_code", pl.String), (f"actor{n}_type_code", pl.String)]
_CODES = [("event_code", pl.String), ("event_base_code", pl.String), ("event_root_code", pl.String)]
_GEO = [("action_geo_type", pl.Int32), ("action_geo_name", pl.String),
        ("action_geo_country_code", pl.String), ("action_geo_adm1_code", pl.String),
        ("action_geo_lat", pl.Float64), ("action_geo_lon", pl.Float64)]

MENTION_SCHEMA: dict[str, pl.DataType] = dict(
    [("mention_id", pl.String), ("event_id", pl.String), ("article_id", pl.String), ("run_id", pl.String),
     ("sentence_index", pl.Int32), ("sentence", pl.String), ("event_date", pl.Date),
     ("actor1_start", pl.Int32), ("actor1_end", pl.Int32), ("actor2_start", pl.Int32),
     ("actor2_end", pl.Int32), ("action_start", pl.Int32), ("action_end", pl.Int32),
     ("rule", pl.String), ("confidence", pl.Float64), ("negated", pl.Boolean),
     ("hypothetical", pl.Boolean), ("quoted", pl.Boolean)]
    + _ACTOR(1) + _ACTOR(2) + _CODES
    + [("quad_class", pl.Int32), ("goldstein", pl.Float64), ("plover_type", pl.String)]
    + _GEO + [("action_geo_raw", pl.String)]
    + [("mention_source", pl.String), ("mention_url", pl.String), ("mention_doc_tone", pl.Float64)]
)
MENTION_COLUMNS: tuple[str, ...] = tuple(MENTION_SCHEMA)

EVENT_SCHEMA: dict[str, pl.DataType] = dict(
    [("event_id", pl.String), ("event_date", pl.Date)] + _ACTOR(1) + _ACTOR(2)
    + [("is_root_event", pl.Boolean)] + _CODES
    + [("quad_class", pl.Int32), ("goldstein", pl.Float64), ("num_mentions", pl.Int32),
       ("num_sources", pl.Int32), ("num_articles", pl.Int32), ("avg_tone", pl.Float64)]
    + _GEO + [("plover_type", pl.String), ("source_url", pl.String),
              ("date_added", pl.Datetime("us", "UTC")), ("run_id", pl.String)]
)
EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA)


def stable_id(*parts: object) -> str:
    """blake2b-16 hex of the parts (None as empty), joined by a unit separator."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()
