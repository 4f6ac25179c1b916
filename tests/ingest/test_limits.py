"""Safety limits: record size, decompressed size and ratio, unsafe archive members."""

import gzip
import io
import json
import tarfile
import zipfile

import polars as pl
import pytest

from flows.ingest import Limits

from .conftest import read_all


def line(n: int, text: str = "Officials from Chile and Peru met in Lima to discuss trade.") -> str:
    return json.dumps({"url": f"https://example.org/{n}", "text": text}) + "\n"


def errors(frame: pl.DataFrame) -> list[tuple[str, str]]:
    bad = frame.filter(pl.col("error").is_not_null())
    return list(zip(bad["source_locator"].to_list(), bad["error"].to_list()))


@pytest.mark.parametrize("suffix", ["jsonl", "jsonl.gz"])
def test_oversized_jsonl_line_is_refused_and_reading_goes_on(tmp_path, suffix):
    body = line(1) + line(2, "x" * 5000) + line(3)
    path = tmp_path / f"big.{suffix}"
    path.write_bytes(gzip.compress(body.encode()) if suffix.endswith("gz") else body.encode())
    frame = read_all(path, limits=Limits(max_record_bytes=1000))
    assert frame.filter(pl.col("error").is_null())["url"].to_list() == ["https://example.org/1", "https://example.org/3"]
    [(where, reason)] = errors(frame)
    assert where == "line:2" and "max_record_bytes (1000 bytes)" in reason
    assert len(frame.filter(pl.col("error").is_not_null())["payload"][0]) <= 4096


@pytest.mark.parametrize(
    ("name", "content"),
    [("big.txt", "Title\n\n" + "word " * 1000), ("big.html", "<html><body><p>" + "word " * 1000 + "</p></body></html>")],
)
def test_oversized_document_is_refused(tmp_path, name, content):
    (tmp_path / name).write_text(content)
    [(where, reason)] = errors(read_all(tmp_path / name, limits=Limits(max_record_bytes=1000)))
    assert where == "item:1" and "max_record_bytes" in reason


def test_oversized_csv_field_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text('title,text\nA,"short text about Peru"\nB,"' + "y" * 3000 + '"\nC,"Chile and Peru"\n')
    frame = read_all(path, limits=Limits(max_record_bytes=1000))
    assert frame.filter(pl.col("error").is_null())["title"].to_list()[0] == "A"
    assert any("field larger than field limit" in reason for _, reason in errors(frame))


@pytest.mark.parametrize(
    ("limits", "fragment"),
    [
        (Limits(ratio_min_bytes=1_000_000), "ratio over 200"),
        (Limits(max_decompressed_bytes=500_000), "more than 500000 bytes decompressed"),
    ],
)
def test_decompression_bomb_is_refused(tmp_path, limits, fragment):
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(line(1).encode() + b"\n" * 5_000_000))
    frame = read_all(path, limits=limits)
    assert frame["error"].to_list()[0] is None
    [(where, reason)] = errors(frame)
    assert where == "line:1 (after)" and fragment in reason


def tar_bytes(members: dict[str, bytes], symlink: str | None = None) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        if symlink:
            info = tarfile.TarInfo(symlink)
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "payload", "refused"),
    [
        ("a.tar.gz", tar_bytes({"/etc/evil.jsonl": line(1).encode(), "ok.jsonl": line(2).encode()}),
         [("member:/etc/evil.jsonl", "absolute path")]),
        ("b.tar.gz", tar_bytes({"x/../../evil.jsonl": line(1).encode(), "ok.jsonl": line(2).encode()}),
         [("member:x/../../evil.jsonl", "'..' in its path")]),
        ("c.tar.gz", tar_bytes({"ok.jsonl": line(2).encode()}, symlink="link.jsonl"),
         [("member:link.jsonl", "non-regular")]),
        ("d.zip", zip_bytes({"/abs.jsonl": line(1).encode(), "ok.jsonl": line(2).encode()}),
         [("member:/abs.jsonl", "absolute path")]),
    ],
)
def test_unsafe_members_are_refused(tmp_path, name, payload, refused):
    (tmp_path / name).write_bytes(payload)
    frame = read_all(tmp_path / name)
    got = errors(frame)
    assert [w for w, _ in got] == [w for w, _ in refused]
    assert all(fragment in reason for (_, reason), (_, fragment) in zip(got, refused))
    assert frame.filter(pl.col("error").is_null())["source_locator"].to_list() == ["member:ok.jsonl line:1"]


def test_member_count_limit(tmp_path):
    path = tmp_path / "many.zip"
    path.write_bytes(zip_bytes({f"m{i}.jsonl": line(i).encode() for i in range(5)}))
    frame = read_all(path, limits=Limits(max_members=3))
    assert frame.filter(pl.col("error").is_null()).height == 3
    [(where, reason)] = errors(frame)
    assert where == "member:m3.jsonl" and "more than 3 members" in reason
