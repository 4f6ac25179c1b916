"""Run names, the transient-error rule and the time limits of flows/operations.py."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from flows.operations import is_transient, run_name

WHEN = datetime(2026, 3, 4, 5, 6, tzinfo=timezone.utc)


@pytest.mark.parametrize("parameters, name", [
    ({"paths": ["data/inbox"], "incremental": True}, "data/inbox · incremental · 2026-03-04 05:06 UTC"),
    ({"paths": ["/srv/dumps/2024", "/srv/extra"], "since": "2024-01-01", "until": "2024-07-01"},
     "dumps/2024 +1 · 2024-01-01→2024-07-01 · 2026-03-04 05:06 UTC"),
    ({"paths": ["/srv/dumps"], "since": "2024-01-01"}, "srv/dumps · 2024-01-01→… · 2026-03-04 05:06 UTC"),
    ({"paths": ["s3://bucket/feeds/inbox"]}, "s3://…/feeds/inbox · 2026-03-04 05:06 UTC"),
    ({"paths": []}, "no input · 2026-03-04 05:06 UTC"),
])
def test_run_name_says_what_and_when(parameters, name):
    assert run_name(parameters, WHEN) == name


class ReadTimeoutError(Exception):  # shaped like urllib3's
    __module__ = "urllib3.exceptions"


class ClientError(Exception):  # shaped like botocore's
    __module__ = "botocore.exceptions"

    def __init__(self, code):
        self.response = {"Error": {"Code": code}}


class TaskRunTimeoutError(TimeoutError):  # the name of Prefect's time limit
    pass


def _chained() -> Exception:
    try:
        raise ConnectionResetError(errno.ECONNRESET, "reset")
    except OSError as exc:
        try:
            raise RuntimeError("upload failed") from exc
        except RuntimeError as outer:
            return outer


@pytest.mark.parametrize("exc, transient", [
    (OSError(errno.EIO, "Input/output error"), True),
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (ConnectionResetError(), True),
    (TimeoutError("socket timed out"), True),
    (ReadTimeoutError(), True),
    (ClientError("SlowDown"), True),
    (_chained(), True),
    (ClientError("NoSuchBucket"), False),
    (FileNotFoundError("gone"), False),
    (PermissionError("denied"), False),
    (FileExistsError("in the way"), False),
    (TaskRunTimeoutError("over the limit"), False),
    (ValueError("bad data"), False),
    (None, False),
])
def test_only_transient_errors_are_retried(exc, transient):
    assert is_transient(exc) is transient


def _configured(env: dict) -> dict:
    code = ("import json; from flows.etl import etl; from flows.tasks import process_shard, merge_and_publish;"
            "print(json.dumps([etl.timeout_seconds, process_shard.timeout_seconds, process_shard.retries,"
            " merge_and_publish.timeout_seconds, merge_and_publish.retries]))")
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True,
                         text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_time_limits_and_retries_come_from_the_environment():
    assert _configured({}) == [21600, 7200, 3, 7200, 3]
    assert _configured({"GEOWIRE_FLOW_TIMEOUT": "600", "GEOWIRE_SHARD_TIMEOUT": "0",
                        "GEOWIRE_TASK_RETRIES": "1", "GEOWIRE_PUBLISH_TIMEOUT": "90"}) == [600, None, 1, 90, 1]
