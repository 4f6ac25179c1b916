"""The target of an act: its object, a "that"-clause subject, a threat's condition, what a
complaint is about; intransitive acts take only what follows them directly."""
from __future__ import annotations

from ..actors import Actor
from ..modality import CONDITIONAL, FUTURE_MODALS, WINDOW
from ..text import Token
from ..syntax import load_rules
from .groups import group_starting_at
from .words import (
    CLAUSE_BREAKS,
    COMPLAINT_ROOTS,
    CONFLICT_ROOTS,
    COORDINATED_AUX,
    FROM_TARGET_ROOTS,
    MATERIAL_ROOTS,
    OBLIGATIONS,
    PLACE_PREPOSITIONS,
    TARGET_AGENT_TYPES,
    TARGET_PREPOSITIONS,
    THAT_TARGET_ROOTS,
    THREAT_ROOT,
)


def targetable(group: list[Actor], tokens: list[Token], say_heads: frozenset[int],
                officials: bool = False) -> list[Actor] | None:
    """Drop country-less official agents ("officials", "military") and speakers ("…, X said"),
    unless they are the subject of the clause the act is about (`officials`: "warned that police …")."""
    if group[-1].end in say_heads or (group[-1].end + 1 in say_heads):
        return None
    kept = [a for a in group if a.country_code or a.kind != "agent" or officials
            or a.type_code in TARGET_AGENT_TYPES]
    return kept or None


def target_group(tokens, groups, match, passive, say_heads=frozenset()) -> list[Actor] | None:
    """The first targetable actor group after the act, in its clause."""
    if "say" in match.pattern.flags:
        for group in groups:
            # "told Iran …" names whom it was said to; "said: Donald Trump's tweet …" opens a quote
            if match.end <= group[0].start <= match.end + 1 and not (
                    group[0].start > match.end and tokens[match.end].lower in load_rules()["quote_openers"]):
                return group
        return None
    last = match.positions[-1]
    if "intr" in match.pattern.flags:
        return _intransitive_target(tokens, groups, last, say_heads)
    material = match.pattern.code[:2] in MATERIAL_ROOTS
    # a pattern ending in its preposition ("vote against", "call on", "impose sanctions on")
    # names its target after it: an actor before it is the object's own phrase
    first = last + 1 if len(match.positions) > 1 and tokens[last].lower in TARGET_PREPOSITIONS else match.head + 1
    for j in range(first, len(tokens)):
        word = tokens[j].lower
        if word == "that" and j > last and match.pattern.code[:2] in THAT_TARGET_ROOTS:
            group = group_starting_at(groups, j + 1) or group_starting_at(groups, j + 2)
            return targetable(group, tokens, say_heads, officials=True) if group else None
        if j > last and word in CONDITIONAL and _threatening(tokens, match):
            # a threat's condition names whom it is aimed at ("threatened to strike unless Israel …")
            group = group_starting_at(groups, j + 1) or group_starting_at(groups, j + 2)
            return targetable(group, tokens, say_heads) if group else None
        if j > last and (word in CLAUSE_BREAKS or word == "that") and not passive and not (
                word == "as" and j == last + 1):  # "denounced as a crime Serbia's …"
            return None
        if j > last and word == "and" and j + 1 < len(tokens) and tokens[j + 1].lower in COORDINATED_AUX:
            return None  # "… and has urged its citizens": a coordinated predicate's object
        group = group_starting_at(groups, j)
        if group is None:
            continue
        prev = tokens[j - 1].lower
        if prev in ("to", "the") and match.pattern.code[:2] in COMPLAINT_ROOTS:
            about = _complaint_subject(tokens, groups, j, say_heads)
            if about:  # "complained to the UN over Israeli air raids": the raids' author
                return about
        prev = _phrase_opener(tokens, groups, j)  # "in the United Nations Security Council"
        if (passive or prev == "by" or j == last + 1 or material or prev not in PLACE_PREPOSITIONS
                or (prev == "from" and (group[0].kind != "country"  # "autonomy from Serbian authorities"
                                        or match.pattern.code[:2] in FROM_TARGET_ROOTS))):
            kept = targetable(group, tokens, say_heads)
            if kept:
                return kept
    return None


def _phrase_opener(tokens, groups, j) -> str:
    """The word before the noun phrase an actor at `j` ends: past determiners and the actors
    it is written with ("in the United Nations Security Council": "in")."""
    inside = {i for group in groups for a in group for i in range(a.start, a.end)}
    determiners = load_rules()["determiners"]
    k = j - 1
    while k > 0 and (tokens[k].lower in determiners or k in inside):
        k -= 1
    return tokens[k].lower if k >= 0 else ""


def _complaint_subject(tokens, groups, j, say_heads) -> list[Actor] | None:
    """The actor a complaint addressed to someone else is about ("… over|about|against X")."""
    for k in range(j + 1, min(len(tokens), j + 12)):
        word = tokens[k].lower
        if word in CLAUSE_BREAKS:
            return None
        if word in ("over", "about", "against"):
            for m in range(k + 1, min(len(tokens), k + 5)):
                group = group_starting_at(groups, m)
                if group is not None:
                    return targetable(group, tokens, say_heads)
            return None
    return None


def _threatening(tokens, match) -> bool:
    """A threat, or a conflictual act announced under a condition ("would close the border unless")."""
    code = match.pattern.code[:2]
    if code == THREAT_ROOT:
        return True
    return code in CONFLICT_ROOTS and any(t.lower in FUTURE_MODALS for t in tokens[max(0, match.head - WINDOW):match.head])


def _intransitive_target(tokens, groups, last, say_heads) -> list[Actor] | None:
    """Only an actor right after the act, or after "to"/"with" ("surrendered to Ukrainian forces")."""
    j = last + 1
    if j < len(tokens) and tokens[j].lower in ("to", "with"):
        j += 1
    if j < len(tokens) and tokens[j].lower == "the":
        j += 1
    group = group_starting_at(groups, j)
    return targetable(group, tokens, say_heads) if group else None


def obligation(tokens, groups, match) -> list[Actor] | None:
    """The actor group of a "that"-clause whose verb is an obligation ("that China must …"),
    with or without "that" ("said US and British forces must …")."""
    direct = group_starting_at(groups, match.end)
    if direct is not None and _obliged(tokens, direct):
        return direct
    for j in range(match.end, min(len(tokens), match.end + 5)):
        if tokens[j].lower != "that":
            continue
        group = group_starting_at(groups, j + 1) or group_starting_at(groups, j + 2)
        return group if group is not None and _obliged(tokens, group) else None
    return None


def _obliged(tokens, group) -> bool:
    """The group is the subject of "must"/"should"/"has to", a few words on ("Kagame and his
    party must"), in the same clause."""
    after = []
    for t in tokens[group[-1].end:group[-1].end + 7]:
        if t.lower in CLAUSE_BREAKS or t.lower == ",":
            break
        after.append(t.lower)
    if after[:2] in (["has", "to"], ["have", "to"]):
        return True
    return any(w in OBLIGATIONS for w in after)
