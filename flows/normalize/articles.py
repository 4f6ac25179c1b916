"""normalize_articles: raw batches → ``articles`` frames plus rejected rows with reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from flows.normalize.ids import article_ids, content_hashes
from flows.normalize.language import languages
from flows.normalize.published import resolve_published
from flows.normalize.settings import DEFAULT_SETTINGS, NormalizeSettings
from flows.normalize.text import clean_texts
from flows.normalize.urls import canonical_urls, registered_domains
from flows.validate import load_contract

RAW_COLUMNS = (
    "source_file", "source_locator", "source_format", "url", "title", "text", "author",
    "published", "source", "language", "fetched_at", "error", "payload",
)
REJECTED_SCHEMA = pl.Schema(
    {
        "source_file": pl.String,
        "source_locator": pl.String,
        "reasons": pl.List(pl.String),
        "payload": pl.String,
    }
)


@lru_cache(maxsize=1)
def articles_schema() -> pl.Schema:
    """The articles contract's columns and dtypes (schemas/articles.yaml, their single source),
    loaded once, when first needed (not when the module is imported)."""
    return pl.Schema(load_contract("articles").polars_schema())


@dataclass(frozen=True)
class Normalized:
    """What ``normalize_articles`` returns."""

    articles: pl.DataFrame
    rejected: pl.DataFrame


def _check_raw(raw: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in RAW_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"raw batch lacks the column(s) {missing}; expected {list(RAW_COLUMNS)}")
    return raw.select([pl.col(c).cast(pl.String) for c in RAW_COLUMNS])


def _reasons(raw: pl.DataFrame, text: pl.Series, min_chars: int) -> pl.Series:
    """Why each row is rejected (a list of reasons), or null for a good row."""
    frame = pl.DataFrame({"error": raw["error"], "n": text.str.len_chars()})
    reason = (
        pl.when(pl.col("error").is_not_null())
        .then(pl.col("error"))
        .when(pl.col("n").is_null())
        .then(pl.lit("no text"))
        .when(pl.col("n") < min_chars)
        .then(pl.lit(f"text too short (<{min_chars} chars)"))
    )
    return frame.select(pl.concat_list(reason).alias("reasons"))["reasons"].list.drop_nulls()


def _rejected(raw: pl.DataFrame, reasons: pl.Series, max_chars: int) -> pl.DataFrame:
    fields = [c for c in RAW_COLUMNS if c != "payload"]
    payload = pl.coalesce(pl.col("payload"), pl.struct(fields).struct.json_encode())
    return (
        raw.with_columns(reasons=reasons)
        .filter(pl.col("reasons").list.len() > 0)
        .select(
            "source_file",
            "source_locator",
            "reasons",
            payload.str.slice(0, max_chars).alias("payload"),
        )
        .cast(dict(REJECTED_SCHEMA))
    )


def _articles(
    raw: pl.DataFrame, text: pl.Series, run_id: str, s: NormalizeSettings, now: dt.datetime | None
) -> pl.DataFrame:
    url = canonical_urls(raw["url"])
    given_source = clean_texts(raw["source"], single_line=True)
    source = given_source.fill_null(registered_domains(url))
    dates = resolve_published(raw, text, s, now)
    language = languages(
        raw["language"], text, sample_chars=s.language_sample_chars,
        min_confidence=s.language_min_confidence,
    )
    frame = pl.DataFrame(
        {
            "article_id": article_ids(url, text),
            "url": url,
            "source": source,
            "title": clean_texts(raw["title"], single_line=True),
            "text": text,
            "published_at": dates["published_at"],
            "date_source": dates["date_source"],
            "language": language,
            "n_chars": text.str.len_chars(),
            "content_hash": content_hashes(text),
            "author": clean_texts(raw["author"], single_line=True),
            "source_format": raw["source_format"],
            "source_file": raw["source_file"],
            "source_locator": raw["source_locator"],
            "run_id": pl.Series([run_id] * len(raw), dtype=pl.String),
        }
    )
    # judged by the coder before the articles are published (flows/coding/relevance.py)
    frame = frame.with_columns(relevance=pl.lit(None, dtype=pl.String))
    schema = articles_schema()
    return frame.cast(dict(schema)).select(schema.names())


def normalize_articles(
    raw: pl.DataFrame,
    run_id: str,
    *,
    settings: NormalizeSettings = DEFAULT_SETTINGS,
    now: dt.datetime | None = None,
) -> Normalized:
    """Clean a raw batch into ``articles``; error rows and rows without usable text go to
    ``rejected`` with their reasons. ``now`` bounds plausible dates (default: the clock).
    """
    raw = _check_raw(raw)
    text = clean_texts(raw["text"])
    reasons = _reasons(raw, text, settings.min_text_chars)
    rejected = _rejected(raw, reasons, settings.payload_max_chars)
    good = reasons.list.len() == 0
    # rechunked: a filtered string column with an empty chunk makes Polars' str.extract_groups panic
    articles = _articles(raw.filter(good).rechunk(), text.filter(good).rechunk(), run_id, settings, now)
    return Normalized(articles=articles, rejected=rejected)
