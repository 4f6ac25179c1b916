"""Which Prefect API a `geowire run` talks to, decided before Prefect is imported.

A server that answers (PREFECT_API_URL, or the API URL of the active Prefect profile, which
`make serve` sets) is used as it is: a flow run then costs about a second. Otherwise the run
gets Prefect's temporary local server (started in a subprocess, 10–20 s), which the CLI
tunes below. Reads only the environment and the profiles file (no Prefect import: that alone
takes seconds).
"""

from __future__ import annotations

import base64
import os
import threading
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HEALTH_TIMEOUT = 2.0



@dataclass(frozen=True)
class ApiChoice:
    url: str | None  # the server used; None: the temporary one
    configured: str | None  # the URL configured, when it did not answer
    origin: str  # where the configured URL came from


def _profile_settings(env: dict[str, str]) -> dict[str, str]:
    home = Path(env.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    path = Path(env.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    name = env.get("PREFECT_PROFILE") or data.get("active") or "ephemeral"
    profile = (data.get("profiles") or {}).get(name) or {}
    return {str(k): str(v) for k, v in profile.items()}


def configured_api(env: dict[str, str] | None = None) -> tuple[str | None, str | None, str]:
    """(API URL, auth string, origin) from PREFECT_API_URL, else the active profile."""
    env = dict(os.environ if env is None else env)
    if env.get("PREFECT_API_URL"):
        return env["PREFECT_API_URL"], env.get("PREFECT_API_AUTH_STRING"), "PREFECT_API_URL"
    profile = _profile_settings(env)
    auth = env.get("PREFECT_API_AUTH_STRING") or profile.get("PREFECT_API_AUTH_STRING")
    name = env.get("PREFECT_PROFILE") or "active"
    return profile.get("PREFECT_API_URL") or None, auth, f"the {name} Prefect profile"


def api_healthy(url: str, auth: str | None = None, api_key: str | None = None,
                timeout: float = HEALTH_TIMEOUT) -> bool:
    """True when ``<url>/health`` answers 200."""
    request = urllib.request.Request(url.rstrip("/") + "/health")
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    elif api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) URL)
            return response.status == 200
    except (OSError, ValueError):
        return False


def choose_api(env: dict[str, str] | None = None) -> ApiChoice:
    """The configured server when it answers, else the temporary one (None)."""
    env = dict(os.environ if env is None else env)
    url, auth, origin = configured_api(env)
    if url and api_healthy(url, auth, env.get("PREFECT_API_KEY")):
        return ApiChoice(url, None, origin)
    return ApiChoice(None, url, origin)


def use_api(choice: ApiChoice) -> TemporaryServer | None:
    """Point this process (and its workers) at the chosen server. Without one, start Prefect's
    temporary server now, in the background (it comes up while the pipeline's modules load),
    instead of at the flow's first API call; a configured URL that did not answer is overridden."""
    if choice.url:
        os.environ["PREFECT_API_URL"] = choice.url
        return None
    os.environ["PREFECT_API_URL"] = ""  # empty: Prefect's own test for "no API configured"
    return TemporaryServer()


class TemporaryServer:
    """Prefect's temporary server, started in a thread; ``wait`` gives its URL and exports it
    as PREFECT_API_URL, so worker processes use it instead of each starting their own."""

    def __init__(self) -> None:
        self.url: str | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="prefect-temporary-server", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            from prefect.server.api.server import SubprocessASGIServer

            server = SubprocessASGIServer()  # the instance Prefect's client uses (one per process)
            server.start()
            self.url = server.api_url
        except Exception as exc:  # Prefect starts it again at the first call, and says why it failed
            self.error = exc

    def wait(self) -> str | None:
        self._thread.join()
        if self.url:
            os.environ["PREFECT_API_URL"] = self.url
        return self.url
