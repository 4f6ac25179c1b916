"""The coder's word lists and code sets, read from data/dictionaries/words.yaml.

One name per concept ("clause_breaks", "passive_auxiliaries", "intent_roots"); the rules'
modules ask for them by name when they are imported. The file is validated when it is first
read, and a malformed entry names the file and the entry:
- an entry is a list of strings, or ``{include: [entries], add: [strings]}`` (the union);
- words are lowercase (as the tokenizer's ``Token.lower``); ``*_roots`` are two-digit CAMEO
  roots, ``*_codes`` three-digit CAMEO codes, ``*_types`` and ``*_labels`` upper-case names;
- a list holds no value twice.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from flows.resources import dictionaries_dir

WORDS_FILE = dictionaries_dir() / "words.yaml"
SHAPES = (  # (name suffix, pattern every value must match, what it must be)
    ("_roots", re.compile(r"\d\d"), "two-digit CAMEO roots"),
    ("_codes", re.compile(r"\d{3,4}"), "CAMEO event codes"),
    ("_types", re.compile(r"[A-Z]{3}"), "three-letter CAMEO type codes"),
    ("_labels", re.compile(r"[A-Z_]+"), "upper-case labels"),
)
LOWERCASE = (re.compile(r"[^A-Z]+"), "lowercase words")


class WordListError(ValueError):
    """The word-list file is malformed; the message names the file and the entry."""


def _shape(name: str) -> tuple[re.Pattern[str], str]:
    return next(((p, what) for suffix, p, what in SHAPES if name.endswith(suffix)), LOWERCASE)


def _values(path: Path, name: str, entry: Any) -> list[str]:
    if not isinstance(entry, list) or not entry or not all(isinstance(v, str) and v for v in entry):
        raise WordListError(f"{path}: {name}: expected a non-empty list of strings, got {entry!r}")
    pattern, what = _shape(name)
    bad = [v for v in entry if not pattern.fullmatch(v)]
    if bad:
        raise WordListError(f"{path}: {name}: must hold {what}, got {bad}")
    twice = sorted({v for v in entry if entry.count(v) > 1})
    if twice:
        raise WordListError(f"{path}: {name}: listed twice: {twice}")
    return entry


def _resolve(path: Path, data: dict, name: str, seen: tuple[str, ...] = ()) -> list[str]:
    if name in seen:
        raise WordListError(f"{path}: {name}: includes itself ({' → '.join((*seen, name))})")
    if name not in data:
        raise WordListError(f"{path}: no entry {name!r}" + (f" (included by {seen[-1]})" if seen else ""))
    entry = data[name]
    if not isinstance(entry, dict):
        return _values(path, name, entry)
    if set(entry) - {"include", "add"} or not isinstance(entry.get("include"), list):
        raise WordListError(f"{path}: {name}: expected {{include: [entries], add: [values]}}, got {entry!r}")
    values = [v for other in entry["include"] for v in _resolve(path, data, other, (*seen, name))]
    extra = _values(path, name, entry["add"]) if entry.get("add") else []
    return values + [v for v in extra if v not in values]


@lru_cache(maxsize=4)
def load_word_lists(path: str | Path = WORDS_FILE) -> dict[str, tuple[str, ...]]:
    """Every entry of the file, resolved, in the file's order."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WordListError(f"{path}: cannot read the word lists ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise WordListError(f"{path}: expected a mapping of names to lists")
    return {name: tuple(dict.fromkeys(_resolve(path, data, name))) for name in data}


def word_list(name: str) -> tuple[str, ...]:
    """An entry in the file's order (for prefixes and suffixes tried in turn)."""
    lists = load_word_lists()
    if name not in lists:
        raise WordListError(f"{WORDS_FILE}: no entry {name!r}")
    return lists[name]


def word_set(name: str) -> frozenset[str]:
    """An entry as a set (membership tests)."""
    return frozenset(word_list(name))
