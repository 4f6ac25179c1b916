"""The one settings model: every knob of a run, from arguments, else GEOWIRE_* environment variables.

Built once at the edge — the CLI (its flags over the environment), the flow (its parameters
over the settings it was given or the worker's environment) — validated there, and passed
down. No other module reads the environment. A bad value fails with the variable's name::

    GEOWIRE_BATCH_SIZE=0 geowire run ...   →  error: GEOWIRE_BATCH_SIZE: must be at least 1 (got '0')

To add a setting: add a field here (its variable is GEOWIRE_<FIELD NAME>, unless an alias says
otherwise) and read it from the ``Settings`` the run was given.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from flows.errors import SettingsError
from flows.limits import Limits

MiB = 2**20


def _env(*names: str) -> AliasChoices:
    """Read from the field's name (arguments) or from these environment variables, in order."""
    return AliasChoices(*names)


class Settings(BaseSettings):
    """What a run needs to know besides its inputs. Frozen: derive with ``with_overrides``."""

    model_config = SettingsConfigDict(
        env_prefix="GEOWIRE_", frozen=True, extra="ignore", populate_by_name=True,
        env_nested_delimiter="__",
    )

    # the run
    lake: str = Field(default="data/lake", min_length=1)
    batch_size: int = Field(default=5000, ge=1)
    shard_bytes: int = Field(default=16 * MiB, ge=1)
    batch_bytes: int = Field(default=8 * MiB, ge=1)  # of text in one batch (its frames peak at ≈10×)
    workers: int = Field(default=0, ge=0)  # worker processes; 0: every available core
    piece_bytes: int = Field(default=2 * MiB, ge=1)  # the least piece of a large file a shard reads
    code_events: bool = True
    # the publication date of articles whose record, URL, text and capture give none
    # (a plain-text story); None: such articles stay undated and their events are quarantined
    default_date: date | None = None
    keep_validation_results: bool = True
    limits: Limits = Field(default_factory=Limits)  # GEOWIRE_LIMITS__MAX_RECORD_BYTES=...
    # the lake
    wait_lock_seconds: float = Field(default=0.0, ge=0, validation_alias=_env("wait_lock_seconds", "GEOWIRE_WAIT_LOCK"))
    lock_ttl_seconds: float = Field(default=600.0, gt=0, validation_alias=_env("lock_ttl_seconds", "GEOWIRE_LOCK_TTL"))
    stage_on_lake: bool = False  # remote Dask workers stage their shards on the object store
    s3_endpoint: str | None = Field(
        default=None, validation_alias=_env("s3_endpoint", "GEOWIRE_S3_ENDPOINT", "AWS_ENDPOINT_URL"))
    schemas: Path | None = None  # contracts other than the packaged ones
    # where lookups keep the key-index segments fetched from an object-store lake; None: the user's
    # cache folder ($XDG_CACHE_HOME or ~/.cache, then geowire/keyindex); empty: no cache
    keyindex_cache: str | None = None
    # where data compiled from package files (py3langid's model, the gazetteer, the verb
    # patterns) is kept for every process to open with mmap: see flows/compiled.py; None: the
    # user's cache folder, then geowire/compiled; empty: no cache (each process builds its own)
    compiled_cache: str | None = None
    shared: Path | None = None  # the shared sample dumps (evaluation and tests only)
    # running unattended (see flows/operations.py)
    dask_address: str | None = None
    dask_workers: int | None = Field(default=None, ge=1)
    task_retries: int = Field(default=3, ge=0)
    retry_backoff: float = Field(default=10.0, ge=0)
    shard_timeout: float | None = 7200.0
    publish_timeout: float | None = 7200.0
    flow_timeout: float | None = 6 * 3600.0

    @field_validator("shard_timeout", "publish_timeout", "flow_timeout")
    @classmethod
    def _no_limit_at_zero(cls, value: float | None) -> float | None:
        if value is not None and value < 0:
            raise ValueError("must be 0 (no limit) or more")
        return value if value else None

    @field_validator("s3_endpoint", "dask_address", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return value or None

    def with_overrides(self, **values: Any) -> "Settings":
        """A copy with the given values (None: keep this one's), validated like the rest."""
        given = {k: v for k, v in values.items() if v is not None}
        if not given:
            return self
        try:  # model_validate validates the values given, without reading the environment
            return Settings.model_validate({**self.model_dump(), **given})
        except ValidationError as exc:
            raise SettingsError(describe(exc, given)) from None


def _variable(field: str) -> str:
    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info else None
    if isinstance(alias, AliasChoices):
        env = [str(c) for c in alias.choices if str(c).isupper()]
        return " or ".join(env) if env else field
    return f"GEOWIRE_{field.upper()}"


def describe(error: ValidationError, arguments: dict[str, Any] | None = None,
             names: dict[str, str] | None = None) -> str:
    """One line per bad value, naming the argument (as ``names`` spells it: ``--batch-size``)
    or the environment variable it came from."""
    lines = []
    for problem in error.errors():
        where = [str(p) for p in problem["loc"]]
        field = where[0] if where else "settings"
        if arguments and field in arguments:
            name = (names or {}).get(field, field)
        else:
            name = _variable(field)
        if len(where) > 1:
            name += "__" + "__".join(w.upper() for w in where[1:])
        message = problem['msg'].removeprefix("Value error, ")
        lines.append(f"{name}: {message} (got {problem.get('input')!r})")
    return "; ".join(lines)


def load_settings(names: dict[str, str] | None = None, **arguments: Any) -> Settings:
    """Settings from ``arguments`` (None values ignored) over the environment; a bad value
    raises ``SettingsError`` naming the argument (spelled as in ``names``) or the GEOWIRE_*
    variable it came from."""
    given = {k: v for k, v in arguments.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        raise SettingsError(describe(exc, given, names)) from None


def environment_settings() -> Settings:
    """The settings of this process's environment as it is now. For what belongs to the process
    rather than to a run: the object store's endpoint, the schemas folder, the lock's lease, and
    the Prefect options fixed when a deployment's flow is imported. Validated once per distinct
    set of values (the object store asks for them on every file it opens)."""
    ours = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith(_OURS)))
    return _settings_of(ours)


_OURS = ("GEOWIRE_", "AWS_ENDPOINT_URL")


def user_cache_folder(setting: str | None, *parts: str) -> Path | None:
    """A cache folder: ``setting`` when given (empty: no cache, None), else ``parts`` under the
    user's cache folder ($XDG_CACHE_HOME, else ~/.cache) and geowire."""
    if setting is not None:
        return Path(setting).expanduser() if setting else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "geowire", *parts)


@lru_cache(maxsize=8)
def _settings_of(environment: tuple[tuple[str, str], ...]) -> Settings:
    return load_settings()


def utc_date(name: str, text: str | None) -> datetime | None:
    """``--since``/``--until`` (an ISO date or date-time; UTC unless it says otherwise), or None;
    a value that is not one raises ``SettingsError`` naming ``name``."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"{name}: not an ISO date (got {text!r})") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# Prefect reads these when it is imported: a cold machine needs longer than the default 20 s to
# bring up the temporary API; no analytics offline; keep the console for our progress bar, while
# flow and task runs still send their INFO logs (the run's counts) to the API.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
}


def use_prefect_defaults(names: tuple[str, ...] = tuple(PREFECT_DEFAULTS)) -> None:
    """Set Prefect's settings for a command-line run where the user has not (call before
    Prefect is imported). The only write to the environment geowire makes."""
    for name in names:
        os.environ.setdefault(name, PREFECT_DEFAULTS[name])


def child_environment(first_on_path: str) -> dict[str, str]:
    """This process's environment for a helper process, with ``first_on_path`` first on PYTHONPATH."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": first_on_path + (os.pathsep + path if path else "")}
