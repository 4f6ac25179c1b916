"""A clause read from the parse: its function words, and whether it is negated, conditional or
modal, and which verbs govern it ("denied that …"). Used by modality.py and allegation.py; the
labels and words are syntax.yaml's (`load_rules`)."""
from __future__ import annotations

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
