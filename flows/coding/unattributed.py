"""Violence with no named perpetrator: the country where it happened is the source.

"Three US servicemen were killed by an improvised explosive device outside Basra" and "a roadside
bombing near Samarra killed one U.S. soldier" name a victim and a place but no actor that did
it. As in the CAMEO practice of the PLOVER gold, the place's country stands for the unnamed
perpetrator (IRQ -> USA). Only material acts of force (roots 18-20) are coded this way, and only
when the sentence gives no source for them; a bombing or explosive device makes the act a
bombing (183) rather than conventional force.
"""
from __future__ import annotations

from dataclasses import replace

from .actors import Actor
from .inherit import place_actor
from .matcher import VerbMatch
from .places import located_places
from .structure import BE_FORMS, CLAUSE_BREAKS, Dyad, group_actors
from .syntax import load_rules
from .text import Token
from .wordlists import word_set

FORCE_ROOTS = word_set("force_roots")
PLACE_PREPOSITIONS = word_set("unattributed_place_prepositions")
BOMBING_CODE = "183"
BOMB_WORDS = word_set("bomb_words")


def unattributed_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch],
                       dyads: list[Dyad], text: str, participles: frozenset[str],
                       located: list | None = None) -> list[Dyad]:
    """Dyads (place country -> victim) for acts of force no source was found for. `located`:
    the sentence's `located_places` when the caller has them already."""
    resolved = {d.match.head for d in dyads}
    pending = [m for m in matches if m.head not in resolved and m.pattern.pos == "V"
               and m.pattern.code[:2] in FORCE_ROOTS and "sym" not in m.pattern.flags]
    if not pending:
        return []
    if located is None:
        located = list(located_places(tokens, actors, text, PLACE_PREPOSITIONS))
    places = [(i, j, p) for k, i, j, p in located if tokens[k].lower in PLACE_PREPOSITIONS and p.country_code]
    if not places:
        return []
    groups = group_actors(actors, tokens)
    bombing = any(t.lower in BOMB_WORDS for t in tokens)
    out: list[Dyad] = []
    for match in pending:
        victims = _victims(tokens, groups, match, participles)
        if not victims:
            continue
        source = place_actor(places[0], tokens)
        if bombing:
            match = replace(match, pattern=replace(match.pattern, code=BOMBING_CODE))
        out.extend(Dyad(match, source, v, False, False, 0, True, len(victims) > 1) for v in victims
                   if v.code != source.code or v.kind == "agent")
    return out


def _victims(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch,
             participles: frozenset[str]) -> list[Actor] | None:
    """The subject of an agentless passive, or the object of an act with no actor before it."""
    head = match.head
    before = _subject(tokens, groups, head)
    passive = tokens[head].lower in participles and any(
        t.lower in BE_FORMS for t in tokens[max(0, head - 3):head])
    if passive:
        return before
    if before:  # an actor before the verb that was not taken as its source: leave it alone
        return None
    instruments = load_rules()["instrument_prepositions"]
    for j in range(match.end, len(tokens)):
        if tokens[j].lower in CLAUSE_BREAKS:
            return None
        for group in groups:
            if group[0].start == j:
                # "killed in a US airstrike", "wounded by Russian shelling": how, not whom
                return None if _opener(tokens, j) in instruments else group
    return None


def _opener(tokens: list[Token], j: int) -> str:
    """The word before the noun phrase starting at `j`, past its article."""
    k = j - 1
    while k > 0 and tokens[k].lower in load_rules()["determiners"]:
        k -= 1
    return tokens[k].lower if k >= 0 else ""


def _subject(tokens: list[Token], groups: list[list[Actor]], head: int) -> list[Actor] | None:
    for j in range(head - 1, -1, -1):
        if tokens[j].lower in CLAUSE_BREAKS or tokens[j].lower == ",":
            return None
        for group in groups:
            if group[0].start <= j < group[-1].end:
                return None if group[0].start > 0 and tokens[group[0].start - 1].lower in PLACE_PREPOSITIONS else group
    return None
