"""`geowire export gdelt`: files GDELT's own readers load, checked against real GDELT rows."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from flows import pipeline
from flows.export import gdelt_columns, global_event_id, split_actor_code
from flows.export.gdelt import fraction_date
from flows.export.files import ID_MAP
from flows.export.geo import feature_id, fips_adm1, fips_country
from flows.settings import Settings
from tests.conftest import REPO, SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = REPO.parent / "shared" / "samples" / "gdelt"
PANDAS_TYPES = {pl.Int64: "Int64", pl.Float64: "float64", pl.String: "string"}
DUCKDB_TYPES = {pl.Int64: "BIGINT", pl.Float64: "DOUBLE", pl.String: "VARCHAR"}


def read_pandas(path: Path, table: str) -> pd.DataFrame:
    """How GDELT users load an update: pandas, tab-separated, no header, GDELT's column types."""
    cols = gdelt_columns(table)
    return pd.read_csv(path, sep="\t", header=None, names=list(cols), quoting=csv.QUOTE_NONE,
                       dtype={c: PANDAS_TYPES[t] for c, t in cols.items()},
                       keep_default_na=False, na_values=[""], encoding="utf-8")


def read_duckdb(path: Path, table: str) -> list[tuple]:
    cols = ", ".join(f"'{c}': '{DUCKDB_TYPES[t]}'" for c, t in gdelt_columns(table).items())
    return duckdb.sql(f"select * from read_csv('{path}', delim='\t', header=false, quote='', "
                      f"escape='', columns={{{cols}}})").fetchall()


def untyped_kinds(path: Path) -> dict[int, str]:
    """pandas' own guess per column (i: int, f: float, O: text), for non-empty columns."""
    frame = pd.read_csv(path, sep="\t", header=None, quoting=csv.QUOTE_NONE, dtype_backend="numpy_nullable")
    return {i: frame[i].dtype.kind for i in frame.columns if frame[i].notna().any()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    work = tmp_path_factory.mktemp("gdelt")
    settings = Settings().with_overrides(lake=str(work / "lake"))
    pipeline.run_serial([str(SAMPLES / "articles.jsonl")], settings)
    out = work / "out"
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "export", "gdelt", "--lake", str(work / "lake"),
                           "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return work / "lake", out


def _one(out: Path, kind: str) -> Path:
    files = sorted(out.glob(f"*.{kind}.CSV"))
    assert len(files) == 1, files  # one run → one batch
    assert len(files[0].name.split(".")[0]) == 14  # YYYYMMDDHHMMSS
    return files[0]


@pytest.mark.parametrize("table,fixture", [("events", "20191024143000.export.CSV"),
                                           ("mentions", "20150218230000.mentions.CSV")])
def test_our_files_read_like_real_gdelt_rows(exported, table, fixture):
    ours = _one(exported[1], "export" if table == "events" else "mentions")
    real = FIXTURES / fixture
    a, b = read_pandas(ours, table), read_pandas(real, table)
    assert len(a) > 0 and len(b) == 6
    assert dict(a.dtypes) == dict(b.dtypes)
    assert len(read_duckdb(ours, table)) == len(a) and len(read_duckdb(real, table)) == len(b)
    width = len(gdelt_columns(table))
    for path in (ours, real):
        assert {line.count("\t") + 1 for line in path.read_text(encoding="utf-8").splitlines()} == {width}
    mine, theirs = untyped_kinds(ours), untyped_kinds(real)
    numeric = {i for i, t in enumerate(gdelt_columns(table).values()) if t != pl.String}
    for i in numeric & set(mine) & set(theirs):
        assert mine[i] in "iuf" and theirs[i] in "iuf", (table, i, mine[i], theirs[i])


def test_event_rows_keep_gdelt_conventions(exported):
    lake, out = exported
    rows = read_pandas(_one(out, "export"), "events")
    assert rows["GLOBALEVENTID"].is_unique and (rows["GLOBALEVENTID"] > 0).all()
    assert rows["SQLDATE"].between(19000101, 21001231).all()
    assert (rows["MonthYear"] == rows["SQLDATE"] // 100).all() and (rows["Year"] == rows["SQLDATE"] // 10000).all()
    assert rows["IsRootEvent"].isin([0, 1]).all() and rows["QuadClass"].isin([1, 2, 3, 4]).all()
    assert (rows["EventRootCode"].str.len() == 2).all() and all(c.startswith(r) for c, r in zip(rows["EventCode"], rows["EventRootCode"]))
    assert (rows["DATEADDED"].astype(str) == _one(out, "export").name[:14]).all()
    placed = rows[rows["ActionGeo_Type"] > 0]
    assert len(placed) and placed["ActionGeo_CountryCode"].str.fullmatch("[A-Z]{2}").all()
    assert placed["ActionGeo_FeatureID"].notna().all()
    ids = pd.read_csv(out / ID_MAP, sep="\t", dtype={"event_id": "string"})
    events = pl.scan_parquet(f"{lake}/events/**/*.parquet").select("event_id").collect()
    assert set(ids["event_id"]) == set(events["event_id"].to_list())
    assert set(ids["GLOBALEVENTID"]) == set(rows["GLOBALEVENTID"])


def test_mentions_point_at_exported_events(exported):
    out = exported[1]
    events = read_pandas(_one(out, "export"), "events")
    mentions = read_pandas(_one(out, "mentions"), "mentions")
    assert set(mentions["GLOBALEVENTID"]) <= set(events["GLOBALEVENTID"])
    assert mentions["MentionType"].isin([1, 2]).all() and (mentions["SentenceID"] >= 1).all()
    assert (mentions["MentionDocLen"] > 0).all() and mentions["Confidence"].between(0, 100).all()


def test_since_until_select_by_event_date(exported, tmp_path):
    lake, _ = exported
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "export", "gdelt", "--lake", str(lake),
                           "--out", str(tmp_path), "--since", "2024-04-01", "--until", "2024-05-01"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = pd.concat(read_pandas(p, "events") for p in tmp_path.glob("*.export.CSV"))
    assert len(rows) and rows["SQLDATE"].between(20240401, 20240430).all()
    bad = subprocess.run([sys.executable, "-m", "flows.cli", "export", "gdelt", "--lake", str(lake),
                          "--out", str(tmp_path), "--since", "2024-13-01"], cwd=REPO, capture_output=True, text=True)
    assert bad.returncode == 2 and "--since 2024-13-01" in bad.stderr


@pytest.mark.parametrize("code,country,kind,expected", [
    ("IGOEUREEC", None, "IGO", {"CountryCode": "EUR", "KnownGroupCode": "EEC", "Type1Code": "IGO"}),
    ("PSEINSHMS", "PSE", "INS", {"CountryCode": "PSE", "KnownGroupCode": "HMS", "Type1Code": "INS"}),
    ("RUSGOVMIL", "RUS", "GOV", {"CountryCode": "RUS", "Type1Code": "GOV", "Type2Code": "MIL"}),
    ("CVL", None, "CVL", {"Type1Code": "CVL"}),
    (None, None, None, {}),
])
def test_actor_codes_split_as_gdelt_does(code, country, kind, expected):
    got = split_actor_code(code, country, kind)
    assert {k: v for k, v in got.items() if v is not None} == expected


def test_fips_geography():
    assert (fips_country("DEU"), fips_country("GBR"), fips_country("UKR"), fips_country("ZAF")) == ("GM", "UK", "UP", "SF")
    assert fips_adm1("CAN", "CA02") == "CA02" and fips_adm1("USA", "USNY") == "USNY"
    assert fips_adm1("UKR", "UA-30") == "UP"  # an ISO 3166-2 division: the country alone
    assert feature_id(1, "NZL", None, None, None) == "NZ"


def test_dates_and_ids_follow_gdelt_formulas():
    frame = pl.DataFrame({"event_date": [date(2018, 10, 24), date(2014, 2, 18)]})
    fraction = frame.select(fraction_date(pl.col("event_date")))
    assert fraction.to_series().to_list() == [2018.8055, 2014.1315]  # as in GDELT's own rows
    ids = pl.DataFrame({"e": ["f" * 32, "0" * 31 + "1", "f" * 32]}).select(global_event_id(pl.col("e")))
    assert ids.to_series().to_list() == [2**60 - 1, 0, 2**60 - 1]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/samples/gdelt not available")
def test_column_lists_and_real_export_batch_agree_with_ours():
    labels = list(csv.reader(open(SHARED / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv", encoding="utf-8")))[1:]
    assert [r[0] for r in labels] == list(gdelt_columns("events"))
    mention_labels = [line.split("\t") for line in (SHARED / "GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv")
                      .read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    assert [r[1] for r in mention_labels] == list(gdelt_columns("mentions"))
    batch = read_pandas(SHARED / "20191024143000.export.CSV", "events")
    assert len(batch) == 2111 and len(read_duckdb(SHARED / "20191024143000.export.CSV", "events")) == 2111
    assert len(read_pandas(SHARED / "mentions.csv", "mentions")) > 0
