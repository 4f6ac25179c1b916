"""The source of an act: the subject before the head, past asides, place phrases and pronouns;
the agent of a passive."""
from __future__ import annotations

from dataclasses import dataclass

from ..actors import Actor
from ..syntax import load_rules
from .groups import group_ending_at, group_starting_at
from .words import BE_FORMS, CLAUSE_BREAKS, COORDINATED_AUX, COORDINATORS, NOT_SUBJECT, PARTITIVES, PRONOUNS


@dataclass(frozen=True, slots=True)
class Referents:
    """The article's last person named before a sentence: whom "he" and "she" refer back to
    when the sentence names no person (or office) before them and the last act's source is no
    person either."""
    person: Actor | None = None
    newer: bool = False  # the person was named after the last act's source: "he" is more likely them

    def after(self, actors: list[Actor], acted: bool = False, tokens=None) -> Referents:
        """The referents once a sentence naming `actors` (in `tokens`) has been read; `acted`:
        whether the sentence gave an act (whose source becomes the context)."""
        named = next((a for a in reversed(actors) if a.kind == "person"), None)
        if tokens is not None and _speaks_after(tokens, actors, named):
            return Referents(None, True)  # "Mateen said …": a person no actor names, whom "he" may mean
        if named is None:
            return Referents(self.person, self.newer and not acted)
        return Referents(named, not acted)

    def naming(self, person: Actor | None, speaker: bool = False) -> Referents:
        """The referents after sentences with no act that name `person` (if any) and then, if
        `speaker`, quote someone no actor names ("Okafor said …")."""
        if speaker:
            return Referents(None, True)
        return self if person is None else Referents(person, True)


def _speaks_after(tokens, actors: list[Actor], named: Actor | None) -> bool:
    """Whether a speaker no actor names reports after the sentence's last named person."""
    covered = {i for a in actors for i in range(a.start, a.end)}
    start = named.end if named is not None else 0
    return any(unnamed_speaker(tokens, k, covered.__contains__, nouns=False) for k in range(max(start, 2), len(tokens)))


def _personal(actor: Actor, tokens) -> bool:
    """"he"/"she" stand for a person or an office ("the president"), not a country, a group
    or a body of people ("fighters", "officials")."""
    if actor.kind == "agent":
        word = tokens[actor.end - 1].lower
        return not (word.endswith("s") and not word.endswith("ss"))
    return actor.kind == "person"


def source_group(tokens, groups, match, sources_at, context, referents: Referents | None = None):
    """The actor group before the head: nearest, skipping place phrases ("in Kyiv"); a pronoun
    stands for the nearest fitting actor before it, in the sentence or the article."""
    head = match.head
    if head > 0 and tokens[head - 1].lower in COORDINATORS or _after_aux_coordination(tokens, head):
        for earlier in sorted(sources_at, reverse=True):
            if earlier < head:
                return sources_at[earlier], head - earlier, True
    skipped = _relative_clauses(tokens, head)
    aside = None  # an actor inside an aside: the source only if nothing else is ("The … Office (ILO)")
    for j in range(head - 1, -1, -1):
        word = tokens[j].lower
        if word == ";":
            break
        if j in skipped:
            aside = aside or group_ending_at(groups, j)
            continue
        if word in ("which", "who") and j > 1 and tokens[j - 1].lower == ",":
            antecedent = group_ending_at(groups, j - 2)
            if antecedent is not None:  # "the Kremlin, which has expressed …"
                return [antecedent[-1]], head - j, False
        group = group_ending_at(groups, j)
        if group is not None:
            if _in_phrase(tokens, group[0].start):
                continue
            return group, head - j - 1, False
        if word in PRONOUNS:
            if j > 1 and tokens[j - 1].lower in load_rules()["relative_pronouns"] and tokens[j - 2].lower == ",":
                # "the YPG, which they accuse of …": the relative pronoun is the object, and the
                # subject pronoun names someone outside the sentence's actors
                return None, 0, False
            personal = word in load_rules()["person_pronouns"]
            if personal and _unlisted_speaker(tokens, groups, j):
                return None, 0, False  # "De Mistura said he …": he is the speaker, whom no actor names
            earlier = [g for g in groups if g[-1].end <= j and (not personal or _personal(g[0], tokens))]
            if earlier:
                return earlier[-1], head - j, True
            if personal and (context is None or context.kind != "person" or referents is not None and referents.newer):
                # "he": the last person named (when named after the last act's source, though
                # that was a person too); never a country or a body the last act was by
                person = referents.person if referents is not None else None
                return ([person], head - j, True) if person is not None else (None, 0, False)
            return ([context], head - j, True) if context is not None else (None, 0, False)
    if aside is not None:
        return aside, head - aside[-1].end, False
    return None, 0, False


def _unlisted_speaker(tokens, groups, j) -> bool:
    """A person pronoun right after a reporting verb (and "that") whose subject is a name or a
    noun no actor covers: the pronoun is that speaker ("Staffan de Mistura said he had asked …",
    "The Tory grandee said he would …")."""
    k = j - 1
    if k > 0 and tokens[k].lower == "that":
        k -= 1
    return unnamed_speaker(tokens, k, lambda i: group_ending_at(groups, i) is not None)


def unnamed_speaker(tokens, k, covered, nouns: bool = True) -> bool:
    """Whether token `k` is a reporting verb whose subject no actor covers (`covered`: whether
    an actor takes in a token): a name ("Mateen said"), or, with `nouns`, a noun after a
    determiner within three words ("the Tory grandee said" right before "he"; not in general:
    "a White House statement said")."""
    if k < 2 or tokens[k].lower not in load_rules()["reporting_verbs"] or covered(k - 1):
        return False
    word = tokens[k - 1].text
    if not word.replace("-", "").isalpha() or word.lower() in PRONOUNS:
        return False
    if word[:1].isupper():
        return tokens[k - 2].text not in (".", "!", "?")  # "… rigged. Analysts said": no name
    if not nouns or word.endswith("s") and not word.endswith("ss"):
        return False  # "the analysts said": no "he"
    determiners = load_rules()["determiners"]
    return any(tokens[i].lower in determiners and not any(covered(m) for m in range(i, k))
               for i in range(max(0, k - 4), k - 1))


def phrase_subject(tokens, groups, head) -> list[Actor] | None:
    """An actor inside the subject's own phrase, with no clause boundary before the head."""
    for j in range(head - 1, -1, -1):
        if tokens[j].lower in CLAUSE_BREAKS or tokens[j].lower == ",":
            return None
        group = group_ending_at(groups, j)
        if group is not None:
            return group
    return None


def _in_phrase(tokens, start) -> bool:
    """An actor inside a prepositional phrase, unless it heads a partitive subject
    ("thousands of Iraqi Kurds demonstrated", "a contingent of NATO troops arrived")."""
    if start == 0 or tokens[start - 1].lower not in NOT_SUBJECT:
        return False
    if tokens[start - 1].lower != "of" or start < 2:
        return True
    before = tokens[start - 2].lower
    return not (before in PARTITIVES or before.replace(",", "").isdigit())


def _after_aux_coordination(tokens, head) -> bool:
    return head > 1 and tokens[head - 2].lower == "and" and tokens[head - 1].lower in COORDINATED_AUX


def _relative_clauses(tokens, head) -> set[int]:
    """Token indexes inside asides that close before the head: ", which/who … ,", appositions
    (", a key U.S. ally in the war, has refused") and parentheses ("Hizbollah (Party of God) group")."""
    skipped: set[int] = set()
    for i in range(1, head):
        word = tokens[i].lower
        if word == "(":
            close = next((j for j in range(i + 1, head) if tokens[j].lower == ")"), None)
            if close is not None:
                skipped.update(range(i, close + 1))
        elif word in ("which", "who", "whom", "a", "an") and tokens[i - 1].lower == ",":
            for j in range(i + 1, head):
                if tokens[j].lower == ",":
                    skipped.update(range(i - 1, j + 1))
                    break
    return skipped


def by_agent(tokens, groups, match) -> list[Actor] | None:
    """The agent of a passive: the first actor group after "by" ("by the", "by current …"),
    however far from the verb ("was accused of misusing funds …, by government officials")."""
    for j in range(match.end, len(tokens)):
        if tokens[j].lower == ";":
            return None
        group = group_starting_at(groups, j)
        if group is not None and "by" in [t.lower for t in tokens[max(match.end, j - 3):j]]:
            return group
    return None


def is_passive(tokens, head, participles) -> bool:
    if tokens[head].lower not in participles:
        return False
    for j in range(head - 1, max(-1, head - 4), -1):
        word = tokens[j].lower
        if word in BE_FORMS:
            return True
        if not word.isalpha() or word in ("and", "by"):
            break
    nxt = tokens[head + 1].lower if head + 1 < len(tokens) else ""
    return nxt == "by" and head > 0 and tokens[head - 1].lower == ","
