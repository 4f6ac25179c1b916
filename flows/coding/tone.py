"""Article tone, GDELT-like: (positive words − negative words) / words × 100.

Word polarity comes from the VADER lexicon shipped in the vaderSentiment package (MIT), read
from the installed package (no download). A word counts as positive (negative) when its mean
valence is ≥ +0.5 (≤ −0.5).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
THRESHOLD = 0.5


@lru_cache(maxsize=1)
def polarity() -> dict[str, int]:
    """word → +1 / −1 from the VADER lexicon."""
    lexicon = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for line in lexicon.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not WORD.fullmatch(parts[0]):
            continue
        value = float(parts[1])
        if abs(value) >= THRESHOLD:
            table[parts[0]] = 1 if value > 0 else -1
    return table


def document_tone(text: str | None) -> float | None:
    """Tone in [-100, 100]; None for empty text."""
    words = WORD.findall((text or "").lower())
    if not words:
        return None
    table = polarity()
    score = sum(table.get(w, 0) * n for w, n in Counter(words).items())  # each distinct word once
    return max(-100.0, min(100.0, 100.0 * score / len(words)))
