"""Which Prefect API a `geowire run` talks to, decided before Prefect is imported.

A server that answers (PREFECT_API_URL, or the API URL of the active Prefect profile, which
`make serve` sets) is used as it is: a flow run then costs about a second. Otherwise the run
gets Prefect's temporary local server (started in a subprocess, 10–20 s). Reads only the
environment and the profiles file (no Prefect import: that alone takes seconds).
"""

from __future__ import annotations

import base64
import os
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


def use_api(choice: ApiChoice) -> None:
    """Point this process (and its workers) at the chosen server. Without one, Prefect starts
    its temporary server at the flow's first API call and the flow hands its URL to the worker
    processes (flows/runners.py); a configured URL that did not answer is overridden."""
    if choice.url:
        os.environ["PREFECT_API_URL"] = choice.url
        return
    # no API: Prefect's temporary server. PREFECT_API_URL must be unset, not empty (an empty
    # one makes Prefect's event service fail at exit); a profile's URL that did not answer is
    # left for Prefect's built-in `ephemeral` profile
    os.environ.pop("PREFECT_API_URL", None)
    if choice.configured and choice.origin != "PREFECT_API_URL":
        os.environ["PREFECT_PROFILE"] = "ephemeral"
