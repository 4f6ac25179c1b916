import datetime as dt
import json

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal

from flows.lake.write import write_file
from flows.normalize import REJECTED_SCHEMA, articles_schema, NormalizeSettings, normalize_articles
from flows.normalize.ids import blake2b_16
from flows.validate import load_contract

from .rawframes import BODY, raw_frame, raw_row

NOW = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)


def test_one_article_end_to_end():
    raw = raw_frame(
        raw_row(
            url="https://WWW.Example.com/world/2019/10/24/talks?utm_source=tw#top",
            title="  Talks\nresume   in Geneva ",
            text="CafÃ© diplomacy:\n\n\n  officials   met in Geneva.\r\nA ceasefire\u00a0is close.",
            author=" Jane  Doe ",
        )
    )
    got = normalize_articles(raw, "run-1", now=NOW)
    url = "https://www.example.com/world/2019/10/24/talks"
    text = "Café diplomacy:\nofficials met in Geneva.\nA ceasefire is close."
    expected = pl.DataFrame(
        {
            "article_id": [blake2b_16("url:" + url)],
            "url": [url],
            "source": ["example.com"],
            "title": ["Talks resume in Geneva"],
            "text": [text],
            "published_at": [dt.datetime(2019, 10, 24, tzinfo=dt.UTC)],
            "date_source": ["url"],
            "language": ["en"],
            "relevance": [None],  # judged by the coder, later
            "n_chars": [len(text)],
            "content_hash": [blake2b_16(" ".join(text.lower().split()))],
            "author": ["Jane Doe"],
            "source_format": ["jsonl"],
            "source_file": ["dump.jsonl"],
            "source_locator": ["line:1"],
            "run_id": ["run-1"],
        },
        schema=articles_schema(),
    )
    assert_frame_equal(got.articles, expected)
    assert got.rejected.height == 0
    assert got.rejected.schema == REJECTED_SCHEMA


def test_given_source_and_language_win():
    raw = raw_frame(raw_row(url="https://www.reuters.com/a", source=" Reuters ", language="de", text=BODY))
    art = normalize_articles(raw, "r", now=NOW).articles
    assert art.select("source", "language").row(0) == ("Reuters", "de")


def test_rejects_with_reasons():
    long_payload = "{" + "x" * 5000
    raw = raw_frame(
        raw_row(source_locator="line:1", text=BODY),
        raw_row(source_locator="line:2", error="malformed JSON", payload='{"url": '),
        raw_row(source_locator="line:3", error="truncated gzip", payload=long_payload),
        raw_row(source_locator="line:4", text=" \n\t\u200b "),
        raw_row(source_locator="line:5"),
        raw_row(source_locator="line:6", text="Too short."),
        raw_row(source_locator="line:7", error="no text column", text=BODY),
    )
    got = normalize_articles(raw, "r", now=NOW)
    assert got.articles["source_locator"].to_list() == ["line:1"]
    rejected = got.rejected
    assert rejected.schema == REJECTED_SCHEMA
    assert rejected.select("source_locator", "reasons").rows() == [
        ("line:2", ["malformed JSON"]),
        ("line:3", ["truncated gzip"]),
        ("line:4", ["no text"]),
        ("line:5", ["no text"]),
        ("line:6", ["text too short (<20 chars)"]),
        ("line:7", ["no text column"]),
    ]
    payloads = rejected["payload"].to_list()
    assert payloads[0] == '{"url": '
    assert payloads[1] == long_payload[:4096]
    row = json.loads(payloads[4])  # no payload given: the raw row's fields as JSON
    assert row["source_locator"] == "line:6" and row["text"] == "Too short."
    assert all(len(p) <= 4096 for p in payloads)


def test_min_text_chars_is_a_setting():
    raw = raw_frame(raw_row(text="Short but fine."))
    loose = normalize_articles(raw, "r", settings=NormalizeSettings(min_text_chars=5), now=NOW)
    strict = normalize_articles(raw, "r", now=NOW)
    assert (loose.articles.height, strict.articles.height) == (1, 0)
    assert strict.rejected["reasons"].to_list() == [["text too short (<20 chars)"]]


def test_no_url_id_from_text_and_identical_input_gives_identical_output():
    raw = raw_frame(raw_row(text=BODY, url="/relative/only", published="24/10/2019"))
    first = normalize_articles(raw, "r", now=NOW).articles
    again = normalize_articles(raw.clone(), "r", now=NOW).articles
    assert_frame_equal(first, again)
    assert first["url"].to_list() == [None]
    assert first["article_id"].to_list() == [blake2b_16("text:" + BODY)]
    assert first["source"].to_list() == [None]


def test_empty_batch_has_the_schemas():
    got = normalize_articles(raw_frame(), "r")
    assert got.articles.schema == articles_schema()
    assert got.rejected.schema == REJECTED_SCHEMA
    assert got.articles.height == got.rejected.height == 0


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match=r"\['payload'\]"):
        normalize_articles(raw_frame(raw_row(text=BODY)).drop("payload"), "r")


# Written out by hand, not derived from schemas/articles.yaml: changing what normalize produces
# or the articles contract means changing this too (and the contract's version, for readers).
EXPECTED_COLUMNS = [
    ("article_id", pl.String, "VARCHAR"), ("url", pl.String, "VARCHAR"), ("source", pl.String, "VARCHAR"),
    ("title", pl.String, "VARCHAR"), ("text", pl.String, "VARCHAR"),
    ("published_at", pl.Datetime("us", "UTC"), "TIMESTAMP WITH TIME ZONE"),
    ("date_source", pl.String, "VARCHAR"), ("language", pl.String, "VARCHAR"),
    ("relevance", pl.String, "VARCHAR"),  # null here: the coder judges it in the shard
    ("n_chars", pl.Int32, "INTEGER"),
    ("content_hash", pl.String, "VARCHAR"), ("author", pl.String, "VARCHAR"),
    ("source_format", pl.String, "VARCHAR"), ("source_file", pl.String, "VARCHAR"),
    ("source_locator", pl.String, "VARCHAR"), ("run_id", pl.String, "VARCHAR"),
]
NOT_NULL = {"article_id", "text", "n_chars", "content_hash", "source_format", "source_file", "source_locator",
            "run_id"}


def test_articles_have_the_expected_columns_in_the_frame_and_in_the_written_file(tmp_path):
    articles = normalize_articles(raw_frame(raw_row(text=BODY, url="https://example.com/a")), "r", now=NOW).articles
    assert articles.height == 1
    assert list(articles.schema.items()) == [(name, dtype) for name, dtype, _ in EXPECTED_COLUMNS]
    contract = load_contract("articles")
    path = tmp_path / "part.parquet"
    write_file(articles, contract.arrow_schema(), tuple(contract.key), path)
    described = duckdb.sql(f"describe select * from read_parquet('{path}')").fetchall()
    assert [(name, kind) for name, kind, *_ in described] == [(name, kind) for name, _, kind in EXPECTED_COLUMNS]
    schema = pq.read_schema(path)
    assert {f.name for f in schema if not f.nullable} == NOT_NULL
