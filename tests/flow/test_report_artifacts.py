"""What a flow run leaves for operators: its summary as Prefect artifacts and its counts in the
run's log (read back from the temporary, real Prefect API), the HTML report in the lake, and
Great Expectations results for every dataset."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from urllib.parse import unquote, urlparse
from uuid import UUID

import pytest

from tests.conftest import SAMPLES
from tests.flow.lakeq import rows

pytestmark = pytest.mark.usefixtures("prefect_api")


@pytest.fixture(scope="module")
def run_logs_at_info():
    """What `geowire` sets up (PREFECT_LOGGING_LOGGERS_PREFECT_*_RUNS_LEVEL=INFO) for this process."""
    import flows.etl  # noqa: F401  importing it (re)configures Prefect's logging: set the levels after

    loggers = [logging.getLogger(name) for name in ("prefect.flow_runs", "prefect.task_runs")]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.INFO)
    yield
    for lg, level in zip(loggers, before):
        lg.setLevel(level)


def _read_back(flow_run_id: UUID):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, LogFilter, LogFilterFlowRunId
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
        for _ in range(100):  # logs reach the API in batches
            logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
            if any("report written" in log.message for log in logs):
                break
            time.sleep(0.2)
    return {a.key: a for a in artifacts}, [log.message for log in logs]


@pytest.fixture(scope="module")
def flow_run(tmp_path_factory, run_logs_at_info):
    from flows.etl import etl

    lake = tmp_path_factory.mktemp("outputs") / "lake"
    result = etl(paths=[str(SAMPLES / "articles.jsonl"), str(SAMPLES / "broken")], lake=str(lake))
    return lake, result


def test_flow_publishes_summary_and_report_artifacts(flow_run):
    lake, result = flow_run
    run_id = result["run_id"]
    counts = rows(lake, "runs", "dataset, records_read, published, quarantined, duplicates, flow_run_id",
                  f"run_id = '{run_id}'")
    artifacts, logs = _read_back(UUID(counts[0][-1]))

    summary = artifacts["etl-run-summary"]
    assert summary.type == "markdown" and run_id in summary.data
    for dataset, read, published, quarantined, dups, _ in counts:
        assert f"| {dataset} | {read:,} | {published:,} | {quarantined:,} | {dups:,} |" in summary.data
        assert f"{dataset}: read {read:,}, published {published:,}" in "\n".join(logs)
    for (reasons,) in rows(lake, "quarantine", "reasons", f"run_id = '{run_id}'"):
        assert all(reason in summary.data for reason in reasons)

    link = artifacts["etl-run-report"]  # Prefect 3 stores a link artifact as Markdown [text](url)
    assert link.data.startswith(f"[run report {run_id}](file://")
    page = Path(unquote(urlparse(link.data.split("](")[1].rstrip(")")).path))
    assert page == lake / "_reports" / f"{run_id}.html" == Path(result["report"])
    assert '<section id="goldstein">' in page.read_text(encoding="utf-8")


def test_flow_keeps_validation_results_for_every_dataset(flow_run):
    lake, result = flow_run
    kept = {p.name.rsplit("-", 1)[0] for p in (lake / "_validation" / result["run_id"]).glob("*.json")}
    assert kept == {"articles", "mentions", "events", "quarantine", "runs"}


def test_a_report_that_cannot_be_written_does_not_fail_the_run(tmp_path):
    from flows.etl import etl

    lake = tmp_path / "lake"
    lake.mkdir()
    (lake / "_reports").write_text("a file where the reports folder should be")
    result = etl(paths=[str(SAMPLES / "articles.jsonl")], lake=str(lake))
    assert "report" not in result
    assert rows(lake, "runs", "distinct status", f"run_id = '{result['run_id']}'") == [("completed",)]
