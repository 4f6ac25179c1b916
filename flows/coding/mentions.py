"""`code_articles`: the articles frame → the mentions frame (one row per event in a sentence).

Only English articles (language "en" or null) are coded. Negated and hypothetical mentions
(negation, modals, conditionals, hedges, questions) are KEPT here with their flags set and are
excluded from events by `aggregate_events`. A mention's event_date is null when neither the
article nor the sentence gives a date (the mentions contract then quarantines it, with reason).
"""
from __future__ import annotations

from dataclasses import replace

import polars as pl

from flows.errors import CodingError

from .coder import PLACE_CUES, Coder, tag_and_read
from .dictionaries import Dictionaries, load_dictionaries
from .parse import UNTAGGED, entity_spans
from .places import needs_entities
from .schema import mention_schema
from .verbs import Verbs, load_verbs

REQUIRED_COLUMNS = ("article_id", "text")
JUDGED_COLUMNS = ("relevance",)
CHUNK = 200  # articles whose candidate sentences are parsed in one batched pass
OPTIONAL_COLUMNS = ("url", "source", "published_at", "language", "run_id")
__all__ = ["code_articles"]  # and MENTION_COLUMNS, MENTION_SCHEMA (__getattr__)


def __getattr__(name: str):
    if name in ("MENTION_COLUMNS", "MENTION_SCHEMA"):  # read from the contract on first use
        from . import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ArticlesError(CodingError):
    """The articles frame cannot be coded (missing columns, bad record); names the record."""


_CODERS: dict[tuple[int, int], tuple[Dictionaries, Verbs, Coder]] = {}


def _coder(dictionaries: Dictionaries, verbs: Verbs) -> Coder:
    """One compiled Coder per (dictionaries, verbs) object (Dictionaries holds dicts: not hashable)."""
    key = (id(dictionaries), id(verbs))
    cached = _CODERS.get(key)
    if cached is None or cached[0] is not dictionaries or cached[1] is not verbs:
        if len(_CODERS) > 8:
            _CODERS.clear()
        cached = _CODERS[key] = (dictionaries, verbs, Coder(dictionaries, verbs))
    return cached[2]


def _failed(article: dict, exc: Exception, row: int | None = None) -> ArticlesError:
    """The error of coding one article: names the record, keeps the cause."""
    return ArticlesError(f"coding article {article['article_id']!r} (row {article['_row'] if row is None else row}) "
                         f"failed: {exc}")


def _code_chunk(coder: Coder, chunk: pl.DataFrame, hits: dict[str, list]) -> list[dict]:
    """Code a chunk of articles, parsing all their candidate sentences in one batched pass."""
    articles = list(chunk.iter_rows(named=True))
    candidates = []
    for article in articles:
        try:
            candidates.append(coder.candidates(article, hits.get(article["article_id"])))
        except Exception as exc:
            raise _failed(article, exc) from exc
    tagged_all, acts_all = tag_and_read(coder, [(a, c) for a, cs in zip(articles, candidates) for c in cs if c.parse],
                                        _failed)
    # the place names that need the NER, found in one batched pass too; not in a sentence whose event
    # words all lost their part of speech to the tagger (it is coded no further)
    acting = iter([read is None or bool(read.matches) for read in acts_all])
    asked = [[(not c.parse or next(acting)) and needs_entities(c.tokens, a["text"], PLACE_CUES) for c in cs]
             for a, cs in zip(articles, candidates)]
    parsed, read_acts = iter(tagged_all), iter(acts_all)
    entities = iter(entity_spans([a["text"][c.start:c.end] for a, cs, need in zip(articles, candidates, asked)
                                  for c, n in zip(cs, need) if n]))
    rows: list[dict] = []
    for article, found, need in zip(articles, candidates, asked):
        number = article.pop("_row")
        tagged = [next(parsed) if c.parse else UNTAGGED for c in found]
        tagged = [replace(t, entities=tuple(next(entities))) if n else t for t, n in zip(tagged, need)]
        read = [next(read_acts) if c.parse else None for c in found]
        try:
            rows.extend(coder.code_article(article, found, tagged, read, hits.get(article["article_id"])))
        except Exception as exc:
            raise _failed(article, exc, number) from exc
    return rows


def code_articles(articles: pl.DataFrame, dictionaries: Dictionaries | None = None,
                  verbs: Verbs | None = None, hits: dict[str, list] | None = None) -> pl.DataFrame:
    """Code every English article; returns exactly MENTION_COLUMNS with MENTION_SCHEMA dtypes.

    `hits`: actor hits by article_id, found with the same dictionaries (`article_relevance`);
    an article not in it is matched here."""
    missing = [c for c in REQUIRED_COLUMNS if c not in articles.columns]
    if missing:
        raise ArticlesError(f"articles frame lacks column(s) {missing}; has {articles.columns}")
    dictionaries = dictionaries or load_dictionaries()
    verbs = verbs or load_verbs(codebook=frozenset(dictionaries.codebook))
    coder = _coder(dictionaries, verbs)
    frame = articles.select(
        [c for c in REQUIRED_COLUMNS]
        + [pl.col(c) if c in articles.columns else pl.lit(None).alias(c) for c in OPTIONAL_COLUMNS]
        + [c for c in JUDGED_COLUMNS if c in articles.columns])  # judged by the coder when absent
    # only English (or unknown-language) articles with text are coded: filter in Polars, not per row
    frame = frame.with_row_index("_row").filter(
        (pl.col("language").is_null() | (pl.col("language") == "en"))
        & pl.col("text").is_not_null() & (pl.col("text") != ""))
    rows: list[dict] = []
    for chunk in frame.iter_slices(CHUNK):
        rows.extend(_code_chunk(coder, chunk, hits or {}))
    if not rows:
        return pl.DataFrame(schema=mention_schema())
    return pl.DataFrame(rows, schema=mention_schema()).select(list(mention_schema()))
