"""Column names and Polars dtypes of the mentions and events datasets (see schemas/).

The contracts in schemas/ are the single source of the columns and their dtypes; they are read
when first asked for (``mention_schema()``, or the names below), not when this is imported.
"""
from __future__ import annotations

from functools import lru_cache

from flows.ids import stable_id
from flows.validate import load_contract

__all__ = ["event_schema", "mention_schema", "stable_id"]  # and the four names of __getattr__


@lru_cache(maxsize=1)
def mention_schema() -> dict:
    return dict(load_contract("mentions").polars_schema())


@lru_cache(maxsize=1)
def event_schema() -> dict:
    return dict(load_contract("events").polars_schema())


def __getattr__(name: str):
    """MENTION_SCHEMA, MENTION_COLUMNS, EVENT_SCHEMA, EVENT_COLUMNS, loaded on first use."""
    if name in ("MENTION_SCHEMA", "EVENT_SCHEMA"):
        return (mention_schema if name == "MENTION_SCHEMA" else event_schema)()
    if name in ("MENTION_COLUMNS", "EVENT_COLUMNS"):
        return tuple((mention_schema if name == "MENTION_COLUMNS" else event_schema)())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
