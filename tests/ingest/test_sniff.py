"""Content sniffing beats a lying or missing extension."""

import gzip
import json
import shutil

import polars as pl
import pytest

from flows.ingest.sniff import detect_format

from .conftest import SAMPLES, read_all

JSONL = (json.dumps({"url": "https://example.org/1", "text": "Egypt and Sudan discussed the Nile dam."}) + "\n").encode()
CSV = b"title,text,url\nTalks,Egypt and Sudan discussed the Nile dam.,https://example.org/2\n"

CASES = [
    ("jsonl_named.csv", JSONL, "jsonl", "line:1"),
    ("csv_named.txt", CSV, "csv", "row:1"),
    ("jsonl_gzipped_no_extension", gzip.compress(JSONL), "jsonl", "line:1"),
    ("gzip_named.json", gzip.compress(CSV), "csv", "row:1"),
]


@pytest.mark.parametrize(("name", "data", "fmt", "locator"), CASES, ids=[c[0] for c in CASES])
def test_content_beats_extension(tmp_path, name, data, fmt, locator):
    (tmp_path / name).write_bytes(data)
    frame = read_all(tmp_path / name)
    assert frame.select("source_format", "source_locator", "error").rows() == [(fmt, locator, None)]
    assert "Nile" in frame["text"][0]


@pytest.mark.parametrize(
    ("sample", "renamed", "fmt"),
    [("page.html", "page.txt", "html"), ("crawl.warc.gz", "crawl.dat", "warc"),
     ("desk.parquet", "desk.csv", "parquet"), ("news_please.json", "news.jsonl.txt", "json"),
     ("bundle.zip", "bundle.bin", None)],
)
def test_renamed_samples_still_read(tmp_path, sample, renamed, fmt):
    shutil.copy(SAMPLES / sample, tmp_path / renamed)
    frame = read_all(tmp_path / renamed)
    assert frame["error"].null_count() == frame.height > 0
    if fmt:
        assert frame["source_format"].unique().to_list() == [fmt]


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (b"WARC/1.0\r\n", "x.jsonl", "warc"),
        (b"filedesc://x.arc 0.0.0.0 20240101000000 text/plain 10\n", "x.txt", "arc"),
        (b"PAR1\x15\x04", "x.json", "parquet"),
        (b'\xef\xbb\xbf[{"text": "a"}]', "x.txt", "json"),
        (b'{\n  "text": "a"\n}\n', "x.txt", "json"),
        (b'{"text": "a"}\n{"text": "b"}\n', "x.json", "jsonl"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "x.json", "html"),
        (b"headline\tbody\tdate\nA\tB\tC\n", "x.txt", "tsv"),
        (b"Moscow, Kyiv and Minsk\n\nLeaders met on Monday.\n", "x.csv", "txt"),
        (b"Leaders met on Monday in Geneva.\n", "noextension", "txt"),
        (b"\x00\x01\x02\x03binary\x00\x00", "x.jsonl", None),
    ],
)
def test_detect_format(head, name, fmt):
    assert detect_format(head, name) == fmt


def test_lying_extension_error_is_still_clear(tmp_path):
    (tmp_path / "fake.parquet").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    frame = read_all(tmp_path / "fake.parquet")
    assert frame.filter(pl.col("error").is_not_null())["error"].to_list() == ["unknown format"]
