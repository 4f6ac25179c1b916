"""`geowire run` uses a Prefect server that answers (PREFECT_API_URL or the active profile's),
else Prefect's temporary one."""

from __future__ import annotations

import socket

import pytest

from flows.prefectapi import api_healthy, choose_api, configured_api


def _closed_port_url() -> str:
    with socket.socket() as sock:  # a port nothing listens on once the socket is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api"


def _profiles(tmp_path, url: str, active: str = "served") -> dict[str, str]:
    path = tmp_path / "profiles.toml"
    path.write_text(f'active = "{active}"\n\n[profiles.served]\nPREFECT_API_URL = "{url}"\n'
                    'PREFECT_API_AUTH_STRING = "admin:secret"\n\n[profiles.ephemeral]\n')
    return {"PREFECT_PROFILES_PATH": str(path)}


def test_the_environment_wins_over_the_profile(tmp_path):
    env = _profiles(tmp_path, "http://profile.invalid/api")
    assert configured_api(env)[0] == "http://profile.invalid/api"
    assert configured_api(env)[1] == "admin:secret"
    assert configured_api({**env, "PREFECT_API_URL": "http://env.invalid/api"})[0] == "http://env.invalid/api"
    assert configured_api({**env, "PREFECT_PROFILE": "ephemeral"})[0] is None
    assert configured_api({"PREFECT_PROFILES_PATH": str(tmp_path / "none.toml")})[0] is None


def test_a_configured_server_that_does_not_answer_gives_the_temporary_one(tmp_path):
    url = _closed_port_url()
    assert not api_healthy(url, timeout=1)
    choice = choose_api(_profiles(tmp_path, url))
    assert choice.url is None and choice.configured == url


@pytest.mark.usefixtures("prefect_api")
def test_a_server_that_answers_is_used(tmp_path):
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()  # the session's temporary server, serving the real API
    assert url and api_healthy(url)
    assert choose_api({"PREFECT_API_URL": url}).url == url
    assert choose_api({**_profiles(tmp_path, url), "PREFECT_API_AUTH_STRING": ""}).url == url
