"""The Lake interface behaves the same on a folder and on S3 (moto): what the pipeline, the CLI
and the report ask of a lake, asked without knowing which backend holds it."""

from __future__ import annotations

import json

import pytest

from flows.lake import Lake, LakeTransaction, open_lake
from flows.lake.write import write_file
from flows.storage import url_to_fs
from flows.validate import load_contract
from tests.validate.rows import frame, mention


@pytest.fixture(params=["folder", "s3"])
def lake(request, tmp_path) -> Lake:
    if request.param == "folder":
        return open_lake(tmp_path / "lake")
    return open_lake(request.getfixturevalue("s3_lake_url"))


def _stage_mentions(txn: LakeTransaction, tmp_path) -> None:
    """Stage mentions as merging does: a shard's file linked, rows written."""
    contract = load_contract("mentions")
    rows = contract.conform(frame("mentions", [mention(0), mention(1)]))
    args = (contract.arrow_schema(), tuple(contract.key))
    txn.track("mentions", *args, contract.partition_by)
    txn.stage_rows("mentions", "2024-03/part-r1-00000-000001.parquet", rows.head(1), *args)
    shard = txn.local_shard_staging(0)
    write_file(rows.tail(1), *args, shard / "mentions" / "2024-03" / "part-r1-00000-000002.parquet")
    txn.stage_file("mentions", "2024-03/part-r1-00000-000002.parquet",
                   shard / "mentions" / "2024-03" / "part-r1-00000-000002.parquet")


def test_a_run_through_the_interface(lake, tmp_path):
    assert isinstance(lake, Lake)
    lake.ensure_writable()
    with lake.lock(wait_seconds=1):
        txn = lake.begin("r1")
        assert isinstance(txn, LakeTransaction)
        _stage_mentions(txn, tmp_path)
        files = txn.staged_files("mentions")
        assert [f.name for f in files] == ["part-r1-00000-000001.parquet", "part-r1-00000-000002.parquet"]
        assert txn.staged_months("mentions") == {(2024, 3): files}
        assert txn.staged_files("articles") == []
        staging, results = txn.shard_locations(3, on_store=False)
        assert staging == str(txn.local_shard_staging(3))
        (txn.results_dir / "r1").mkdir(parents=True, exist_ok=True)
        (txn.results_dir / "r1" / "mentions-000001.json").write_text(json.dumps({"success": True}))
        assert set(txn.commit()) == {"mentions"}
        lake.roll_forward()  # nothing journaled is left: a no-op
        lake.collect_garbage(("mentions",))
    scan = lake.scan("mentions")
    assert scan is not None and scan.select("mention_id").collect().height == 2
    fetched = lake.fetch_validation_results(tmp_path / "fetched")
    assert json.loads((fetched / "r1" / "mentions-000001.json").read_text()) == {"success": True}


def test_a_retried_publish_starts_from_nothing_staged(lake, tmp_path):
    with lake.lock():
        txn = lake.begin("r1")
        _stage_mentions(txn, tmp_path)
        txn.reset()
        assert txn.staged_files("mentions") == [] and txn.commit() == {}
    assert lake.scan("mentions") is None


def test_a_report_is_published_under_reports(lake, tmp_path):
    local = tmp_path / "r1.html"
    local.write_text("<html>r1</html>")
    location = lake.put_report(local, "r1.html")
    assert location == f"{lake}/_reports/r1.html"
    fs, path = url_to_fs(location)
    assert fs.cat_file(path) == b"<html>r1</html>"


def test_only_a_store_stages_shards_remotely(lake):
    from flows.settings import Settings

    remote = lake.stages_remotely(Settings(lake=str(lake), stage_on_lake=True))
    assert remote == str(lake).startswith("s3://")
    assert not lake.stages_remotely(Settings(lake=str(lake), stage_on_lake=False))
