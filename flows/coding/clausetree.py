"""A clause read from the parse: its function words, and whether it is negated, conditional or
modal, and which verbs govern it ("denied that …"); which actors lie outside an act's clause (in
another clause, or a relative clause on another noun). Used by modality.py, allegation.py,
structure/dyads.py and inherit.py; the labels and words are syntax.yaml's (`load_rules`)."""
from __future__ import annotations

from .actors import Actor
from .syntax import Tree, load_rules
from .text import Token


def clause_scope(tree: Tree, head: int, rules=None) -> list[int]:
    """The function words of the head's clause (auxiliaries, negation, markers), with those of
    the verbs it hangs from through "to"-complements ("did not agree to meet")."""
    rules = rules or load_rules()
    scope: list[int] = []
    node, seen = head, set()
    labels = rules["auxiliary"] | rules["negation"] | rules["marker"]
    while node >= 0 and node not in seen:
        seen.add(node)
        scope.extend(tree.kids(node, labels))
        if tree.deps[node] != "xcomp" or tree.heads[node] == node:
            break
        scope.append(tree.heads[node])
        node = tree.heads[node]
    return scope


def parse_negated(tree: Tree, tokens: list[Token], head: int, nominal: bool, rules=None) -> bool:
    """A negation in the head's own clause ("did not attack", "never met"), or a negative
    determiner on an event noun ("no sanctions")."""
    rules = rules or load_rules()
    if nominal:
        return any(tokens[k].lower in rules["negative_determiners"] for k in tree.children[head])
    return any(tree.deps[k] in rules["negation"] for k in clause_scope(tree, head, rules))


def parse_conditional(tree: Tree, tokens: list[Token], head: int, rules=None) -> bool:
    """The head's clause, or a clause it sits in, is introduced by "if", "unless", "whether"."""
    rules = rules or load_rules()
    node, seen = head, set()
    while node >= 0 and node not in seen:
        seen.add(node)
        if any(tokens[k].lower in rules["conditional_marks"] for k in tree.kids(node, rules["marker"])):
            return True
        if tree.heads[node] == node:
            break
        node = tree.heads[node]
    return False


def parse_modal(tree: Tree, tokens: list[Token], head: int, rules=None) -> bool:
    """A modal auxiliary of the head's clause that states no fact ("could attack", "should talk")."""
    rules = rules or load_rules()
    return any(tree.tags[k] == "MD" and tokens[k].lower not in rules["announcing_modals"]
               for k in clause_scope(tree, head, rules) if tree.deps[k] in rules["auxiliary"])


def clause_governors(tree: Tree, head: int, rules=None) -> list[int]:
    """The verbs whose clause complement (or "to"-complement) the head's clause is, nearest first
    ("denied that the army attacked …" → "denied")."""
    rules = rules or load_rules()
    labels = rules["clause_complement"] | rules["complement"]
    out: list[int] = []
    node = head
    while tree.deps[node] in labels and 0 <= tree.heads[node] != node and len(out) < 4:
        node = tree.heads[node]
        out.append(node)
    return out


def shared_conjunct(tree: Tree, head: int, rules=None) -> int | None:
    """The verb whose clause a conjoined verb shares, when it has no subject and no auxiliary of
    its own ("plans to merge … and take control": "take" is as planned as "merge"); else None."""
    rules = rules or load_rules()
    up = tree.heads[head]
    if (tree.deps[head] not in rules["conjunct"] or up < 0 or up == head
            or not (tree.tags[head] or "").startswith("VB") or not (tree.tags[up] or "").startswith("VB")):
        return None
    if tree.kids(head, rules["auxiliary"] | rules["subject"] | rules["passive_subject"]):
        return None
    return up


def relative_clause(tree: Tree, k: int, rules=None) -> int | None:
    """The verb of the relative clause the token at `k` is in ("the hotel where his Bulgarian
    wife stayed": "stayed" for "Bulgarian"), or None when it is in none."""
    rules = rules or load_rules()
    node, seen = k, set()
    while 0 <= node and node not in seen and tree.heads[node] != node:
        seen.add(node)
        if tree.deps[node] in rules["relative_clause"] or (
                tree.deps[node] in rules["participle_modifier"] and tree.kids(node, rules["subject"])):
            return node  # (a clause with a subject on a noun is parsed acl at times)
        node = tree.heads[node]
    return None


def _within(tree: Tree, k: int, top: int) -> bool:
    """The token at `k` hangs (at any depth) from `top`."""
    seen: set[int] = set()
    while 0 <= k and k not in seen:
        if k == top:
            return True
        seen.add(k)
        k = tree.heads[k] if tree.heads[k] != k else -1
    return False


def foreign_clause(tree: Tree | None, actor: Actor, head: int, owner: Actor | None = None, rules=None,
                   subjects: bool = True) -> bool:
    """The actor is named inside a relative clause that does not hold the act at `head`, on a
    noun other than `owner` (the act's own actor), and not as that clause's subject: what it says
    of another noun names no actor of the act ("raided the hotel where he stayed with his
    Bulgarian wife"); its subject may be ("attacked the town that Kurdish fighters held"),
    unless `subjects` is False (a country for the act's source)."""
    if tree is None:
        return False
    rules = rules or load_rules()
    k = _head_within(tree, actor)
    clause = relative_clause(tree, k, rules)
    if clause is None or _within(tree, head, clause):
        return False
    noun = tree.heads[clause]
    if subjects and tree.deps[k] in rules["subject"] and tree.heads[k] == clause and _hangs_from(tree, noun, head, rules):
        return False
    return not (owner is not None and owner.start <= noun < owner.end) and not actor.start <= noun < actor.end


def _hangs_from(tree: Tree, noun: int, head: int, rules) -> bool:
    """The noun is the verb's object, directly or through a preposition."""
    up = tree.heads[noun]
    return up == head or (0 <= up and tree.deps[up] in rules["preposition"] and tree.heads[up] == head)


def outside_act(tree: Tree | None, actor: Actor, head: int, rules=None) -> bool:
    """The parse puts the actor outside the act's clause: not under its verb, nor under the verbs
    that govern it through "to"-complements ("threatened to close … unless Iraq …"). A word rule's
    target there is another clause's actor ("Russia urged restraint, but the sides fought on in
    an assault Damascus backs")."""
    if tree is None or tree.heads[head] < 0:
        return False
    rules = rules or load_rules()
    top, seen = head, set()
    while tree.deps[top] in rules["complement"] and 0 <= tree.heads[top] != top and top not in seen:
        seen.add(top)
        top = tree.heads[top]
    k = _head_within(tree, actor)
    return tree.heads[k] >= 0 and not _within(tree, k, top)


def _head_within(tree: Tree, actor: Actor) -> int:
    """The token of the actor's span whose head lies outside it."""
    for k in range(actor.start, actor.end):
        if not actor.start <= tree.heads[k] < actor.end:
            return k
    return actor.start
