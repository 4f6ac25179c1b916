"""Attribution clauses: who reports the news is not a party to the event.

"…, officials said Thursday."  ", said the spokesman."  "…, according to a UN report."
In wire copy these clauses name the source of the story. Their actors must not become the
target of the main clause ("Jordan and Britain agreed …, a Jordanian official said" is not an
agreement with Jordan) and their reporting verb is not an event of its own. A reporting verb
that heads the sentence ("Uganda said it had paid …") is not an attribution clause.
"""
from __future__ import annotations

from .matcher import VerbMatch
from .text import Token
from .wordlists import word_set

MAX_TAIL = 8       # tokens allowed after the reporting verb ("in a statement on Tuesday")
TAIL_BREAKS = word_set("attribution_tail_breaks")


def attribution_tokens(tokens: list[Token], matches: list[VerbMatch]) -> frozenset[int]:
    """Token indexes inside attribution clauses (trailing "…, X said" and "according to X")."""
    dropped: set[int] = set()
    for match in matches:
        if "say" not in match.pattern.flags:
            continue
        start = _trailing_clause(tokens, match)
        if start is not None:
            dropped.update(range(start, len(tokens)))
    for i, token in enumerate(tokens[:-1]):
        if token.lower == "according" and tokens[i + 1].lower == "to":
            end = next((j for j in range(i + 2, len(tokens)) if tokens[j].lower in (",", ";")), len(tokens))
            start = i - 1 if i > 0 and tokens[i - 1].lower == "," else i
            dropped.update(range(start, end))
    return frozenset(dropped)


def _trailing_clause(tokens: list[Token], match: VerbMatch) -> int | None:
    """Where the clause reporting the sentence starts, when `match` heads one; else None."""
    head = match.head
    tail = [t.lower for t in tokens[match.end:]]
    words = [w for w in tail if w.isalnum()]
    if len(words) > MAX_TAIL or any(w in TAIL_BREAKS for w in tail):
        return None
    if head > 0 and tokens[head - 1].lower == ",":          # ", said the spokesman."
        return head - 1 if head > 3 else None
    for j in range(head - 1, 0, -1):                         # ", a military spokesman said."
        if tokens[j].lower == ",":
            return j if j > 2 else None
        if tokens[j].lower in ('"', "”", "'", "''"):
            return j + 1 if j > 2 else None
    return None
