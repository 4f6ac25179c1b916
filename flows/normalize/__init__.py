"""normalize: raw batches → articles (clean text, canonical URL, ids, dates, language), dedup."""

from flows.normalize.articles import (
    ARTICLES_SCHEMA,
    REJECTED_SCHEMA,
    Normalized,
    normalize_articles,
)
from flows.normalize.dedup import Deduplicator
from flows.normalize.settings import DEFAULT_SETTINGS, NormalizeSettings

__all__ = [
    "ARTICLES_SCHEMA",
    "DEFAULT_SETTINGS",
    "REJECTED_SCHEMA",
    "Deduplicator",
    "NormalizeSettings",
    "Normalized",
    "normalize_articles",
]
