"""Negation, hypotheticals (modals, conditionals, questions) and quotation around an event.

Flagged mentions stay in the mentions dataset (so a reviewer can see them) and are excluded
from the events dataset by `aggregate_events`.
"""
from __future__ import annotations

from .clausetree import (clause_governors, clause_scope, parse_conditional, parse_modal, parse_negated,
                         shared_conjunct)
from .syntax import Tree, load_rules as syntax_rules
from .text import Token
from .wordlists import word_set

NEGATIONS = word_set("negations")
NEGATING_VERBS = word_set("negating_verbs")
MODALS = word_set("modals")
CONDITIONALS = word_set("conditionals")
HEDGE_MODIFIERS = word_set("hedge_modifiers")
HEDGE_VERBS = word_set("hedge_verbs")
DEMANDING = word_set("demanding_verbs")
PROTESTING = word_set("protesting_verbs")
QUOTES = word_set("quotes")
WINDOW = 5
INTENT_MARKERS = word_set("intent_markers")
FUTURE_MODALS = word_set("future_modals")
OBLIGED = word_set("obligation_words")
SPECULATIVE = word_set("speculative_words")
WONDERING = word_set("wondering_words")
WISHING = word_set("wishing_words")
CONDITIONAL = word_set("threat_conditions")
CLOSING = word_set("closing_marks")


def negated(tokens: list[Token], head: int, source_end: int, tree: Tree | None = None,
            nominal: bool = False) -> bool:
    """A negation of the head: with a parse, in its own clause ("did not attack", "failed to
    meet", "no sanctions"; not "X, who did not comment, attacked Y"); without one, between the
    subject and the head."""
    if tree is not None:
        scope = clause_scope(tree, head)
        return (parse_negated(tree, tokens, head, nominal)
                or any(tokens[k].lower in NEGATIONS or tokens[k].lower in NEGATING_VERBS for k in scope)
                or any(tokens[k].lower in syntax_rules()["denying_verbs"] for k in clause_governors(tree, head)))
    lo = max(source_end, head - WINDOW, 0)
    return any(t.lower in NEGATIONS or t.lower in NEGATING_VERBS for t in tokens[lo:head])


def hypothetical(tokens: list[Token], head: int, source_end: int, nominal: bool,
                 tree: Tree | None = None) -> bool:
    """Modal, conditional, hedged or questioned: not reported as having happened. With a parse,
    modals, hedging verbs and conditions count only in the head's own clause or a clause it sits
    in ("if the rebels resist, Assad attacked" is a fact; "Assad could attack" is not)."""
    if questioned(tokens):
        return True
    first = tokens[0].lower if tokens else ""
    if first in ("should", "were", "had") and head > 1:
        return True  # conditional inversion: "Should he continue…, his influence might…"
    if _subjunctive(tokens, head):
        return True
    shared = shared_conjunct(tree, head) if tree is not None and not nominal else None
    if shared is not None and shared < head and hypothetical(tokens, shared, source_end, nominal, tree):
        return True  # "to merge with other factions and take control": the second verb is as planned
    lo = max(source_end, head - WINDOW, 0)
    window = tokens[lo:head]
    if tree is not None and not nominal:
        # "to again allow aid in": the adverbs between "to" and its verb are the verb's own
        window = [t for k, t in enumerate(window, start=lo) if tree.deps[k] != "advmod"]
        scope = clause_scope(tree, head)
        if (parse_conditional(tree, tokens, head) or parse_modal(tree, tokens, head)
                or any(tokens[k].lower in HEDGE_VERBS or tokens[k].lower in MODALS - FUTURE_MODALS for k in scope)
                or wished(tokens, head, tree)):
            return True
    elif any(t.lower in CONDITIONALS for t in tokens[:head]):
        return True
    elif any(t.lower in MODALS or t.lower in HEDGE_VERBS for t in window):
        return True
    if (window and window[-1].lower == "to" and "to" not in {t.lower for t in tokens[head:head + 1]}
            and not _purpose_protest(tokens, head)
            and not (len(window) > 1 and window[-2].lower in syntax_rules()["aspectual_verbs"] and not _hedged(tokens[:head]))):
        return True  # "to invade": an infinitive governed by something not coded as the act
    if len(window) > 2 and window[-1].lower == "and" and _infinitive_before(window[-4:-1]):
        return True  # the second verb of "to land and evacuate" is an infinitive too
    if nominal:
        return any(t.lower in HEDGE_MODIFIERS for t in tokens[max(0, head - 3):head])
    return False


def wished(tokens: list[Token], head: int, tree: Tree | None) -> bool:
    """The head's clause is what a verb or adjective of fearing, hoping or wishing governs
    ("fearful that Isis will return", "hoped that Iran would withdraw"): feared or wished for,
    neither stated as done nor announced by its source."""
    return tree is not None and any(tokens[k].lower in WISHING for k in clause_governors(tree, head))


def questioned(tokens: list[Token]) -> bool:
    """The sentence is a question: it ends in "?", before any closing quote or bracket."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].lower in CLOSING:
        end -= 1
    return end > 0 and tokens[end - 1].lower == "?"


def _infinitive_before(words: list[Token]) -> bool:
    """"to" followed by a lower-case word that is no article: "to land" (not "to Kyiv", "to the")."""
    return any(t.lower == "to" and nxt.text.isalpha() and nxt.text.islower() and nxt.lower not in ("the", "a", "an")
               for t, nxt in zip(words, words[1:]))


def _purpose_protest(tokens: list[Token], head: int) -> bool:
    """"went on hunger strike to protest …": the protest is what the act itself does."""
    return tokens[head].lower in PROTESTING and head > 1 and tokens[head - 2].lower not in HEDGE_VERBS | MODALS


def _subjunctive(tokens: list[Token], head: int) -> bool:
    """Inside the "that"-clause of a demand ("demanded that Ghana free …"): asked for, not done."""
    return any(tokens[i].lower == "that" and any(t.lower in DEMANDING for t in tokens[max(0, i - 6):i])
               for i in range(head))


def _hedged(tokens: list[Token]) -> bool:
    return any(t.lower in MODALS or t.lower in HEDGE_VERBS for t in tokens)


def quoted(tokens: list[Token], head: int) -> bool:
    """Inside quotation marks (an odd number of quote marks before the head)."""
    marks = sum(1 for t in tokens[:head] if t.lower in QUOTES)
    return marks % 2 == 1


def announced(tokens: list[Token], head: int, source_end: int) -> bool:
    """The act is announced for the future by its own source ("will send", "said it would allow")."""
    window = [t.lower for t in tokens[max(source_end, head - WINDOW, 0):head]]
    if any(w in OBLIGED for w in window):
        return False
    if any(w in INTENT_MARKERS for w in window):
        return True
    return "would" in window and any(t.lower in syntax_rules()["reporting_verbs"] for t in tokens[:head]) and not uncertain(tokens, head)


def uncertain(tokens: list[Token], head: int) -> bool:
    return any(t.lower in SPECULATIVE or t.lower in CONDITIONAL or t.lower in WONDERING for t in tokens[:head])


def threat_speculation(tokens: list[Token], head: int, source_end: int) -> bool | None:
    """A conflictual act announced for the future, or made conditional, is a threat (13x):
    "will boycott the elections unless …", "may halt mediation if …". Returns None when it is
    not a threat, else whether it is still speculative ("could strike", with no condition)."""
    conditional = any(t.lower in CONDITIONAL for t in tokens)
    window = {t.lower for t in tokens[max(source_end, head - WINDOW, 0):head]}
    speculative = bool(window & SPECULATIVE)
    if announced(tokens, head, source_end) or (speculative and conditional):
        wondering = any(t.lower in WONDERING for t in tokens[:head]) or questioned(tokens)
        return wondering or (speculative and not conditional)
    return None
