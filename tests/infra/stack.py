"""Helpers of the infra tests: find PostgreSQL, pick free ports, drive the stack scripts
(infra/local/*.sh) and read back what the stack holds."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
INFRA = REPO / "infra"


def postgres_bin() -> str | None:
    """PostgreSQL's bin folder, found the way infra/local/common.sh finds it."""
    if os.environ.get("GEOWIRE_PG_BIN"):
        return os.environ["GEOWIRE_PG_BIN"]
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return str(Path(found[-1]).parent)
    initdb = shutil.which("initdb")
    return str(Path(initdb).parent) if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    api_url: str
    env: dict[str, str]
    state: Path
    inbox: Path
    lake: Path
    pg_bin: str

    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.api_url, timeout=30)

    def script(self, name: str, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
        """Run infra/local/<name> against this stack; fail with its output and the logs."""
        proc = subprocess.run(
            ["bash", str(INFRA / "local" / name), *args],
            env=self.env, capture_output=True, text=True, timeout=timeout, check=False,
        )
        if proc.returncode != 0:
            pytest.fail(f"{name} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{self.logs()}")
        return proc

    def logs(self, lines: int = 40) -> str:
        out = []
        for log in sorted((self.state / "logs").glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-lines:]
            out.append(f"--- {log.name} (last {lines} lines)\n" + "\n".join(tail))
        return "\n".join(out)

    def psql(self, sql: str) -> str:
        proc = subprocess.run(
            [f"{self.pg_bin}/psql", "-h", "127.0.0.1", "-p", self.env["GEOWIRE_PG_PORT"],
             "-U", "prefect", "-d", "prefect", "-qtAc", sql],
            env={**self.env, "PGPASSWORD": self.env["GEOWIRE_PG_PASSWORD"]},
            capture_output=True, text=True, timeout=30, check=True,
        )
        return proc.stdout.strip()
