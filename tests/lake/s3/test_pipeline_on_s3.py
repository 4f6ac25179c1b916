"""The whole run on an S3 lake gives the same rows as on a local folder (ignoring run ids)."""

from __future__ import annotations

import polars as pl
import pytest

from flows.lake import lake_root, scan_dataset
from flows.lake.objectstore import read_manifest
from flows.settings import Settings
from tests.conftest import SAMPLES

INPUTS = [SAMPLES / "articles.jsonl", SAMPLES / "news_please.json", SAMPLES / "broken" / "malformed_line.jsonl"]
PER_RUN = {"run_id", "date_added"}
DATASETS = ("articles", "mentions", "events", "quarantine")


def state(lake) -> dict[str, list[tuple]]:
    """Every row of the data datasets, minus per-run columns, in a stable order."""
    out = {}
    for dataset in DATASETS:
        scan = scan_dataset(lake, dataset)
        if scan is None:
            out[dataset] = []
            continue
        frame = scan.collect()
        frame = frame.select(sorted(c for c in frame.columns if c not in PER_RUN))
        out[dataset] = frame.with_columns(pl.col(pl.List).cast(pl.List(pl.String))).sort(frame.columns[0]).rows()
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory, s3_server):
    from flows.pipeline import run_serial

    paths = [str(p) for p in INPUTS]
    if not all(p.exists() for p in INPUTS):
        pytest.skip("sample dumps missing")
    local = tmp_path_factory.mktemp("lake")
    url = f"s3://geowire-test/pipeline-{local.name}"
    first = run_serial(paths, Settings(lake=url))
    after_first = data_objects(url)
    second = run_serial(paths, Settings(lake=url))
    after_second = data_objects(url)
    run_serial(paths, Settings(lake=str(local)))
    return url, local, first, second, after_first, after_second


def data_objects(url: str) -> dict[str, str]:
    """key → ETag of the data files and manifests of the four data datasets."""
    lake = lake_root(url)
    lake.fs.invalidate_cache()
    keys = [lake.key(d) for d in DATASETS] + [lake.key("_manifests", f"{d}.json") for d in DATASETS]
    return {k: v["ETag"] for key in keys for k, v in lake.fs.find(key, detail=True).items()}


def test_rows_equal_a_local_run(runs):
    url, local, first, *_ = runs
    s3_state, local_state = state(url), state(local)
    assert s3_state["articles"] and s3_state["mentions"] and s3_state["events"] and s3_state["quarantine"]
    assert s3_state == local_state
    assert first["lake"] == url


def test_second_run_publishes_nothing_new(runs):
    url, _, first, second, after_first, after_second = runs
    assert after_second == after_first  # same input again: not one data object added or changed
    lake = lake_root(url)
    assert second["datasets"]["articles"]["published"] == 0
    a1, a2 = first["datasets"]["articles"], second["datasets"]["articles"]
    assert a2["duplicates"] == a1["published"] + a1["duplicates"]  # all of it is in the lake
    for dataset in DATASETS:  # written by the first run only
        assert read_manifest(lake, dataset)["run_id"] == first["run_id"], dataset
    runs_rows = scan_dataset(lake, "runs").collect()
    assert set(runs_rows["run_id"]) == {first["run_id"], second["run_id"]}


def test_validation_results_are_uploaded(runs):
    url, _, first, *_ = runs
    lake = lake_root(url)
    results = lake.fs.glob(lake.key("_validation", first["run_id"], "*.json"))
    assert any("articles-" in r for r in results)
    assert not lake.fs.glob(lake.key("_journal", "*")) and not lake.fs.exists(lake.key("_lock"))


def test_etl_flow_publishes_to_s3(prefect_api, s3_lake_url):
    """The Prefect flow (what `geowire run --lake s3://…` and the deployments call)."""
    from flows.etl import etl

    result = etl(paths=[str(SAMPLES / "articles.jsonl")], lake=s3_lake_url)
    assert result["lake"] == s3_lake_url
    published = result["datasets"]["articles"]["published"]
    assert published > 0 and scan_dataset(s3_lake_url, "articles").collect().height == published


def test_shards_staged_on_the_store_give_the_same_lake(runs, s3_server):
    """What remote Dask workers do (GEOWIRE_STAGE_ON_LAKE): upload staged shards, merge downloads them."""
    from flows.pipeline import run_serial

    url, local, *_ = runs
    remote = url + "-staged"
    settings = Settings(lake=remote, stage_on_lake=True, shard_bytes=1)  # a shard per file
    result = run_serial([str(p) for p in INPUTS], settings)
    assert state(remote) == state(local)
    lake = lake_root(remote)
    assert lake.fs.glob(lake.key("_validation", result["run_id"], "articles-*.json"))
    assert not lake.fs.exists(lake.key("_staging", result["run_id"]))  # cleaned after the commit
