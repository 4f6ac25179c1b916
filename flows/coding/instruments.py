"""Authors named by an instrument, an unnamed body or a compound, for acts no other rule gave one.

- A passive act of force or coercion whose subject is no actor takes its author from the
  instrument ("Emwazi was killed in a US airstrike": the user named in the weapon's phrase) or
  from its "by" agent ("Davis was jailed by a court in Turkey": the court, whose country
  inherit.py reads from its place), with no target (words.yaml `instrument_act_roots`).
- An event noun compounded with "X-led" is X's act ("the US-led fight against Isis");
  "X-backed" names a supporter, not an author, and gives none (`leading_compounds`).
- An event noun with a possessive pronoun ("its", "their") is the act of the active subject of
  the verb whose object it is ("Moscow began its intervention in Syria", "Russia defended its
  invasion of Ukraine"), unless the verb halts, denies or plans the act (`unrealised_act_verbs`)
  or the noun's possessive is its victim ("their arrest": `patient_event_nouns`).
Only acts with no dyad yet are read; victims' nationalities are never authors.
"""
from __future__ import annotations

from dataclasses import replace

from .actors import Actor
from .matcher import VerbMatch
from .structure import CLAUSE_BREAKS, Dyad, group_actors
from .structure.dyads import nominal_dyads
from .structure.groups import group_ending_at
from .structure.sources import is_passive
from .structure.words import NOMINAL_GAP
from .syntax import Tree, _actors_in, _subject, load_rules, subject_actors
from .text import Token
from .weapons import _users, _weapon
from .wordlists import word_set

ACT_ROOTS = word_set("instrument_act_roots")
LEADING = word_set("leading_compounds")
BACKING = word_set("backing_compounds")
PRIVATE = word_set("private_agent_types")
LOCATIVE = word_set("place_prepositions")  # a body's own place ("a court in Turkey", "troops from Iran")
PATIENT_NOUNS = word_set("patient_event_nouns")
UNREALISED = word_set("unrealised_act_verbs")
POSSESSIVES = word_set("possessive_authors")
AGENT_REACH = 3  # tokens between the passive's words and "by" ("was jailed for seven years by …")


def instrument_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch], dyads: list[Dyad],
                     participles: frozenset[str], tree: Tree | None = None) -> list[Dyad]:
    """`dyads` with those of the acts that had none, read from their instrument, agent or compound."""
    groups = group_actors(actors, tokens, tree)
    out = list(dyads)
    done = {d.match.head for d in dyads}
    for match in matches:
        if match.head in done or "say" in match.pattern.flags:
            continue
        if match.pattern.pos == "V":
            found = _passive_author(tokens, groups, match, participles, tree)
        else:
            source = _leading_compound(tokens, groups, match) or _possessive_author(tokens, groups, match, tree)
            found = [replace(d, how="instrument:noun") for d in nominal_dyads(tokens, groups, match, source)] \
                if source else []
        out += found
    return out


def _passive_author(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch,
                    participles: frozenset[str], tree: Tree | None) -> list[Dyad]:
    """A passive act of force or coercion: the weapon's user, else its "by" agent, acts on the
    subject when it is an actor (read from the parse), else on no one."""
    if match.pattern.code[:2] not in ACT_ROOTS or not _passive(tokens, match.head, participles, tree):
        return []
    act, sources = match, None
    weapon = _weapon(tokens, match)
    if weapon is not None:
        sources = _users(tokens, groups, weapon)
        if sources and any(_backer(tokens, a) for a in sources):
            return []
        if weapon[2][:2] == match.pattern.code[:2]:
            act = replace(match, pattern=replace(match.pattern, code=weapon[2]))
    else:
        sources = _agent(tokens, groups, match, tree)
    if not sources or all(a.type_code in PRIVATE for a in sources):
        return []  # "assaulted by a local gang": ordinary crime
    subjects = subject_actors(tree, tokens, groups, match.head) if tree is not None else None
    victims: list[Actor | None] = list(subjects) if subjects else [None]
    return [Dyad(act, s, v, True, False, 0, False, len(sources) * len(victims) > 1, "instrument:passive")
            for s in sources for v in victims if v is None or v.code != s.code]


def _passive(tokens: list[Token], head: int, participles: frozenset[str], tree: Tree | None) -> bool:
    """A passive, or a past participle the parse reads as one with no auxiliary of its own
    ("Emwazi, believed killed in a US airstrike", "convicted and jailed by a court")."""
    if is_passive(tokens, head, participles):
        return True
    if tree is None or tokens[head].lower not in participles:
        return False
    rules = load_rules()
    if tree.tags[head] != "VBN" and not tree.kids(head, rules["agent"]):
        return False  # "jailed … by a court" tagged as a past tense: its "by" agent makes it passive
    return not tree.kids(head, rules["subject"] | rules["auxiliary"]) and tree.deps[head] not in rules["noun_modifier"]


def _agent(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch, tree: Tree | None) -> list[Actor] | None:
    """The actors of the passive's "by" phrase: the parse's agent ("by Kurdish forces"),
    else the actor group opening a "by" phrase close after the act ("by a court", "by the
    Iraqi police"), with no clause break before it."""
    if tree is not None:
        rules = load_rules()
        # the agent's own noun phrase, up to its head word: not a place after it ("by gunmen in Baghdad")
        found = [_placed(a, tree, k, groups) for by in tree.kids(match.head, rules["agent"])
                 for k in tree.kids(by, rules["preposition_object"])
                 for a in _actors_in(tree, k, groups, rules) if by < a.start <= k]
        return None if any(_backer(tokens, a) for a in found) else (found or None)
    for j in range(match.end, min(len(tokens), match.end + AGENT_REACH + 1)):
        word = tokens[j].lower
        if word in CLAUSE_BREAKS or word in (",", ";"):
            return None
        if word == "by":
            k = j + 1
            while k < len(tokens) and tokens[k].lower in NOMINAL_GAP:
                k += 1
            group = next((g for g in groups if g[0].start == k), None)
            return None if group is None or any(_backer(tokens, a) for a in group) else group
    return None


def _placed(agent: Actor, tree: Tree, k: int, groups: list[list[Actor]]) -> Actor:
    """A country-less agent with the country named in its own phrase after it ("a court in
    Silivri, Turkey": TURJUD); else as it is, for inherit.py to give it one."""
    if agent.country_code is not None or agent.kind != "agent":
        return agent
    rules = load_rules()
    span = {j for p in tree.kids(k, rules["preposition"]) if tree.words[p] in LOCATIVE for j in tree.subtree(p)}
    country = next((a for g in groups for a in g if a.kind == "country" and a.start in span), None)
    if country is None or not country.country_code:
        return agent
    code = country.country_code
    return replace(agent, code=code + (agent.type_code or ""), country_code=code, name=f"{code} {agent.name}")


def _backer(tokens: list[Token], actor: Actor) -> bool:
    """An actor in an "X-backed" compound ("a Russian and Iranian-backed assault"): a supporter of
    the act, not its author; its conjuncts are the supporter's too."""
    end = actor.end
    return end + 1 < len(tokens) and tokens[end].lower == "-" and tokens[end + 1].lower in BACKING


def _leading_compound(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch) -> list[Actor] | None:
    """X in "the X-led <event noun>", with only modifiers between ("the US-led coalition air
    campaign" is the coalition's own phrase, not this)."""
    k = match.head - 1
    while k >= 0 and tokens[k].lower in NOMINAL_GAP and tokens[k].lower != "-":
        k -= 1
    if k < 2 or tokens[k].lower not in LEADING or tokens[k - 1].lower != "-":
        return None
    return group_ending_at(groups, k - 2)


def _possessive_author(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch,
                       tree: Tree | None) -> list[Actor] | None:
    """The active subject of the verb whose object is "its/their <event noun>"."""
    head = match.head
    if tree is None or tokens[head].lower in PATIENT_NOUNS:
        return None
    rules = load_rules()
    owner = next((k for k in tree.children[head] if tokens[k].lower in POSSESSIVES), None)
    if owner is None or tree.deps[head] not in rules["object"]:
        return None
    verb = tree.heads[head]
    if verb < 0 or verb == head or not (tree.tags[verb] or "").startswith("VB") or tree.words[verb] in UNREALISED:
        return None
    subject, passive, _ = _subject(tree, tokens, verb, rules)
    if subject is None or passive:
        return None
    return _actors_in(tree, subject, groups, rules) or None
