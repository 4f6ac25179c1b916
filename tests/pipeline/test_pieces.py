"""A large file split into pieces (row ranges) reads, piece after piece, as the whole file does."""

from __future__ import annotations

import csv
import gzip
import json

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.ingest import iter_raw_batches
from flows.ingest.schema import batch_rows
from flows.pipeline.pieces import split_file


def _jsonl(path, n=300):
    lines = [json.dumps({"url": f"https://example.org/{i}", "title": f"Story {i}", "text": f"Text {i}. " * 30})
             for i in range(n)]
    lines[17] = "{broken"
    lines[100] = ""
    lines[200] = lines[150]  # the same error locator twice would be numbered in a whole read
    path.write_text("\n".join(lines) + "\n")
    return path


def _csv(path, n=300):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "date", "text"])
        for i in range(n):
            writer.writerow([f"https://example.org/{i}", "2024-05-01", f"First line {i},\n\"quoted\" second line " * 20])
    return path


def _read(path, rows=None, max_bytes=None) -> pl.DataFrame:
    frames = list(iter_raw_batches(str(path), batch_size=64, rows=rows, max_bytes=max_bytes))
    return pl.concat(frames) if frames else pl.DataFrame()


@pytest.mark.parametrize("make", [_jsonl, _csv])
def test_pieces_read_as_the_whole_file(tmp_path, make):
    path = make(tmp_path / ("dump.jsonl" if make is _jsonl else "dump.csv"))
    pieces = split_file(str(path), path.stat().st_size, 4, 1024)
    assert pieces is not None and len(pieces) == 4
    assert pieces[0][0] == 0 and pieces[-1][1] is None
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    whole = _read(path)
    assert_frame_equal(pl.concat([_read(path, rows) for rows in pieces]), whole)
    assert whole.height >= 299


def test_small_and_compressed_files_are_not_split(tmp_path):
    path = _jsonl(tmp_path / "dump.jsonl")
    assert split_file(str(path), path.stat().st_size, 4, path.stat().st_size) is None
    packed = tmp_path / "dump.jsonl.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert split_file(str(packed), packed.stat().st_size, 4, 16) is None


def test_a_batch_holds_about_max_bytes_of_text():
    rows = [{"source_locator": f"line:{i}", "text": "x" * 1000} for i in range(50)]
    frames = list(batch_rows(iter(rows), "f", batch_size=1000, max_bytes=4000))
    assert [f.height for f in frames] == [4] * 12 + [2]
    assert [f.height for f in batch_rows(iter(rows), "f", batch_size=1000)] == [50]
