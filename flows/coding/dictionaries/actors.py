"""Parsers for the actor files: countries, people, organizations, groups, agents."""
from __future__ import annotations

import re
from pathlib import Path

from .model import ActorEntry, AgentEntry
from .tsv import (
    ACTOR_CODE,
    COUNTRY_CODE,
    TYPE_CODE,
    Row,
    parse_date,
    parse_patterns,
    read_rows,
    require,
    split_code,
)

COUNTRY_COLUMNS = ("code", "iso3", "iso2", "fips", "name", "aliases")
PEOPLE_COLUMNS = ("patterns", "code", "name", "country", "role", "start", "end")
ORG_COLUMNS = ("patterns", "code", "name", "type")
AGENT_COLUMNS = ("patterns", "type_code", "name")
TYPE_COLUMNS = ("code", "name")

ISO3 = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")
FIPS = re.compile(r"^[A-Z]{2}$")
INTERNATIONAL_TYPES = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC"})


def load_types(path: Path) -> dict[str, str]:
    """CAMEO actor type codes (GOV, MIL, …) and their labels."""
    types: dict[str, str] = {}
    for row in read_rows(path, TYPE_COLUMNS):
        code = require(row, "code", TYPE_CODE, "a 3-letter type code")
        if code in types:
            raise row.fail(f"type code {code} is listed twice")
        types[code] = require(row, "name")
    return types


def load_countries(path: Path) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    seen: set[str] = set()
    for row in read_rows(path, COUNTRY_COLUMNS):
        code = require(row, "code", COUNTRY_CODE, "a 3-letter CAMEO country code")
        if code in seen:
            raise row.fail(f"country code {code} is listed twice")
        seen.add(code)
        for column, pattern in (("iso3", ISO3), ("iso2", ISO2), ("fips", FIPS)):
            if row[column] and not pattern.fullmatch(row[column]):
                raise row.fail(f"{column} {row[column]!r} is malformed")
        name = require(row, "name")
        aliases = parse_patterns(row, "aliases", required=False)
        patterns = (name, *[a for a in aliases if a.lower() != name.lower()])
        entries.append(
            ActorEntry(patterns, code, name, "country", code, None, None, None, row.source)
        )
    return entries


def _check_type_chunks(row: Row, chunks: list[str], types: dict[str, str], column: str = "code") -> None:
    for chunk in chunks:
        if chunk not in types:
            raise row.fail(f"{column} {row[column]!r}: {chunk} is not a known CAMEO type code")


def _person_type(row: Row, code: str, country: str, types: dict[str, str]) -> str:
    """A person's code is their country plus type codes ("RUSGOV"), or, while they serve an
    international organization, that organization's code ("IGOUNO", "IGOWSTNAT")."""
    chunks = split_code(code)
    if chunks[0] in types and chunks[0] in INTERNATIONAL_TYPES:
        return chunks[0]
    if chunks[0] != country:
        raise row.fail(f"code {code} starts with neither the country {country} nor IGO/NGO/IMG")
    if len(chunks) < 2:
        raise row.fail(f"code {code} has no type (e.g. {country}GOV)")
    _check_type_chunks(row, chunks[1:2], types)  # later chunks may be group codes (HMS)
    return chunks[1]


def load_people(path: Path, types: dict[str, str], countries: set[str]) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    for row in read_rows(path, PEOPLE_COLUMNS):
        patterns = parse_patterns(row)
        code = require(row, "code", ACTOR_CODE, "a CAMEO actor code (3-letter groups)")
        country = require(row, "country", COUNTRY_CODE, "a 3-letter country code")
        if country not in countries:
            raise row.fail(f"country {country} is not in countries.tsv")
        type_code = _person_type(row, code, country, types)
        start, end = parse_date(row, "start"), parse_date(row, "end")
        if start and end and not start < end:
            raise row.fail(f"start {start} is not before end {end}")
        entries.append(
            ActorEntry(patterns, code, require(row, "name"), "person", country, type_code,
                       start, end, row.source)
        )
        require(row, "role")
    return entries


def load_organizations(path: Path, kind: str, types: dict[str, str], countries: set[str]) -> list[ActorEntry]:
    """organizations.tsv (kind "organization") or groups.tsv (kind "group")."""
    entries: list[ActorEntry] = []
    for row in read_rows(path, ORG_COLUMNS):
        patterns = parse_patterns(row)
        code = require(row, "code", ACTOR_CODE, "a CAMEO actor code (3-letter groups)")
        type_code = require(row, "type", TYPE_CODE, "a 3-letter type code")
        _check_type_chunks(row, [type_code], types, "type")
        first = split_code(code)[0]
        if first in countries:
            country = first
        elif first in types:
            country = None
        else:
            raise row.fail(f"code {code} starts with {first}, neither a country nor a type code")
        if type_code not in split_code(code):
            raise row.fail(f"code {code} does not contain its type {type_code}")
        entries.append(
            ActorEntry(patterns, code, require(row, "name"), kind, country, type_code,
                       None, None, row.source)
        )
    return entries


def load_agents(path: Path, types: dict[str, str]) -> list[AgentEntry]:
    entries: list[AgentEntry] = []
    for row in read_rows(path, AGENT_COLUMNS):
        patterns = parse_patterns(row)
        type_code = require(row, "type_code", TYPE_CODE, "a 3-letter type code")
        _check_type_chunks(row, [type_code], types, "type_code")
        entries.append(AgentEntry(patterns, type_code, require(row, "name"), row.source))
    return entries
