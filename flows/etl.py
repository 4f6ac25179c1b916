"""The `etl` flow: dump files → articles, mentions, events, quarantine, runs in the lake."""

from __future__ import annotations

from datetime import datetime, timezone

from prefect import flow
from prefect.runtime import flow_run

from flows import pipeline
from flows.settings import Settings
from flows.tasks import discover_inputs, ingest_file, publish_run


def _as_utc(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@flow(name="etl")
def etl(
    paths: list[str],
    lake: str | None = None,
    incremental: bool = False,
    since: str | None = None,
    until: str | None = None,
    batch_size: int | None = None,
) -> dict:
    """Ingest the dump files under ``paths`` and publish one atomic run to ``lake``.

    ``since``/``until`` (ISO dates) keep only articles published in [since, until) — the rest
    are quarantined with that reason; ``incremental`` skips files the lake has processed before.
    """
    settings = Settings().with_overrides(lake=lake, batch_size=batch_size)
    files = discover_inputs(paths)
    with pipeline.open_run(
        paths, settings, files=files, flow_run_id=str(flow_run.id or "") or None,
        since=_as_utc(since), until=_as_utc(until), incremental=incremental,
    ) as run:
        for path in run.files:
            ingest_file(run, path)
        return publish_run(run)
