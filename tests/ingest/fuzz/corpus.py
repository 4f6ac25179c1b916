"""A hostile input corpus, generated (no binary blobs in the repo): one file per class of
hostile input the pipeline must survive, mixed with good files.

    python -m tests.ingest.fuzz.corpus DIR     # writes the corpus into DIR and lists it

`build(folder)` returns a `Corpus`: the URLs of the good records (each must be published)
and, per hostile case, the file name and a fragment of the reason its quarantine row must
give. Every good record has its own URL and its own text, so none is a duplicate.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tarfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

PLACES = ("Lima", "Quito", "Bogota", "Santiago", "La Paz", "Asuncion", "Montevideo", "Caracas")


@dataclass
class Corpus:
    folder: Path
    good_urls: set[str] = field(default_factory=set)
    bad: list[tuple[str, str]] = field(default_factory=list)  # (file name fragment, reason fragment)
    skipped: list[str] = field(default_factory=list)  # classes this machine cannot make

    def record(self, number: int) -> dict:
        """A good record: its own URL, its own text (long enough to be an article)."""
        url = f"https://news.example.org/2024/03/{number % 28 + 1:02d}/story-{number}"
        place = PLACES[number % len(PLACES)]
        text = (f"Officials from Chile and Peru met in {place} on Tuesday to discuss trade, story {number}. "
                f"The ministers signed an agreement on border crossings and customs number {number * 7}. "
                "Both governments said the talks would continue next month in the capital.")
        self.good_urls.add(url)
        return {"url": url, "title": f"Trade talks {number}", "text": text}


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def _html_page(record: dict) -> bytes:
    return (f"<html><head><title>{record['title']}</title>"
            f"<link rel=\"canonical\" href=\"{record['url']}\"></head><body><article><h1>{record['title']}</h1>"
            f"<p>{record['text']}</p><p>{record['text']}</p></article></body></html>").encode()


def _warc_record(record_id: str, url: str, payload: bytes, length: int | None = None) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    declared = len(http) if length is None else length
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {declared}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def _json_files(c: Corpus, root: Path) -> None:
    # a file of error rows only, sorted before a small good file: once a Polars panic
    (root / "00-cut.jsonl").write_text('{"url": "https://x/1", "text": ')
    c.bad.append(("00-cut.jsonl", "malformed JSON"))
    (root / "01-good.jsonl").write_text(_jsonl([c.record(i) for i in range(3)]))
    # deep nesting: 5,000 levels in a line, 100k levels of objects and of arrays in documents
    (root / "deep-line.jsonl").write_text(
        _jsonl([c.record(10)]) + '{"text": ' + "[" * 5000 + "]" * 5000 + "}\n" + _jsonl([c.record(11)]))
    c.bad.append(("deep-line.jsonl", "nested more than"))
    (root / "deep-object.json").write_text('{"a": ' * 100_000 + "1" + "}" * 100_000)
    c.bad.append(("deep-object.json", "nested more than"))
    (root / "deep-array.json").write_text("[" * 100_000 + "]" * 100_000)
    c.bad.append(("deep-array.json", "nested more than"))
    # encodings: UTF-16 with BOM (JSONL and JSON), UTF-32 BE without BOM
    (root / "utf16.jsonl").write_bytes(_jsonl([c.record(i) for i in (20, 21)]).encode("utf-16"))
    (root / "utf16.json").write_bytes(json.dumps([c.record(i) for i in (22, 23)]).encode("utf-16"))
    (root / "utf32be.jsonl").write_bytes(_jsonl([c.record(24)]).encode("utf-32-be"))
    # one NUL byte costs its line only
    good = [c.record(i) for i in range(30, 40)]
    lines = _jsonl(good[:5]) + '{"url": "https://nul.example/1", "text": "broken\x00record"}\n' + _jsonl(good[5:])
    (root / "nul.jsonl").write_text(lines)
    c.bad.append(("nul.jsonl", "malformed JSON"))


def _table_files(c: Corpus, root: Path) -> None:
    (root / "headerless.csv").write_text("".join(
        f'{r["url"]},{r["title"]},"{r["text"]}"\n' for r in [c.record(i) for i in (40, 41, 42)]))
    c.good_urls -= {c.record(i)["url"] for i in (40, 41, 42)}  # refused whole: no header
    c.bad.append(("headerless.csv", "no header row"))
    a, b, d = c.record(50), c.record(51), c.record(52)
    (root / "unclosed.csv").write_text(
        f'url,title,text\n{a["url"]},A,"{a["text"]}\n{b["url"]},B,"{b["text"]}"\n{d["url"]},D,"{d["text"]}"\n')
    c.good_urls -= {a["url"], b["url"]}  # merged by the open quote: refused together, not published
    c.bad.append(("unclosed.csv", "malformed CSV"))
    rows = [c.record(60), c.record(61)]
    table = pa.table({
        "url": [r["url"] for r in rows] + ["https://bin.example/1"],
        "title": [r["title"] for r in rows] + ["binary"],
        "text": pa.array([r["text"].encode() for r in rows] + [b"\xff\xfe\x00\x81binary"], pa.binary()),
    })
    pq.write_table(table, root / "binary-text.parquet")
    c.bad.append(("binary-text.parquet", "not UTF-8 text"))


def _archive_and_web_files(c: Corpus, root: Path) -> None:
    # a zip member whose data no longer matches its CRC, next to a sound member
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("bad.jsonl", _jsonl([{"url": "https://crc.example/1", "text": "x" * 300}]))
        archive.writestr("ok.jsonl", _jsonl([c.record(70)]))
    data = bytearray(buffer.getvalue())
    spot = data.index(b"https://crc.example/1")
    data[spot : spot + 5] = b"HTTPX"
    (root / "crc.zip").write_bytes(bytes(data))
    c.bad.append(("crc.zip", "CRC"))
    # the same locator twice (a zip may hold two members of one name): two quarantine rows
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": that is the point
        for _ in range(2):
            archive.writestr("same.jsonl", '{"url": "https://twin.example/1", "text": \n')
    (root / "twins.zip").write_bytes(buffer.getvalue())
    c.bad += [("twins.zip", "malformed JSON"), ("twins.zip", "malformed JSON")]
    # a tar member whose name is not UTF-8: its good record is still read
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as archive:
        data = _jsonl([c.record(75)]).encode()
        info = tarfile.TarInfo(name=os.fsdecode(b"member-\xff.jsonl"))
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (root / "bytes-name.tar").write_bytes(buffer.getvalue())
    # WARC: a good record, one with a negative length, a header cut short
    good = c.record(80)
    (root / "broken.warc").write_bytes(
        _warc_record("a", good["url"], _html_page(good))
        + _warc_record("b", "https://neg.example/", _html_page(c.record(81)), length=-5)
        + b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:c>\r\n")
    c.good_urls.discard(c.record(81)["url"])
    c.bad += [("broken.warc", "without an HTTP response"), ("broken.warc", "without an HTTP response")]
    # HTML: 200k attributes on one tag; a good page beside it
    attributes = " ".join(f"a{i}=\"{i}\"" for i in range(200_000))
    (root / "attributes.html").write_text(f"<html><body><div {attributes}><p>{'word ' * 50}</p></div></body></html>")
    c.bad.append(("attributes.html", "attributes"))
    (root / "page.html").write_bytes(_html_page(c.record(90)))


def _filesystem_entries(c: Corpus, root: Path, outside: Path) -> None:
    links = root / "links"
    links.mkdir()
    (links / "dangling.jsonl").symlink_to(root / "no-such-file.jsonl")
    c.bad.append(("dangling.jsonl", "dangling symlink"))
    (links / "loop-a.jsonl").symlink_to(links / "loop-b.jsonl")
    (links / "loop-b.jsonl").symlink_to(links / "loop-a.jsonl")
    c.bad += [("loop-a.jsonl", "symlink loop"), ("loop-b.jsonl", "symlink loop")]
    (links / "folder").symlink_to(root / "links", target_is_directory=True)
    c.bad.append(("links/folder", "symlink to a folder"))
    secret = outside / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 20)
    (links / "passwd.txt").symlink_to(secret)
    c.bad.append(("passwd.txt", "outside the input folders"))
    (links / "inside.jsonl").symlink_to(root / "01-good.jsonl")  # followed: inside the roots
    os.mkfifo(root / "pipe.jsonl")
    c.bad.append(("pipe.jsonl", "FIFO"))
    bad_name = os.fsencode(str(root)) + b"/bad-\xff-name.jsonl"
    with open(bad_name, "wb") as handle:
        handle.write(_jsonl([{"url": "https://badname.example/1", "text": "y" * 300}]).encode())
    c.bad.append(("bad-\\xff-name.jsonl", "not valid UTF-8"))
    unreadable = root / "unreadable.jsonl"
    unreadable.write_text(_jsonl([{"url": "https://unreadable.example/1", "text": "z" * 300}]))
    unreadable.chmod(0)
    if os.geteuid() == 0:  # root reads it anyway: nothing to refuse
        unreadable.unlink()
        c.skipped.append("unreadable file (running as root)")
    else:
        c.bad.append(("unreadable.jsonl", "Permission denied"))


def build(folder: Path) -> Corpus:
    """Write the corpus into `folder` (inputs under `folder/in`, the /etc/passwd stand-in outside)."""
    root, outside = folder / "in", folder / "outside"
    root.mkdir(parents=True)
    outside.mkdir()
    corpus = Corpus(root)
    _json_files(corpus, root)
    _table_files(corpus, root)
    _archive_and_web_files(corpus, root)
    _filesystem_entries(corpus, root, outside)
    return corpus


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    for name, reason in built.bad:
        print(f"hostile  {name:28} → {reason}")
    print(f"good records: {len(built.good_urls)}; not made here: {built.skipped or 'none'}")
