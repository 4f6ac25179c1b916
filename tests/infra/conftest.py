"""Session fixture: the local stack of infra/local/*.sh, on free ports and a throw-away state
folder, so it never clashes with a developer's `make serve` stack.

The worker runs the etl flow of the checkout in $GEOWIRE_HOME (default: this repository).
Tests marked `server` skip only when the PostgreSQL binaries are absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.infra.stack import INFRA, REPO, Stack, free_port, postgres_bin


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "server: needs PostgreSQL binaries; starts a Prefect server, a worker and deploys"
    )


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    pg_bin = postgres_bin()
    if not pg_bin or not Path(pg_bin, "initdb").exists():
        pytest.skip("PostgreSQL binaries not found (install them with infra/ci-services.sh)")
    # Not under pytest's tmp_path: its folders are private to root, and as root the
    # cluster runs as the postgres user, which must reach its data folder.
    state = Path(tempfile.mkdtemp(prefix="geowire-infra-"))
    state.chmod(0o755)
    api_port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
        "GEOWIRE_HOME": os.environ.get("GEOWIRE_HOME", str(REPO)),
        "VENV": sys.prefix,
        "GEOWIRE_STATE": str(state),
        "GEOWIRE_PG_PORT": str(free_port()),
        "GEOWIRE_PG_PASSWORD": "geowire-test",
        "GEOWIRE_API_PORT": str(api_port),
        "GEOWIRE_WORKER_QUERY_SECONDS": "1",
        "GEOWIRE_INBOX": str(state / "inbox"),
        "GEOWIRE_LAKE": str(state / "lake"),
        # the server's scheduler looks for schedules to fill every 5 s instead of 60 s
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
    }
    stack = Stack(f"http://127.0.0.1:{api_port}/api", env, state, state / "inbox",
                  state / "lake", pg_bin)
    try:
        stack.script("serve.sh")
        stack.script("deploy.sh")
        yield stack
    finally:
        subprocess.run(["bash", str(INFRA / "local" / "stop.sh")], env=env,
                       capture_output=True, timeout=120, check=False)
        shutil.rmtree(state, ignore_errors=True)
