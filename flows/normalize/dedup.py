"""Dropping articles already seen: by id (same canonical URL) or by content hash."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl


class Deduplicator:
    """Keeps the first article per ``article_id`` and per ``content_hash`` across a run.

    Start it from what the lake already holds (``seen_ids``, ``seen_hashes``); every call
    to ``filter`` remembers the rows it kept, so later batches drop repeats of them.
    """

    def __init__(
        self, seen_ids: Iterable[str] | None = None, seen_hashes: Iterable[str] | None = None
    ) -> None:
        self.seen_ids: set[str] = set(seen_ids or ())
        self.seen_hashes: set[str] = set(seen_hashes or ())

    def filter(self, articles: pl.DataFrame) -> tuple[pl.DataFrame, int]:
        """Rows of ``articles`` not seen before (the first of repeats), and how many dropped."""
        keep = []
        for article_id, content_hash in zip(
            articles["article_id"].to_list(), articles["content_hash"].to_list()
        ):
            new = article_id not in self.seen_ids and content_hash not in self.seen_hashes
            if new:
                self.seen_ids.add(article_id)
                self.seen_hashes.add(content_hash)
            keep.append(new)
        mask = pl.Series(keep, dtype=pl.Boolean)
        unique = articles.filter(mask) if len(articles) else articles
        return unique, len(articles) - len(unique)
