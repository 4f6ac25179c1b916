"""Force done with a weapon named in place of its user: "Emwazi was killed in a US airstrike",
"he was injured by an airstrike near Shawqat", "Emwazi, believed killed in a drone strike, …".

The weapon's phrase says who used it: an actor inside it ("a US airstrike", "a Turkish
missile"), else an armed force of no stated country (the role code MIL alone, as a CAMEO coder
codes an actor whose country is not given). What the force was done to is the subject of the
passive. The weapon names the act: aerial weapons are CAMEO 195, artillery 194. Weapons are word
lists (data/dictionaries/words.yaml: aerial_weapons, artillery_weapons); the prepositions that
introduce them are syntax.yaml's instrument_prepositions.
"""
from __future__ import annotations

from dataclasses import replace

from .actors import Actor
from .matcher import VerbMatch
from .structure import CLAUSE_BREAKS, Dyad, Referents, group_actors
from .structure.sources import source_group
from .syntax import Tree, load_rules, subject_actors
from .text import Token
from .wordlists import word_set

FORCE_ROOTS = word_set("force_roots")
WEAPON_CODES = {**{tuple(w.split()): "195" for w in word_set("aerial_weapons")},
                **{tuple(w.split()): "194" for w in word_set("artillery_weapons")}}
MAX_PHRASE = 8  # words from the preposition to the weapon's last ("in a US-led coalition air strike")
ARMED_FORCE = "MIL"
RELATIVE = load_rules()["relative_pronouns"]


def weapon_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch], dyads: list[Dyad],
                 participles: frozenset[str], context: Actor | None = None,
                 referents: Referents | None = None, tree: Tree | None = None) -> list[Dyad]:
    """`dyads` with each passive act of force done with a named weapon read as the weapon's
    user's act on the passive's subject (a dyad that took the weapon's actor for its target,
    "killed in a US airstrike", is turned round)."""
    groups = group_actors(actors, tokens)
    out = list(dyads)
    for match in matches:
        if (match.pattern.pos != "V" or match.pattern.code[:2] not in FORCE_ROOTS
                or tokens[match.head].lower not in participles):
            continue
        weapon = _weapon(tokens, match)
        if weapon is None:
            continue
        start, end, code = weapon
        users = next((g for g in groups if start <= g[0].start and g[-1].end <= end), None)
        own = [d for d in out if d.match.head == match.head]
        if users is not None and any(d.source in users for d in own):
            continue  # "killed by a Turkish airstrike": the parse's agent already
        turned = [d for d in own if d.target is not None and start <= d.target.start < end]
        if own and not turned:
            continue  # the act has its source elsewhere ("troops killed (him) in an airstrike")
        victims = [d.source for d in turned] or _victims(tokens, actors, groups, match, context, referents, tree)
        if not victims:
            continue
        sources = users or [_armed_force(tokens, start, end)]
        act = replace(match, pattern=replace(match.pattern, code=code)) if code[:2] == match.pattern.code[:2] else match
        out = [d for d in out if d not in turned]
        out += [Dyad(act, s, v, True, False, 0, False, len(sources) * len(victims) > 1, "weapon")
                for s in sources for v in victims if v.code != s.code]
    return out


def _victims(tokens: list[Token], actors: list[Actor], groups: list[list[Actor]], match: VerbMatch, context: Actor | None,
             referents: Referents | None, tree: Tree | None) -> list[Actor] | None:
    """The passive's subject: the parse's ("the Isis fighter who was killed …"), else the subject
    before the act in its own clause ("agencies confirmed that Baghdadi was wounded …" is not the
    agencies'), not another verb's agent ("reported by the agencies to have been killed"); a
    pronoun stands for whom it refers to."""
    parsed = subject_actors(tree, tokens, groups, match.head) if tree is not None else None
    if parsed is not None:
        return parsed
    group, _, pronoun = source_group(tokens, groups, match, {}, context, referents)
    if not group or (pronoun and not any(a is group[0] for a in actors)):
        return group  # a pronoun for someone named before the sentence
    between = [t.lower for t in tokens[group[-1].end:match.head]]
    if between[:1] == [","]:
        between = between[1:]
    if between[:1] and between[0] in RELATIVE:
        between = between[1:]  # "Sakr, who was killed in …", "the man that was killed in …"
    if any(w in CLAUSE_BREAKS or w in RELATIVE for w in between):
        return None
    opener = [t.lower for t in tokens[max(0, group[0].start - 2):group[0].start]]
    return None if "by" in opener else group


def _weapon(tokens: list[Token], match: VerbMatch) -> tuple[int, int, str] | None:
    """(first, end, CAMEO code) of the weapon phrase right after the act's words, if any."""
    j = match.end
    if j >= len(tokens) or tokens[j].lower not in load_rules()["instrument_prepositions"]:
        return None
    for k in range(j + 1, min(len(tokens), j + MAX_PHRASE)):
        if tokens[k].lower in CLAUSE_BREAKS or tokens[k].lower in (",", ";"):
            return None
        for words, code in WEAPON_CODES.items():
            first = k - len(words) + 1
            if first > j and tuple(t.lower for t in tokens[first:k + 1]) == words:
                if k + 1 < len(tokens) and tuple(t.lower for t in tokens[first:k + 2]) in WEAPON_CODES:
                    continue  # "drone" before "strike": the longer weapon
                return j + 1, k + 1, code
    return None


def _armed_force(tokens: list[Token], start: int, end: int) -> Actor:
    """The unnamed armed force a weapon stands for, at the weapon's words."""
    return Actor(start, end, tokens[start].start, tokens[end - 1].end, ARMED_FORCE, "armed force",
                 "instrument", None, ARMED_FORCE, False)
