"""Countries from context: agents with no country, and places that name the target.

As in PETRARCH/TABARI, a bare agent ("officials", "the military", "protesters") takes its
country from the context:

- a source agent: the nearest other country-bearing actor in the sentence (not its target nor
  another name of it), else the sentence's place ("in Nairobi"), else, for a people ("rebels",
  "refugees"), the country the article is set in (scene.py), else the previous sentence's actor,
  else the target;
- a target agent: the sentence's place, else the scene when a foreign state acts on it ("Russia
  targets civilians" in a story set in Syria), else the source's country (a domestic event:
  "Egyptian police dispersed demonstrators" is EGYCOP -> EGYOPP).

An event with no target actor whose object is a place takes that place's country as its target
("troops entered Hebron" -> PSE; "lifted the curfew in Montenegro" -> MNE).
"""
from __future__ import annotations

from dataclasses import replace

from .actors import POSSESSIVES, Actor, same_actor
from .scene import abroad, resident, state_home
from .places import (LOCATIVES, Place, PlaceGate, cameo_of_iso3, located_places, lookup_phrase, skip_descriptor,
                     unnamed_place)
from .structure import Dyad
from .clausetree import foreign_clause
from .syntax import Tree
from .text import Token
from .wordlists import word_set

TARGET_PLACE_PREPOSITIONS = word_set("target_place_prepositions")
PLACE_TARGET_ROOTS = word_set("place_target_roots")
SCENE_PLACE_ROOTS = word_set("scene_place_roots")
ARMED = word_set("armed_agent_types")
DOMESTIC_ROOTS = word_set("domestic_roots")
CHALLENGERS = word_set("challenger_agent_types")
PEOPLES = word_set("target_agent_types")
STATE_AGENTS = word_set("state_agent_types")
FORCES = word_set("security_agent_types")
CLAUSE_ENDS = word_set("clause_ends")
APPOSITION_GLUE = word_set("apposition_glue")
POSTED_ROLES = word_set("posted_roles")


def settle_countries(dyads: list[Dyad], actors: list[Actor], tokens: list[Token], text: str,
                     context: Actor | None, dropped: frozenset[int] = frozenset(),
                     located: list | None = None, gate: PlaceGate | None = None,
                     default: Actor | None = None, scene: str | None = None,
                     tree: Tree | None = None, home: str | None = None,
                     confident: str | None = None) -> list[Dyad]:
    """Dyads with place targets filled in and country-less agents given a country. `located`:
    the sentence's `located_places` when the caller has them already; `default`: the country of
    an agent nothing else gives one to (a lead sentence's dateline: "HANOI (AP) — Police …");
    `scene`: the country the article is set in (scene.py), `home` that country when the article
    names it far more than any other (a bare "regime", "police" or "court" is its state's);
    `tree`: the sentence's parse, whose relative clauses on another noun lend the source no country;
    `confident`: the scene when it leads the other countries clearly (scene.confident_scene)."""
    if located is None:
        located = list(located_places(tokens, actors, text, TARGET_PLACE_PREPOSITIONS))
    places = [(i, j, p) for k, i, j, p in located
              if tokens[k].lower in TARGET_PLACE_PREPOSITIONS and i not in dropped and p.country_code]
    out: list[Dyad] = []
    seen: set[tuple] = set()
    for d in dyads:
        target = d.target
        flags = d.match.pattern.flags
        if target is None and d.match.pattern.code[:2] in PLACE_TARGET_ROOTS and "sym" not in flags:
            target = (None if "intr" in flags else _place_target(d, places, tokens, text, gate)) or _where_place(
                d, places, tokens)
        source = d.source
        owner = _possessor(source, actors, tokens) if _countryless(source) else None
        if owner is not None:  # "Isis members fled …, where their forces had besieged …"
            source = owner if not owner.country_code else _adopt(source, owner)
        elif _countryless(source) and _home_institution(source, tokens):
            source = _adopt(source, _conjunct(source, actors, tokens) or default)
        elif _countryless(source):
            donors = [a for a in actors if not foreign_clause(tree, a, d.match.head, source, subjects=False)]
            source = _adopt(source, _source_donor(d, donors, places, context, target, tokens, default, scene, home))
        if target is None and not flags & {"sym", "say"}:  # "struck in the east of the province"
            target = _scene_place(d, source, tokens, confident)
        if target is not None and _countryless(target) and _home_institution(target, tokens):
            target = _adopt(target, _conjunct(target, actors, tokens) or default)
        elif target is not None and _countryless(target):
            own = target.start > 0 and tokens[target.start - 1].lower in POSSESSIVES and source.country_code
            donor = (source if own else None) or _conjunct(target, actors, tokens) or (
                place_actor(places[0], tokens) if places else abroad(d.match.pattern.code[:2], source, scene)
                or state_home(target, _words(target, tokens), home) or (source if source.country_code else None))
            target = _adopt(target, donor)
        if default is not None:
            target = _adopt(target, default) if target is not None and _countryless(target) else target
        if target is not None and (same_actor(target, source) or (target is d.target and _own_country(d, source, target))):
            target = None
        if target is None and not flags & {"say", "intr"}:
            target = _domestic_target(d, source, places, tokens)
        key = (d.match.head, source.code, target.code if target is not None else None)
        if key not in seen:
            seen.add(key)
            if source is not d.source or target is not d.target:  # most dyads need no new copy
                d = replace(d, source=source, target=target, inherited=d.inherited or source is not d.source)
            out.append(d)
    return out


def _own_country(d: Dyad, source: Actor, target: Actor) -> bool:
    """A named target that is only the source's own country, for an act that is addressed to
    someone (not a domestic root) and a source that is not one of its challengers (rebels,
    opposition, militants…): "Lavrov claimed Moscow had evidence" (RUSGOV), "praised his US
    counterpart". Domestic acts keep it ("prepared to impose martial law": IRQGOV -> IRQ)."""
    return (target.kind == "country" and target.type_code is None and target.country_code == source.country_code
            and not source.ethnic and source.type_code not in CHALLENGERS
            and d.match.pattern.code[:2] not in DOMESTIC_ROOTS)


def _possessor(agent: Actor, actors: list[Actor], tokens: list[Token]) -> Actor | None:
    """The actor a possessive pronoun before a bare agent stands for ("its troops", "their
    forces"): the nearest actor named before it in the sentence that is no bare agent itself."""
    if agent.start == 0 or tokens[agent.start - 1].lower not in POSSESSIVES:
        return None
    before = [a for a in actors if a.end <= agent.start - 1 and not _countryless(a)]
    return before[-1] if before else None


def _home_institution(agent: Actor, tokens: list[Token]) -> bool:
    """A role written as a proper name in mid-sentence with no country by it ("the Government",
    "the Cabinet"): how a paper names its own country's institution. It takes no country from
    the sentence's other actors or the previous sentence (a British paper's "the Government" in
    a story about Ukraine is not Ukraine's), only from a country coordinated with it or the
    dateline."""
    words = tokens[agent.start:agent.end]
    return (agent.start > 0 and len(words) == 1 and words[0].text[:1].isupper()
            and words[0].text[1:].islower() and tokens[agent.start - 1].lower == "the")


def _conjunct(agent: Actor, actors: list[Actor], tokens: list[Token]) -> Actor | None:
    """A country-bearing actor coordinated with the agent: "the Sudanese government and the rebels"."""
    for other in actors:
        if other.country_code and other.end <= agent.start:
            gap = {t.lower for t in tokens[other.end:agent.start]}
            if "and" in gap and gap <= {"and", ",", "the", "its", "their"}:
                return other
    return None


def _domestic_target(d: Dyad, source: Actor, places, tokens: list[Token]) -> Actor | None:
    """An act with no other target, done where its source belongs, is domestic: a place of the
    source's own country named after the verb makes that country the target ("Iraqi Kurds
    demonstrated in Kirkuk" -> IRQ -> IRQ; "threatened to impose a curfew in Algiers" -> DZA)."""
    if not source.country_code or d.match.pattern.code[:2] not in DOMESTIC_ROOTS:
        return None
    for i, j, place in places:
        if i > d.match.end and any(t.lower in CLAUSE_ENDS for t in tokens[d.match.end:i]):
            return None  # a place in a later clause ("resigned as the opposition marched in Tbilisi")
        if i >= source.end and (cameo_of_iso3().get(place.country_code, place.country_code)
                                 == source.country_code):
            return place_actor((i, j, place), None)
    return None


def _countryless(actor: Actor) -> bool:
    return actor.kind == "agent" and actor.country_code is None


def _adopt(agent: Actor, donor: Actor | None) -> Actor:
    if donor is None or not donor.country_code:
        return agent
    country = donor.country_code
    return replace(agent, code=country + (agent.type_code or ""), country_code=country,
                   name=f"{country} {agent.name}")


def _source_donor(d: Dyad, actors: list[Actor], places, context: Actor | None,
                  target: Actor | None, tokens: list[Token], default: Actor | None = None,
                  scene: str | None = None, home: str | None = None) -> Actor | None:
    source = d.source
    if source.ethnic:  # a people belongs where it lives: the place, else the country it acts against
        located = [p for p in places if p[0] > 0 and tokens[p[0] - 1].lower in LOCATIVES]
        if located:
            return place_actor(located[0], None)
        if target is not None and target.country_code:
            return target
    conjunct = _conjunct(source, actors, tokens)
    if conjunct is not None and (target is None or conjunct.start != target.start):
        return conjunct
    if default is not None:  # the dateline's country, after a place the sentence names for the act
        located = [p for p in places if p[0] > 0 and tokens[p[0] - 1].lower in LOCATIVES]
        return place_actor(located[0], None) if located else default
    others = [a for a in actors if a.country_code and a is not source and not _posting(source, a, tokens)
              and (target is None or not (a.start == target.start or _apposed(a, target, tokens)))]
    if others:
        return min(others, key=lambda a: abs(a.start - source.start))
    # a place that is the event's own target ("threatened action against Russia") is not the source's
    places = [p for p in places if (target is None or not (p[0] <= target.start < p[1]))
              and not _posting(source, place_actor(p, None), tokens)]
    if places:
        return place_actor(places[0], None)
    # "the rebels", "refugees": people of where the story is set; "the regime", "police": its state
    local = resident(source, scene) or state_home(source, _words(source, tokens), home)
    if local is not None:
        return local
    if context is not None and context.country_code:
        return context
    # a people, judge or rebel acting on a state is of that state ("rebels demanded that
    # Burundi's government …"); so is a state's agent acting on a people ("police arrested Iraqi
    # protesters") or at home ("leaders are willing to forgive President Obasanjo"), but not one
    # addressing a country ("officials criticised Iran") or acting on another state's force
    if target is None or source.type_code not in STATE_AGENTS or target.type_code in PEOPLES:
        return target
    home = d.match.pattern.code[:2] in DOMESTIC_ROOTS and target.type_code not in FORCES
    return target if home else None


def _posting(role: Actor, actor: Actor, tokens: list[Token]) -> bool:
    """Where a role is posted, written right after it ("the special envoy for Syria", "the
    ambassador to Russia"): a country the role serves in, not its own."""
    gap = [t.lower for t in tokens[role.end:actor.start]]
    return (role.end > 0 and tokens[role.end - 1].lower in POSTED_ROLES and gap[:1] in (["to"], ["for"])
            and set(gap[1:]) <= {"the"})


def _words(actor: Actor, tokens: list[Token]) -> str:
    return " ".join(t.lower for t in tokens[actor.start:actor.end])


def _apposed(actor: Actor, target: Actor, tokens: list[Token]) -> bool:
    """Another name of the target in apposition with it ("the French president, Emmanuel Macron";
    "Macron, the French president"): its country is the target's, not the source's."""
    if actor.end <= target.start:
        gap = tokens[actor.end:target.start]
    elif target.end <= actor.start:
        gap = tokens[target.end:actor.start]
    else:
        return True
    return bool(gap) and gap[0].lower == "," and all(t.lower in APPOSITION_GLUE for t in gap)


def _place_target(d: Dyad, places, tokens: list[Token], text: str, gate: PlaceGate | None) -> Actor | None:
    """The place named as the object, else the first place after the head in the same clause,
    as a country actor ("besieged Idlib, while Turkey … against Afrin": Idlib)."""
    head = d.match.head
    found = _object_place(d, tokens, text, gate)
    if found is not None:
        return found
    for i, j, place in places:
        if i <= head:
            continue
        if any(t.lower in CLAUSE_ENDS for t in tokens[d.match.end:i]):
            return None
        return place_actor((i, j, place), tokens)
    return None


def _scene_place(d: Dyad, source: Actor, tokens: list[Token], scene: str | None) -> Actor | None:
    """The (confident) scene's country for an act of force by a foreign state, or by an armed
    force or state agent of the scene's own country, done to or in a place the sentence describes
    but does not name ("Russian jets struck in the east of the province", "Turkish troops
    encircled their home city", "Syrian soldiers seized a town in the east of the country"), in
    the act's clause; not for civilians ("its citizens were fighting in the region")."""
    if d.match.pattern.code[:2] not in SCENE_PLACE_ROOTS:
        return None
    found = abroad(d.match.pattern.code[:2], source, scene)
    if found is None and scene is not None and source.country_code == scene and source.type_code in ARMED:
        found = Actor(0, 0, 0, 0, scene, scene, "country", scene, None, False)
    if found is None:
        return None
    if "intr" not in d.match.pattern.flags and unnamed_place(tokens, d.match.end):
        return found
    for i in range(d.match.end, len(tokens) - 1):
        word = tokens[i].lower
        if word in CLAUSE_ENDS:
            return None
        if word in LOCATIVES and unnamed_place(tokens, i + 1):
            return found
    return None


def _where_place(d: Dyad, places, tokens: list[Token]) -> Actor | None:
    """The place a "where"-clause the act is in describes ("villages near Deir ez-Zor, where Isis
    is fighting": SYR)."""
    head = d.match.head
    for k in range(head - 1, 0, -1):
        word = tokens[k].lower
        if word == "where":
            end = k - 1 if tokens[k - 1].lower == "," else k
            return next((place_actor(p, tokens) for p in places if p[1] == end), None)
        if word in CLAUSE_ENDS or word in (",", ";"):
            return None
    return None


def _object_place(d: Dyad, tokens: list[Token], text: str, gate: PlaceGate | None) -> Actor | None:
    """A place named as the direct object ("shelled Kharkiv", "bombed the town of Bakhmut"), or
    after an event noun's preposition ("the occupation of the Kurdish region of Afrin")."""
    j = skip_descriptor(tokens, d.match.end)
    found = lookup_phrase(tokens, j, text, gate)
    if found is None or not found[0].country_code:
        return None
    return place_actor((j, found[1], found[0]), tokens)


def place_actor(found: tuple[int, int, Place], tokens: list[Token] | None) -> Actor:
    i, j, place = found
    code = cameo_of_iso3().get(place.country_code, place.country_code)
    c0 = tokens[i].start if tokens else 0
    c1 = tokens[j - 1].end if tokens else 0
    return Actor(i, j, c0, c1, code, place.name, "country", code, None, False)
