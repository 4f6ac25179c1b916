"""Partition columns read back as integers in DuckDB, Polars, pandas and pyarrow alike, and a
lake written with hive folders (year=2024/month=01) is converted by the next run."""

from __future__ import annotations

import os

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from flows.lake import current_snapshot, lake_root, scan_dataset
from flows.lake.migrate import legacy_datasets
from tests.lake.test_transaction import SCHEMA, frame, publish, write

INTEGER_KINDS = ("int", "uint")


@pytest.fixture()
def lake(tmp_path):
    root = lake_root(tmp_path / "lake")
    publish(root, "r1", write(frame(["a", "b", "c"], [2, 11, None])))
    return root


def _duckdb_types(glob: str, hive: bool) -> set[tuple[str, str]]:
    sql = f"select distinct typeof(year), typeof(month) from read_parquet('{glob}', hive_partitioning={hive})"
    return set(duckdb.sql(sql).fetchall())


def test_duckdb_reads_integers_and_compares_them_as_numbers(lake):
    glob = f"{lake}/articles/**/*.parquet"
    for hive in (True, False):
        assert _duckdb_types(glob, hive) == {("INTEGER", "INTEGER")}
    assert duckdb.sql(f"select id from '{glob}' where month = 2").fetchall() == [("a",)]
    assert duckdb.sql(f"select id from '{glob}' where month = '2'").fetchall() == [("a",)]
    assert duckdb.sql(f"select id from '{glob}' where year is null").fetchall() == [("c",)]


def test_polars_reads_integers(lake):
    for hive in (True, False, None):
        got = pl.scan_parquet(f"{lake}/articles/**/*.parquet", hive_partitioning=hive).collect()
        assert got.schema["year"] == pl.Int32 and got.schema["month"] == pl.Int32
    assert pl.read_parquet(f"{lake}/articles").filter(pl.col("month") == 11)["id"].to_list() == ["b"]


def test_pandas_reads_nullable_integers(lake):
    for source in (f"{lake}/articles", os.path.realpath(f"{lake}/articles")):
        df = pd.read_parquet(source)
        assert str(df["year"].dtype) == "Int32" and str(df["month"].dtype) == "Int32"
        assert sorted(df.loc[df["month"] == 2, "id"]) == ["a"] and df["month"].isna().sum() == 1


def test_pyarrow_reads_integers(lake):
    for table in (pq.read_table(f"{lake}/articles"), ds.dataset(f"{lake}/articles", partitioning="hive").to_table(),
                  ds.dataset(f"{lake}/articles").to_table()):
        assert table.schema.field("year").type == pa.int32() and table.schema.field("month").type == pa.int32()


def _legacy_lake(tmp_path):
    """A lake as geowire wrote it before: hive folders, no year/month in the files."""
    root = lake_root(tmp_path / "old")
    snap = root / ".snapshots" / "articles" / "000001-r0"
    rows = {"year=2024/month=01": ["a", "b"],
            "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__": ["u"]}
    for part, ids in rows.items():
        months = [None if "HIVE" in part else 1] * len(ids)
        (snap / part).mkdir(parents=True)
        table = frame(ids, months).to_arrow().cast(SCHEMA)
        pq.write_table(table, snap / part / "part-r0.parquet")
    os.symlink(os.path.join(".snapshots", "articles", "000001-r0"), root / "articles")
    return root


def test_an_old_hive_lake_reads_and_is_converted_by_the_next_run(tmp_path):
    root = _legacy_lake(tmp_path)
    assert legacy_datasets(root) == ["articles"]
    before = scan_dataset(root, "articles").sort("id").collect()
    assert before.select("id", "year", "month").rows() == [("a", 2024, 1), ("b", 2024, 1), ("u", None, None)]
    old = current_snapshot(root, "articles")
    publish(root, "r1", write(frame(["b", "c"], [1, 3], [5, 7]), "upsert"))
    assert legacy_datasets(root) == []
    snap = current_snapshot(root, "articles")
    assert sorted(p.relative_to(snap).parent.as_posix() for p in snap.rglob("*.parquet")) == [
        "2024-01", "2024-03", "undated"]
    glob = f"{root}/articles/**/*.parquet"
    got = duckdb.sql(f"select id, year, month, value from '{glob}' order by id").fetchall()
    assert got == [("a", 2024, 1, 1), ("b", 2024, 1, 5), ("c", 2024, 3, 7), ("u", None, None, 1)]
    assert str(pd.read_parquet(f"{root}/articles")["month"].dtype) == "Int32"
    assert old != snap  # converted into new snapshots, switched like a run's commit
