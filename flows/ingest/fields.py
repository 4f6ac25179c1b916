"""Field-name mapping (data in fields.yaml) from dump records to raw columns."""

from __future__ import annotations

from functools import lru_cache

import orjson
import yaml

from flows.resources import resource_path

MAPPING_FILE = resource_path("ingest", "fields.yaml")


@lru_cache(maxsize=1)
def field_aliases() -> dict[str, tuple[str, ...]]:
    """Raw column → field names to try, in order, as loaded from fields.yaml."""
    with MAPPING_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {column: tuple(str(name) for name in names) for column, names in data.items()}


def as_text(value: object) -> str | None:
    """A record value as a string: lists joined with '; ', objects as JSON."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        parts = [as_text(v) for v in value]
        return "; ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return orjson.dumps(value, default=str).decode()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def map_record(record: dict) -> dict:
    """Map one dump record (a dict) onto the raw columns it has."""
    row = {}
    lowered = None
    for column, names in field_aliases().items():
        value = None
        for name in names:
            value = record.get(name)
            if value is not None and value != "":
                break
        if value is None or value == "":
            if lowered is None:
                lowered = {str(k).lower(): v for k, v in record.items()}
            value = _first_present(lowered, names)
        text = as_text(value)
        if text is not None:
            row[column] = text
    return row


def _first_present(lowered: dict, names: tuple[str, ...]):
    for name in names:
        value = lowered.get(name.lower())
        if value is not None and value != "":
            return value
    return None


def resolve_columns(header: list[str]) -> dict[str, int]:
    """Raw column → index of the first matching header name (case-insensitive)."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(str(name).strip().lower(), index)
    resolved = {}
    for column, names in field_aliases().items():
        for name in names:
            if name.lower() in positions:
                resolved[column] = positions[name.lower()]
                break
    return resolved
