"""The one settings model: arguments over GEOWIRE_* variables, validated, naming what is wrong."""

from __future__ import annotations

import argparse
import os

import pytest

from flows.errors import SettingsError, UsageError
from flows.ingest import Limits
from flows.settings import Settings, load_settings, utc_date


def test_arguments_win_over_the_environment_and_the_environment_over_defaults(monkeypatch):
    monkeypatch.setenv("GEOWIRE_BATCH_SIZE", "300")
    monkeypatch.setenv("GEOWIRE_WAIT_LOCK", "12.5")
    monkeypatch.setenv("GEOWIRE_LIMITS__MAX_RECORD_BYTES", "2048")
    monkeypatch.setenv("GEOWIRE_FLOW_TIMEOUT", "0")
    settings = load_settings(lake="/lakes/a", batch_size=None)
    assert (settings.lake, settings.batch_size, settings.wait_lock_seconds) == ("/lakes/a", 300, 12.5)
    assert settings.limits == Limits(max_record_bytes=2048)
    assert settings.flow_timeout is None and settings.shard_timeout == 7200  # 0: no limit
    assert load_settings(batch_size=7).batch_size == 7


@pytest.mark.parametrize("variable, value, says", [
    ("GEOWIRE_BATCH_SIZE", "0", "greater than or equal to 1"),
    ("GEOWIRE_WAIT_LOCK", "soon", "valid number"),
    ("GEOWIRE_STAGE_ON_LAKE", "maybe", "valid boolean"),
    ("GEOWIRE_LIMITS__MAX_DEPTH", "deep", "valid integer"),
    ("GEOWIRE_SHARD_TIMEOUT", "-5", r"0 \(no limit\) or more"),
])
def test_a_bad_environment_value_is_refused_naming_the_variable(monkeypatch, variable, value, says):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=says) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{variable}: ")
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_a_bad_argument_is_named_as_the_caller_spells_it():
    with pytest.raises(SettingsError, match=r"^--batch-size: .*got 0"):
        load_settings({"batch_size": "--batch-size"}, batch_size=0)
    with pytest.raises(SettingsError, match=r"^batch_size: "):
        Settings().with_overrides(batch_size=-1)


def test_overrides_do_not_read_the_environment_again(monkeypatch):
    settings = load_settings(wait_lock_seconds=3)
    monkeypatch.setenv("GEOWIRE_WAIT_LOCK", "99")
    monkeypatch.setenv("GEOWIRE_SHARD_BYTES", "5")
    changed = settings.with_overrides(lake="elsewhere", batch_size=None)
    assert (changed.lake, changed.wait_lock_seconds, changed.shard_bytes) == ("elsewhere", 3, settings.shard_bytes)
    with pytest.raises(Exception):  # frozen: one object, passed down unchanged
        settings.lake = "x"  # type: ignore[misc]


def test_dates_are_checked_and_taken_as_utc():
    assert utc_date("--since", "2024-01-02").isoformat() == "2024-01-02T00:00:00+00:00"
    assert utc_date("--until", None) is None
    with pytest.raises(SettingsError, match="--since: not an ISO date"):
        utc_date("--since", "last tuesday")


def _args(**values) -> argparse.Namespace:
    base = dict(paths=["x"], lake=None, incremental=False, since=None, until=None, batch_size=None,
                dask_workers=None, dask_address=None, wait_lock=None, workers=None, default_date=None)
    return argparse.Namespace(**{**base, **values})


def test_the_cli_passes_its_flags_in_the_settings_not_through_the_environment(monkeypatch):
    from flows.cli import run_settings

    monkeypatch.delenv("GEOWIRE_WAIT_LOCK", raising=False)
    monkeypatch.delenv("GEOWIRE_STAGE_ON_LAKE", raising=False)
    before = dict(os.environ)
    settings = run_settings(_args(lake="s3://bucket/lake", wait_lock=30.0, dask_address="tcp://h:8786"))
    assert settings.wait_lock_seconds == 30.0 and settings.stage_on_lake and settings.lake == "s3://bucket/lake"
    assert dict(os.environ) == before
    assert not run_settings(_args(lake="/local/lake", dask_address="tcp://h:8786")).stage_on_lake
    assert str(run_settings(_args(default_date="2025-02-13")).default_date) == "2025-02-13"
