"""People an article introduces with a role, remembered for their later mentions by surname.

A story names a person in full with a role and a country once ("Russia's ambassador Alexander
Yakovenko", "the Turkish president, Recep Tayyip Erdoğan", "Ahmet Yilmaz, Turkey's interior
minister") and then by surname alone ("Yakovenko accused the UK"). The dictionaries know only the
newsworthiest people; the others are actors only where their role is written. Here a person so
introduced is remembered by surname for the rest of the article, and each later mention of the
surname becomes an actor hit coding the person as the introduction did (country + role type).

Only within one article, only when unambiguous: two people introduced with the same surname give
none (one person introduced twice under two codes is remembered under the code most give); a
surname the article also writes in lower case ("may", "brown") or a word the dictionaries match is
no name. Nothing is parsed: the introductions are read from the actor matcher's hits, the
tokenizer and the matcher's own role + name reading.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from .actors import NOT_NAMES, Actor, ActorMatcher, _Hit
from .dictionaries import ActorEntry
from .structure.sources import unnamed_speaker
from .syntax import load_rules
from .text import Token, split_sentences, tokenize
from .wordlists import word_set

NAME_WORD = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 3
# a role, then (after a comma or not) two or three capitalised words: a name may follow
NAME_AFTER = re.compile(rf"\s*(?:,\s*)?{NAME_WORD}(?:\s+{NAME_WORD}){{1,2}}")
APPOSED = 30  # characters between a role and a name in apposition ("Ahmet Yilmaz, Turkey's minister")
NAME_APPOSED_AFTER = re.compile(rf"[^.,;]{{0,{APPOSED}}},\s*{NAME_WORD}\s+{NAME_WORD}")
NAME_APPOSED_BEFORE = re.compile(rf"{NAME_WORD}\s+{NAME_WORD},[^.,;]{{0,{APPOSED}}}$")
POSTING_WORDS = 4  # words of a posting between a role and its name ("ambassador to the UK, Alexander …")
POSTING = word_set("posting_prepositions")
APPOSITION_GLUE = word_set("apposition_glue")
MEMORY_SOURCE = "article:people"
SPEAKING = re.compile(r"\b(?:" + "|".join(sorted(load_rules()["reporting_verbs"])) + r")\b")  # a cheap first look


@dataclass(frozen=True, slots=True)
class Person:
    name: str      # the full name as introduced
    surname: str
    entry: ActorEntry
    end: int       # where the introduction ends in the article text


def remember_people(matcher: ActorMatcher, text: str, hits: list[_Hit]) -> list[_Hit]:
    """`hits` with a person hit added at each later mention of a remembered surname."""
    people = introduced(matcher, text, hits)
    if not people:
        return hits
    taken = [(h.start, h.end) for h in hits]
    added: list[_Hit] = []
    for person in people:
        for m in re.finditer(rf"(?<![\w-]){re.escape(person.surname)}(?![\w-])", text):
            if m.start() >= person.end and not _overlaps(taken, m.start(), m.end()):
                added.append(_Hit(m.start(), m.end(), (person.entry,), None))
    if not added:
        return hits
    return sorted(hits + added, key=lambda h: h.start)


def introduced(matcher: ActorMatcher, text: str, hits: list[_Hit]) -> list[Person]:
    """The people the article introduces with a country-bearing role, one per surname: none for
    a surname two different people (or codes) share, or that is no name in this article."""
    spans = None
    read: dict[int, tuple[list[Token], list[Actor]]] = {}  # each sentence's tokens and actors, read once
    found: dict[str, list[Person]] = {}
    for index, hit in enumerate(hits):
        if hit.actors and hit.actors[0].kind == "person":
            person = _dictionary_person(hit, text)
        elif hit.agent is not None and _name_near(text, hit):
            spans = spans or split_sentences(text)
            person = _role_person(matcher, text, hits, index, spans, read)
        else:
            continue
        if person is not None:
            found.setdefault(person.surname, []).append(person)
    out = []
    for surname, people in found.items():
        if len({p.name for p in people}) > 1:
            continue  # two people with one surname: no guess
        if re.search(rf"(?<![\w-]){re.escape(surname.lower())}(?![\w-])", _without(text, surname)):
            continue  # the word is also written in lower case: a common word, not only a name
        out.append(_most_read(people))
    return out


def _most_read(people: list[Person]) -> Person:
    """One person's introductions: the code most of them give ("Russia's ambassador to the UK,
    Alexander Yakovenko" twice outweighs "Russia's UK ambassador Alexander Yakovenko"), the
    first one's on a tie; remembered from the first introduction on."""
    votes = Counter(p.entry.code for p in people)
    best = max(votes.values())
    chosen = next(p for p in people if votes[p.entry.code] == best)
    first = min(p.end for p in people)
    return Person(chosen.name, chosen.surname, chosen.entry, first)


def _dictionary_person(hit: _Hit, text: str) -> Person | None:
    """A dictionary person named in full: its surname alone is remembered when the dictionary
    lacks that form (most list it already, and then the matcher finds it itself)."""
    name = text[hit.start:hit.end]
    words = name.split()
    if len(words) < MIN_NAME_WORDS:
        return None
    entry = hit.actors[0]
    if any(p.lower() == words[-1].lower() for p in entry.patterns):
        return None
    return _person(name, entry.code, entry.country_code, entry.type_code, hit.end)


def _name_near(text: str, hit: _Hit) -> bool:
    """Whether two capitalised words follow the role, or stand in apposition to it."""
    return bool(NAME_AFTER.match(text, hit.end) or NAME_APPOSED_AFTER.match(text, hit.end)
                or NAME_APPOSED_BEFORE.search(text, max(0, hit.start - 3 * APPOSED), hit.start))


def _role_person(matcher: ActorMatcher, text: str, hits: list[_Hit], index: int,
                 spans: list[tuple[int, int]], read: dict) -> Person | None:
    """The person a country-bearing role names in its sentence: "Russian ambassador Alexander
    Yakovenko" (the matcher's own role + name reading), "the Turkish president, Recep Tayyip
    Erdoğan" or "Ahmet Yilmaz, Turkey's interior minister" (apposition)."""
    hit = hits[index]
    s0, s1 = spans[max(0, bisect_right(spans, (hit.start, len(text) + 1)) - 1)]
    if s0 not in read:
        tokens = tokenize(text, s0, s1)
        read[s0] = tokens, matcher.resolve([h for h in hits if s0 <= h.start < s1], tokens, text, None)
    tokens, actors = read[s0]
    actor = next((a for a in actors if a.char_start <= hit.start < a.char_end), None)
    if actor is None or actor.kind != "agent" or not actor.country_code or actor.ethnic:
        return None
    role_end = _token_after(tokens, hit.end)
    if actor.end - role_end >= MIN_NAME_WORDS:  # the matcher took the name into the role
        return _named_person(tokens[role_end:actor.end], actor)
    after = _past_posting(tokens, actor.end)
    if after < len(tokens) and tokens[after].text == ",":
        words = _name_run(tokens, after + 1)
        if words and (after + 1 + len(words) == len(tokens) or not tokens[after + 1 + len(words)].text[:1].isupper()):
            return _named_person(words, actor)
    before = actor.start
    while before > 0 and tokens[before - 1].lower in APPOSITION_GLUE and tokens[before - 1].text != ",":
        before -= 1
    if before > 0 and tokens[before - 1].text == ",":
        words = _name_run_back(tokens, before - 1)
        return _named_person(words, actor) if words else None
    return None


def _past_posting(tokens: list[Token], k: int) -> int:
    """The comma after a role's posting ("ambassador to the UK, …", "envoy in Kabul, …"), else `k`."""
    if k < len(tokens) and tokens[k].lower in POSTING:
        for j in range(k + 1, min(len(tokens), k + 1 + POSTING_WORDS)):
            if tokens[j].text == ",":
                return j
    return k


def _named_person(words: list[Token], actor: Actor) -> Person | None:
    if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS or not all(_name_word(w.text) for w in words):
        return None
    name = " ".join(w.text for w in words)
    return _person(name, actor.code, actor.country_code, actor.type_code, words[-1].end)


def _person(name: str, code: str, country: str | None, type_code: str | None, end: int) -> Person | None:
    surname = name.split()[-1]
    if len(surname) < 3 or surname.lower() in NOT_NAMES:
        return None
    entry = ActorEntry((surname,), code, name, "person", country, type_code, None, None, MEMORY_SOURCE)
    return Person(name, surname, entry, end)


def _name_word(word: str) -> bool:
    return bool(re.fullmatch(NAME_WORD, word)) and word.lower() not in NOT_NAMES


def _name_run(tokens: list[Token], start: int) -> list[Token]:
    end = start
    while end < len(tokens) and end - start < MAX_NAME_WORDS and _name_word(tokens[end].text):
        end += 1
    return tokens[start:end] if end - start >= MIN_NAME_WORDS else []


def _name_run_back(tokens: list[Token], end: int) -> list[Token]:
    """The name words right before token `end`, when they start the sentence or follow a word
    that is no name (a longer capitalised run is a title or an organisation)."""
    start = end
    while start > 0 and end - start < MAX_NAME_WORDS and _name_word(tokens[start - 1].text):
        start -= 1
    if end - start < MIN_NAME_WORDS or (start > 0 and tokens[start - 1].text[:1].isupper()):
        return []
    return tokens[start:end]


def _token_after(tokens: list[Token], char: int) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= char), len(tokens))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _without(text: str, surname: str) -> str:
    """The article in lower case, less the surname's capitalised mentions."""
    return re.sub(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", " ", text).lower()


def last_named(matcher: ActorMatcher, text: str, hits: list[_Hit], s0: int, s1: int, on) -> tuple[Actor | None, bool]:
    """Whom a later "he" or "she" most likely means after text[s0:s1] (sentences with no act in
    them, between two coded ones): the last dictionary person named there (on date `on`), and
    whether someone no actor names speaks after it ("Okafor said")."""
    hit = next((h for h in reversed(hits) if s0 <= h.start < s1 and h.actors and h.actors[0].kind == "person"), None)
    after = s0 if hit is None else hit.end
    tokens = tokenize(text, after, s1) if SPEAKING.search(text, after, s1) else []
    spans = [(h.start, h.end) for h in hits if after <= h.start < s1]
    speaker = any(unnamed_speaker(tokens, k, lambda i: _overlaps(spans, tokens[i].start, tokens[i].end), nouns=False)
                  for k in range(2, len(tokens)))
    if hit is None:
        return None, speaker
    actors = matcher.resolve([hit], tokenize(text, hit.start, hit.end), text, on)
    return next((a for a in actors if a.kind == "person"), None), speaker
