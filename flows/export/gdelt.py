"""Our events and mentions as GDELT 2.0 Events (61 columns) and Mentions (16 columns) frames.

Column names, order and types come from ``data/export/gdelt_columns.tsv`` (GDELT's own column
labels). Conventions kept: integer GLOBALEVENTID, SQLDATE (YYYYMMDD), MonthYear, Year,
FractionDate ((month - 1) * 30 + day) / 365 to 4 places, IsRootEvent 0/1, actor names in
capitals, actor codes split into country / known group / type segments, FIPS geography,
DATEADDED (YYYYMMDDHHMMSS, UTC), Geo_Type 0 and empty fields where nothing is known,
offsets of -1 for an absent actor.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import polars as pl

from flows.resources import dictionaries_dir, resource_path

from .geo import action_geography

EXPORT_DATA = resource_path("_data", "export")  # data/export/ of the project
COLUMNS_FILE = EXPORT_DATA / "gdelt_columns.tsv"
DTYPES = {"INTEGER": pl.Int64, "FLOAT": pl.Float64, "STRING": pl.String}
ACTOR_PARTS = ("CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
               "Type1Code", "Type2Code", "Type3Code")
GEO_PARTS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=2)
def gdelt_columns(table: str) -> dict[str, pl.DataType | type[pl.DataType]]:
    """GDELT's columns of ``table`` (events or mentions), in file order, with Polars types."""
    rows = sorted((r for r in _tsv(COLUMNS_FILE) if r["table"] == table), key=lambda r: int(r["position"]))
    return {r["name"]: DTYPES[r["type"]] for r in rows}


@lru_cache(maxsize=1)
def _codes() -> tuple[frozenset[str], frozenset[str]]:
    types = frozenset(r["code"] for r in _tsv(dictionaries_dir() / "types.tsv"))
    regions = frozenset(r["code"] for r in _tsv(EXPORT_DATA / "cameo_regions.tsv"))
    return types, regions


def split_actor_code(code: str | None, country: str | None, type_code: str | None) -> dict[str, str | None]:
    """A CAMEO actor code cut into GDELT's CountryCode, KnownGroupCode, …, Type3Code.

    ``IGOEUREEC`` → country EUR (a region), group EEC, type IGO; ``PSEINSHMS`` → PSE, HMS, INS.
    Ethnic and religion codes stay empty: the coder does not assign them.
    """
    out: dict[str, str | None] = dict.fromkeys(ACTOR_PARTS)
    if not code:
        return out
    types, regions = _codes()
    kinds: list[str] = [type_code] if type_code else []
    for seg in (code[i:i + 3] for i in range(0, len(code), 3)):
        if seg == country or seg in kinds:
            continue
        if seg in types:
            kinds.append(seg)
        elif seg in regions and country is None and out["CountryCode"] is None:
            out["CountryCode"] = seg
        elif out["KnownGroupCode"] is None:
            out["KnownGroupCode"] = seg
    out["CountryCode"] = country or out["CountryCode"]
    for slot, kind in zip(("Type1Code", "Type2Code", "Type3Code"), kinds):
        out[slot] = kind
    return out


def global_event_id(event_id: pl.Expr) -> pl.Expr:
    """GDELT's integer GLOBALEVENTID from our 32-hex event id: its first 15 hex digits (60 bits),
    so the same event always gets the same number (fits int64; exceeds a double's 2^53)."""
    return event_id.str.slice(0, 15).str.to_integer(base=16).cast(pl.Int64)


def fraction_date(day: pl.Expr) -> pl.Expr:
    """GDELT's FractionDate: YYYY + ((month - 1) * 30 + day) / 365, to 4 places."""
    month, dom = day.dt.month().cast(pl.Int32), day.dt.day().cast(pl.Int32)
    return (day.dt.year().cast(pl.Int32) + ((month - 1) * 30 + dom) / 365).round(4)


def gdelt_timestamp(ts: pl.Expr) -> pl.Expr:
    """A UTC timestamp as GDELT's integer YYYYMMDDHHMMSS."""
    return ts.dt.convert_time_zone("UTC").dt.strftime("%Y%m%d%H%M%S").cast(pl.Int64)


def _actor_columns(events: pl.DataFrame, n: int) -> pl.DataFrame:
    keys = events.select(f"actor{n}_code", f"actor{n}_country_code", f"actor{n}_type_code").rows()
    parts = [split_actor_code(*k) for k in keys]
    return pl.DataFrame({f"Actor{n}{p}": [row[p] for row in parts] for p in ACTOR_PARTS},
                        schema={f"Actor{n}{p}": pl.String for p in ACTOR_PARTS})


def _empty_geo(prefix: str, height: int) -> pl.DataFrame:
    """An actor geography GDELT could not resolve: type 0, every other field empty."""
    cols = {f"{prefix}_{p}": pl.repeat(None, height, dtype=pl.String, eager=True) for p in GEO_PARTS}
    cols[f"{prefix}_Type"] = pl.repeat(0, height, dtype=pl.Int64, eager=True)
    return pl.DataFrame(cols)


def gdelt_events(events: pl.DataFrame) -> pl.DataFrame:
    """The events contract's rows as GDELT 2.0 Events rows (61 columns, GDELT's types)."""
    day = pl.col("event_date")
    head = events.select(
        global_event_id(pl.col("event_id")).alias("GLOBALEVENTID"),
        day.dt.strftime("%Y%m%d").cast(pl.Int64).alias("SQLDATE"),
        day.dt.strftime("%Y%m").cast(pl.Int64).alias("MonthYear"),
        day.dt.year().cast(pl.Int64).alias("Year"),
        fraction_date(day).alias("FractionDate"),
        pl.col("actor1_code").alias("Actor1Code"),
        pl.col("actor1_name").str.to_uppercase().alias("Actor1Name"),
        pl.col("actor2_code").alias("Actor2Code"),
        pl.col("actor2_name").str.to_uppercase().alias("Actor2Name"),
        pl.col("is_root_event").cast(pl.Int64).alias("IsRootEvent"),
        pl.col("event_code").alias("EventCode"),
        pl.col("event_base_code").alias("EventBaseCode"),
        pl.col("event_root_code").alias("EventRootCode"),
        pl.col("quad_class").alias("QuadClass"),
        pl.col("goldstein").alias("GoldsteinScale"),
        pl.col("num_mentions").alias("NumMentions"),
        pl.col("num_sources").alias("NumSources"),
        pl.col("num_articles").alias("NumArticles"),
        pl.col("avg_tone").alias("AvgTone"),
        gdelt_timestamp(pl.col("date_added")).alias("DATEADDED"),
        pl.col("source_url").alias("SOURCEURL"),
    )
    wide = pl.concat([head, _actor_columns(events, 1), _actor_columns(events, 2),
                      _empty_geo("Actor1Geo", events.height), _empty_geo("Actor2Geo", events.height),
                      action_geography(events)], how="horizontal")
    return conform(wide, "events")


MENTION_COLUMNS = ("event_id", "article_id", "run_id", "sentence_index", "actor1_start",
                   "actor2_start", "action_start", "confidence", "mention_source", "mention_url",
                   "mention_doc_tone")


def gdelt_mentions(mentions: pl.DataFrame, events: pl.DataFrame, articles: pl.DataFrame,
                   runs: pl.DataFrame) -> pl.DataFrame:
    """Mentions rows as GDELT 2.0 Mentions rows (16 columns).

    ``events`` gives each event's DATEADDED (EventTimeDate); ``articles`` (article_id, n_chars)
    the document length; ``runs`` (run_id, started_at) when the mention was added
    (MentionTimeDate): the run that coded it.
    """
    added = events.select("event_id", gdelt_timestamp(pl.col("date_added")).alias("EventTimeDate"))
    when = runs.select("run_id", gdelt_timestamp(pl.col("started_at").dt.truncate("1s")).alias("MentionTimeDate"))
    rows = (mentions.select(MENTION_COLUMNS)
            .join(added, on="event_id", how="inner")
            .join(when.unique("run_id"), on="run_id", how="left")
            .join(articles.select("article_id", "n_chars").unique("article_id"), on="article_id", how="left"))
    has_url = pl.col("mention_url").is_not_null()
    wide = rows.select(
        global_event_id(pl.col("event_id")).alias("GLOBALEVENTID"),
        "EventTimeDate",
        pl.col("MentionTimeDate").fill_null(pl.col("EventTimeDate")),
        pl.when(has_url).then(1).otherwise(2).alias("MentionType"),  # 1 WEB, 2 CITATIONONLY
        pl.col("mention_source").alias("MentionSourceName"),
        pl.when(has_url).then(pl.col("mention_url"))
        .otherwise(pl.format("{} article {}", pl.col("mention_source").fill_null("unknown source"),
                             pl.col("article_id"))).alias("MentionIdentifier"),
        (pl.col("sentence_index") + 1).alias("SentenceID"),  # GDELT counts sentences from 1
        pl.col("actor1_start").fill_null(-1).alias("Actor1CharOffset"),
        pl.col("actor2_start").fill_null(-1).alias("Actor2CharOffset"),
        pl.col("action_start").fill_null(-1).alias("ActionCharOffset"),
        pl.lit(1).alias("InRawText"),  # coded from the article text as published
        (pl.col("confidence") * 100).round(0).alias("Confidence"),  # GDELT: percent
        pl.col("n_chars").alias("MentionDocLen"),
        pl.col("mention_doc_tone").alias("MentionDocTone"),
        pl.lit(None, pl.String).alias("MentionDocTranslationInfo"),  # English originals only
        pl.lit(None, pl.String).alias("Extras"),
    )
    return conform(wide, "mentions")


def conform(frame: pl.DataFrame, table: str) -> pl.DataFrame:
    """GDELT's columns in GDELT's order and types; tabs and line breaks in text become spaces."""
    columns = gdelt_columns(table)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"GDELT {table}: columns {missing} not produced")
    out = frame.select(pl.col(c).cast(t, strict=True) for c, t in columns.items())
    text = [c for c, t in columns.items() if t == pl.String]
    return out.with_columns(pl.col(text).str.replace_all(r"[\t\r\n]+", " "))
