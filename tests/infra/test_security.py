"""The local stack is closed by default: the API asks for the generated auth string, checks
CSRF tokens and answers browsers from the UI's origin only; the secrets sit in a 0600,
git-ignored env file, reused on the next start; a Prefect profile points plain `prefect` at it."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from tests.infra.stack import REPO, Stack

pytestmark = pytest.mark.server


def test_an_unauthenticated_request_is_refused(stack: Stack) -> None:
    with stack.api(auth=None) as api:
        assert api.get("/deployments/name/etl/etl-scheduled").status_code == 401
        assert api.get("/csrf-token", params={"client": "x"}).status_code == 401  # no token either
        assert api.post("/flows/filter", json={}).status_code in (401, 403)  # 403: no CSRF token
        assert api.get("/health").status_code == 200  # liveness probes need no credentials
    with stack.api(auth="geowire:not-the-secret") as api:
        assert api.get("/deployments/name/etl/etl-scheduled").status_code == 401


def test_an_authenticated_request_works(stack: Stack) -> None:
    with stack.api() as api:
        response = api.post("/deployments/filter", json={})
    assert response.status_code == 200, response.text
    assert {d["name"] for d in response.json()} >= {"etl-scheduled", "etl-backfill"}


def test_a_write_without_a_csrf_token_is_refused(stack: Stack) -> None:
    with stack.api(csrf=False) as api:
        refused = api.post("/flows/", json={"name": "csrf-probe"})
    assert refused.status_code == 403, refused.text
    with stack.api() as api:
        assert api.post("/flows/", json={"name": "csrf-probe"}).status_code in (200, 201)


def test_browsers_are_answered_from_the_ui_origin_only(stack: Stack) -> None:
    ui = f"http://127.0.0.1:{stack.env['GEOWIRE_API_PORT']}"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    with stack.api(auth=None) as api:
        own = api.options("/flows/filter", headers={"Origin": ui, **preflight})
        other = api.options("/flows/filter", headers={"Origin": "http://evil.example", **preflight})
    assert own.headers.get("access-control-allow-origin") == ui
    assert "access-control-allow-origin" not in other.headers


def test_secrets_are_generated_private_and_reused(stack: Stack) -> None:
    path = Path(stack.env["GEOWIRE_SECRETS"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secrets = stack.secrets()
    assert len(secrets["GEOWIRE_PG_PASSWORD"]) >= 40
    user, _, token = secrets["GEOWIRE_API_AUTH_STRING"].partition(":")
    assert user == "geowire" and len(token) >= 40
    before = path.read_text()
    stack.script("serve.sh")  # everything runs already: starts nothing, keeps the secrets
    assert path.read_text() == before
    # PostgreSQL was created with the generated password (psql logs in with it)
    assert stack.psql("select current_user") == "prefect"


@pytest.mark.parametrize("path", ["infra/.state/secrets.env", "infra/.env"])
def test_secret_files_are_git_ignored(path: str) -> None:
    proc = subprocess.run(["git", "-C", str(REPO), "check-ignore", "--no-index", "-q", path], check=False)
    assert proc.returncode == 0, f"{path} is not git-ignored"


def test_plain_prefect_commands_talk_to_the_stack(stack: Stack) -> None:
    prefect = Path(stack.env["VENV"]) / "bin" / "prefect"
    env = {k: v for k, v in stack.env.items() if k not in ("PREFECT_API_URL", "PREFECT_API_AUTH_STRING")}
    proc = subprocess.run([str(prefect), "deployment", "ls"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "etl-scheduled" in proc.stdout and "etl-backfill" in proc.stdout
    profiles = Path(stack.env["PREFECT_HOME"]) / "profiles.toml"
    assert stat.S_IMODE(profiles.stat().st_mode) == 0o600
    assert 'active = "geowire"' in profiles.read_text()
