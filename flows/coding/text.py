"""Sentence splitting and tokenization with character offsets into the article text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from .wordlists import word_set

ABBREVIATIONS = word_set("abbreviations")
# A candidate sentence end: terminal punctuation (optionally closing quotes/brackets), then space.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[\"'“‘(\[]?[A-Z])")
TOKEN = re.compile(
    r"[A-Za-z]+(?![\w.'’])"        # a plain word, which no rule below would split (a fast path)
    r"|(?:[A-Za-z]\.){2,}"         # U.S. U.N. a.m.
    r"|\w+(?=n['’]t\b)|n['’]t\b"   # did n't
    r"|['’]s\b"                    # possessive 's
    r"|\d+(?:[.,]\d+)+"             # 5.1 1,000 (a decimal point is not a sentence barrier)
    r"|\w+"
    r"|[^\w\s]"
)


# Not frozen: a sentence has dozens of tokens, and a frozen dataclass's __init__ costs about four
# times as much. Tokens are never changed after `tokenize` builds them.
@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) character offsets into `text`, whitespace trimmed, none empty."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if match.group(0).startswith(".") and _ends_with_abbreviation(text, start, match.start()):
            continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    word_start = dot
    while word_start > start and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    # single capital initials ("J. Smith") and known abbreviations do not end a sentence
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with offsets into the whole text."""
    end = len(text) if end is None else end
    tokens = []
    for m in TOKEN.finditer(text, start, end):
        word = m.group()
        tokens.append(Token(m.start(), m.end(), word, word.lower()))
    return tokens
