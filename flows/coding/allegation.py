"""Allegations: an act of force or coercion reported through "claims" or "alleges" is not stated
as a fact; the report is the speaker's accusation of the act's author (CAMEO 112).

"He claims the UK government is deliberately destroying all evidence" codes 112 (the speaker →
GBRGOV), not 171 GBRGOV → GBR. The alleging verbs are data (syntax.yaml `alleging_verbs`); the
act must sit in the clause the verb governs (the parse), or, unparsed, follow the verb with its
own subject after it.

Reported speech is also coded by what it says of another actor (`blamed`): "a spokesperson said
the allegations showed Russia's desperation" is the speaker's criticism of Russia (111), "he
claims the UK government is destroying evidence" an accusation of it (112). The clause must be the
reporting verb's complement in the parse, say something of blame (words.yaml `blame_words`, on
its verb, object, complement or the object's adjectives) and name the blamed actor in its subject
or as the object's possessor; a negated clause ("was not responsible") blames no one.
"""
from __future__ import annotations

from dataclasses import replace

from .actors import Actor, same_actor
from .clausetree import clause_governors, clause_scope
from .matcher import VerbMatch
from .structure import Dyad
from .structure.words import CONFLICT_ROOTS
from .syntax import Tree, load_rules
from .text import Token
from .wordlists import word_set

ACCUSATION, CRITICISM = "112", "111"
BLAME, ACCUSING = word_set("blame_words"), word_set("accusing_verbs")
BLAME_HEADS = frozenset(w.split()[0] for w in BLAME)


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


def may_blame(tokens: list[Token]) -> bool:
    """A word that may open a blame ("lied", "destroying … evidence"): the sentence is worth parsing."""
    return any(t.lower in BLAME_HEADS for t in tokens)


def blamed(dyads: list[Dyad], actors: list[Actor], tokens: list[Token], tree: Tree | None) -> list[Dyad]:
    """The speaker's criticism or accusation of another actor, for each reporting verb among the
    dyads whose complement blames that actor (the reporting verb's own dyads are left as they are)."""
    if tree is None:
        return []
    rules = load_rules()
    out: list[Dyad] = []
    for d in dyads:
        if "say" not in d.match.pattern.flags or d.source is None:
            continue
        head = d.match.head
        for clause in tree.kids(head, rules["clause_complement"]):
            target = _blame_target(tree, tokens, actors, clause, d.source, rules)
            if target is None or any(tree.deps[k] in rules["negation"] for k in clause_scope(tree, head, rules)):
                continue
            code = ACCUSATION if tokens[head].lower in ACCUSING else CRITICISM
            pattern = replace(d.match.pattern, code=code, flags=frozenset(),
                              text=f"{d.match.pattern.text} _ {tokens[clause].lower}")
            out.append(Dyad(VerbMatch(head, (head,), pattern), d.source, target, False, False, d.source_gap,
                            d.inherited, False, "parse:blame"))
    return out


def _blame_target(tree: Tree, tokens: list[Token], actors: list[Actor], clause: int, speaker: Actor,
                  rules) -> Actor | None:
    """The actor the clause at `clause` blames, if it says something of blame and is not negated."""
    if any(tree.deps[k] in rules["negation"] for k in clause_scope(tree, clause, rules)):
        return None
    words = _predicate(tree, clause, rules)
    said = {tokens[k].lower for k in words} | {f"{tokens[clause].lower} {tokens[k].lower}" for k in words}
    if not said & BLAME:
        return None
    subjects = tree.kids(clause, rules["subject"] | rules["passive_subject"])
    owners = [o for k in words for o in tree.children[k] if tree.deps[o] in rules["possessive"]]
    for top in subjects + owners:
        span = tree.subtree(top)
        found = next((a for a in actors if a.start in span and a.country_code is not None
                      and not own_side(a, speaker)), None)
        if found is not None:
            return found
    return None


def own_side(actor: Actor, speaker: Actor) -> bool:
    """The speaker itself, or its country as a whole ("Russia said the Russian government …");
    a country's opposition blaming its government is another side."""
    if same_actor(actor, speaker):
        return True
    return actor.country_code == speaker.country_code and (
        actor.type_code == speaker.type_code or speaker.country_code in (actor.code, speaker.code))


def _predicate(tree: Tree, clause: int, rules) -> list[int]:
    """The clause's verb and its predicate words (object, complement, the object's adjectives)."""
    words = [clause] + tree.kids(clause, rules["predicate_words"])
    return words + [a for k in words[1:] for a in tree.kids(k, rules["predicate_words"])]

