"""A shard or publish task that fails with a transient error is retried, and the retry leaves
the lake exactly as a run without the error would (the error is injected: a disk hiccup)."""

from __future__ import annotations

import errno

import pytest

from tests.conftest import SAMPLES
from tests.flow.lakeq import rows

pytestmark = pytest.mark.usefixtures("prefect_api")

INPUTS = [str(SAMPLES / n) for n in ("articles.jsonl", "wire.csv", "briefs.tsv", "news_please.json")]
IDS = {"articles": "article_id", "mentions": "mention_id", "events": "event_id, num_mentions, num_articles",
       "quarantine": "quarantine_id"}


def lake_ids(lake) -> dict[str, list[tuple]]:
    return {dataset: rows(lake, dataset, select) for dataset, select in IDS.items()}


def counts(result: dict) -> dict:
    return {d: {k: v for k, v in c.items() if k != "seconds"} for d, c in result["datasets"].items()}


@pytest.fixture
def fast_retries(monkeypatch):
    """The flow's tasks with their retry policy, minus the back-off wait; small shards."""
    from flows import etl as etl_module
    from flows import tasks as tasks_module

    monkeypatch.setenv("GEOWIRE_SHARD_BYTES", "3000")  # several shards out of the four files
    for module, name in ((tasks_module, "process_shard"), (etl_module, "merge_and_publish")):
        monkeypatch.setattr(module, name, getattr(module, name).with_options(retry_delay_seconds=0))
    return etl_module.etl


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The same inputs, run without any error."""
    import os

    from flows.etl import etl

    lake = tmp_path_factory.mktemp("reference")
    os.environ["GEOWIRE_SHARD_BYTES"] = "3000"
    try:
        result = etl(paths=INPUTS, lake=str(lake))
    finally:
        del os.environ["GEOWIRE_SHARD_BYTES"]
    return lake_ids(lake), counts(result)


def fail_once(monkeypatch, target: str, after_calls: int = 1):
    """Make ``target`` (module.function) raise EIO once, after it ran ``after_calls`` times."""
    module_name, name = target.rsplit(".", 1)
    module = __import__(module_name, fromlist=[name])
    real, calls = getattr(module, name), []

    def flaky(*args, **kwargs):
        value = real(*args, **kwargs)
        calls.append(args)
        if len(calls) == after_calls:
            raise OSError(errno.EIO, "Input/output error (injected)")
        return value

    monkeypatch.setattr(module, name, flaky)
    return calls


def single_run_rows(lake) -> list[tuple]:
    return rows(lake, "runs", "run_id, dataset, records_read, published, quarantined, duplicates")


def test_a_shard_failing_after_it_staged_files_is_retried_from_clean_staging(
        tmp_path, monkeypatch, fast_retries, reference):
    lake = tmp_path / "lake"
    # the second staged file of the run: the shard has files on disk when it fails
    calls = fail_once(monkeypatch, "flows.pipeline.shard.write_file", after_calls=2)
    result = fast_retries(paths=INPUTS, lake=str(lake))
    assert len(calls) > 2  # it went on after the error: the shard ran again
    assert lake_ids(lake) == reference[0]
    assert counts(result) == reference[1]
    runs = single_run_rows(lake)
    assert len(runs) == 3 and all(r[2] == r[3] + r[4] + r[5] for r in runs)
    assert not list((lake / ".staging").glob("*/shards"))  # nothing left behind


def test_publish_failing_before_its_commit_point_starts_again(tmp_path, monkeypatch, fast_retries, reference):
    lake = tmp_path / "lake"
    # while the commit builds the new snapshots, before the journal: nothing is published yet
    fail_once(monkeypatch, "flows.lake.transaction.merge_files", after_calls=2)
    result = fast_retries(paths=INPUTS, lake=str(lake))
    assert lake_ids(lake) == reference[0]
    assert counts(result) == reference[1]
    assert len(single_run_rows(lake)) == 3


def test_a_retried_publish_keeps_the_quarantine_rows_of_refused_inputs(tmp_path, monkeypatch, fast_retries):
    inbox, lake = tmp_path / "inbox", tmp_path / "lake"
    inbox.mkdir()
    (inbox / "articles.jsonl").write_bytes((SAMPLES / "articles.jsonl").read_bytes())
    (inbox / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")  # refused when the run opens
    fail_once(monkeypatch, "flows.lake.transaction.merge_files", after_calls=2)
    fast_retries(paths=[str(inbox)], lake=str(lake))
    refused = rows(lake, "quarantine", "source_file, source_locator", "source_file like '%gone.jsonl'")
    assert refused == [(str(inbox / "gone.jsonl"), "file")]
    read, published, quarantined, duplicates = rows(
        lake, "runs", "records_read, published, quarantined, duplicates", "dataset = 'articles'")[0]
    assert read == published + quarantined + duplicates
    assert quarantined == rows(lake, "quarantine", "count(*)", "dataset = 'articles'")[0][0]


def test_publish_failing_after_its_commit_point_is_not_published_twice(
        tmp_path, monkeypatch, fast_retries, reference):
    lake = tmp_path / "lake"
    # after the journal is written and the links swapped: the run is in the lake
    calls = fail_once(monkeypatch, "flows.lake.transaction.collect_garbage", after_calls=2)
    result = fast_retries(paths=INPUTS, lake=str(lake))
    assert len(calls) == 2  # the retry found the run committed and did not commit again
    assert lake_ids(lake) == reference[0]
    assert counts(result) == reference[1]
    assert len(single_run_rows(lake)) == 3


def test_a_permanent_error_is_not_retried(tmp_path, monkeypatch, fast_retries):
    from flows.validate import DatasetValidationError

    attempts = []

    def fail(frame, contract):
        attempts.append(contract.dataset)
        raise DatasetValidationError(contract.dataset, "expect_x", "2 rows share an id", ["x"])

    monkeypatch.setattr("flows.pipeline.shard.validate_batch", fail)
    with pytest.raises(DatasetValidationError):
        fast_retries(paths=INPUTS[:1], lake=str(tmp_path / "lake"))
    assert attempts == ["articles"]
