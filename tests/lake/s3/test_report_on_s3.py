"""On an object-store lake the run report and every dataset's GE results land in the bucket."""

from __future__ import annotations

from flows import report
from flows.lake import lake_root
from flows.pipeline import run_serial
from flows.settings import Settings
from tests.conftest import SAMPLES


def test_report_and_validation_results_are_written_to_the_store(s3_lake_url):
    run_id = run_serial([str(SAMPLES / "articles.jsonl"), str(SAMPLES / "broken" / "empty.jsonl")],
                        Settings(lake=s3_lake_url))["run_id"]
    frames = report.load_run(s3_lake_url)
    assert frames.run_id == run_id and not frames.events.is_empty()
    location = report.publish_report(frames)
    assert location == f"{s3_lake_url}/_reports/{run_id}.html"
    root = lake_root(s3_lake_url)
    html = root.fs.cat_file(root.key("_reports", f"{run_id}.html")).decode("utf-8")
    assert '<section id="goldstein">' in html and "<svg" in html
    kept = {key.rsplit("/", 1)[1].rsplit("-", 1)[0] for key in root.fs.ls(root.key("_validation", run_id))}
    assert kept == {"articles", "mentions", "events", "quarantine", "runs"}
