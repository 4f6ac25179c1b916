"""Every broken sample yields its good records plus error rows with the right reason."""

import polars as pl
import pytest

from flows.ingest import Limits

from .conftest import SAMPLES, read_all

SMALL = Limits(ratio_min_bytes=4 * 1024 * 1024)

CASES = [
    # file, good locators, [(error locator, reason fragment)]
    ("malformed_line.jsonl", ["line:1", "line:3"],
     [("line:2", "malformed JSON"), ("line:4", "not an object")]),
    ("truncated.jsonl.gz", ["line:1"], [("line:1 (after)", "truncated or corrupt gzip stream")]),
    ("no_text_column.csv", [], [("file", "no text column (columns seen: 'headline', 'date', 'link')")]),
    ("empty.jsonl", [], [("file", "empty file")]),
    ("no_article.html", [], [("item:1", "no article text found in HTML")]),
    ("broken_record.warc", ["record:<urn:uuid:439baa07-bbaa-569c-8a4a-93c6f0274377> offset:594"],
     [("record:<urn:uuid:59ff8157-8650-5656-8da4-e17c76aca3e3> offset:1921", "truncated WARC record")]),
    ("latin1.txt", ["item:1"], []),
    ("unknown.bin", [], [("file", "unknown format")]),
    ("evil.zip", ["member:ok.jsonl line:1"], [("member:../evil.txt", "'..' in its path")]),
    ("bomb.zip", [], [("member:zeros.jsonl.gz file", "decompression bomb refused")]),
]


@pytest.mark.parametrize(("name", "good", "errors"), CASES, ids=[c[0] for c in CASES])
def test_broken_sample(name, good, errors):
    frame = read_all(SAMPLES / "broken" / name, limits=SMALL)
    ok = frame.filter(pl.col("error").is_null())
    bad = frame.filter(pl.col("error").is_not_null())
    assert ok["source_locator"].to_list() == good
    assert bad["source_locator"].to_list() == [locator for locator, _ in errors]
    for reason, (_, fragment) in zip(bad["error"].to_list(), errors):
        assert fragment in reason
    assert (ok["text"].str.len_chars() > 50).all()


def test_latin1_text_is_decoded():
    text = read_all(SAMPLES / "broken" / "latin1.txt")["text"][0]
    assert "Bürgenstock" in text and "São Tomé" in text and "Côte d'Ivoire" in text


def test_error_rows_keep_the_payload():
    bad = read_all(SAMPLES / "broken" / "malformed_line.jsonl").filter(pl.col("error").is_not_null())
    assert bad["payload"].to_list()[0].startswith('{"headline": "Cut short"')
