"""Who did what to whom, read from a dependency parse (spaCy's, flows/coding/parse.py).

A parsed sentence is mapped onto the coder's own tokens (`tree_for`). For a verb pattern's head
the source and target come from its grammatical relations: its subject, or the agent of a
passive ("was attacked by X"); its direct object, the objects of the prepositions its pattern
lists or of `target_prepositions`; possessives and conjuncts inside those phrases; the subject of
the verb it hangs from when it has none ("agreed to meet", "attacked and killed"); the noun a
relative clause or participle modifies ("the group that attacked", "troops backed by Iran").
Negation, modals and conditions are read from the head's own clause. The labels and word lists
are data (data/dictionaries/syntax.yaml), validated on load.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from lemminflect import getAllLemmas, getInflection

from flows.resources import dictionaries_dir

from .actors import Actor
from .parse import Tagged
from .text import Token
from .wordlists import word_set

DEFAULT_RULES = dictionaries_dir() / "syntax.yaml"
# imported from the word lists, not from .structure (whose dyads import this module through nominal)
PARTITIVES = word_set("partitives")
KEYS = ("subject", "passive_subject", "passive_markers", "agent", "object", "noun_modifier",
        "preposition", "preposition_object", "inherits_subject", "relative_clause", "relative_pronouns",
        "participle_modifier", "phrase", "phrase_prepositions", "conjunct", "personal_pronouns",
        "target_prepositions", "negation", "auxiliary", "marker", "conditional_marks", "complement",
        "purpose_clause", "partner_prepositions", "clause_complement", "denying_verbs",
        "announcing_modals", "negative_determiners", "determiners", "quote_openers",
        "event_noun_governors", "instrument_prepositions", "aspectual_verbs", "reporting_verbs",
        "person_pronouns", "alleging_verbs", "affiliation_prepositions", "participle_clause",
        "predicate_words", "possessive")
MAX_PHRASE_DEPTH = 3


class SyntaxRulesError(ValueError):
    """The syntax rules file is malformed; the message names the file and the key."""


@lru_cache(maxsize=4)
def load_rules(path: str | Path = DEFAULT_RULES) -> dict[str, frozenset[str]]:
    """The rules file as {key: set of labels or words}; refuses missing, unknown or empty keys."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SyntaxRulesError(f"{path}: cannot read the syntax rules ({exc})") from exc
    if not isinstance(data, dict):
        raise SyntaxRulesError(f"{path}: expected a mapping of the keys {list(KEYS)}")
    missing, unknown = set(KEYS) - set(data), set(data) - set(KEYS)
    if missing or unknown:
        raise SyntaxRulesError(f"{path}: missing key(s) {sorted(missing)}, unknown key(s) {sorted(unknown)}")
    rules = {}
    for key in KEYS:
        values = data[key]
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
            raise SyntaxRulesError(f"{path}: {key} must be a non-empty list of strings, got {values!r}")
        rules[key] = frozenset(v.lower() for v in values)
    return rules


@lru_cache(maxsize=4)
def target_order(path: str | Path = DEFAULT_RULES) -> tuple[str, ...]:
    """target_prepositions in the file's order: the first with an actor object is the target."""
    load_rules(path)  # validated there
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return tuple(w.lower() for w in data["target_prepositions"])


@dataclass(frozen=True, slots=True)
class Tree:
    """A dependency parse over the coder's tokens: label and head index of each (-1: unknown)."""
    words: tuple[str, ...]
    tags: tuple[str | None, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]

    def kids(self, i: int, labels: frozenset[str]) -> list[int]:
        return [k for k in self.children[i] if self.deps[k] in labels]

    def subtree(self, top: int) -> set[int]:
        """Token `top` and every token below it."""
        span, todo = set(), [top]
        while todo:
            k = todo.pop()
            if k not in span:
                span.add(k)
                todo.extend(self.children[k])
        return span


def tree_for(tokens: list[Token], sentence_start: int, tagged: Tagged) -> Tree | None:
    """The parse of one sentence on the coder's tokens, or None when it was not parsed."""
    if not tagged.parsed or not tokens:
        return None
    starts = [t.start - sentence_start for t in tokens]

    def owner(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    deps, heads, tags = [], [], []
    for off in starts:
        dep = tagged.deps.get(off)
        head = tagged.heads.get(off)
        tags.append(tagged.tags.get(off))
        deps.append(dep or "")
        heads.append(owner(head) if head is not None and dep is not None else -1)
    children: list[list[int]] = [[] for _ in tokens]
    for i, h in enumerate(heads):
        if h >= 0 and h != i:
            children[h].append(i)
    return Tree(tuple(t.lower for t in tokens), tuple(tags), tuple(deps), tuple(heads), tuple(tuple(c) for c in children))


@dataclass(frozen=True, slots=True)
class Roles:
    """Source and target actor groups of one verbal act, as the parse gives them."""
    sources: list[Actor]
    targets: list[Actor]
    passive: bool
    relation: str  # how the source was found (kept in the mention's rule)


def roles(tree: Tree, tokens: list[Token], groups: list[list[Actor]], head: int,
          slots: tuple[int, ...], targetable: Callable[[Actor], bool] = lambda a: True,
          rules: dict[str, frozenset[str]] | None = None) -> Roles | None:
    """The parse's source and target of the verb at `head`; None when the parse names no actor
    as its source (a pronoun, an unparsed sentence, a subject that is no actor). An object
    phrase counts as the target only if one of its actors is `targetable`."""
    rules = rules or load_rules()
    if tree.deps[head] in rules["noun_modifier"]:
        return Roles([], [], False, "modifier")  # no act: no dyad
    subject, passive, relation = _subject(tree, tokens, head, rules)
    if subject is None:
        return None
    members = _actors_in(tree, subject, groups, rules)
    if passive:
        agent = _agent(tree, head, rules)
        agents = _actors_in(tree, agent, groups, rules) if agent is not None else []
        if not agents and relation == "acl" and _has_verb_root(tree, head):
            # "groups invited to Sochi": by whom is unsaid. (A sentence whose root is a noun
            # has no verb: its "participle" is the main verb the parser missed.)
            return Roles([], [], True, relation)
        if not agents and relation.startswith("conj") and not any(t.lower == "by" for t in tokens[head:]):
            return Roles([], [], True, relation)  # "were run over and killed": by whom is unsaid
        if not agents and _participle_clause(tree, head, rules):
            return Roles([], [], True, relation)  # "hit by setbacks, the rebels …": no actor did it
        if not agents or not members:
            return None  # the word rules look further ("a camp for refugees was attacked by …")
        return Roles(agents, members, True, "agent")
    if not members:
        # a subject the parse found that names no actor ("a missile hit …", "the challenge was …"):
        # the act is not an actor's; nothing is coded (no nearest-actor guess)
        return None if relation == "none" else Roles([], [], False, "subject")
    targets = _object(tree, head, slots, [g for g in (_kept(g, targetable) for g in groups) if g], rules, tokens)
    return Roles(members, [t for t in targets if t not in members], False, relation)


def subject_actors(tree: Tree, tokens: list[Token], groups: list[list[Actor]], head: int) -> list[Actor] | None:
    """The actors the grammatical subject of the verb at `head` names (a passive's: what was done
    to), [] when it names none; None when the parse gives no subject or a pronoun."""
    rules = load_rules()
    subject, _, relation = _subject(tree, tokens, head, rules)
    if subject is None:
        return None
    return _actors_in(tree, subject, groups, rules)


def _passive_conjunct(tree: Tree, head: int, subject: int, rules) -> bool:
    """"were run over and killed": passive too, as a past form with no object of its own."""
    return (tree.deps[head] in rules["conjunct"] and tree.deps[subject] in rules["passive_subject"]
            and _past_form(tree.words[head], tree.tags[head]) and not tree.kids(head, rules["object"]))


def _past_form(word: str, tag: str | None) -> bool:
    """A past form, or a past participle the tagger read as a base form ("were rounded up, shot
    or beheaded": "shot/VB"), which its own lemma's participle shows."""
    if tag in ("VBN", "VBD"):
        return True
    lower = word.lower()
    return tag == "VB" and any(lower != lemma and lower in getInflection(lemma, "VBN")
                               for lemma in getAllLemmas(lower, upos="VERB").get("VERB", ()))


def _participle_clause(tree: Tree, head: int, rules) -> bool:
    """A bare past participle opening or closing a clause ("Backed by Iran, the militias …",
    "Wounded in the clashes, the soldiers …"): passive, its borrowed subject is what it was done
    to. Not a perfect ("Having attacked the town, …") nor a past form with an object."""
    return (tree.deps[head] in rules["participle_clause"] and tree.tags[head] == "VBN"
            and not tree.kids(head, rules["auxiliary"] | rules["subject"] | rules["object"]))


def _has_verb_root(tree: Tree, node: int) -> bool:
    seen: set[int] = set()
    while 0 <= tree.heads[node] != node and node not in seen:
        seen.add(node)
        node = tree.heads[node]
    return (tree.tags[node] or "").startswith("VB")


def _kept(group: list[Actor], targetable: Callable[[Actor], bool]) -> list[Actor]:
    return [a for a in group if targetable(a)]


def _subject(tree: Tree, tokens: list[Token], head: int, rules) -> tuple[int | None, bool, str]:
    """(subject token, passive, relation) of the verb at `head`, climbing to the verb it hangs from."""
    node, seen = head, set()
    passive = bool(tree.kids(head, rules["passive_markers"])) or _participle_clause(tree, head, rules)
    while node >= 0 and node not in seen:
        seen.add(node)
        own = tree.kids(node, rules["subject"] | rules["passive_subject"])
        if own:
            k = own[0]
            if tokens[k].lower in rules["personal_pronouns"]:
                return None, passive, "pronoun"
            if tokens[k].lower in rules["relative_pronouns"] and tree.deps[node] in rules["relative_clause"]:
                return tree.heads[node], passive, "relcl"
            # "were killed or wounded": a conjunct shares its head's passive subject and voice
            # (not a "to"-complement: "was forced to withdraw" is the subject's own withdrawal)
            passive = passive or (node != head and _conjunct_of(tree, head, node, rules)
                                  and _passive_conjunct(tree, head, k, rules))
            return k, passive, "nsubj" if node == head else f"{tree.deps[head]}>nsubj"
        dep, up = tree.deps[node], tree.heads[node]
        if up < 0 or up == node:
            break
        if dep in rules["relative_clause"]:
            if not any(tree.words[a] == "to" for a in tree.kids(node, rules["auxiliary"])):
                return up, passive, "relcl"
            # "converged for a rally to protest …": an infinitive of purpose, whose subject is
            # that of the verb the modified noun hangs from
            while 0 <= up != tree.heads[up] and not (tree.tags[up] or "").startswith("VB"):
                up = tree.heads[up]
            if up < 0 or not (tree.tags[up] or "").startswith("VB"):
                break
            node = up
            continue
        if dep in rules["participle_modifier"]:
            if tree.tags[node] == "VBN":  # "troops backed by Iran": the troops are its object
                return up, True, "acl"
            break  # "a declaration demanding …": whoever issued it, left to the word rules
        if dep not in rules["inherits_subject"]:
            break
        if dep in rules["marker"] or tree.kids(node, rules["marker"]):
            break  # "after Russia attacked": a clause of its own, not the main verb's subject
        node = up
    return None, passive, "none"


def _conjunct_of(tree: Tree, head: int, node: int, rules) -> bool:
    """`head` hangs from `node` through conjuncts only."""
    while head != node:
        if tree.deps[head] not in rules["conjunct"] or tree.heads[head] < 0:
            return False
        head = tree.heads[head]
    return True


def _agent(tree: Tree, head: int, rules) -> int | None:
    node = head
    for _ in range(3):  # "was attacked and killed by X": the agent may hang from a conjunct
        for by in tree.kids(node, rules["agent"]):
            objects = tree.kids(by, rules["preposition_object"])
            if objects:
                return objects[0]
        for k in tree.kids(node, rules["conjunct"]):
            for by in tree.kids(k, rules["agent"]):
                objects = tree.kids(by, rules["preposition_object"])
                if objects:
                    return objects[0]
        if tree.deps[node] not in rules["conjunct"] or tree.heads[node] < 0:
            break
        node = tree.heads[node]
    return None


def _object(tree: Tree, head: int, slots: tuple[int, ...], groups, rules, tokens) -> list[Actor]:
    """The first object phrase naming an actor: the direct object (or what it is "on"/"against":
    "imposed sanctions on Iran"), else the object of a preposition the pattern lists or of a
    target preposition."""
    listed = {tokens[s].lower for s in slots[1:]}
    # a preposition the pattern lists comes first, then target_prepositions in their order
    order = {w: -1 for w in listed} | {w: n for n, w in enumerate(target_order()) if w not in listed}
    found = _objects_of(tree, head, order, groups, rules)
    if found:
        return found
    for k in tree.kids(head, rules["complement"]):  # "threatened to invade Ukraine"
        found = _objects_of(tree, k, order, groups, rules)
        if found:
            return found
    if tree.kids(head, rules["object"]):
        return []  # "demanded a meeting of the Council to discuss …": the object's own phrase
    for k in tree.kids(head, rules["purpose_clause"]):  # "fought alongside the SDF to oust Isis"
        if any(tree.words[a] == "to" for a in tree.kids(k, rules["auxiliary"])):
            found = _objects_of(tree, k, order, groups, rules)
            if found:
                return found
    return []


def partner(tree: Tree, actor: Actor, rules=None) -> bool:
    """The actor is the object of a preposition naming a partner ("fought alongside the SDF")."""
    rules = rules or load_rules()
    for k in range(actor.start, actor.end):
        up = tree.heads[k]
        if tree.deps[k] in rules["preposition_object"] and 0 <= up and tree.words[up] in rules["partner_prepositions"]:
            return True
    return False


def _objects_of(tree: Tree, head: int, preps: dict[str, int], groups, rules) -> list[Actor]:
    tokens = tree.words
    for k in tree.kids(head, rules["object"]):
        found = _actors_in(tree, k, groups, rules)
        if found:
            return found
        for p in tree.kids(k, rules["preposition"]):
            if tokens[p] in preps:
                for o in tree.kids(p, rules["preposition_object"]):
                    found = _actors_in(tree, o, groups, rules)
                    if found:
                        return found
    # "fought with Washington against Isis": the preposition ranked first names the target
    for p in sorted((p for p in tree.kids(head, rules["preposition"]) if tokens[p] in preps),
                    key=lambda p: preps[tokens[p]]):
        if tokens[p] in preps:
            for o in tree.kids(p, rules["preposition_object"]):
                found = _actors_in(tree, o, groups, rules)
                if found:
                    return found
    return []


def _actors_in(tree: Tree, k: int, groups: list[list[Actor]], rules) -> list[Actor]:
    """The actors a noun phrase names: the actor at its head word, else the nearest one inside
    its phrase (a possessive, a compound, "of"), with its conjuncts ("the US and Britain")."""
    found: list[Actor] = []
    for node in _conjuncts(tree, k, rules):
        actor = _phrase_actor(tree, node, groups, rules)
        if actor is not None:
            group = next((g for g in groups if actor in g), [actor])
            found.extend(a for a in group if a not in found)
    return found


def _conjuncts(tree: Tree, k: int, rules) -> list[int]:
    out: list[int] = []
    todo = [k]
    while todo and len(out) < 8:
        node = todo.pop(0)
        out.append(node)
        todo.extend(tree.kids(node, rules["conjunct"]))
    return out


def _phrase_actor(tree: Tree, k: int, groups, rules) -> Actor | None:
    at = _actor_at(groups, k)
    if at is not None:
        return at
    frontier = [k]
    for _ in range(MAX_PHRASE_DEPTH):
        nxt = []
        for node in frontier:
            for c in tree.kids(node, rules["phrase"]):
                if tree.deps[c] in rules["preposition"] and not _partitive(tree, node, c, rules) and not (
                        tree.deps[node] == "appos" and tree.words[c] in rules["affiliation_prepositions"]):
                    continue  # "X, an adviser to the Syrian ministry": the apposition's affiliation
                at = _actor_at(groups, c)
                if at is not None:
                    return at
                nxt.append(c)
        frontier = nxt
    return None


def _partitive(tree: Tree, node: int, prep: int, rules) -> bool:
    """"thousands of Kurds", "a contingent of NATO troops": the actor after "of" heads the
    phrase; "the friends of Russian troops" is not the troops."""
    word = tree.words[node]
    return tree.words[prep] in rules["phrase_prepositions"] and (
        word in PARTITIVES or word.replace(",", "").isdigit())


def _actor_at(groups: list[list[Actor]], k: int) -> Actor | None:
    for group in groups:
        for a in group:
            if a.start <= k < a.end:
                return a
    return None
