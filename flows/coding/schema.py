"""Column names and Polars dtypes of the mentions and events datasets (see schemas/)."""
from __future__ import annotations

from flows.ids import stable_id
from flows.validate import load_contract

# the contracts in schemas/ are the single source of the columns and their dtypes
MENTION_SCHEMA = dict(load_contract("mentions").polars_schema())
MENTION_COLUMNS: tuple[str, ...] = tuple(MENTION_SCHEMA)
EVENT_SCHEMA = dict(load_contract("events").polars_schema())
EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA)

__all__ = ["EVENT_COLUMNS", "EVENT_SCHEMA", "MENTION_COLUMNS", "MENTION_SCHEMA", "stable_id"]
