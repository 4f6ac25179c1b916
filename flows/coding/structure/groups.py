"""Actor groups: compounds joined by "and" / "," / "as well as", and lookups by position."""
from __future__ import annotations

from ..actors import Actor
from ..syntax import Tree, load_rules
from ..text import Token
from .words import GROUP_GLUE, LIST_PREPOSITIONS


def group_actors(actors: list[Actor], tokens: list[Token], tree: Tree | None = None) -> list[list[Actor]]:
    """Actors joined by "and" / "," / "as well as" form one compound group; with the parse, an
    actor after a comma that is a verb's subject starts a clause, not a list ("In a raid on Kurdish
    forces, Turkish troops took …")."""
    groups: list[list[Actor]] = []
    for actor in actors:
        if groups:
            gap = {t.lower for t in tokens[groups[-1][-1].end:actor.start]}
            if gap and gap <= GROUP_GLUE and ("and" in gap or "," in gap or "&" in gap) and not (
                    gap == {","} and _clause_subject(tree, actor)):
                groups[-1].append(actor)
                continue
        groups.append([actor])
    return [part for group in groups for part in _split_comma_lists(group, tokens)]


def _clause_subject(tree: Tree | None, actor: Actor) -> bool:
    if tree is None:
        return False
    subjects = load_rules()["subject"] | load_rules()["passive_subject"]
    return any(tree.deps[k] in subjects and not actor.start <= tree.heads[k] < actor.end
               for k in range(actor.start, actor.end))


def _split_comma_lists(group: list[Actor], tokens: list[Token]) -> list[list[Actor]]:
    """A list joined only by commas ("Ukraine, France said") is not a compound, unless it follows
    a preposition ("embargoes on sales to Iran, Libya, North Korea")."""
    if len(group) < 2:
        return [group]
    first = group[0].start
    if first > 0 and tokens[first - 1].lower in LIST_PREPOSITIONS:
        return [group]
    last_gap = {t.lower for t in tokens[group[-2].end:group[-1].start]}
    if last_gap & {"and", "&"}:
        return [group]
    return [[a] for a in group]


def group_ending_at(groups, j):
    for group in groups:
        if group[0].start <= j < group[-1].end:
            return group
    return None


def group_starting_at(groups, j):
    for group in groups:
        if group[0].start == j:
            return group
    return None
