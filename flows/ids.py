"""Deterministic ids: blake2b with a 16-byte digest, as 32 hex characters."""

from __future__ import annotations

import hashlib


def blake2b_16(value: str) -> str:
    """32 hex characters of blake2b(digest_size=16) over the UTF-8 of ``value``."""
    return hashlib.blake2b(value.encode("utf-8"), digest_size=16).hexdigest()


def stable_id(*parts: object) -> str:
    """The id of several parts (None counts as empty), joined by a unit separator."""
    return blake2b_16("\x1f".join("" if p is None else str(p) for p in parts))
