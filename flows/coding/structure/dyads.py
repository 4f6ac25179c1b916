"""Dyads: (source, target) pairs for every pattern match of a sentence, by voice and compounds."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..actors import Actor, same_actor
from ..matcher import VerbMatch
from ..nominal import governing_subject
from ..clausetree import foreign_clause, outside_act
from ..syntax import Tree, partner, roles
from ..text import Token
from .groups import group_actors, group_starting_at
from .sources import Referents, by_agent, is_passive, phrase_subject, source_group
from .targets import obligation, target_group
from .words import BE_FORMS, COMPLAINT_ROOTS, DEMAND_CODE, TARGET_AGENT_TYPES, MUTUAL_CODES, NOMINAL_GAP, STATIVE, TARGET_PREPOSITIONS


@dataclass(frozen=True, slots=True)
class Dyad:
    match: VerbMatch
    source: Actor
    target: Actor | None
    passive: bool
    nominal: bool
    source_gap: int      # tokens between the source and the head (structure quality)
    inherited: bool      # source taken from a coordinated predicate or a pronoun
    expanded: bool       # one of several pairs from a compound or "between X and Y"
    how: str = "words"   # what gave source and target: the parse's relation, or the word rules


def resolve_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch],
                  participles: frozenset[str], context: Actor | None = None,
                  tree: Tree | None = None, referents: Referents | None = None) -> list[Dyad]:
    """Every (source, target) pair for every pattern match of one sentence: from the parse's
    grammatical relations when `tree` is given and names the source, else by the word rules."""
    groups = group_actors(actors, tokens, tree)
    say_heads = frozenset(m.head for m in matches if "say" in m.pattern.flags)
    dyads: list[Dyad] = []
    sources_at: dict[int, list[Actor]] = {}
    for match in matches:
        found = _parsed(tokens, groups, match, tree, say_heads) if tree is not None else None
        if found is None:
            found = _resolve_one(tokens, groups, match, participles, sources_at, context, say_heads, referents)
            if tree is not None:
                found = _within_act(found, tree)
        if not found and match.pattern.pos == "N" and tree is not None:
            # "Turkey announced the launch of the assault on Afrin": the launcher's
            governor = governing_subject(tree, tokens, groups, match.head)
            if governor:
                found = [replace(d, how="parse:governor") for d in _nominal(tokens, groups, match, governor)]
        # kept even when empty: "a bombing killed a soldier and wounded two others" has no source
        # for "wounded" either (not "a soldier")
        # the grammatical subject, for a later coordinated verb: a passive's is its target
        sources_at[match.head] = [d.target if d.passive and d.target is not None else d.source for d in found]
        dyads.extend(found)
    return dyads


def _parsed(tokens, groups, match, tree, say_heads) -> list[Dyad] | None:
    """Dyads of a verbal act from the parse; None to leave it to the word rules (an event noun,
    a reporting verb, a subject the parse does not tie to an actor)."""
    pattern = match.pattern
    if pattern.pos != "V" or "say" in pattern.flags:
        return None
    found = roles(tree, tokens, groups, match.head, match.positions, _targetable)
    if found is None:
        return None
    if not found.sources:
        return []  # the parse says there is no act here
    how = f"parse:{found.relation}"
    targets = found.targets
    if pattern.code[:2] in COMPLAINT_ROOTS and not found.passive:
        # "complained to the UN about Russian strikes": what the complaint is about is its target
        targets = target_group(tokens, groups, match, False, say_heads) or targets
    if not targets and not found.passive:
        # no actor among the parse's objects: the word rules' "that"-clause subject, threat
        # condition or complaint subject ("demanded that Iran …", "… unless Iraq withdraws")
        # (not an actor of a relative clause on the object: "raided the hotel where his
        # Bulgarian wife stayed")
        targets = [t for t in target_group(tokens, groups, match, False, say_heads) or []
                   if t not in found.sources and not partner(tree, t) and not foreign_clause(tree, t, match.head)
                   and not outside_act(tree, t, match.head)]
        how += "+words"
    if "sym" in pattern.flags and len(found.sources) > 1 and not _addressed(tokens, targets, match):
        return [replace(d, how=how) for d in _both_ways(match, found.sources, nominal=False)]
    pairs = _pairs(match, found.sources, targets or [None], found.passive, False, 0, False)
    if "sym" in pattern.flags and pattern.code in MUTUAL_CODES and targets:
        pairs += _pairs(match, targets, found.sources, False, False, 0, False)
    return [replace(d, how=how) for d in pairs]


def _within_act(found: list[Dyad], tree: Tree) -> list[Dyad]:
    """The word rules' dyads without a target the parse puts in another clause, or in a relative
    clause on another noun ("Russia had urged restraint, but … the assault, which Damascus …")."""
    out: list[Dyad] = []
    for d in found:
        t = d.target
        verbal = d.match.pattern.pos == "V" and not d.nominal and not (d.expanded and "sym" in d.match.pattern.flags)
        if t is not None and verbal and not d.passive and (outside_act(tree, t, d.match.head)
                                                or foreign_clause(tree, t, d.match.head, d.source)):
            d = replace(d, target=None)
        if not any(o.source is d.source and o.target is d.target for o in out):
            out.append(d)
    return out


def _targetable(actor: Actor) -> bool:
    """Not a country-less official agent ("troops", "officials"), as in the word rules."""
    return bool(actor.country_code) or actor.kind != "agent" or actor.type_code in TARGET_AGENT_TYPES


def _resolve_one(tokens, groups, match, participles, sources_at, context, say_heads,
                 referents=None) -> list[Dyad]:
    pattern = match.pattern
    if "sym" in pattern.flags:
        between = _between(tokens, groups, match)
        if between:
            return _both_ways(match, between, nominal=pattern.pos == "N")
    if pattern.pos == "N":
        return _nominal(tokens, groups, match)
    passive = is_passive(tokens, match.head, participles)
    before, gap, inherited = source_group(tokens, groups, match, sources_at, context, referents)
    if "say" in pattern.flags and before:
        obliged = obligation(tokens, groups, match)
        if obliged:  # "X said that Y must …": X demands of Y
            demand = replace(match, pattern=replace(pattern, code=DEMAND_CODE, flags=frozenset(),
                                                    text=f"{pattern.text} that _ must"))
            return _pairs(demand, before, obliged, False, False, gap, inherited)
    if passive:
        by_actor = by_agent(tokens, groups, match)
        if by_actor and not before:  # "a camp for Congolese refugees was attacked by …"
            before = phrase_subject(tokens, groups, match.head)
        if by_actor and before:
            return _pairs(match, by_actor, before, True, False, gap, inherited)
        if tokens[match.head].lower not in STATIVE or by_actor:
            return []
        passive = False  # "is opposed to", "were engaged in": a state of the subject, not a passive
    after = target_group(tokens, groups, match, passive, say_heads)
    if not before:
        return []
    if "sym" in pattern.flags and len(before) > 1 and not _addressed(tokens, after, match):
        return _both_ways(match, before, nominal=False)  # "X and Y agreed (on Z)": each with the other
    pairs = _pairs(match, before, after or [None], False, False, gap, inherited)
    if "sym" in pattern.flags and pattern.code in MUTUAL_CODES and after:
        pairs += _pairs(match, after, before, False, False, gap, inherited)
    return pairs


def _addressed(tokens, after, match) -> bool:
    """A joint act's partner named as its object or after "with" ("X and Y met (with) Z")."""
    if not after:
        return False
    start = after[0].start
    return start == match.end or tokens[start - 1].lower in ("with", "to") or (
        start >= 2 and tokens[start - 1].lower == "the" and tokens[start - 2].lower in ("with", "to"))


def _pairs(match, sources, targets, passive, nominal, gap, inherited) -> list[Dyad]:
    expanded = len(sources) * len(targets) > 1
    out = []
    seen: set[tuple] = set()
    for s in sources:
        for t in targets:
            key = (s.code, s.name, t.code if t is not None else None, t.name if t is not None else None)
            if (t is not None and same_actor(t, s)) or key in seen:
                continue
            seen.add(key)
            out.append(Dyad(match, s, t, passive, nominal, gap, inherited, expanded))
        if not any(d.source is s for d in out) and all(t is not None and same_actor(t, s) for t in targets):
            # the only target is the source itself ("Bosnian Serbs demanded a truce … in Bosnia")
            out.append(Dyad(match, s, None, passive, nominal, gap, inherited, expanded))
    return out


def _both_ways(match, members, nominal) -> list[Dyad]:
    out = []
    for s in members:
        for t in members:
            if s is not t and not same_actor(s, t):
                out.append(Dyad(match, s, t, False, nominal, 0, False, True))
    return out


def _between(tokens, groups, match) -> list[Actor] | None:
    for i in range(match.head + 1, min(len(tokens), match.end + 4)):
        if tokens[i].lower == "between":
            for group in groups:
                if group[0].start in (i + 1, i + 2) and len(group) > 1:
                    return group
    return None


def nominal_dyads(tokens, groups, match, source=None) -> list[Dyad]:
    """The dyads of an event noun (`_nominal`): its own phrase's source, else `source`."""
    return _nominal(tokens, groups, match, source)


def _nominal(tokens, groups, match, source=None) -> list[Dyad]:
    """Event nouns: "Russia's invasion of Ukraine", "the invasion of Ukraine by Russia"; `source`:
    the actors the parse gives when the noun's own phrase names none."""
    head, end = match.head, match.end
    for group in groups:
        gap = tokens[group[-1].end:head]
        if group[-1].end <= head and len(gap) <= 4 and all(t.lower in NOMINAL_GAP for t in gap):
            source = group
    target = None
    for j in range(head + 1, min(len(tokens), end + 5)):
        if tokens[j].lower in BE_FORMS:
            break  # "… strikes on Syria were condemned by Russia": the verb's phrase, not the noun's
        group = group_starting_at(groups, j)
        if group is None:
            continue
        word = tokens[j - 1].lower
        if word == "the" and j > 1:
            word = tokens[j - 2].lower
        if word == "by":
            source = group
        elif target is None and (word in TARGET_PREPOSITIONS or j - 1 in match.positions[1:]):
            target = group
    if source is None:
        return []
    return _pairs(match, source, target or [None], False, True, 0, False)
