"""One shard through ingest → normalize → dedup → validate → code → staged files, with the run's settings."""

from __future__ import annotations

import polars as pl

from flows.ingest import Limits
from flows.pipeline import plan_shards, process_shard
from flows.settings import Settings
from tests.conftest import SAMPLES
from tests.pipeline.lakes import run_context

SAMPLE = str(SAMPLES / "articles.jsonl")


def _staged(result, dataset: str) -> pl.DataFrame:
    return pl.read_parquet(f"{result.staging}/{dataset}/**/*.parquet", hive_partitioning=False)


def _shard(tmp_path, path: str = SAMPLE, **settings):
    lake = tmp_path / "lake"
    values = {"lake": str(lake), "keep_validation_results": False, **settings}
    ctx = run_context(lake, settings=Settings(**values), inputs=[{"path": path, "size": 1, "sha256": "00"}])
    [spec] = plan_shards(ctx)
    return process_shard(spec)


def test_a_shard_reads_with_the_runs_limits_not_the_defaults(tmp_path):
    result = _shard(tmp_path, code_events=False, limits=Limits(max_record_bytes=200))
    articles = result.counts["articles"]
    assert articles.records_read == 6 and articles.quarantined == 6  # every line is over 200 bytes
    reasons = _staged(result, "quarantine")["reasons"].explode().to_list()
    assert all("max_record_bytes (200 bytes)" in r for r in reasons)
    roomy = _shard(tmp_path / "again", code_events=False)
    assert roomy.counts["articles"].quarantined == 0


def test_an_article_the_coder_fails_on_is_quarantined_with_the_reason_and_the_run_goes_on(tmp_path, monkeypatch, caplog):
    """No real article is known to make the coder raise (the texts tried in the report did not),
    so one article of the real sample is made to: ``Coder.candidates`` raises on its text."""
    from flows.coding.coder import Coder
    from flows.pipeline import run_serial

    real = Coder.candidates

    def fails_on_macron(self, article, *args, **kwargs):
        if "Macron" in (article["text"] or ""):
            raise RecursionError("maximum recursion depth exceeded while reading a clause")
        return real(self, article, *args, **kwargs)

    monkeypatch.setattr(Coder, "candidates", fails_on_macron)
    lake = tmp_path / "lake"
    summary = run_serial([SAMPLE], Settings(lake=str(lake), keep_validation_results=False))
    quarantine = pl.read_parquet(f"{lake}/quarantine/**/*.parquet", hive_partitioning=False)
    failed = quarantine.filter(pl.col("dataset") == "mentions")
    assert failed.height == 1
    [reason] = failed["reasons"].item().to_list()
    assert reason == ("event coding failed on this record: RecursionError: "
                      "maximum recursion depth exceeded while reading a clause")
    assert failed["source_locator"].item().startswith("article:")
    articles = pl.read_parquet(f"{lake}/articles/**/*.parquet", hive_partitioning=False)
    assert failed["source_locator"].item() == "article:" + articles.filter(
        pl.col("text").str.contains("Macron"))["article_id"].item()  # the article itself is published
    mentions = summary["datasets"]["mentions"]
    assert mentions["quarantined"] == 1 and mentions["published"] > 0  # the other articles were coded
    assert mentions["records_read"] == mentions["published"] + mentions["quarantined"] + mentions["duplicates"]
    logged = [r for r in caplog.records if r.name == "flows.pipeline.contain"]
    assert len(logged) == 1 and "RecursionError" in logged[0].getMessage()


def test_a_shard_returns_its_own_stage_times_and_counts(tmp_path):
    first = _shard(tmp_path / "a", code_events=False)
    second = _shard(tmp_path / "b", code_events=False)  # same process: figures must not pile up
    for result in (first, second):
        assert {"ingest", "normalize", "dedup", "validate articles", "write articles"} <= set(result.seconds)
        assert set(result.peak_rss_mb) == set(result.seconds)
        assert all(secs >= 0 for secs in result.seconds.values())
        assert result.counts["articles"].records_read == 6
    assert first.seconds is not second.seconds


def test_stage_timers_do_not_share_figures_and_fold_into_the_runs():
    from flows.pipeline.timing import StageTimer

    run_seconds: dict[str, float] = {}
    run_rss: dict[str, float] = {}
    one, two, run = StageTimer(), StageTimer(), StageTimer(run_seconds, run_rss)
    with one.stage("normalize"):
        pass
    assert set(one.seconds) == {"normalize"} and two.seconds == {}  # nothing process-wide
    assert list(two.timed_iter("ingest", iter([1, 2]))) == [1, 2] and set(two.seconds) == {"ingest"}
    run.add_all(one.seconds, one.peak_rss_mb)
    run.add_all(two.seconds, two.peak_rss_mb)
    assert set(run_seconds) == {"normalize", "ingest"} and set(run_rss) == set(run_seconds)
    assert run_seconds["normalize"] == one.seconds["normalize"]
