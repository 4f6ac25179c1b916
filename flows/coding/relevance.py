"""Relevance: is an article about politics, conflict, diplomacy, protest or crime by the state?

Decided from the actors the dictionaries find in it (rules in data/dictionaries/relevance.yaml):
an article is "political" when it names political actors (government, military, police,
judiciary, rebels, parties, international organisations, armed groups …; not countries, which
travel and sport pages name as often, nor civilians, businesses, schools or media) at least
`min_hits` times and at least `min_per_1000_words` times per 1,000 words; otherwise "other",
and the coder codes no events in it. A text shorter than `min_words` words, or not in English,
is not judged (null) and is coded.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl
import yaml

from flows.errors import CodingError
from flows.resources import dictionaries_dir

from .actors import ActorMatcher, matcher_for
from .dictionaries import Dictionaries, load_dictionaries

DEFAULT_RULES = dictionaries_dir() / "relevance.yaml"
POLITICAL, OTHER = "political", "other"
KEYS = ("political_types", "min_hits", "min_per_1000_words", "min_words")


class RelevanceError(CodingError):
    """The relevance rules file is malformed; the message names the file."""


@dataclass(frozen=True)
class Rules:
    political_types: frozenset[str]
    min_hits: int
    min_per_1000_words: float
    min_words: int


@lru_cache(maxsize=4)
def load_rules(path: str | Path = DEFAULT_RULES) -> Rules:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RelevanceError(f"{path}: cannot read the relevance rules ({exc})") from exc
    if not isinstance(data, dict) or set(data) != set(KEYS):
        raise RelevanceError(f"{path}: expected exactly the keys {list(KEYS)}, got {list(data or {})}")
    types = data["political_types"]
    if not isinstance(types, list) or not all(isinstance(t, str) and len(t) == 3 for t in types):
        raise RelevanceError(f"{path}: political_types must be a list of 3-letter CAMEO type codes")
    numbers = [data[k] for k in KEYS[1:]]
    if not all(isinstance(n, (int, float)) and n >= 0 for n in numbers):
        raise RelevanceError(f"{path}: {KEYS[1:]} must be numbers >= 0, got {numbers}")
    return Rules(frozenset(types), int(data["min_hits"]), float(data["min_per_1000_words"]), int(data["min_words"]))


def political_hits(matcher: ActorMatcher, text: str, types: frozenset[str], hits=None) -> int:
    """How many of the text's actor hits are political actors (countries not counted)."""
    count = 0
    for hit in hits if hits is not None else matcher.find(text):
        if hit.actors:
            entry = hit.actors[0]
            count += entry.kind == "group" or (entry.kind != "country" and entry.type_code in types)
        elif hit.agent is not None:
            count += hit.agent.type_code in types
    return count


def judge(matcher: ActorMatcher, text: str | None, rules: Rules, hits=None) -> str | None:
    """"political", "other", or None for a text too short to judge."""
    words = len(text.split()) if text else 0
    if text is None or words < rules.min_words:
        return None
    n = political_hits(matcher, text, rules.political_types, hits)
    return POLITICAL if n >= rules.min_hits and 1000 * n / words >= rules.min_per_1000_words else OTHER


def article_relevance(articles: pl.DataFrame, dictionaries: Dictionaries | None = None,
                      hits: dict[str, list] | None = None) -> pl.Series:
    """The `relevance` column of an articles frame (null for texts not in English or too short).

    With `hits`, the actor matcher's hits of each judged article are kept there by article_id,
    for the coder (`code_articles(..., hits=)`), so that the matcher runs once per article."""
    matcher = matcher_for(dictionaries or load_dictionaries())
    rules = load_rules()
    language = articles["language"] if "language" in articles.columns else pl.Series([None] * articles.height)
    ids = articles["article_id"] if hits is not None and "article_id" in articles.columns else None
    values: list[str | None] = []
    for n, (text, lang) in enumerate(zip(articles["text"], language)):
        if lang not in (None, "en") or not text:
            values.append(None)
            continue
        found = matcher.find(text)
        if ids is not None and hits is not None:
            hits[ids[n]] = found
        values.append(judge(matcher, text, rules, found))
    return pl.Series("relevance", values, dtype=pl.String)
