"""The event coder: articles → CAMEO-coded mentions → events (plain functions over Polars frames).

    code_articles(articles, dictionaries=None, verbs=None) -> mentions   (flows.coding.mentions)
    aggregate_events(mentions, date_added) -> events                      (flows.coding.events)

Imports are lazy so that `flows.coding.dictionaries` stays light to import on its own.
"""
from __future__ import annotations

__all__ = ["EVENT_COLUMNS", "MENTION_COLUMNS", "aggregate_events", "code_articles"]


def __getattr__(name: str):
    if name in ("code_articles", "MENTION_COLUMNS"):
        from . import mentions

        return getattr(mentions, name)
    if name == "aggregate_events":
        from .events import aggregate_events

        return aggregate_events
    if name == "EVENT_COLUMNS":
        from .schema import EVENT_COLUMNS

        return EVENT_COLUMNS
    raise AttributeError(f"module 'flows.coding' has no attribute {name!r}")
