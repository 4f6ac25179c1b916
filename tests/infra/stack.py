"""Helpers of the infra tests: find PostgreSQL, pick free ports, drive the stack scripts
(infra/local/*.sh) and read back what the stack holds."""

from __future__ import annotations

import base64
import glob
import json
import os
import shutil
import socket
import subprocess
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
    alerts: list[dict] = field(default_factory=list)  # what the alert webhook received

    def secrets(self) -> dict[str, str]:
        """The env file of generated secrets that serve.sh wrote."""
        lines = Path(self.env["GEOWIRE_SECRETS"]).read_text().splitlines()
        return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))

    def api(self, auth: str | None = "stack", csrf: bool = True) -> httpx.Client:
        """A client of the API: with the stack's auth string (or ``auth``, None for none) and,
        as Prefect's own client does, a CSRF token for its writes."""
        headers = {}
        if auth == "stack":
            auth = self.secrets()["GEOWIRE_API_AUTH_STRING"]
        if auth is not None:
            headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode()
        if csrf and auth is not None:
            client_id = str(uuid.uuid4())
            token = httpx.get(f"{self.api_url}/csrf-token", params={"client": client_id},
                              headers=headers, timeout=30)
            if token.status_code == 200:
                headers.update({"Prefect-Csrf-Token": token.json()["token"], "Prefect-Csrf-Client": client_id})
        return httpx.Client(base_url=self.api_url, headers=headers, timeout=30)

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
            env={**self.env, "PGPASSWORD": self.secrets()["GEOWIRE_PG_PASSWORD"]},
            capture_output=True, text=True, timeout=30, check=True,
        )
        return proc.stdout.strip()


class AlertReceiver:
    """An HTTP server on loopback that keeps the JSON bodies POSTed to it (the alert webhook)."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    received.append({"path": self.path, **json.loads(body or b"{}")})
                except ValueError:
                    received.append({"path": self.path, "raw": body.decode(errors="replace")})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/geowire-alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "AlertReceiver":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
