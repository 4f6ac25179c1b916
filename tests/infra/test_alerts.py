"""`make deploy` creates the automation that posts failed etl runs to a webhook; a run that
fails on the real server reaches a receiver on loopback, named after what it read."""

from __future__ import annotations

import pytest

from tests.infra.stack import Stack
from tests.infra.test_local_stack import run_deployment, wait_for

pytestmark = pytest.mark.server


def test_deploy_created_the_automation_and_its_webhook_block(stack: Stack) -> None:
    with stack.api() as api:
        automations = api.post("/automations/filter", json={}).json()
        block = api.get("/block_types/slug/custom-webhook/block_documents/name/geowire-alerts")
    [automation] = [a for a in automations if a["name"] == "geowire: etl run failed"]
    assert automation["enabled"] is True
    assert set(automation["trigger"]["expect"]) == {
        "prefect.flow-run.Failed", "prefect.flow-run.Crashed", "prefect.flow-run.TimedOut"}
    assert automation["trigger"]["match_related"] == {
        "prefect.resource.role": "flow", "prefect.resource.name": "etl"}
    [action] = automation["actions"]
    assert action["type"] == "send-notification"
    assert block.status_code == 200, block.text
    assert action["block_document_id"] == block.json()["id"]


def test_a_failed_run_is_posted_to_the_webhook(stack: Stack) -> None:
    missing = stack.state / "no-such-dumps"
    run = run_deployment(stack, "etl-backfill", {"paths": [str(missing)], "since": "2024-01-01"})
    run_id = run["id"]
    assert run["state"]["type"] == "FAILED", run["state"]
    # the run is named after its input and range, not a random pair of words
    assert run["name"].startswith(f"{missing.parent.name}/no-such-dumps · 2024-01-01→… · ")

    def alerted() -> list[dict]:
        return [a for a in stack.alerts if run["name"] in a.get("subject", "")]

    [alert] = wait_for("the automation to post the failed run", alerted, 90, stack)
    assert alert["source"] == "geowire"
    assert "Failed" in alert["subject"]
    assert run_id in alert["body"] and "etl-backfill" in alert["body"]
