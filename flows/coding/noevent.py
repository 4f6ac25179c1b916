"""Coded acts that are no event: a bare statement, an act that needs an actor as its object or
its addressee and has none (read by coder.py)."""
from __future__ import annotations

from .actors import Actor
from .allegation import own_side
from .structure import Dyad
from .syntax import Tree, load_rules
from .text import Token
from .wordlists import word_set

STATEMENT = "010"
MEDIA = "MED"
ADDRESSING, ADDRESS_PREPOSITIONS = word_set("addressing_verbs"), word_set("address_prepositions")
ADDRESSED_ROOTS = word_set("addressed_roots")
WARNINGS, CONDITIONS = word_set("warning_patterns"), word_set("threat_conditions")
PRIVATE_TRIPS, PRIVATE_TRAVELLERS = word_set("private_trip_codes"), word_set("private_traveller_types")
VERBAL_FIGHTS, VERBAL_FIGHTERS = word_set("verbal_fight_patterns"), word_set("verbal_fight_types")


def bare_statement(d: Dyad, tokens: list[Token]) -> bool:
    """"X said …", "in a statement": a statement aimed at no actor is not an event (CAMEO 010 is
    for statements about someone; a bare report of speech is how news is written)."""
    said = "say" in d.match.pattern.flags or d.match.pattern.code == STATEMENT
    # "told the French magazine Paris Match", "told reporters": the press a statement is made to
    # is how the news reports it, not its addressee
    if not said or d.target is None or d.target.type_code == MEDIA:
        return said
    # "Israel says Iran has recruited …": the actor after a verb of saying is the reported
    # clause's subject, not an addressee; only "told X", "warned X", "said to X" address one
    head = d.match.head
    before = [t.lower for t in tokens[max(head + 1, d.target.start - 3):d.target.start]]
    return (tokens[head].lower not in ADDRESSING and d.target.start > head
            and not any(w in ADDRESS_PREPOSITIONS for w in before))


def idle_warning(d: Dyad, tokens: list[Token], actors: list[Actor], tree: Tree | None) -> bool:
    """"Warned of an upshift in terrorism", "warned that prices would rise": a warning with no
    addressee ("warned Russia of …", "warned the US that …"), no condition put to anyone ("… if
    it attacks") and no act announced by the speaker's side ("warned that police will no longer
    tolerate rallies") threatens no one (words.yaml `warning_patterns`)."""
    if d.match.pattern.text not in WARNINGS:
        return False
    head = d.match.head
    addressed = d.target is not None and head < d.target.start <= head + 2 and all(
        t.lower in ("the", "a", "an") for t in tokens[head + 1:d.target.start])
    return not (addressed or any(t.lower in CONDITIONS for t in tokens[head:])
                or _announced_by_own_side(d, tokens, actors, tree))


def _announced_by_own_side(d: Dyad, tokens: list[Token], actors: list[Actor], tree: Tree | None) -> bool:
    """The warning's clause announces an act ("will", "shall") whose subject names no actor
    but the speaker's own side ("police will …", "missiles will be coming")."""
    if tree is None:
        return False
    rules = load_rules()
    for clause in tree.kids(d.match.head, rules["clause_complement"]):
        if not any(tokens[k].lower in rules["announcing_modals"] for k in tree.kids(clause, rules["auxiliary"])):
            continue
        span = {k for s in tree.kids(clause, rules["subject"] | rules["passive_subject"]) for k in tree.subtree(s)}
        if not any(a.start in span and a.country_code is not None and not own_side(a, d.source) for a in actors):
            return True
    return False


def lacks_object(d: Dyad) -> bool:
    """A pattern flagged "obj" is an event only when an actor is its target ("received a loan")."""
    return d.target is None and "obj" in d.match.pattern.flags


def unaddressed(row: dict) -> bool:
    """An act done with or to a counterpart (words.yaml `addressed_roots`: a visit, a meeting,
    praise, cooperation, aid, a demand), as finally coded, with no actor found for its target:
    whom it was addressed to is what makes it an event ("the developer who visited Assange", "the
    people he met", "demanded permission to observe"); a refusal or an intent stays coded."""
    return row["actor2_code"] is None and row["event_root_code"] in ADDRESSED_ROOTS


def private_trip(row: dict) -> bool:
    """A visit or trip whose source, as finally coded, is civilians or refugees ("citizens who
    travelled to join Isis"): people going somewhere, not a political visit."""
    return row["event_code"] in PRIVATE_TRIPS and row["actor1_type_code"] in PRIVATE_TRAVELLERS


def verbal_fight(d: Dyad) -> bool:
    """"Trump attacked Biden", "the judge has clashed with Trump": a fight pattern (words.yaml
    `verbal_fight_patterns`) between a source that is a person or an unarmed agent (a judge, a
    minister, an ambassador: `verbal_fight_types`) and a named person is a fight in words."""
    source, target = d.source, d.target
    return (d.match.pattern.text in VERBAL_FIGHTS and target is not None and target.kind == "person"
            and source.kind in ("person", "agent") and source.type_code in VERBAL_FIGHTERS)
