"""Actor recognition: dictionary multi-pattern matching (pyahocorasick) plus agent combination.

"Russian troops" → RUSMIL, "Ukrainian officials" → UKRGOV, "the army of Iraq" → IRQMIL,
"Russian President Vladimir Putin" → the person's code on the event date,
"Trump's administration" → the person's country + GOV.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

import ahocorasick

from .dictionaries import ActorEntry, AgentEntry, Dictionaries
from .text import Token
from .usstates import us_state_meant
from .wordlists import word_list, word_set

ADJECTIVE_SUFFIXES = word_list("adjective_suffixes")
INTERNATIONAL = word_set("international_actor_types")
ETHNIC_TYPE = "CVL"  # "ethnic Turks": a people, coded as civilians of the country they live in
STANCE_PREFIXES = word_list("stance_prefixes")
POSSESSIVES = word_set("possessive_determiners")
LANGUAGE_WORDS = word_list("language_words")
BACKER_SUFFIXES = word_list("backer_suffixes")
BACKED_NOUNS = word_set("backed_nouns")
LOCATION_SUFFIXES = word_list("location_suffixes")
ROLE_MODIFIERS = word_set("role_modifiers")
MAX_NAME_WORDS = 3  # words of a person's name after a role ("Jean-Noël Barrot")
US = "USA"
NOT_NAMES = word_set("not_names")
MAX_BACKED_GAP = 1  # words between "US-backed" and the actor it backs ("US-backed Kurdish militia")
MAX_AGENT_GAP = 2  # words allowed between a country and its agent ("Iraqi riot police")


@dataclass(frozen=True, slots=True)
class Actor:
    start: int        # first token index in the sentence
    end: int          # one past the last token index
    char_start: int   # offsets in the article text
    char_end: int
    code: str
    name: str
    kind: str         # country | person | organization | group | agent | instrument (weapons.py)
    country_code: str | None
    type_code: str | None
    adjective: bool   # a demonym or adjective ("Russian"), not a noun phrase
    ethnic: bool = False  # "ethnic Albanians": a people, whose country is where it lives


def same_actor(a: Actor, b: Actor) -> bool:
    """One actor for an event's two sides: the same code, unless two people named apart hold it
    ("Mattis criticised Trump" is USAGOV -> USAGOV)."""
    return a.code == b.code and not (a.kind == b.kind == "person" and a.name != b.name)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    actors: tuple[ActorEntry, ...]
    agent: AgentEntry | None


class ActorMatcher:
    """Finds actor and agent mentions in article text; build once per Dictionaries."""

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.dictionaries = dictionaries
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        table: dict[tuple[bool, str], tuple[list[ActorEntry], list[AgentEntry]]] = {}
        for entry in dictionaries.actors:
            for pattern in entry.patterns:
                table.setdefault(_key(pattern), ([], []))[0].append(entry)
        for agent in dictionaries.agents:
            for pattern in agent.patterns:
                table.setdefault(_key(pattern), ([], []))[1].append(agent)
        for (exact, key), (actors, agents) in table.items():
            value = (len(key), tuple(actors), agents[0] if agents else None)
            (self._exact if exact else self._folded).add_word(key, value)
        for automaton in (self._folded, self._exact):
            if len(automaton):
                automaton.make_automaton()

    def find(self, text: str) -> list[_Hit]:
        """Longest, leftmost, non-overlapping dictionary hits on word boundaries."""
        hits: list[tuple[int, int, tuple, AgentEntry | None]] = []
        for automaton, haystack in ((self._folded, _fold(text)), (self._exact, text)):
            if not len(automaton) or automaton.kind != ahocorasick.AHOCORASICK:
                continue
            for end, (length, actors, agent) in automaton.iter(haystack):
                start = end - length + 1
                if _bounded(text, start, end + 1):
                    hits.append((start, end + 1, actors, agent))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        chosen: list[_Hit] = []
        last_end = -1
        for start, end, actors, agent in hits:
            if start >= last_end:
                chosen.append(_Hit(start, end, actors, agent))
                last_end = end
        return chosen

    def resolve(self, hits: list[_Hit], tokens: list[Token], text: str, on: date | None) -> list[Actor]:
        """Actors of one sentence: hits mapped to tokens, then agents combined with countries."""
        items: list[Actor | tuple[int, int, AgentEntry]] = []
        starts = [t.start for t in tokens]
        for index, hit in enumerate(hits):
            first = _token_at(starts, hit.start)
            last = _token_at(starts, hit.end - 1)
            if first is None or last is None:
                continue
            if (_stance_prefix(text, hit.start) or _language(text, hit.end) or _based(text, hit.end)
                    or _backs_actor(text, hits, index, starts)):
                continue  # "anti-Syria journalist", "pro-Iranian group", "the Russian language",
                # "US-backed rebels" (the rebels are not American), "the Baghdad-based coalition"
            if hit.actors:
                entry = self._pick(hit.actors, on)
                if entry.kind == "country" and us_state_meant(text[hit.start:hit.end], tokens, first, last + 1):
                    # "Atlanta, Georgia": the state, a place, not the country; "Georgia Gov. Brian
                    # Kemp", "Georgia police": a US role
                    if _role_follows(hits, hit, starts, last):
                        items.append(Actor(first, last + 1, hit.start, hit.end, US, text[hit.start:hit.end],
                                           "country", US, None, True))
                    continue
                if entry.kind == "country" and first > 0 and tokens[first - 1].lower == "ethnic":
                    # "ethnic Albanians in Serbia": a people, not the state of Albania; a civilian
                    # agent whose country comes from the context (the place it lives in)
                    items.append(_ethnic(entry, first - 1, last + 1, tokens))
                    continue
                items.append(_actor(entry, first, last + 1, hit.start, hit.end, text))
            elif hit.agent is not None:
                items.append((first, last + 1, hit.agent))
        return [_named(a, tokens) for a in _combine(items, tokens)]

    @staticmethod
    def dated(hits: list[_Hit]) -> bool:
        """Whether a name among `hits` means different actors at different dates (a title held
        in turn: "the US president"), so that resolving them needs the event's date."""
        return any(len(hit.actors) > 1 for hit in hits)

    def _pick(self, entries: tuple[ActorEntry, ...], on: date | None) -> ActorEntry:
        kinds = {"person": 0, "group": 1, "organization": 2, "country": 3}
        best_kind = min(entries, key=lambda e: kinds.get(e.kind, 9)).kind
        same = [e for e in entries if e.kind == best_kind]
        found = self.dictionaries.actor_at(same, on)
        if found is not None:
            return found
        # outside every period: the nearest one in time
        return min(same, key=lambda e: _distance(e, on))


def _role_follows(hits: list[_Hit], hit: _Hit, starts: list[int], last: int) -> bool:
    """Whether the next hit is a role (an agent) starting on the token after `last`."""
    later = [h for h in hits if h.start >= hit.end]
    return bool(later) and not later[0].actors and later[0].agent is not None and \
        _token_at(starts, later[0].start) == last + 1


def _named(actor: Actor, tokens: list[Token]) -> Actor:
    """A role followed by a name the dictionaries lack is that person ("Gov. Brian Kemp", "the
    French foreign minister Jean-Noël Barrot"): the actor's span takes in the name."""
    if actor.kind != "agent" or actor.ethnic:
        return actor
    end = actor.end
    while end < len(tokens) and end - actor.end < MAX_NAME_WORDS and _name_word(tokens[end].text):
        end += 1
    if end - actor.end < 2 and not (end > actor.end and tokens[actor.end - 1].text.endswith(".")):
        return actor  # one capitalised word after a role is a name only after a title ("Gen. Mattis")
    return replace(actor, end=end, char_end=tokens[end - 1].end)


def _name_word(word: str) -> bool:
    return (word[:1].isupper() and word.replace("-", "").replace("'", "").isalpha()
            and word.lower() not in NOT_NAMES)


def matcher_for(dictionaries: Dictionaries) -> ActorMatcher:
    """A matcher per Dictionaries object (built once: compiling the automata takes a moment)."""
    cached = _MATCHERS.get(id(dictionaries))
    if cached is None or cached.dictionaries is not dictionaries:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        cached = _MATCHERS[id(dictionaries)] = ActorMatcher(dictionaries)
    return cached


_MATCHERS: dict[int, ActorMatcher] = {}


def _key(pattern: str) -> tuple[bool, str]:
    letters = [c for c in pattern if c.isalpha()]
    exact = bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)
    return exact, pattern if exact else pattern.lower()


def _fold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _bounded(text: str, start: int, end: int) -> bool:
    before = start == 0 or not text[start - 1].isalnum()
    after = end >= len(text) or not text[end].isalnum() or not text[end - 1].isalnum()
    return before and after


def _token_at(starts: list[int], char: int) -> int | None:
    index = bisect_right(starts, char) - 1
    return index if index >= 0 else None


def _distance(entry: ActorEntry, on: date | None) -> int:
    if on is None:
        return 0
    if entry.start and on < entry.start:
        return (entry.start - on).days
    if entry.end and on >= entry.end:
        return (on - entry.end).days
    return 0


def _actor(entry: ActorEntry, start: int, end: int, c0: int, c1: int, text: str) -> Actor:
    surface = text[c0:c1]
    lowered = surface.lower()
    adjective = (
        entry.kind == "country"
        and lowered != entry.name.lower()
        and surface[:1].isupper()
        and lowered.endswith(ADJECTIVE_SUFFIXES)
        and not lowered.endswith(("stan", "an republic"))
        # "Iraqi" (and "Iraqis") is a demonym; "Tbilisi", "Nairobi" are capitals
        and (not lowered.endswith("i") or lowered.endswith("stani")
             or any(p.lower() == lowered + "s" for p in entry.patterns))
    )
    # a person serving an international body acts for it, not for their nationality
    country = None if entry.code[:3] in INTERNATIONAL else entry.country_code
    return Actor(start, end, c0, c1, entry.code, entry.name, entry.kind,
                 country, entry.type_code, adjective)


def _ethnic(entry: ActorEntry, start: int, end: int, tokens: list[Token]) -> Actor:
    return Actor(start, end, tokens[start].start, tokens[end - 1].end, ETHNIC_TYPE,
                 f"ethnic {entry.name}", "agent", None, ETHNIC_TYPE, True, ethnic=True)


def _with_agent(actor: Actor, agent: AgentEntry, start: int, end: int, tokens: list[Token]) -> Actor:
    if actor.ethnic:
        # "ethnic Albanian rebels": the role's type, the people's (context) country
        return replace(_agent_only(min(actor.start, start), max(actor.end, end), agent, tokens), ethnic=True)
    country = actor.country_code
    if country is None or actor.kind in ("organization", "group"):
        return replace(actor, start=min(actor.start, start), end=max(actor.end, end),
                       char_start=tokens[min(actor.start, start)].start,
                       char_end=tokens[max(actor.end, end) - 1].end)
    lo, hi = min(actor.start, start), max(actor.end, end)
    return Actor(lo, hi, tokens[lo].start, tokens[hi - 1].end, country + agent.type_code,
                 f"{actor.name} {agent.name}".strip(), "agent", country, agent.type_code, False)


def _agent_only(start: int, end: int, agent: AgentEntry, tokens: list[Token]) -> Actor:
    return Actor(start, end, tokens[start].start, tokens[end - 1].end, agent.type_code,
                 agent.name, "agent", None, agent.type_code, False)


def _combine(items: list, tokens: list[Token]) -> list[Actor]:
    """Merge country + agent, agent + of + country, country/agent + person, person's + agent."""
    out: list[Actor] = []
    for item in items:
        prev = out[-1] if out else None
        if isinstance(item, tuple):
            start, end, agent = item
            owner = _posting_owner(out, start, tokens)
            if owner is not None:
                # "Russia's UK ambassador", "Syria's UN envoy": the possessor's role; the country or
                # body between names where it serves
                out[-2:] = [_with_agent(owner, agent, owner.start, end, tokens)]
            elif prev is not None and _joinable(prev.end, start, tokens, prev):
                out[-1] = _with_agent(prev, agent, start, end, tokens)
            else:
                out.append(_agent_only(start, end, agent, tokens))
            continue
        actor = item
        if _settled_people(prev, actor, tokens):
            # "Bosnian Serbs", "Croatian Serb refugees": a people of the country they live in
            out[-1] = replace(prev, end=actor.end, char_end=actor.char_end)
        elif prev is not None and _foreign_institution(prev, actor, tokens):
            # "the German Foreign Office", "Syria's congress": an institution's generic name,
            # owned by the country written before it, not the country the dictionary files it under
            out[-1] = Actor(prev.start, actor.end, prev.char_start, actor.char_end,
                            prev.country_code + (actor.type_code or ""), f"{prev.name} {actor.name}",
                            "agent", prev.country_code, actor.type_code, False)
        elif (prev is not None and actor.kind == "person" and prev.kind in ("country", "agent")
                and _adjacent(prev.end, actor.start, tokens)):
            out[-1] = replace(actor, start=prev.start, char_start=prev.char_start)
        elif (prev is not None and prev.kind == "agent" and prev.country_code is None
              and actor.kind == "country" and _of_between(prev.end, actor.start, tokens)
              and not (prev.start > 0 and tokens[prev.start - 1].lower in POSSESSIVES)):
            # ("their peacekeeping force from Chad" is theirs, withdrawn from Chad)
            out[-1] = Actor(prev.start, actor.end, prev.char_start, actor.char_end,
                            actor.code + (prev.type_code or ""), f"{actor.name} {prev.name}",
                            "agent", actor.country_code, prev.type_code, False)
        else:
            out.append(actor)
    return out


def _posting_owner(out: list[Actor], start: int, tokens: list[Token]) -> Actor | None:
    """The country written with "'s" before a posting that a role follows: "Russia's UK
    ambassador" (Russia's, serving in the UK), "Syria's UN envoy" (Syria's, at the UN)."""
    if len(out) < 2:
        return None
    owner, posting = out[-2], out[-1]
    if posting.end != start or not (posting.kind == "country" and not posting.adjective
                                    or posting.kind == "organization" and posting.code[:3] in INTERNATIONAL):
        return None
    gap = [t.lower for t in tokens[owner.end:posting.start]]
    if owner.kind != "country" or not owner.country_code or gap not in (["'s"], ["’s"]):
        return None
    return owner


def _stance_prefix(text: str, start: int) -> bool:
    return text[max(0, start - 5):start].lower().endswith(STANCE_PREFIXES)


def _based(text: str, end: int) -> bool:
    """A place where the thing after it is based ("the London-based monitor"), not an actor."""
    return text[end:end + 16].lower().replace("\u2013", "-").startswith(LOCATION_SUFFIXES)


def _language(text: str, end: int) -> bool:
    after = text[end:end + 12].lower()
    return after.startswith(LANGUAGE_WORDS)


def _backs_actor(text: str, hits: list[_Hit], index: int, starts: list[int]) -> bool:
    """An actor written before "-backed", "-made"… and another actor ("US-backed rebels",
    "Iranian-funded Shia militias"): the backer, not the actor's country. Before a thing that is
    no actor it stays ("a Russian-sponsored conference" is Russia's)."""
    hit = hits[index]
    if not text[hit.end:hit.end + 12].lower().replace("\u2013", "-").startswith(BACKER_SUFFIXES):
        return False
    # the compound is three tokens ("US", "-", "backed"); one word may come between it and the actor
    first = hit.end + len(text[hit.end:].split(None, 1)[0])
    words = text[first:].split(None, MAX_BACKED_GAP + 1)[:MAX_BACKED_GAP + 1]
    if any(w.strip(",.;:").lower() in BACKED_NOUNS for w in words):
        return True
    last = _token_at(starts, hit.end - 1)
    following = _token_at(starts, hits[index + 1].start) if index + 1 < len(hits) else None
    return last is not None and following is not None and following - last <= 2 + 1 + MAX_BACKED_GAP


def _settled_people(prev: Actor | None, actor: Actor, tokens: list[Token]) -> bool:
    """A country adjective right before another country's people ("Bosnian Serbs")."""
    return (prev is not None and prev.kind == "country" and prev.adjective and actor.kind == "country"
            and not actor.adjective and prev.end == actor.start and prev.code != actor.code
            and actor.name.lower() not in tokens[actor.start].lower)


def _foreign_institution(prev: Actor, actor: Actor, tokens: list[Token]) -> bool:
    """A national institution right after another country's adjective or possessive ("German
    Foreign Office", "Syria's congress"): the name is generic, the country written is the owner."""
    if not (actor.kind == "organization" and actor.country_code and actor.type_code
            and prev.kind == "country" and prev.country_code and prev.country_code != actor.country_code
            and prev.type_code is None):
        return False
    gap = [t.lower for t in tokens[prev.end:actor.start]]
    return (prev.adjective and not gap) or gap in (["'s"], ["’s"])


def _joinable(prev_end: int, start: int, tokens: list[Token], prev: Actor) -> bool:
    gap = tokens[prev_end:start]
    if not gap:
        return True
    if len(gap) == 1 and gap[0].lower in ("'s", "’s"):
        return prev.kind != "agent"
    if prev.kind == "organization" and prev.code[:3] in INTERNATIONAL:
        return len(gap) <= MAX_AGENT_GAP and all(t.lower in ROLE_MODIFIERS for t in gap)  # "the UN special envoy"
    return prev.adjective and len(gap) <= MAX_AGENT_GAP and all(
        t.lower.isalpha() and t.lower not in _STOP for t in gap)


def _adjacent(prev_end: int, start: int, tokens: list[Token]) -> bool:
    """Nothing, or a capitalized title ("Foreign Minister"), between two actor mentions."""
    gap = tokens[prev_end:start]
    return len(gap) <= 2 and all(t.text.isalpha() and t.text[:1].isupper() for t in gap)


def _of_between(prev_end: int, start: int, tokens: list[Token]) -> bool:
    gap = [t.lower for t in tokens[prev_end:start]]
    return gap in (["of"], ["of", "the"], ["from"], ["from", "the"])


_STOP = word_set("actor_gap_stopwords")
