"""How the flow behaves when run unattended: run names, which errors are retried (no Prefect here).

Retries and time limits are settings (``flows.settings``), taken when ``flows.tasks`` and
``flows.etl`` are imported from the environment of the process that runs the flow (the
worker's, for a deployment):

| variable | default | meaning |
| --- | --- | --- |
| GEOWIRE_TASK_RETRIES | 3 | retries of a shard or of the publish task after a transient error |
| GEOWIRE_RETRY_BACKOFF | 10 | seconds before the first retry; doubled for each next one |
| GEOWIRE_SHARD_TIMEOUT | 7200 | seconds one shard may take (0: no limit) |
| GEOWIRE_PUBLISH_TIMEOUT | 7200 | seconds the merge and commit may take (0: no limit) |
| GEOWIRE_FLOW_TIMEOUT | 21600 | seconds a whole run may take (0: no limit) |
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import PurePath

# Errors a second attempt cannot cure: the file is missing, not allowed, or in the way.
_PERMANENT_OS_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError, FileExistsError)
# Prefect's own time limits subclass TimeoutError (an OSError): a run over its limit stops.
_TIME_LIMITS = {"TaskRunTimeoutError", "FlowRunTimeoutError"}
# Object-store clients whose connection and throttling errors are not OSErrors.
_NETWORK_MODULES = ("botocore", "aiobotocore", "aiohttp", "urllib3", "httpx", "httpcore")
_RETRYABLE_S3_CODES = {"SlowDown", "Throttling", "ThrottlingException", "RequestTimeout",
                       "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "503", "500"}


def is_transient(exc: BaseException | None) -> bool:
    """True for an error worth another attempt: file system or object store trouble."""
    if exc is None or type(exc).__name__ in _TIME_LIMITS:
        return False
    if isinstance(exc, _PERMANENT_OS_ERRORS):
        return False
    if isinstance(exc, OSError):  # EIO, ENOSPC, ESTALE, connection resets, socket timeouts...
        return True
    for cls in type(exc).__mro__:
        if cls.__module__.split(".")[0] in _NETWORK_MODULES:
            if any(word in cls.__name__ for word in ("Connection", "Timeout", "Endpoint")):
                return True
    response = getattr(exc, "response", None)  # botocore's ClientError
    if isinstance(response, dict) and str(response.get("Error", {}).get("Code")) in _RETRYABLE_S3_CODES:
        return True
    cause = exc.__cause__ or exc.__context__
    return cause is not None and cause is not exc and is_transient(cause)


def run_name(parameters: dict, when: datetime | None) -> str:
    """A flow run's name from what it reads and when: ``inbox +1 · incremental · 2026-12-02 10:00 UTC``."""
    paths = [str(p) for p in parameters.get("paths") or []]
    what = _short(paths[0]) if paths else "no input"
    if len(paths) > 1:
        what += f" +{len(paths) - 1}"
    parts = [what]
    if parameters.get("incremental"):
        parts.append("incremental")
    since, until = parameters.get("since"), parameters.get("until")
    if since or until:
        parts.append(f"{since or '…'}→{until or '…'}")
    when = (when or datetime.now(timezone.utc)).astimezone(timezone.utc)
    parts.append(f"{when:%Y-%m-%d %H:%M} UTC")
    return " · ".join(parts)


def _short(path: str) -> str:
    """The last two parts of a path or URL, enough to recognise it: ``dumps/2024``."""
    scheme, sep, rest = path.partition("://")
    parts = PurePath(rest if sep else path).parts
    tail = "/".join(p for p in parts[-2:] if p != "/")
    return f"{scheme}://…/{tail}" if sep and len(parts) > 2 else (f"{scheme}://{tail}" if sep else tail or path)
