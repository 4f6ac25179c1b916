"""Allegations: an act of force or coercion reported through "claims" or "alleges" is not stated
as a fact; the report is the speaker's accusation of the act's author (CAMEO 112).

"He claims the UK government is deliberately destroying all evidence" codes 112 (the speaker →
GBRGOV), not 171 GBRGOV → GBR. The alleging verbs are data (syntax.yaml `alleging_verbs`); the
act must sit in the clause the verb governs (the parse), or, unparsed, follow the verb with its
own subject after it.
"""
from __future__ import annotations

from dataclasses import replace

from .matcher import VerbMatch
from .structure import Dyad
from .structure.words import CONFLICT_ROOTS
from .clausetree import clause_governors
from .syntax import Tree, load_rules
from .text import Token

ACCUSATION = "112"


def allegations(dyads: list[Dyad], tokens: list[Token], tree: Tree | None) -> list[Dyad]:
    """The dyads with each alleged act of force replaced by its speaker's accusation (or left
    out when the speaker is no actor: it is still not a fact)."""
    verbs = load_rules()["alleging_verbs"]
    heads = frozenset(i for i, t in enumerate(tokens) if t.lower in verbs)
    if not heads:
        return dyads
    speakers = {d.match.head: d.source for d in dyads if d.match.head in heads}
    out: list[Dyad] = []
    for d in dyads:
        alleged = d.match.head not in heads and d.match.pattern.code[:2] in CONFLICT_ROOTS
        head = _alleged_by(d, heads, tree) if alleged else None
        if head is None:
            out.append(d)
            continue
        speaker = speakers.get(head)
        if speaker is not None and speaker.code == d.source.code:
            out.append(d)  # "Isis claimed it attacked …": its own act, owned
        elif speaker is not None:
            pattern = replace(d.match.pattern, code=ACCUSATION, flags=frozenset(),
                              text=f"{tokens[head].lower} _ {d.match.pattern.text}")
            out.append(Dyad(VerbMatch(head, (head,), pattern), speaker, d.source, False, False, 0,
                            d.inherited, False, "allegation"))
    return out


def _alleged_by(d: Dyad, heads: frozenset[int], tree: Tree | None) -> int | None:
    """The alleging verb whose clause the act is in, if any."""
    if tree is not None:
        return next((g for g in clause_governors(tree, d.match.head) if g in heads), None)
    before = [h for h in heads if h < d.source.start < d.match.head]
    return max(before) if before else None
