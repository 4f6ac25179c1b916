"""One main event per clause: events of subordinate clauses yield to the main verb's.

PETRARCH and TABARI code the main verb phrase of a sentence; what hangs off it (a participle,
an infinitive of purpose, a relative clause, an event noun in its object) is background.
Among a sentence's events, the main one is the first verbal event outside a ", which/who …,"
clause. Another event is kept when it stands on its own:

- an event before the main verb (an event noun in the subject: "Russia's invasion of Ukraine
  prompted sanctions") is kept;
- a later verb coordinated with the main one ("kidnapped advisers and exploded bombs") is kept;
- a later verb with its own explicit source after the main verb ("… as authorities in Croatia
  cracked down …") is kept;
- a later verb whose source is the main verb's subject ("agreed to postpone …", "upgraded
  ties back up", "… in Montenegro where people were killed in riots") is dropped, as is an
  event noun after the main verb ("rejected North Korea's demand to …": the demand is what
  was rejected, not an event of this sentence).
"""
from __future__ import annotations

from .structure import Dyad
from .text import Token
from .wordlists import word_set

COORDINATING = word_set("coordinating_conjunctions")
CLAUSE_OPENERS = word_set("clause_openers")
VERB_PREFIX = word_set("verb_prefix")


def main_events(dyads: list[Dyad], tokens: list[Token]) -> list[Dyad]:
    """The dyads of the sentence's main event and of events standing on their own."""
    relative = relative_clause_tokens(tokens)
    verbal = [d.match.head for d in dyads
              if not d.nominal and "say" not in d.match.pattern.flags and d.match.head not in relative]
    if not verbal:
        return dyads
    main = min(verbal)
    return [d for d in dyads if _stands(d, main, tokens, relative)]


def _stands(d: Dyad, main: int, tokens: list[Token], relative: frozenset[int]) -> bool:
    head = d.match.head
    if head == main or (head < main and head not in relative):
        return True
    if d.nominal or head in relative:
        return False
    if _coordinated(tokens, head):
        return True
    # its own subject, in a new clause after the main verb ("…, as authorities in Croatia cracked down")
    return d.source.start > main and any(t.lower in CLAUSE_OPENERS for t in tokens[main + 1:d.source.start])


def _coordinated(tokens: list[Token], head: int) -> bool:
    j = head - 1
    while j >= 0 and tokens[j].lower in VERB_PREFIX:
        j -= 1
    return j >= 0 and tokens[j].lower in COORDINATING


def relative_clause_tokens(tokens: list[Token]) -> frozenset[int]:
    """Token indexes inside non-restrictive relative clauses (", which/who … ," or to the end)."""
    inside: set[int] = set()
    for i in range(1, len(tokens)):
        if tokens[i].lower in ("which", "who", "whom", "whose") and tokens[i - 1].lower == ",":
            j = i + 1
            while j < len(tokens) and tokens[j].lower not in (",", ";"):
                j += 1
            inside.update(range(i, j))
    return frozenset(inside)
