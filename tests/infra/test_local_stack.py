"""The local operations stack with real components: PostgreSQL, the Prefect server on it,
the deployments of the real infra/prefect.yaml, and a process worker running etl-scheduled."""

from __future__ import annotations

import json
import time
from datetime import datetime

import duckdb
import pytest

from tests.infra.stack import Stack

pytestmark = pytest.mark.server

TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}

# Invented articles, written for this test.
ARTICLES = {
    "wire-a.jsonl": [
        {"url": "https://news.example.org/2025/02/10/ministers-meet-in-vienna",
         "title": "Ministers meet in Vienna over grain corridor",
         "text": "Foreign ministers of Turkey and Ukraine met in Vienna on Monday to discuss "
                 "the grain corridor. Both sides said the talks were constructive.",
         "published": "2025-02-10T09:30:00Z", "source": "news.example.org", "language": "en"},
        {"url": "https://news.example.org/2025/03/04/border-talks-resume",
         "title": "Border talks resume after two-month pause",
         "text": "Negotiators from India and China resumed border talks on Tuesday. "
                 "India urged China to withdraw troops from the disputed valley.",
         "published": "2025-03-04T14:00:00Z", "source": "news.example.org", "language": "en"},
    ],
    "wire-b.jsonl": [
        {"url": "https://daily.example.net/world/2025/03/05/aid-convoy-reaches-city",
         "title": "Aid convoy reaches besieged city",
         "text": "A United Nations aid convoy reached the besieged city on Wednesday, "
                 "delivering food and medicine to thousands of residents.",
         "published": "2025-03-05T07:15:00Z", "source": "daily.example.net", "language": "en"},
    ],
}


def wait_for(what: str, probe, timeout: float, stack: Stack, every: float = 1.0):
    """Call probe() until it returns something truthy; fail with the stack's logs after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n{stack.logs()}")


def deployment(stack: Stack, name: str) -> dict:
    with stack.api() as api:
        response = api.get(f"/deployments/name/etl/{name}")
    assert response.status_code == 200, response.text
    return response.json()


def test_server_is_healthy_and_stores_in_postgresql(stack: Stack) -> None:
    with stack.api() as api:
        assert api.get("/health").json() is True
        pools = api.post("/work_pools/filter", json={}).json()
    assert {"name": "geowire-process", "type": "process"}.items() <= {
        p["name"]: p for p in pools}["geowire-process"].items()
    # What the API reports is what PostgreSQL's `prefect` database holds.
    assert stack.psql("select version()").startswith("PostgreSQL ")
    tables = stack.psql(
        "select count(*) from information_schema.tables where table_schema = 'public'"
        " and table_name in ('flow_run', 'deployment', 'work_pool', 'alembic_version')")
    assert tables == "4"
    assert set(stack.psql("select name from deployment order by name").split()) == {
        "etl-backfill", "etl-scheduled"}
    assert stack.psql("select type from work_pool where name = 'geowire-process'") == "process"


def test_deployments_listed_with_schedule_and_limits(stack: Stack) -> None:
    with stack.api() as api:
        listed = api.post("/deployments/filter", json={"limit": 50}).json()
    assert {d["name"] for d in listed} >= {"etl-scheduled", "etl-backfill"}

    scheduled = deployment(stack, "etl-scheduled")
    assert scheduled["entrypoint"] == "flows/etl.py:etl"
    assert scheduled["work_pool_name"] == "geowire-process"
    [schedule] = scheduled["schedules"]
    assert schedule["active"] is True
    assert schedule["schedule"]["cron"] == "0 * * * *"
    assert schedule["schedule"]["timezone"] == "UTC"
    assert scheduled["global_concurrency_limit"]["limit"] == 1
    assert scheduled["concurrency_options"]["collision_strategy"] == "ENQUEUE"
    assert scheduled["parameters"] == {
        "paths": [str(stack.inbox)], "lake": str(stack.lake), "incremental": True}
    assert scheduled["job_variables"] == {"env": {"GEOWIRE_WAIT_LOCK": "900"}}
    assert scheduled["pull_steps"] == [{"prefect.deployments.steps.set_working_directory": {
        "directory": stack.env["GEOWIRE_HOME"]}}]

    backfill = deployment(stack, "etl-backfill")
    assert backfill["schedules"] == []
    assert backfill["parameters"]["incremental"] is False
    assert {"since", "until"} <= set(backfill["parameter_openapi_schema"]["properties"])


def test_server_scheduler_plans_hourly_runs(stack: Stack) -> None:
    dep_id = deployment(stack, "etl-scheduled")["id"]
    body = {"flow_runs": {"deployment_id": {"any_": [dep_id]},
                          "state": {"type": {"any_": ["SCHEDULED"]}}},
            "sort": "EXPECTED_START_TIME_ASC", "limit": 5}

    def planned() -> list[dict]:
        with stack.api() as api:
            return [r for r in api.post("/flow_runs/filter", json=body).json()
                    if r.get("auto_scheduled")]

    runs = wait_for("the scheduler to plan etl-scheduled runs", planned, 60, stack, every=2)
    starts = [datetime.fromisoformat(r["expected_start_time"]) for r in runs]
    assert all((s.minute, s.second) == (0, 0) for s in starts), starts
    assert len(runs) >= 2 and (starts[1] - starts[0]).total_seconds() == 3600


def run_deployment(stack: Stack, name: str, parameters: dict | None = None) -> dict:
    """Create a run of a deployment through the API; the worker runs it; return it once final."""
    dep_id = deployment(stack, name)["id"]
    body = {"parameters": parameters} if parameters is not None else {}
    with stack.api() as api:
        created = api.post(f"/deployments/{dep_id}/create_flow_run", json=body)
    assert created.status_code == 201, created.text
    run_id = created.json()["id"]

    def finished() -> dict | None:
        with stack.api() as api:
            run = api.get(f"/flow_runs/{run_id}").json()
        return run if (run.get("state") or {}).get("type") in TERMINAL else None

    return wait_for(f"the worker to finish the {name} run", finished, 150, stack)


def trigger_and_wait(stack: Stack, name: str) -> dict:
    """`run_deployment` with its parameters as deployed; the run must complete."""
    run = run_deployment(stack, name)
    state = run["state"]
    assert state["type"] == "COMPLETED", f"{state['type']}: {state.get('message')}\n{stack.logs()}"
    assert run["work_pool_name"] == "geowire-process"
    return run


def test_worker_runs_triggered_etl_scheduled_into_the_lake(stack: Stack) -> None:
    stack.inbox.mkdir(parents=True, exist_ok=True)
    for name, rows in ARTICLES.items():
        (stack.inbox / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    trigger_and_wait(stack, "etl-scheduled")

    titles = duckdb.sql(
        f"select title from read_parquet('{stack.lake}/articles/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert sorted(t for (t,) in titles) == sorted(r["title"] for rows in ARTICLES.values() for r in rows)


def test_next_scheduled_run_processes_only_a_new_file(stack: Stack) -> None:
    """Runs after the test above: the inbox gains one file, the next run reads only it."""
    new = {"url": "https://news.example.org/2025/03/06/port-reopens", "title": "Port reopens after strike",
           "text": "Dock workers in Rotterdam ended their strike on Thursday after the Dutch government "
                   "promised new talks on wages.", "published": "2025-03-06T08:00:00Z", "language": "en"}
    (stack.inbox / "wire-c.jsonl").write_text(json.dumps(new) + "\n")
    run = trigger_and_wait(stack, "etl-scheduled")
    runs = duckdb.sql(
        f"select records_read, len(inputs), inputs[1].path from read_parquet('{stack.lake}/runs/*.parquet')"
        f" where dataset = 'articles' and flow_run_id = '{run['id']}'"
    ).fetchall()
    assert len(runs) == 1
    records_read, n_inputs, path = runs[0]
    assert (records_read, n_inputs) == (1, 1) and path.endswith("wire-c.jsonl")
    titles = duckdb.sql(
        f"select count(*) from read_parquet('{stack.lake}/articles/**/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert titles == [(4,)]
