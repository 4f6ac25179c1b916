"""The source of an event noun from the verb that launches it, read from the parse.

"Turkey announced the launch of the assault on Afrin", "Russia ordered the invasion of Ukraine":
an event noun whose own phrase names no actor takes the active subject of the verb whose object
it is (directly or through "of"), when that verb starts or carries out acts (syntax.yaml
`event_noun_governors`; their inflected forms are generated with lemminflect). A verb that
reacts to an act ("condemned the invasion") names no author.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flows.compiled import compiled_data

from .actors import Actor
from .syntax import DEFAULT_RULES, Tree, _actors_in, _subject, load_rules
from .text import Token


@lru_cache(maxsize=4)
def governor_forms(path: str | Path = DEFAULT_RULES) -> frozenset[str]:
    """Every inflected form of the `event_noun_governors` verbs ("launch": launched, launches …),
    kept in the compiled cache (flows/compiled.py): workers do not load lemminflect's tables."""
    words = sorted(load_rules(path)["event_noun_governors"])
    return frozenset(compiled_data("governor-forms", lambda: _inflected(words), packages=("lemminflect",),
                                   sources=("\n".join(words).encode(),)))


def _inflected(words: list[str]) -> list[str]:
    from lemminflect import getAllInflections

    forms: set[str] = set(words)
    for word in words:
        for values in getAllInflections(word, upos="VERB").values():
            forms.update(v.lower() for v in values)
    return sorted(forms)


def governing_subject(tree: Tree, tokens: list[Token], groups: list[list[Actor]], head: int,
                      rules: dict[str, frozenset[str]] | None = None) -> list[Actor]:
    """The actors that launch an event noun: the active subject of the verb whose object it is,
    directly or through "of" ("Turkey launched an offensive", "Russia ordered the invasion of
    Ukraine", "announced the launch of the assault on Afrin"); only for verbs that start or
    carry out an act (`event_noun_governors`): "condemned the invasion" is not the invader's."""
    rules = rules or load_rules()
    node = head
    for _ in range(4):
        dep, up = tree.deps[node], tree.heads[node]
        if up < 0 or up == node:
            return []
        if dep in rules["object"] and tree.words[up] in governor_forms() and (tree.tags[up] or "").startswith("VB"):
            subject, passive, _ = _subject(tree, tokens, up, rules)
            if subject is None or passive:
                return []
            return _actors_in(tree, subject, groups, rules)
        through = dep in rules["preposition_object"] and tree.words[up] in rules["phrase_prepositions"]
        if not (through or (dep in rules["preposition"] and tree.words[node] in rules["phrase_prepositions"])):
            return []
        node = up
    return []
