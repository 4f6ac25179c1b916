"""normalize: raw batches → articles (clean text, canonical URL, ids, dates, language), dedup."""

from flows.normalize.articles import (
    articles_schema,
    REJECTED_SCHEMA,
    Normalized,
    normalize_articles,
)
from flows.normalize.dedup import Deduplicator
from flows.normalize.settings import DEFAULT_SETTINGS, NormalizeSettings

__all__ = [
    "articles_schema",
    "DEFAULT_SETTINGS",
    "REJECTED_SCHEMA",
    "Deduplicator",
    "NormalizeSettings",
    "Normalized",
    "normalize_articles",
]
