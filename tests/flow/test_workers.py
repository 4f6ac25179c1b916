"""The etl flow on a pool of worker processes, with large files split into pieces, publishes
the lake one worker publishes, row for row (run-specific columns aside)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES
from tests.flow.lakeq import rows
from tests.flow.test_dask import lake_rows

pytestmark = pytest.mark.usefixtures("prefect_api")

DATASETS = ("articles", "mentions", "events", "quarantine")


def write_dump(path, copies: int = 12) -> None:
    """The sample articles copied ``copies`` times (each copy its own URL and a different
    closing sentence), with repeats of earlier copies by URL and by text, blank and broken lines."""
    articles = [json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text().splitlines() if line.strip()]
    lines, starts = [], []
    for copy in range(copies):
        starts.append(len(lines))
        for i, article in enumerate(articles):
            closing = articles[(i + copy + 1) % len(articles)]["text"].split(". ")[0]
            lines.append(json.dumps({**article, "link": f"{article['link']}-{copy}",
                                     "text": f"{article['text']} {closing} (copy {copy})."}))
        if copy >= 4:  # a repeat of an earlier copy's URL, and of its text under a new URL
            first = json.loads(lines[starts[copy - 4]])
            lines.append(json.dumps({**first, "title": "again"}))
            lines.append(json.dumps({**first, "link": f"{first['link']}-mirror"}))
        if copy % 5 == 3:
            lines += ["", "{not json"]
    path.write_text("\n".join(lines) + "\n")


def test_two_workers_give_the_one_worker_lake(tmp_path, monkeypatch):
    from flows.etl import etl
    from flows.runners import process_runner

    monkeypatch.setenv("GEOWIRE_PIECE_BYTES", "4096")  # the dump splits into several pieces
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_dump(inbox / "big.jsonl")
    paths = [str(SAMPLES), str(inbox)]
    one, two = tmp_path / "one", tmp_path / "two"
    etl(paths=paths, lake=str(one), parallel=False)
    result = etl.with_options(task_runner=process_runner(2))(paths=paths, lake=str(two))
    assert result["datasets"]["articles"]["duplicates"] > 0
    for dataset in DATASETS:
        assert lake_rows(two, dataset) == lake_rows(one, dataset), dataset
    # mentions coded from an article repeated in a later piece are dropped with it and counted
    # as duplicates (one worker never codes them): the other counts are the same
    assert _run_counts(two) == _run_counts(one)


def test_pieces_are_consecutive_row_ranges(tmp_path, monkeypatch):
    from flows.pipeline import open_run, plan_shards
    from flows.settings import Settings

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "0-empty.jsonl").write_bytes(b"")  # an empty file first once broke the planning
    write_dump(inbox / "big.jsonl")
    settings = Settings().with_overrides(lake=str(tmp_path / "lake"), piece_bytes=4096)
    with open_run([str(inbox)], settings) as run:
        serial, shards = plan_shards(run, 1), plan_shards(run, 2)
    assert [(len(s.paths), s.rows) for s in serial] == [(2, None)]
    assert shards[0].paths[0].endswith("0-empty.jsonl") and shards[0].rows is None
    pieces = shards[1:]
    assert len(pieces) > 2 and all(len(p.paths) == 1 for p in pieces)
    assert pieces[0].rows[0] == 0 and pieces[-1].rows[1] is None
    assert all(a.rows[1] == b.rows[0] for a, b in zip(pieces, pieces[1:]))


def _run_counts(lake):
    return rows(lake, "runs", "dataset, records_read - (case when dataset = 'mentions' then duplicates "
                "else 0 end), published, quarantined, (case when dataset = 'mentions' then 0 else duplicates end)",
                order="all")
