"""Rebuild the sample dumps in data/samples/ from _src/*.yaml (invented articles).

Run from the repository root: `.venv/bin/python data/samples/make_samples.py`.
Outputs are deterministic and committed; desk.parquet comes from make_parquet.py.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import random
import tarfile
import uuid
import zipfile
import zlib
from pathlib import Path

import yaml
import zstandard

HERE = Path(__file__).parent
BROKEN = HERE / "broken"
MTIME = 1718000000  # fixed timestamps keep archives byte-identical between runs


def load(name: str) -> dict[str, dict]:
    return {a["id"]: a for a in yaml.safe_load((HERE / "_src" / name).read_text(encoding="utf-8"))}


def jsonl_line(a: dict) -> str:
    record = {"headline": a["title"], "text": a["text"], "published_at": a["published"],
              "link": a["url"], "publisher": a.get("source"), "lang": "en", "author": a.get("author")}
    return json.dumps(record, ensure_ascii=False) + "\n"


def news_please(a: dict) -> dict:
    return {"authors": [a["author"]], "date_download": "2024-07-01 00:00:00",
            "date_publish": a["published"].replace("T", " ").rstrip("Z"), "description": None,
            "language": "en", "maintext": a["text"], "source_domain": a["source"],
            "title": a["title"], "url": a["url"]}


def html_page(a: dict) -> str:
    paragraphs = "\n".join(f"      <p>{s.strip()}.</p>" for s in a["text"].split(". ") if s.strip())
    paragraphs = paragraphs.replace("..</p>", ".</p>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{a['title']} | {a['source']}</title>
  <link rel="canonical" href="{a['url']}">
  <meta property="og:site_name" content="{a['source']}">
  <meta name="author" content="{a['author']}">
  <meta property="article:published_time" content="{a['published']}">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
  <article>
    <h1>{a['title']}</h1>
    <p class="byline">By {a['author']}</p>
    <div class="article-body">
{paragraphs}
    </div>
  </article>
  <footer>Copyright 2024 {a['source']}. All rights reserved.</footer>
</body>
</html>
"""


def warc_record(kind: str, uri: str | None, date: str, block: bytes, content_type: str) -> bytes:
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{uri}:{date}")
    lines = ["WARC/1.0", f"WARC-Type: {kind}", f"WARC-Record-ID: <urn:uuid:{record_id}>",
             f"WARC-Date: {date}"]
    if uri:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def warc_records(pages: list[dict]) -> list[bytes]:
    records = [warc_record("warcinfo", None, "2024-07-01T00:00:00Z",
                           b"software: geowire sample builder\r\nformat: WARC File Format 1.0\r\n",
                           "application/warc-fields")]
    for a in pages:
        date = a["published"]
        request = f"GET / HTTP/1.1\r\nHost: {a['source']}\r\n\r\n".encode()
        records.append(warc_record("request", a["url"], date, request, "application/http; msgtype=request"))
        body = http_response(html_page(a).encode(), "text/html; charset=utf-8")
        records.append(warc_record("response", a["url"], date, body, "application/http; msgtype=response"))
    robots = http_response(b"User-agent: *\nDisallow: /admin\n", "text/plain")
    records.append(warc_record("response", f"https://{pages[0]['source']}/robots.txt",
                               "2024-07-01T00:00:05Z", robots, "application/http; msgtype=response"))
    return records


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def csv_text(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 6, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=method, compresslevel=9)
    return out.getvalue()


def tar_gz_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), MTIME
            archive.addfile(info, io.BytesIO(data))
    return gz(out.getvalue())


def build_good(a: dict[str, dict]) -> None:
    write(HERE / "articles.jsonl", "".join(jsonl_line(a[k]) for k in
          ["paris-talks", "taiwan-call", "iran-sanctions", "kharkiv-attack", "tbilisi-protest", "japan-aid"]))
    records = [news_please(a[k]) for k in ["water-treaty", "gaza-talks", "paris-talks"]]
    write(HERE / "news_please.json", json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    wire = [["headline", "body", "date", "link", "publisher"]]
    wire += [[a[k]["title"], a[k]["text"], a[k]["published"][:10], a[k]["url"], a[k]["source"]]
             for k in ["nato-sweden", "korea-missile", "mercosur-trade"]]
    wire[2][1] = wire[2][1].replace(". ", ".\n", 1)  # a quoted field spanning two lines
    write(HERE / "wire.csv", csv_text(wire, ","))
    briefs = [["title", "text", "pubDate", "url", "outlet"]]
    briefs += [[a[k]["title"], a[k]["text"], a[k]["published"], a[k]["url"], a[k]["source"]]
               for k in ["sudan-clashes", "essequibo-talks", "iran-sanctions"]]
    write(HERE / "briefs.tsv", csv_text(briefs, "\t"))
    story = a["eritrea-ethiopia"]
    write(HERE / "story.txt", f"{story['title']}\n\n{story['text']}\n")
    write(HERE / "page.html", html_page(a["poland-border"]))
    pages = [a["serbia-kosovo"], a["mali-withdrawal"], a["tbilisi-protest"]]
    write(HERE / "crawl.warc.gz", b"".join(gz(r) for r in warc_records(pages)))
    write(HERE / "bundle.zip", zip_bytes({
        "news/arctic.jsonl": jsonl_line(a["arctic-council"]).encode(),
        "news/colombia.txt": f"{a['colombia-peace']['title']}\n\n{a['colombia-peace']['text']}\n".encode(),
    }))
    repost = dict(a["taiwan-call"], url="https://www.mirrorfeed.example/2024/04/03/biden-xi-call-repost")
    pakistan = a["pakistan-afghan"]
    write(HERE / "bundle.tar.gz", tar_gz_bytes({
        "desk/pakistan.csv": csv_text([["title", "content", "published", "url"], [pakistan["title"],
                                       pakistan["text"], pakistan["published"], pakistan["url"]]], ",").encode(),
        "desk/repost.json": json.dumps(news_please(repost), indent=2).encode(),
    }))
    write(HERE / "articles.jsonl.zst", zstandard.ZstdCompressor(level=19).compress(
        jsonl_line(a["riyadh-tehran"]).encode()))
    write(HERE / "articles.jsonl.bz2", bz2.compress(jsonl_line(a["armenia-azerbaijan"]).encode()))
    write(HERE / "articles.jsonl.xz", lzma.compress(jsonl_line(a["myanmar-refugees"]).encode()))


def build_broken(b: dict[str, dict]) -> None:
    lines = [jsonl_line(b["moldova-talks"]), '{"headline": "Cut short", "text": "This line never\n',
             jsonl_line(b["chile-bolivia"]), "[1, 2, 3]\n"]
    write(BROKEN / "malformed_line.jsonl", "".join(lines))
    whole = gz((jsonl_line(b["ghana-togo"]) + jsonl_line(b["latvia-russia"]) * 40).encode())
    write(BROKEN / "truncated.jsonl.gz", whole[: len(whole) * 2 // 3])
    write(BROKEN / "no_text_column.csv", csv_text([["headline", "date", "link"],
          ["Leaders meet in Vienna", "2024-05-01", "https://example.org/vienna"]], ","))
    write(BROKEN / "empty.jsonl", b"")
    write(BROKEN / "no_article.html", "<!DOCTYPE html><html><head><title>Section index</title></head>"
          "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>\n")
    pages = [dict(b["moldova-talks"], source="dniesterdaily.example", author="Staff")]
    good = warc_records(pages)[:3]
    cut = warc_record("response", "https://example.org/cut", "2024-07-01T00:00:09Z",
                      http_response(b"<html><body><p>" + b"Talks continue. " * 200 + b"</p></body></html>",
                                    "text/html"), "application/http; msgtype=response")
    write(BROKEN / "broken_record.warc", b"".join(good) + cut[: len(cut) // 2])
    swiss = b["swiss-summit"]
    write(BROKEN / "latin1.txt", f"{swiss['title']}\n\n{swiss['text']}\n".encode("latin-1"))
    write(BROKEN / "unknown.bin", random.Random(7).randbytes(2048))
    write(BROKEN / "evil.zip", zip_bytes({"../evil.txt": b"escaped the archive\n",
                                          "ok.jsonl": jsonl_line(b["latvia-russia"]).encode()}))
    write(BROKEN / "bomb.zip", zip_bytes({"zeros.jsonl.gz": _bomb_member()}))


def _bomb_member(size: int = 1536 * 1024 * 1024) -> bytes:
    """A gzip of `size` newline bytes: inside a zip it is a few KB, decompressed 1.5 GB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\n" * (16 * 1024 * 1024)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + compressor.flush()


if __name__ == "__main__":
    build_good(load("articles.yaml"))
    build_broken(load("broken_articles.yaml"))
