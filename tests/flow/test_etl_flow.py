"""The etl flow end to end on the bundled samples, read back with DuckDB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.flow.lakeq import count, rows, snapshot_state

pytestmark = pytest.mark.usefixtures("prefect_api")


@pytest.fixture(scope="module")
def sample_lake(tmp_path_factory):
    from flows.etl import etl

    lake = tmp_path_factory.mktemp("lake")
    result = etl(paths=[str(SAMPLES)], lake=str(lake))
    return lake, result


def test_every_format_lands_in_articles(sample_lake):
    lake, _ = sample_lake
    formats = {r[0] for r in rows(lake, "articles", "distinct source_format")}
    assert formats >= {"jsonl", "json", "csv", "tsv", "parquet", "txt", "html", "warc"}
    # every article sits in the partition of its publication date; undated ones in their own
    misplaced = rows(lake, "articles", "count(*)", "year is distinct from year(published_at)"
                     " or cast(month as integer) is distinct from month(published_at)")
    assert misplaced == [(0,)]
    # a one-article file with no date anywhere gets none (never its file's modification time)
    undated = rows(lake, "articles", "published_at, date_source, year, month",
                   "source_format = 'txt' and source_file like '%story.txt'")
    assert undated == [(None, None, None, None)]


def test_article_ids_are_unique_and_duplicates_counted(sample_lake):
    lake, result = sample_lake
    (dups,) = rows(lake, "articles", "count(*) - count(distinct article_id)")[0]
    assert dups == 0
    assert result["datasets"]["articles"]["duplicates"] >= 2  # the samples repeat some articles


def test_broken_inputs_are_quarantined_with_reasons(sample_lake):
    lake, result = sample_lake
    quarantined = rows(lake, "quarantine", "source_file, source_locator, reasons", "dataset = 'articles'")
    assert result["datasets"]["articles"]["quarantined"] >= 8
    broken_files = {Path(f).name for f, _, _ in quarantined if f}
    assert len(broken_files) >= 6
    assert all(reasons for _, _, reasons in quarantined)


def test_runs_account_for_every_record(sample_lake):
    lake, result = sample_lake
    runs = rows(lake, "runs", "dataset, records_read, published, quarantined, duplicates, status, len(inputs)")
    assert {r[0] for r in runs} == {"articles", "mentions", "events"}
    for dataset, read, published, quarantined, duplicates, status, n_inputs in runs:
        assert read == published + quarantined + duplicates, dataset
        assert status == "completed" and n_inputs >= 10
    articles = next(r for r in runs if r[0] == "articles")
    assert articles[2] == count(lake, "articles")


def test_same_input_twice_leaves_the_lake_identical(sample_lake, tmp_path):
    from flows.etl import etl

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake[0], lake, symlinks=True)
    before = snapshot_state(lake)
    files_before = sorted(p.name for p in lake.glob("articles/**/*.parquet"))
    result = etl(paths=[str(SAMPLES)], lake=str(lake))
    assert snapshot_state(lake) == before
    assert sorted(p.name for p in lake.glob("articles/**/*.parquet")) == files_before
    assert result["datasets"]["articles"]["published"] == 0
    assert count(lake, "runs") == 6


def test_incremental_run_processes_only_new_files(sample_lake, tmp_path):
    from flows.etl import etl

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake[0], lake, symlinks=True)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = etl(paths=[str(SAMPLES)], lake=str(lake), incremental=True)
    assert first["datasets"]["articles"]["records_read"] == 0
    (inbox / "new.jsonl").write_text(
        '{"url": "https://example.net/2025/03/01/new", "title": "New", "date": "2025-03-01",'
        ' "text": "Chinese and Japanese diplomats met in Tokyo on Saturday to discuss fishing rights in the East China Sea."}\n'
    )
    second = etl(paths=[str(SAMPLES), str(inbox)], lake=str(lake), incremental=True)
    assert second["datasets"]["articles"]["records_read"] == 1
    assert second["datasets"]["articles"]["published"] == 1


def test_dataset_level_failure_publishes_nothing(sample_lake, tmp_path, monkeypatch):
    from flows.etl import etl
    from flows.validate import DatasetValidationError

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake[0], lake, symlinks=True)
    before = snapshot_state(lake)

    def fail(frame, contract):
        raise DatasetValidationError(contract.dataset, "expect_column_values_to_be_unique(article_id)", "2 rows share an id", ["x"])

    monkeypatch.setattr("flows.pipeline.shard.validate_batch", fail)
    with pytest.raises(DatasetValidationError, match="to_be_unique"):
        etl(paths=[str(SAMPLES / "articles.jsonl")], lake=str(lake), incremental=False)
    assert snapshot_state(lake) == before


def _article(url: str, source: str, extra: str) -> str:
    import json

    return json.dumps({
        "url": url, "source": source, "date": "2024-03-05T09:00:00Z",
        "text": "Russian troops attacked the Ukrainian city of Kharkiv on Monday, officials said. " + extra,
    }) + "\n"


def test_a_later_run_updates_the_counts_of_an_event_already_in_the_lake(tmp_path):
    from flows.etl import etl

    lake, a, b = tmp_path / "lake", tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(_article("https://one.example/2024/03/05/kharkiv", "one.example", "The strikes went on for hours."))
    b.write_text(_article("https://two.example/2024/03/05/attack", "two.example", "Residents took shelter underground."))
    etl(paths=[str(a)], lake=str(lake))
    first = {r[0]: r[1:] for r in rows(lake, "events", "event_id, num_mentions, num_articles, num_sources, date_added")}
    assert first, "the coder found no event in the test article"
    etl(paths=[str(b)], lake=str(lake))
    second = {r[0]: r[1:] for r in rows(lake, "events", "event_id, num_mentions, num_articles, num_sources, date_added")}
    shared = set(first) & set(second)
    assert shared
    for event_id in shared:
        mentions, articles, sources, added = second[event_id]
        assert (articles, sources) == (2, 2)
        assert mentions == first[event_id][0] * 2
        assert added == first[event_id][3]  # an event keeps the date it was first added
    (n,) = rows(lake, "events", "count(*) - count(distinct event_id)")[0]
    assert n == 0


def test_incremental_run_replaces_what_a_changed_file_published(tmp_path):
    import json

    from flows.etl import etl

    lake, inbox = tmp_path / "lake", tmp_path / "inbox"
    inbox.mkdir()
    dump = inbox / "desk.jsonl"

    def story(n: int, text: str) -> str:
        return json.dumps({"url": f"https://desk.example/2024/04/0{n}/story", "date": f"2024-04-0{n}", "text": text}) + "\n"

    kept = story(1, "French and German foreign ministers met in Paris on Monday to discuss energy prices.")
    dropped = story(2, "Russian troops shelled the Ukrainian town of Vovchansk on Tuesday, regional officials said.")
    dump.write_text(kept + dropped)
    etl(paths=[str(inbox)], lake=str(lake), incremental=True)
    assert count(lake, "articles") == 2
    assert rows(lake, "events", "count(*)", "actor1_code like 'RUS%'")[0][0] > 0

    added = story(3, "Japan pledged new humanitarian aid to the Philippines after the typhoon on Wednesday.")
    dump.write_text(kept + added)  # one story kept, one withdrawn, one new
    result = etl(paths=[str(inbox)], lake=str(lake), incremental=True)
    assert result["datasets"]["articles"]["records_read"] == 2
    urls = [r[0] for r in rows(lake, "articles", "url")]
    assert urls == ["https://desk.example/2024/04/01/story", "https://desk.example/2024/04/03/story"]
    (orphans,) = rows(lake, "mentions", "count(*)", "article_id not in (select article_id from read_parquet("
                      f"'{lake}/articles/**/*.parquet'))")[0]
    assert orphans == 0  # the withdrawn story's mentions went with it
    (stale,) = rows(lake, "events", "count(*)", "event_id not in (select event_id from read_parquet("
                    f"'{lake}/mentions/**/*.parquet', hive_partitioning=true))")[0]
    assert stale == 0  # and so did the events only it reported
    assert rows(lake, "events", "count(*)", "actor1_code like 'RUS%'") == [(0,)]
