"""Fixtures for the coder tests: a tiny inline dictionary (no dependency on the full files), the full
one, and the verbs. Plain helpers (`articles`, `coded`) are in helpers.py."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows.coding.dictionaries import ActorEntry, AgentEntry, Dictionaries, load_dictionaries
from flows.coding.dictionaries.codebook import load_codebook
from flows.coding.verbs import load_verbs
from tests.coding.helpers import articles

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

COUNTRIES = {
    "USA": ("United States", "the United States|US|U.S.|USA|America|American|Americans|Washington|the White House"),
    "RUS": ("Russia", "Russian|Russians|Moscow|the Kremlin|Kremlin"),
    "UKR": ("Ukraine", "Ukrainian|Ukrainians|Kyiv|Kiev"),
    "IRQ": ("Iraq", "Iraqi|Iraqis|Baghdad"),
    "CHN": ("China", "Chinese|Beijing"),
    "GBR": ("United Kingdom", "Britain|British|UK|London"),
    "FRA": ("France", "French|Paris"),
    "DEU": ("Germany", "German|Berlin"),
    "ISR": ("Israel", "Israeli|Israelis"),
    "IRN": ("Iran", "Iranian|Tehran"),
    "JOR": ("Jordan", "Jordanian"),
}
PEOPLE = [
    ("Donald Trump|Trump", "USAELI", None, date(2017, 1, 20)),
    ("Donald Trump|Trump", "USAGOV", date(2017, 1, 20), date(2021, 1, 20)),
    ("Donald Trump|Trump", "USAELI", date(2021, 1, 20), date(2025, 1, 20)),
    ("Donald Trump|Trump", "USAGOV", date(2025, 1, 20), None),
    ("Vladimir Putin|Putin", "RUSGOV", None, None),
    ("Volodymyr Zelensky|Zelensky", "UKRGOV", date(2019, 5, 20), None),
]
ORGS = [("European Union|EU", "IGOEUREEC", "European Union"), ("NATO", "IGOWSTNAT", "NATO"),
        ("United Nations|UN", "IGOUNO", "United Nations")]
AGENTS = [("troops|soldiers|forces|military|army", "MIL"),
          ("officials|government|administration|president|leader|minister|prime minister", "GOV"),
          ("police|policemen", "COP"), ("rebels", "REB"), ("protesters|demonstrators", "CVL")]


def _tiny() -> Dictionaries:
    actors = [ActorEntry((name, *aliases.split("|")), code, name, "country", code, None, None, None,
                         f"countries.tsv:{i}")
              for i, (code, (name, aliases)) in enumerate(COUNTRIES.items(), start=2)]
    for i, (patterns, code, start, end) in enumerate(PEOPLE, start=2):
        name = patterns.split("|")[0]
        actors.append(ActorEntry(tuple(patterns.split("|")), code, name, "person", code[:3], code[3:],
                                 start, end, f"people.tsv:{i}"))
    for i, (patterns, code, name) in enumerate(ORGS, start=2):
        actors.append(ActorEntry(tuple(patterns.split("|")), code, name, "organization", None, "IGO",
                                 None, None, f"organizations.tsv:{i}"))
    agents = [AgentEntry(tuple(p.split("|")), t, p.split("|")[0], f"agents.tsv:{i}")
              for i, (p, t) in enumerate(AGENTS, start=2)]
    codebook = load_codebook(REPO / "data" / "dictionaries" / "cameo_codebook.tsv")
    return Dictionaries(tuple(actors), tuple(agents), codebook)


@pytest.fixture(scope="session")
def tiny() -> Dictionaries:
    return _tiny()


@pytest.fixture(scope="session")
def verbs():
    return load_verbs()


@pytest.fixture(scope="session")
def full():
    """The project's full dictionaries and the verbs checked against their codebook."""
    dictionaries = load_dictionaries()
    return dictionaries, load_verbs(codebook=frozenset(dictionaries.codebook))


@pytest.fixture(scope="session")
def make_articles():
    return articles
