"""Per-record failures inside a batch stage stay with the records that caused them.

Normalizing and coding work on whole batches. When a library fails on a batch (a Polars
panic — a BaseException —, RecursionError, a bug met by one odd record), the batch is split
in halves and each half retried, down to single records: the record that still fails is
quarantined with the error as its reason and every other record goes on as usual.
"""

from __future__ import annotations

import logging

import polars as pl

from flows.coding import code_articles
from flows.coding.mentions import ArticlesError
from flows.ingest.errors import contained
from flows.normalize import normalize_articles
from flows.normalize.articles import REJECTED_SCHEMA, Normalized
from flows.normalize.settings import DEFAULT_SETTINGS, NormalizeSettings

log = logging.getLogger(__name__)


def failure_reason(stage: str, exc: BaseException) -> str:
    """``<stage> failed on this record: <exception type>: <message>``; for an error the coder
    wrapped to name the article (``ArticlesError``), the type and message of its cause."""
    if isinstance(exc, ArticlesError) and exc.__cause__ is not None:
        exc = exc.__cause__
    detail = " ".join(str(exc).split())[:300] or "no detail"
    return f"{stage} failed on this record: {type(exc).__name__}: {detail}"


def normalize_contained(raw: pl.DataFrame, run_id: str,
                        settings: NormalizeSettings = DEFAULT_SETTINGS) -> Normalized:
    """`normalize_articles`, with a failing record rejected instead of failing the batch."""
    try:
        return normalize_articles(raw, run_id, settings=settings)
    except BaseException as exc:
        if not contained(exc):
            raise
        if raw.height <= 1:
            log.warning("normalize failed on %s %s, quarantined: %s", raw["source_file"].to_list(),
                        raw["source_locator"].to_list(), failure_reason("normalize", exc))
            return Normalized(articles=normalize_articles(raw.clear(), run_id, settings=settings).articles,
                              rejected=_rejected(raw, failure_reason("normalize", exc)))
    half = raw.height // 2
    parts = [normalize_contained(raw.slice(0, half), run_id, settings),
             normalize_contained(raw.slice(half), run_id, settings)]
    return Normalized(articles=pl.concat([p.articles for p in parts], how="vertical_relaxed"),
                      rejected=pl.concat([p.rejected for p in parts], how="vertical_relaxed"))


def _rejected(raw: pl.DataFrame, reason: str) -> pl.DataFrame:
    payload = raw.select(pl.struct(pl.all()).struct.json_encode().str.slice(0, 4096))
    return pl.DataFrame(
        {"source_file": raw["source_file"], "source_locator": raw["source_locator"],
         "reasons": [[reason]] * raw.height, "payload": payload.to_series()},
        schema=REJECTED_SCHEMA,
    )


def code_contained(articles: pl.DataFrame, hits: dict[str, list] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, failures): `code_articles`, with each article it fails on set apart.

    `failures` has the quarantine shape (source_file, source_locator, reasons, payload) with
    the article as source ("article:<id>").
    """
    try:
        return code_articles(articles, hits=hits), _no_failures()
    except BaseException as exc:
        if not contained(exc):
            raise
        if articles.height <= 1:
            log.warning("event coding failed on article %s, quarantined: %s",
                        articles["article_id"].to_list(), failure_reason("event coding", exc))
            return code_articles(articles.clear()), _coding_failure(articles, exc)
    half = articles.height // 2
    first, second = code_contained(articles.slice(0, half), hits), code_contained(articles.slice(half), hits)
    return (pl.concat([first[0], second[0]], how="vertical_relaxed"),
            pl.concat([first[1], second[1]], how="vertical_relaxed"))


def _no_failures() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECTED_SCHEMA)


def _coding_failure(article: pl.DataFrame, exc: BaseException) -> pl.DataFrame:
    return pl.DataFrame(
        {"source_file": article["source_file"],
         "source_locator": ("article:" + article["article_id"]).alias("source_locator"),
         "reasons": [[failure_reason("event coding", exc)]] * article.height,
         "payload": article["url"].fill_null(article["title"])},
        schema=REJECTED_SCHEMA,
    )
