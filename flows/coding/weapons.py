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
from .structure.targets import target_group
from .syntax import Tree, load_rules, subject_actors
from .text import Token
from .wordlists import word_set

FORCE_ROOTS = word_set("force_roots")
WEAPON_CODES = {**{tuple(w.split()): "195" for w in word_set("aerial_weapons")},
                **{tuple(w.split()): "194" for w in word_set("artillery_weapons")}}
MAX_PHRASE = 8  # words from the preposition to the weapon's last ("in a US-led coalition air strike")
ARMED_FORCE = "MIL"
RELATIVE = load_rules()["relative_pronouns"]
AUXILIARIES = word_set("weapon_subject_auxiliaries")
PREPOSITIONS = word_set("weapon_phrase_breaks")


def weapon_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch], dyads: list[Dyad],
                 participles: frozenset[str], context: Actor | None = None,
                 referents: Referents | None = None, tree: Tree | None = None) -> list[Dyad]:
    """`dyads` with each act of force done with a named weapon read as the weapon's user's act:
    on the passive's subject ("killed in a US airstrike": a dyad that took the weapon's actor for
    its target is turned round), or on the object when the weapon is the subject ("a missile
    from Syria struck the Turkish town")."""
    groups = group_actors(actors, tokens)
    out = list(dyads)
    for match in matches:
        if match.pattern.pos != "V" or match.pattern.code[:2] not in FORCE_ROOTS:
            continue
        own = [d for d in out if d.match.head == match.head]
        weapon = _weapon(tokens, match) if tokens[match.head].lower in participles else None
        if weapon is not None:
            users = _users(tokens, groups, weapon)
            if users is not None and any(d.source in users for d in own):
                continue  # "killed by a Turkish airstrike": the parse's agent already
            turned = [d for d in own if d.target is not None and weapon[0] <= d.target.start < weapon[1]]
            if own and not turned:
                continue  # the act has its source elsewhere ("troops killed (him) in an airstrike")
            victims = [d.source for d in turned] or _victims(tokens, actors, groups, match, context, referents, tree)
            out = [d for d in out if d not in turned]
        else:
            weapon = _subject_weapon(tokens, match, {m.head for m in matches})
            if weapon is None or own or not _parsed_subject(tree, match.head, weapon[1] - 1):
                continue
            users = _users(tokens, groups, weapon)
            victims = target_group(tokens, groups, match, False)
        if victims:
            out += _dyads(tokens, match, weapon, users, victims)
    return out


def _dyads(tokens: list[Token], match: VerbMatch, weapon: tuple[int, int, str], users: list[Actor] | None,
           victims: list[Actor]) -> list[Dyad]:
    start, end, code = weapon
    sources = users or [_armed_force(tokens, start, end)]
    act = replace(match, pattern=replace(match.pattern, code=code)) if code[:2] == match.pattern.code[:2] else match
    return [Dyad(act, s, v, True, False, 0, False, len(sources) * len(victims) > 1, "weapon")
            for s in sources for v in victims if v.code != s.code and not any(v is u for u in sources)]


def _users(tokens: list[Token], groups: list[list[Actor]], weapon: tuple[int, int, str]) -> list[Actor] | None:
    """Who used the weapon: an actor in its phrase ("a US airstrike"), or after "from" ("a missile
    from Syria")."""
    start, end, _ = weapon
    inside = next((g for g in groups if start <= g[0].start and g[-1].end <= end), None)
    if inside is not None or end >= len(tokens) or tokens[end].lower != "from":
        return inside
    after = end + 2 if end + 1 < len(tokens) and tokens[end + 1].lower == "the" else end + 1
    return next((g for g in groups if g[0].start == after), None)


def _subject_weapon(tokens: list[Token], match: VerbMatch, heads: set[int]) -> tuple[int, int, str] | None:
    """The weapon phrase that is the act's subject: it ends right before the verb (with its
    auxiliaries, or a "from X" naming its user between) and opens its clause (or follows another
    act's verb: "officials said an airstrike hit …")."""
    k = match.head - 1
    while k >= 0 and tokens[k].lower in AUXILIARIES:
        k -= 1
    from_at = next((j for j in range(max(0, k - 3), k) if tokens[j].lower == "from"), None)
    if from_at is not None:
        k = from_at - 1  # "a missile from Syria struck …"
    for words, code in WEAPON_CODES.items():
        first = k - len(words) + 1
        if first >= 0 and tuple(t.lower for t in tokens[first:k + 1]) == words and _opens(tokens, first, heads):
            start = first
            while (start > 0 and start > first - MAX_PHRASE and not _boundary(tokens[start - 1].lower)
                   and start - 1 not in heads):
                start -= 1
            return start, k + 1, code
    return None


def _parsed_subject(tree: Tree | None, head: int, word: int) -> bool:
    """The parse (when there is one) does not make the weapon's word another verb's subject, nor
    give the verb or its conjuncts a passive agent ("a drone shot down and recovered by Kurdish
    forces exploded"). A looser test than the parse's own subject: it often misreads these."""
    if tree is None:
        return True
    rules = load_rules()
    verbs = [head, *tree.kids(head, rules["conjunct"])]
    other_subject = tree.deps[word] in rules["subject"] | rules["passive_subject"] and tree.heads[word] != head
    return not other_subject and not any(tree.kids(v, rules["agent"]) for v in verbs)


def _opens(tokens: list[Token], first: int, heads: set[int]) -> bool:
    """The phrase ending at the weapon starts its clause: only modifiers before it back to a boundary."""
    j = first - 1
    while j >= 0 and not _boundary(tokens[j].lower) and j not in heads:
        if tokens[j].lower in PREPOSITIONS:
            return False  # "killed in an airstrike struck …" is no subject; nor "of the airstrike"
        j -= 1
    return True


def _boundary(word: str) -> bool:
    return word in CLAUSE_BREAKS or word in (",", ";", ":", "and", "that", "“", "\"")


def _victims(tokens: list[Token], actors: list[Actor], groups: list[list[Actor]], match: VerbMatch, context: Actor | None,
             referents: Referents | None, tree: Tree | None) -> list[Actor] | None:
    """The passive's subject: the parse's ("the Isis fighter who was killed …") when it names an
    actor, else the subject before the act in its own clause ("agencies confirmed that Baghdadi
    was wounded …" is not the agencies'), not another verb's agent ("reported by the agencies to
    have been killed"); a pronoun stands for whom it refers to."""
    parsed = subject_actors(tree, tokens, groups, match.head) if tree is not None else None
    if parsed:
        return parsed  # else the words: the parse may take an aside for the subject ("Ghouta, scene of …")
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
