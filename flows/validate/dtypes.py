"""Contract type strings -> Arrow types.

Grammar: ``string | int32 | int64 | float64 | bool | date | timestamp | list<T> |
struct<name:T,...>``. Timestamps are microseconds in UTC.
"""

from __future__ import annotations

import pyarrow as pa

SCALARS: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
}
NUMERIC = {"int32", "int64", "float64"}


def parse_type(text: str) -> pa.DataType:
    """Parse a contract type string; raise ValueError saying what is wrong."""
    text = text.strip()
    if text in SCALARS:
        return SCALARS[text]
    if text.startswith("list<") and text.endswith(">"):
        return pa.list_(parse_type(text[5:-1]))
    if text.startswith("struct<") and text.endswith(">"):
        fields = []
        for part in _split_top_level(text[7:-1]):
            name, sep, sub = part.partition(":")
            if not sep or not name.strip().isidentifier():
                raise ValueError(f"struct field {part!r} is not 'name:type'")
            fields.append(pa.field(name.strip(), parse_type(sub)))
        if not fields:
            raise ValueError("struct<> has no fields")
        return pa.struct(fields)
    raise ValueError(
        f"unknown type {text!r} (expected one of {sorted(SCALARS)}, list<...>, struct<...>)"
    )


def _split_top_level(text: str) -> list[str]:
    """Split on commas that are not nested inside <...>."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
            if depth < 0:
                raise ValueError(f"unbalanced '>' in {text!r}")
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    if depth != 0:
        raise ValueError(f"unbalanced '<' in {text!r}")
    parts.append(text[start:])
    return [p for p in (s.strip() for s in parts) if p]
