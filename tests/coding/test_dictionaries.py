"""The coder's dictionaries: the validating loader and the facts the committed files hold."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from flows.coding.dictionaries import (
    DEFAULT_DIRECTORY,
    DictionaryError,
    load_dictionaries,
    quad_class_of,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

# A tiny, valid set of dictionaries; each malformed case below breaks one line of it.
VALID = {
    "types.tsv": "code\tname\nGOV\tGovernment\nMIL\tMilitary\nELI\tElites\nIGO\tInter-Governmental Organization\nINS\tInsurgents\n",
    "countries.tsv": "# comment\ncode\tiso3\tiso2\tfips\tname\taliases\n"
    "RUS\tRUS\tRU\tRS\tRussia\tRussian|Russians|the Kremlin\n"
    "UKR\tUKR\tUA\tUP\tUkraine\tUkrainian|Kyiv\n",
    "people.tsv": "patterns\tcode\tname\tcountry\trole\tstart\tend\n"
    "Ivan Petrov|Petrov\tRUSELI\tIvan Petrov\tRUS\tbanker\t\t2020-01-01\n"
    "Ivan Petrov|Petrov\tRUSGOV\tIvan Petrov\tRUS\tminister\t2020-01-01\t\n",
    "organizations.tsv": "patterns\tcode\tname\ttype\nUnited Nations|UN\tIGOUNO\tUnited Nations\tIGO\n",
    "groups.tsv": "patterns\tcode\tname\ttype\nSome Front\tUKRINS\tSome Front\tINS\n",
    "agents.tsv": "patterns\ttype_code\tname\ntroops|soldiers\tMIL\tmilitary\n",
    "cameo_codebook.tsv": "code\tname\tgoldstein\tquad_class\tplover_type\n"
    "04\tCONSULT\t1.0\t1\tCONSULT\n041\tDiscuss by telephone\t1.0\t1\tCONSULT\n"
    "19\tFIGHT\t-10.0\t4\tASSAULT\n",
}


def write_dictionaries(directory: Path, **replace: str) -> Path:
    for name, text in {**VALID, **replace}.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def with_line(name: str, line: str) -> str:
    return VALID[name] + line + "\n"


def test_minimal_valid_set_loads(tmp_path: Path) -> None:
    d = load_dictionaries(write_dictionaries(tmp_path))
    kinds = sorted({a.kind for a in d.actors})
    assert kinds == ["country", "group", "organization", "person"]
    petrov = [a for a in d.actors if a.name == "Ivan Petrov"]
    assert d.actor_at(petrov, date(2019, 12, 31)).code == "RUSELI"
    assert d.actor_at(petrov, date(2020, 1, 1)).code == "RUSGOV"  # end is exclusive
    assert d.actor_at(petrov, None).code == "RUSGOV"  # unknown date: the current role
    assert petrov[0].source == "people.tsv:2"
    assert d.codebook["041"].root_code == "04" and d.codebook["041"].base_code == "041"


PEOPLE = "people.tsv"
CB = "cameo_codebook.tsv"
MALFORMED = [
    # (file, new content, line, words in the message)
    (PEOPLE, with_line(PEOPLE, "Olga\tRUSGOV\tOlga\tRUS\tminister\t2021-13-01\t"), 4, "not an ISO date"),
    (PEOPLE, with_line(PEOPLE, "Olga\tRUSGOV\tOlga\tRUS\tminister\t2021-01-01\t2020-01-01"), 4, "not before end"),
    (PEOPLE, with_line(PEOPLE, "Ivan Petrov\tRUSGOV\tIvan Petrov\tRUS\tminister\t2022-01-01\t2023-01-01"), 4, "overlaps"),
    (PEOPLE, with_line(PEOPLE, "Olga\tRUSgov\tOlga\tRUS\tminister\t\t"), 4, "CAMEO actor code"),
    (PEOPLE, with_line(PEOPLE, "Olga\tRUSXYZ\tOlga\tRUS\tminister\t\t"), 4, "XYZ is not a known CAMEO type"),
    (PEOPLE, with_line(PEOPLE, "Olga\tUKRGOV\tOlga\tRUS\tminister\t\t"), 4, "neither the country RUS"),
    (PEOPLE, with_line(PEOPLE, "Olga\tFRAGOV\tOlga\tFRA\tminister\t\t"), 4, "FRA is not in countries.tsv"),
    (PEOPLE, with_line(PEOPLE, "Olga||Olga K\tRUSGOV\tOlga\tRUS\tminister\t\t"), 4, "empty pattern"),
    (PEOPLE, with_line(PEOPLE, "\tRUSGOV\tOlga\tRUS\tminister\t\t"), 4, "patterns is empty"),
    (PEOPLE, with_line(PEOPLE, "Olga\tRUSGOV\tOlga\tRUS\tminister\t"), 4, "expected 7 tab-separated fields"),
    (PEOPLE, with_line(PEOPLE, "Petrov\tRUSGOV\tOlga Petrova\tRUS\tminister\t\t"), 4, "already names person Ivan Petrov"),
    (PEOPLE, VALID[PEOPLE].replace("patterns\tcode", "pattern\tcode"), 1, "header must start with"),
    ("countries.tsv", with_line("countries.tsv", "Ru\tRUS\tRU\tRS\tRus\t"), 5, "3-letter CAMEO country code"),
    ("countries.tsv", with_line("countries.tsv", "RUS\tRUS\tRU\tRS\tRussia again\t"), 5, "listed twice"),
    ("countries.tsv", with_line("countries.tsv", "BLR\tBLR\tBY\tBO\tBelarus\tKyiv"), 5, "'Kyiv' already names country UKR"),
    ("organizations.tsv", with_line("organizations.tsv", "NATO\tIGOWSTNAT\tNATO\tXXX"), 3, "XXX is not a known"),
    ("organizations.tsv", with_line("organizations.tsv", "NATO\tZZZNAT\tNATO\tIGO"), 3, "neither a country nor a type"),
    ("groups.tsv", with_line("groups.tsv", "Other Front\tUKRGOV\tOther Front\tINS"), 3, "does not contain its type INS"),
    ("agents.tsv", with_line("agents.tsv", "troops\tGOV\tgovernment"), 3, "already listed at agents.tsv:2"),
    ("agents.tsv", with_line("agents.tsv", "police\tCOP\tpolice"), 3, "COP is not a known"),
    (CB, with_line(CB, "042\tMake a visit\t11.5\t1\tCONSULT"), 5, "outside [-10, 10]"),
    (CB, with_line(CB, "042\tMake a visit\tabc\t1\tCONSULT"), 5, "not a number"),
    (CB, with_line(CB, "042\tMake a visit\t1.9\t2\tCONSULT"), 5, "does not match root 04"),
    (CB, with_line(CB, "042\tMake a visit\t1.9\t1\tCONSLUT"), 5, "not a PLOVER event type"),
    (CB, with_line(CB, "2101\tBeyond the roots\t1.0\t4\t"), 5, "outside 01–20"),
    (CB, with_line(CB, "0421\tOrphan\t1.0\t1\t"), 5, "without) its parent 042"),
    (CB, with_line(CB, "041\tTwice\t1.0\t1\t"), 5, "listed twice"),
    (CB, with_line(CB, "4a\tBad\t1.0\t1\t"), 5, "2–4 digit"),
]


@pytest.mark.parametrize(("file", "text", "line", "words"), MALFORMED)
def test_malformed_entry_names_file_and_line(tmp_path: Path, file: str, text: str, line: int, words: str) -> None:
    with pytest.raises(DictionaryError) as caught:
        load_dictionaries(write_dictionaries(tmp_path, **{file: text}))
    message = str(caught.value)
    assert message.startswith(f"{file}:{line}: "), message
    assert words in message


SHARED_SURNAME = (
    "patterns\tcode\tname\tcountry\trole\tstart\tend\n"
    "Ivan Petrov\tRUSELI\tIvan Petrov\tRUS\tbanker\t\t2020-01-01\n"
    "Ivan Petrov|Petrov\tRUSGOV\tIvan Petrov\tRUS\tminister\t2020-01-01\t\n"
)


def test_people_may_share_a_pattern_in_disjoint_periods(tmp_path: Path) -> None:
    people = SHARED_SURNAME + "Olga Petrova|Petrov\tRUSGOV\tOlga Petrova\tRUS\tminister\t2000-01-01\t2010-01-01\n"
    d = load_dictionaries(write_dictionaries(tmp_path, **{"people.tsv": people}))
    petrov = d.actors_by_pattern()["petrov"]
    assert {e.name for e in petrov} == {"Ivan Petrov", "Olga Petrova"}
    assert d.actor_at(petrov, date(2005, 1, 1)).name == "Olga Petrova"
    assert d.actor_at(petrov, date(2021, 1, 1)).name == "Ivan Petrov"
    assert d.actor_at(petrov, date(2015, 1, 1)) is None


@pytest.mark.parametrize("period", ["2010-01-01\t2020-01-02", "2019-01-01\t", "\t2021-01-01"])
def test_people_sharing_a_pattern_in_overlapping_periods_are_refused(tmp_path: Path, period: str) -> None:
    people = SHARED_SURNAME + f"Olga Petrova|Petrov\tRUSGOV\tOlga Petrova\tRUS\tminister\t{period}\n"
    with pytest.raises(DictionaryError, match=r"^people.tsv:4: pattern 'Petrov' already names person "
                                              r"Ivan Petrov at people.tsv:3 in an overlapping period"):
        load_dictionaries(write_dictionaries(tmp_path, **{"people.tsv": people}))


def test_a_person_pattern_still_cannot_name_an_organization(tmp_path: Path) -> None:
    people = VALID["people.tsv"] + "United Nations\tRUSGOV\tOlga\tRUS\tminister\t\t2000-01-01\n"
    with pytest.raises(DictionaryError, match="'United Nations' already names person Olga"):
        load_dictionaries(write_dictionaries(tmp_path, **{"people.tsv": people}))


def test_missing_file_and_directory_are_named(tmp_path: Path) -> None:
    write_dictionaries(tmp_path)
    (tmp_path / "agents.tsv").unlink()
    with pytest.raises(DictionaryError, match=r"^agents\.tsv:0: file not found"):
        load_dictionaries(tmp_path)
    with pytest.raises(DictionaryError, match="directory not found"):
        load_dictionaries(tmp_path / "nowhere")


def test_quad_class_of_roots() -> None:
    assert [quad_class_of(r) for r in (1, 5, 6, 9, 10, 14, 15, 20)] == [1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(ValueError):
        quad_class_of(21)


# ---------------------------------------------------------------- the committed dictionaries
@pytest.fixture(scope="module")
def dicts():
    return load_dictionaries()


def entries_for(dicts, pattern: str):
    return dicts.actors_by_pattern()[pattern.lower()]


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (date(2016, 11, 8), "USAELI"),
        (date(2017, 1, 19), "USAELI"),
        (date(2017, 1, 20), "USAGOV"),
        (date(2020, 6, 1), "USAGOV"),
        (date(2021, 1, 20), "USAELI"),
        (date(2024, 11, 5), "USAELI"),
        (date(2025, 1, 20), "USAGOV"),
        (date(2026, 6, 1), "USAGOV"),
    ],
)
def test_trump_role_periods(dicts, on: date, code: str) -> None:
    assert dicts.actor_at(entries_for(dicts, "Trump"), on).code == code


@pytest.mark.parametrize(
    ("pattern", "on", "code"),
    [
        ("Biden", date(2022, 3, 1), "USAGOV"),
        ("Biden", date(2025, 3, 1), "USAELI"),
        ("Zelensky", date(2023, 1, 1), "UKRGOV"),
        ("Zelenskyy", date(2023, 1, 1), "UKRGOV"),
        ("Putin", date(2018, 7, 16), "RUSGOV"),
        ("Xi Jinping", date(2024, 1, 1), "CHNGOV"),
        ("Netanyahu", date(2015, 1, 1), "ISRGOV"),
        ("Netanyahu", date(2022, 1, 1), "ISROPP"),
        ("Starmer", date(2024, 7, 5), "GBRGOV"),
        ("Merz", date(2025, 5, 6), "DEUGOV"),
        ("Lavrov", date(2020, 1, 1), "RUSGOV"),
        ("Rubio", date(2025, 3, 1), "USAGOV"),
        ("Bush", date(1990, 6, 1), "USAGOV"),    # George H. W. Bush
        ("Bush", date(1998, 6, 1), "USAELI"),
        ("Bush", date(2005, 6, 1), "USAGOV"),    # George W. Bush
        ("Bouteflika", date(2005, 1, 1), "DZAGOV"),
    ],
)
def test_people_roles(dicts, pattern: str, on: date, code: str) -> None:
    assert dicts.actor_at(entries_for(dicts, pattern), on).code == code


def test_zelensky_before_office_is_not_coded(dicts) -> None:
    assert dicts.actor_at(entries_for(dicts, "Zelensky"), date(2018, 1, 1)) is None


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("the Kremlin", "RUS"), ("Moscow", "RUS"), ("Russians", "RUS"), ("Ukrainian", "UKR"),
        ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Washington", "USA"), ("the White House", "USA"),
        ("Downing Street", "GBR"), ("Beijing", "CHN"), ("Palestinians", "PSE"),
        ("NATO", "IGOWSTNAT"), ("United Nations", "IGOUNO"), ("EU", "IGOEUREEC"),
        ("IAEA", "IGOUNOIAE"), ("Hamas", "PSEINSHMS"), ("Taliban", "AFGINSTAL"),
    ],
)
def test_key_actor_patterns(dicts, pattern: str, code: str) -> None:
    assert {e.code for e in entries_for(dicts, pattern)} == {code}


def test_country_codes_are_consistent(dicts) -> None:
    countries = {a.code: a for a in dicts.actors if a.kind == "country"}
    assert len(countries) >= 190
    assert countries["ROM"].name == "Romania" and countries["USA"].country_code == "USA"


def test_agents_cover_the_main_roles(dicts) -> None:
    by_pattern = {p: a.type_code for a in dicts.agents for p in a.patterns}
    assert by_pattern["troops"] == "MIL" and by_pattern["police"] == "COP"
    assert by_pattern["government"] == "GOV" and by_pattern["protesters"] == "OPP"
    assert set(by_pattern.values()) <= set(dicts.type_codes)


def test_codebook_facts(dicts) -> None:
    cb = dicts.codebook
    assert (cb["041"].goldstein, cb["041"].quad_class, cb["041"].plover_type) == (1.0, 1, "CONSULT")
    assert cb["192"].plover_type == "COERCE" and cb["192"].quad_class == 4
    assert cb["163"].plover_type is not None and cb["163"].goldstein == -8.0
    assert all(1 <= int(e.root_code) <= 20 for e in cb.values())
    assert all(e.quad_class == quad_class_of(int(e.root_code)) for e in cb.values())
    # CAMEO 1.1b3 has 147 three-digit codes (every root's x0–xN); with 4-digit ones, > 250.
    assert sum(len(c) == 3 for c in cb) == 147
    assert sum(len(c) >= 3 for c in cb) >= 150


def test_loading_is_cached_per_directory(dicts) -> None:
    assert load_dictionaries(DEFAULT_DIRECTORY) is dicts


@pytest.mark.skipif(not (SHARED / "reference" / "cameo").is_dir(), reason=f"needs the CAMEO reference tables of ../shared ({SHARED / 'reference' / 'cameo'}): absent here")
def test_generated_files_match_their_build(tmp_path: Path) -> None:
    script = REPO / "data" / "dictionaries" / "build" / "build_dictionaries.py"
    subprocess.run([sys.executable, str(script), "--shared", str(SHARED), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("types.tsv", "countries.tsv", "cameo_codebook.tsv"):
        assert (tmp_path / name).read_text() == (DEFAULT_DIRECTORY / name).read_text(), name
