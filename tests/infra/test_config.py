"""Offline checks of the operations files: prefect.yaml against the installed Prefect's own
models, the compose file against the compose spec (with `docker compose config` when a
Compose v2 binary is available), the Dockerfile against the project tree."""

from __future__ import annotations

import os
import re
import stat
import shutil
import subprocess

import pytest
import yaml

from tests.infra.stack import INFRA, REPO

PLACEHOLDER = re.compile(r"\{\{\s*\$(\w+)\s*\}\}")

# Top-level and service keys of the Compose specification (compose-spec/compose-spec).
COMPOSE_TOP = {"version", "name", "include", "services", "networks", "volumes", "configs",
               "secrets", "models"}
COMPOSE_SERVICE = set("""
annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs
container_name cpu_count cpu_percent cpu_shares cpu_quota cpu_period cpu_rt_period
cpu_rt_runtime cpus cpuset credential_spec depends_on deploy develop device_cgroup_rules
devices dns dns_opt dns_search domainname entrypoint env_file environment expose extends
external_links extra_hosts gpus group_add healthcheck hostname image init ipc isolation labels
label_file links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit
models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports
post_start pre_stop privileged profiles provider pull_policy read_only restart runtime scale
secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls
tmpfs tty ulimits use_api_socket user userns_mode uts volumes volumes_from working_dir
""".split())
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
SECRETS = {"POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD", "AWS_SECRET_ACCESS_KEY",
           "AWS_ACCESS_KEY_ID", "MINIO_ROOT_USER", "GEOWIRE_S3_SECRET_KEY",
           "PREFECT_SERVER_API_AUTH_STRING", "PREFECT_API_AUTH_STRING"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((INFRA / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def prefect_yaml() -> dict:
    return yaml.safe_load((INFRA / "prefect.yaml").read_text())


def env_example() -> dict[str, str]:
    lines = (INFRA / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_prefect_yaml_parses_with_prefects_own_model(prefect_yaml: dict) -> None:
    from prefect.cli.deploy._models import PrefectYamlModel

    model = PrefectYamlModel.model_validate(prefect_yaml)
    by_name = {d.name: d for d in model.deployments}
    assert set(by_name) == {"etl-scheduled", "etl-backfill"}
    for d in by_name.values():
        assert d.entrypoint == "flows/etl.py:etl"
        assert d.work_pool.name == "{{ $GEOWIRE_POOL }}"
        assert d.concurrency_limit.limit == 1
        assert d.concurrency_limit.collision_strategy == "ENQUEUE"
    assert [s.cron for s in by_name["etl-scheduled"].schedules] == ["{{ $GEOWIRE_CRON }}"]
    assert by_name["etl-scheduled"].parameters["incremental"] is True
    assert by_name["etl-scheduled"].work_pool.job_variables["env"]["GEOWIRE_WAIT_LOCK"] == "900"
    assert by_name["etl-backfill"].schedules == []
    assert {"paths", "since", "until"} <= set(by_name["etl-backfill"].parameters)
    assert model.pull == [{"prefect.deployments.steps.set_working_directory":
                           {"directory": "{{ $GEOWIRE_HOME }}"}}]


def test_every_prefect_yaml_placeholder_has_a_default_in_deploy_sh(prefect_yaml: dict) -> None:
    used = set(PLACEHOLDER.findall(yaml.safe_dump(prefect_yaml)))
    deploy = (INFRA / "local" / "deploy.sh").read_text() + (INFRA / "local" / "common.sh").read_text()
    defaulted = set(re.findall(r'^\s*(?:export\s+)?(\w+)="\$\{\1:-', deploy, re.M))
    assert used and used <= defaulted, f"no default for {used - defaulted}"


def test_compose_uses_only_spec_keys(compose: dict) -> None:
    assert {k for k in compose if not k.startswith("x-")} <= COMPOSE_TOP
    for name, service in compose["services"].items():
        unknown = set(service) - COMPOSE_SERVICE
        assert not unknown, f"service {name}: keys not in the compose spec: {unknown}"


def test_compose_has_the_production_services(compose: dict) -> None:
    services = compose["services"]
    assert {"postgres", "prefect-server", "prefect-worker", "prefect-deploy", "dask-scheduler",
            "dask-worker", "minio", "minio-init"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["prefect-server"]["image"].startswith("prefecthq/prefect:3.")
    assert services["minio"]["image"].startswith("minio/minio:")
    for name in ("prefect-worker", "prefect-deploy", "dask-scheduler", "dask-worker"):
        assert services[name]["image"] == "${GEOWIRE_IMAGE:-geowire:latest}", name
        assert services[name]["build"] == {"context": "..", "dockerfile": "infra/Dockerfile"}
    server_env = services["prefect-server"]["environment"]
    assert server_env["PREFECT_API_DATABASE_CONNECTION_URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/prefect" in server_env["PREFECT_API_DATABASE_CONNECTION_URL"]
    for name in ("prefect-worker", "dask-worker"):
        env = services[name]["environment"]
        assert env["GEOWIRE_LAKE"] == "s3://geowire/lake"
        assert env["AWS_ENDPOINT_URL"] == "http://minio:9000"
    assert services["prefect-worker"]["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert "geowire-process" in services["prefect-worker"]["command"]


def test_compose_references_are_consistent(compose: dict) -> None:
    services, volumes = compose["services"], set(compose.get("volumes") or {})
    for name, service in services.items():
        assert "image" in service or "build" in service, name
        for dep, spec in (service.get("depends_on") or {}).items():
            assert dep in services, f"{name} depends on unknown service {dep}"
            assert spec["condition"] in CONDITIONS
            if spec["condition"] == "service_healthy":
                assert "healthcheck" in services[dep], f"{dep} has no healthcheck"
        for mount in service.get("volumes") or []:
            source = mount.split(":", 1)[0]
            if not source.startswith(("/", ".", "$")):
                assert source in volumes, f"{name} mounts undeclared volume {source}"
        for port in service.get("ports") or []:
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


def test_compose_takes_credentials_from_the_environment(compose: dict) -> None:
    for name, service in compose["services"].items():
        env = service.get("environment") or {}
        for key in SECRETS & set(env):
            assert str(env[key]).startswith("${"), f"{name}: {key} is written in the file"
    referenced = set(re.findall(r"\$\{(\w+):\?", (INFRA / "docker-compose.yml").read_text()))
    assert referenced <= set(env_example()), "a required variable is missing from .env.example"


def test_dockerfile_copies_what_exists() -> None:
    text = (INFRA / "Dockerfile").read_text()
    sources = [src for line in re.findall(r"^COPY\s+(.+)$", text, re.M)
               for src in line.split()[:-1] if not src.startswith("--")]
    assert sources
    for src in sources:
        assert (REPO / src).exists(), f"Dockerfile copies {src}, which is not in the project"
    assert "prefect" in text and "'.[dask,s3]'" in text


def compose_v2() -> list[str] | None:
    """A Docker Compose v2 command (`docker compose` or a v2 `docker-compose`), if any."""
    for cmd in (["docker", "compose"], ["docker-compose"]):
        if not shutil.which(cmd[0]):
            continue
        probe = subprocess.run([*cmd, "version", "--short"], capture_output=True, text=True,
                               check=False)
        if probe.returncode == 0 and probe.stdout.strip().lstrip("v").startswith("2."):
            return cmd
    return None


def test_docker_compose_config_validates() -> None:
    cmd = compose_v2()
    if cmd is None:
        pytest.skip("no Docker Compose v2 here; the spec checks above stand in for it")
    proc = subprocess.run([*cmd, "-f", str(INFRA / "docker-compose.yml"),
                           "--env-file", str(INFRA / ".env.example"), "config", "--quiet"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_compose_server_is_closed_by_default(compose: dict) -> None:
    services = compose["services"]
    server = services["prefect-server"]["environment"]
    assert server["PREFECT_SERVER_API_AUTH_STRING"] == "${GEOWIRE_API_AUTH_STRING:?set GEOWIRE_API_AUTH_STRING}"
    assert server["PREFECT_SERVER_CSRF_PROTECTION_ENABLED"] == "true"
    assert server["PREFECT_SERVER_CORS_ALLOWED_ORIGINS"] != "*"
    for name in ("prefect-worker", "prefect-deploy"):  # the API's clients carry the same string
        env = services[name]["environment"]
        assert env["PREFECT_API_AUTH_STRING"] == server["PREFECT_SERVER_API_AUTH_STRING"], name


def test_compose_secrets_are_generated_private_and_kept(tmp_path) -> None:
    env_file = tmp_path / "compose.env"
    script = INFRA / "local" / "secrets.sh"
    subprocess.run(["bash", str(script), "compose", str(env_file)], check=True, timeout=30,
                   env={k: v for k, v in os.environ.items() if not k.startswith("GEOWIRE_")})
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    lines = env_file.read_text().splitlines()
    values = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert set(values) == set(env_example())
    generated = [k for k, v in env_example().items() if v.startswith("change-me")]
    assert {"POSTGRES_PASSWORD", "GEOWIRE_API_AUTH_STRING", "MINIO_ROOT_PASSWORD"} <= set(generated)
    for key in generated:
        assert "change-me" not in values[key] and len(values[key]) >= 40, key
    assert values["GEOWIRE_API_AUTH_STRING"].startswith("geowire:")
    before = env_file.read_text()
    subprocess.run(["bash", str(script), "compose", str(env_file)], check=True, timeout=30)
    assert env_file.read_text() == before  # kept: the stack's volumes hold these passwords
    cmd = compose_v2()
    if cmd:
        proc = subprocess.run([*cmd, "-f", str(INFRA / "docker-compose.yml"), "--env-file", str(env_file),
                               "config", "--quiet"], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
