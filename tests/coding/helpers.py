"""Helpers shared by the coder tests: an articles frame from texts, and the events coded in a text."""
from __future__ import annotations

from datetime import datetime, timezone

import polars as pl

from flows.coding.mentions import code_articles


def articles(*texts: str, published: datetime | None = datetime(2025, 2, 13, 12, tzinfo=timezone.utc),
             language: str | None = "en") -> pl.DataFrame:
    """An articles frame with one article per text (ids a0…, source example.com)."""
    n = len(texts)
    return pl.DataFrame({
        "article_id": [f"{i:032x}" for i in range(n)], "url": [f"https://example.com/{i}" for i in range(n)],
        "source": ["example.com"] * n, "title": ["t"] * n, "text": list(texts),
        "published_at": [published] * n, "language": [language] * n, "run_id": ["run-1"] * n,
    }, schema_overrides={"published_at": pl.Datetime("us", "UTC")})


def coded(dictionaries, verbs, text, published=None) -> set[tuple]:
    """(actor1, actor2, event code) of the asserted (not negated, not hypothetical) events in text."""
    frame = articles(text) if published is None else articles(text, published=published)
    m = code_articles(frame, dictionaries, verbs)
    return {(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in m.iter_rows(named=True)
            if not r["negated"] and not r["hypothetical"]}
