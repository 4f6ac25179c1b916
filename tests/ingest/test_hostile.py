"""Hostile input at the ingest level: each case costs its record (or file), never the run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.ingest import InputError, Limits, describe_input, iter_raw_batches, list_dump_files
from flows.ingest.depth import TooDeep, build_items, nesting_depth
from flows.ingest.files import scan_inputs
from flows.ingest.html import extract_html
from flows.ingest.errors import RecordError

from .conftest import read_all

TEXT = "Officials from Chile and Peru met in Lima on Tuesday to discuss trade and the border crossings."


def line(n: int) -> str:
    return json.dumps({"url": f"https://example.org/{n}", "text": f"{TEXT} Story {n}."}) + "\n"


def outcome(frame: pl.DataFrame) -> list[tuple[str, str | None]]:
    return list(zip(frame["source_locator"].to_list(), frame["error"].to_list()))


# --- the file system -------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path):
    root, outside = tmp_path / "in", tmp_path / "outside"
    root.mkdir(), outside.mkdir()
    (root / "good.jsonl").write_text(line(1))
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (root / "out.txt").symlink_to(outside / "secret.txt")
    (root / "in.jsonl").symlink_to(root / "good.jsonl")
    (root / "dangling.jsonl").symlink_to(root / "missing.jsonl")
    (root / "loop1.jsonl").symlink_to(root / "loop2.jsonl")
    (root / "loop2.jsonl").symlink_to(root / "loop1.jsonl")
    (root / "sub").mkdir()
    (root / "dir").symlink_to(root / "sub", target_is_directory=True)
    os.mkfifo(root / "fifo.jsonl")
    with open(os.fsencode(root) + b"/caf\xe9.jsonl", "wb") as handle:
        handle.write(line(2).encode())
    return root


def test_the_walk_reads_regular_files_inside_the_roots_and_refuses_the_rest(tree):
    scan = scan_inputs([str(tree)])
    assert scan.files == [f"{tree}/good.jsonl", f"{tree}/in.jsonl"]
    refused = dict(scan.refused)
    assert "outside the input folders" in refused[f"{tree}/out.txt"]
    assert "dangling symlink" in refused[f"{tree}/dangling.jsonl"]
    assert "symlink loop" in refused[f"{tree}/loop1.jsonl"]
    assert "symlink to a folder" in refused[f"{tree}/dir"]
    assert "FIFO" in refused[f"{tree}/fifo.jsonl"]
    assert "not valid UTF-8" in refused[f"{tree}/caf\\xe9.jsonl"]
    assert list_dump_files([str(tree)]) == scan.files


def test_named_paths_a_fifo_is_refused_a_dangling_link_does_not_exist(tree):
    assert "FIFO" in dict(scan_inputs([str(tree / "fifo.jsonl")]).refused)[str(tree / "fifo.jsonl")]
    with pytest.raises(InputError, match="dangling"):
        list_dump_files([str(tree / "dangling.jsonl")])
    assert list_dump_files([str(tree / "out.txt")]) == [str(tree / "out.txt")]  # named: followed


def test_a_fifo_or_folder_read_directly_is_an_error_row_and_never_blocks(tree):
    [frame] = list(iter_raw_batches(str(tree / "fifo.jsonl")))  # would block forever in open()
    assert "FIFO" in frame["error"][0]
    [frame] = list(iter_raw_batches(str(tree / "dir")))
    assert "only regular files" in frame["error"][0]
    info = describe_input(str(tree / "fifo.jsonl"))
    assert info["sha256"] is None and "FIFO" in info["error"]


# --- nesting ---------------------------------------------------------------------------

def test_nesting_depth_ignores_brackets_in_strings():
    assert nesting_depth(b'{"a": "[[[[[[[[[[[[", "b": [1, [2]]}', 3) == 3
    assert nesting_depth(b"[" * 500 + b"]" * 500, 100) == 500


def test_build_items_refuses_only_the_deep_item():
    import io

    import ijson

    doc = b'[{"a": 1}, ' + b"[" * 300 + b"]" * 300 + b', {"b": [1, {"c": 2}]}, 3]'
    items = list(build_items(ijson.basic_parse(io.BytesIO(doc), use_float=True), 100))
    assert items[0] == {"a": 1} and isinstance(items[1], TooDeep) and items[2:] == [{"b": [1, {"c": 2}]}, 3]
    many = b'{"a": 1} {"b": 2}'
    assert list(build_items(ijson.basic_parse(io.BytesIO(many), multiple_values=True), 5)) == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_deep_json_costs_one_record(tmp_path, name):
    deep = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    body = line(1) + deep + "\n" + line(2) if name.endswith("l") else f"[{line(1)}, {deep}, {line(2)}]"
    (tmp_path / name).write_text(body)
    rows = outcome(read_all(tmp_path / name))
    assert [e for _, e in rows][0] is None and [e for _, e in rows][2] is None
    assert "nested more than 100 levels" in rows[1][1]


# --- encodings -------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_are_decoded_before_sniffing(tmp_path, encoding):
    (tmp_path / "wide.jsonl").write_bytes((line(1) + line(2)).encode(encoding))
    frame = read_all(tmp_path / "wide.jsonl")
    assert frame["source_format"].to_list() == ["jsonl", "jsonl"]
    assert frame["url"].to_list() == ["https://example.org/1", "https://example.org/2"]


def test_a_nul_byte_costs_its_record_not_the_file(tmp_path):
    (tmp_path / "nul.jsonl").write_bytes((line(1) + '{"text": "a\x00b"}\n' + line(3)).encode())
    rows = outcome(read_all(tmp_path / "nul.jsonl"))
    assert [r[1] is None for r in rows] == [True, False, True]


def test_headerless_csv_is_refused_with_a_reason(tmp_path):
    body = "".join(f'https://example.org/{n},Title {n},"{TEXT} {n}"\n' for n in range(4))
    (tmp_path / "rows.csv").write_text(body)
    [(where, reason)] = outcome(read_all(tmp_path / "rows.csv"))
    assert where == "file" and "no header row" in reason


def test_an_unclosed_csv_quote_fails_its_row_instead_of_merging(tmp_path):
    (tmp_path / "q.csv").write_text(f'title,text\nA,"{TEXT}\nB,"{TEXT} B"\nC,"{TEXT} C"\n')
    rows = outcome(read_all(tmp_path / "q.csv"))
    assert rows[0][0] == "row:1" and "malformed CSV" in rows[0][1]
    assert rows[1] == ("row:2", None)


def test_binary_parquet_text_is_decoded_or_refused_never_published_as_bytes(tmp_path):
    table = pa.table({"title": ["ok", "bad"],
                      "text": pa.array([TEXT.encode(), b"\xff\xfe\x00\x81"], pa.binary())})
    pq.write_table(table, tmp_path / "b.parquet")
    frame = read_all(tmp_path / "b.parquet")
    assert frame["text"].to_list()[0] == TEXT
    assert "not UTF-8" in frame["error"].to_list()[1]


# --- WARC --------------------------------------------------------------------------------

def _warc(record_id: str, length: int | None = None) -> bytes:
    page = f"<html><body><article><p>{TEXT * 3}</p></article></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Target-URI: https://example.org/{record_id}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) if length is None else length}\r\n\r\n").encode() + http + b"\r\n\r\n"


def test_malformed_warc_records_give_error_rows(tmp_path):
    (tmp_path / "w.warc").write_bytes(_warc("a") + _warc("b", -5) + _warc("c") + b"WARC/1.0\r\nWARC-Type: response\r\n")
    rows = outcome(read_all(tmp_path / "w.warc"))
    assert [r[1] is None for r in rows] == [True, False, True, False]
    assert "<urn:uuid:b>" in rows[1][0] and "Content-Length: -5" in rows[1][1]


# --- HTML --------------------------------------------------------------------------------

def test_html_over_the_limits_is_refused_unparsed():
    attributes = " ".join(f"a{i}=1" for i in range(5000))
    with pytest.raises(RecordError, match="attributes"):
        extract_html(f"<html><body><div {attributes}>x</div></body></html>".encode())
    with pytest.raises(RecordError, match="tags"):
        extract_html(b"<b>" * 300_000)
    with pytest.raises(RecordError, match="max_html_bytes"):
        extract_html(b"<p>" + b"x" * 100, limits=Limits(max_html_bytes=50))


def test_html_extraction_has_a_time_budget_and_recovers():
    page = ("<html><body>" + "<div><p>" * 2000 + TEXT + "</p></div>" * 2000 + "</body></html>").encode()
    started = time.monotonic()
    with pytest.raises(RecordError, match="extract_seconds"):
        extract_html(page * 20, limits=Limits(max_html_tags=10**7, extract_seconds=0.05))
    assert time.monotonic() - started < 60  # the harness's own bound: the helper was killed
    good = f"<html><body><article><p>{TEXT * 3}</p></article></body></html>".encode()
    assert TEXT in extract_html(good)["text"]  # a fresh helper takes the next page


def test_sigterm_stops_a_process_waiting_on_a_slow_extraction(tmp_path):
    script = (
        "import sys; from flows.ingest import Limits, RecordError; from flows.ingest.html import extract_html\n"
        "page = ('<html><body>' + '<div><p>' * 3000 + 'x' + '</p></div>' * 3000 + '</body></html>').encode()\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    try: extract_html(page * 50, limits=Limits(max_html_tags=10**8, extract_seconds=600))\n"
        "    except RecordError: pass  # no article in it: extract again, until the signal comes\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(3)  # now inside a long extraction
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == -signal.SIGTERM
