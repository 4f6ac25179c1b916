"""Every bundled sample format gives the expected records and locators."""

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.ingest import RAW_COLUMNS, RAW_SCHEMA

from .conftest import SAMPLES, read_all

CASES = [
    ("articles.jsonl", "jsonl", [f"line:{n}" for n in range(1, 7)]),
    ("articles.jsonl.zst", "jsonl", ["line:1"]),
    ("articles.jsonl.bz2", "jsonl", ["line:1"]),
    ("articles.jsonl.xz", "jsonl", ["line:1"]),
    ("news_please.json", "json", ["item:1", "item:2", "item:3"]),
    ("wire.csv", "csv", ["row:1", "row:2", "row:3"]),
    ("briefs.tsv", "tsv", ["row:1", "row:2", "row:3"]),
    ("desk.parquet", "parquet", ["row:1", "row:2"]),
    ("story.txt", "txt", ["item:1"]),
    ("page.html", "html", ["item:1"]),
    ("bundle.zip", None, ["member:news/arctic.jsonl line:1", "member:news/colombia.txt item:1"]),
    ("bundle.tar.gz", None, ["member:desk/pakistan.csv row:1", "member:desk/repost.json item:1"]),
]


@pytest.mark.parametrize(("name", "fmt", "locators"), CASES, ids=[c[0] for c in CASES])
def test_sample_gives_expected_records(name, fmt, locators):
    frame = read_all(SAMPLES / name)
    assert frame.columns == RAW_COLUMNS
    assert dict(frame.schema) == RAW_SCHEMA
    assert frame["error"].null_count() == frame.height, frame.filter(pl.col("error").is_not_null())
    assert frame["source_locator"].to_list() == locators
    assert frame["source_file"].unique().to_list() == [str(SAMPLES / name)]
    if fmt:
        assert frame["source_format"].unique().to_list() == [fmt]
    for column in ("url", "title", "text", "published"):
        if column in ("url", "published") and fmt is None and name.endswith(".zip"):
            continue  # bundle.zip's .txt member has neither
        if fmt == "txt" and column in ("url", "published"):
            continue  # a plain-text article has a title and text only
        assert frame[column].null_count() == 0, column
    assert (frame["text"].str.len_chars() > 150).all()


FIELDS = [
    ("articles.jsonl", 0, {"title": "Macron and Scholz meet in Paris to discuss aid for Ukraine",
                           "published": "2024-03-04T09:15:00Z", "source": "dailymeridian.example",
                           "language": "en", "author": "Claire Dubois"}),
    ("news_please.json", 2, {"url": "https://www.dailymeridian.example/world/2024/03/04/macron-scholz-paris-talks",
                             "published": "2024-03-04 09:15:00", "fetched_at": "2024-07-01 00:00:00",
                             "source": "dailymeridian.example", "author": "Claire Dubois"}),
    ("wire.csv", 2, {"title": "Brazil and Argentina sign trade agreement", "published": "2024-07-08",
                     "source": "riostandard.example"}),
    ("desk.parquet", 0, {"published": "2024-06-25 13:35:00.000", "author": "David Otieno"}),
    ("story.txt", 0, {"title": "Ethiopia and Eritrea trade accusations over Red Sea access", "url": None}),
    ("page.html", 0, {"title": "Poland sends more troops to the Belarus border", "author": "Piotr Nowak",
                      "url": "https://www.vistulapost.example/2024/06/06/poland-belarus-border-troops",
                      "published": "2024-06-06"}),
]


@pytest.mark.parametrize(("name", "index", "expected"), FIELDS, ids=[f[0] for f in FIELDS])
def test_fields_are_mapped(name, index, expected):
    row = read_all(SAMPLES / name).row(index, named=True)
    assert {key: row[key] for key in expected} == expected


def test_story_title_is_split_from_text():
    row = read_all(SAMPLES / "story.txt").row(0, named=True)
    assert row["text"].startswith("Ethiopia accused Eritrea")
    assert "Red Sea access\n" not in row["text"]


@pytest.mark.parametrize("name", ["story.txt", "page.html"])
def test_file_modification_time_is_never_a_date(tmp_path, name):
    import os
    import shutil

    copy = tmp_path / name  # what `cp` does: a fresh modification time
    shutil.copyfile(SAMPLES / name, copy)
    os.utime(copy, (1_000_000_000, 1_000_000_000))  # 2001-09-09
    row = read_all(copy).row(0, named=True)
    assert row["fetched_at"] is None
    assert "2001" not in str(row["published"])


def test_wire_csv_keeps_multiline_field():
    text = read_all(SAMPLES / "wire.csv")["text"][1]
    assert "\n" in text and text.endswith("return to talks.")


def test_warc_keeps_html_responses_only():
    frame = read_all(SAMPLES / "crawl.warc.gz")
    assert frame["error"].null_count() == 3
    assert frame["url"].to_list() == [
        "https://www.balkanmonitor.example/2024/02/27/serbia-kosovo-eu-meeting",
        "https://www.sahelnews.example/2024/01/29/mali-niger-burkina-leave-ecowas",
        "https://www.caucasusdaily.example/georgia/2024/05/01/tbilisi-protest-law",
    ]
    assert frame["fetched_at"].to_list() == ["2024-02-27T18:25:00Z", "2024-01-29T09:40:00Z", "2024-05-01T19:50:00Z"]
    assert frame["source_locator"].str.contains(r"^record:<urn:uuid:[0-9a-f-]+> offset:\d+$").all()
    assert frame["text"].str.contains("Kosovo").any()


def test_same_article_in_two_files_keeps_its_url():
    urls = pl.concat([read_all(SAMPLES / n) for n in ("articles.jsonl", "news_please.json", "briefs.tsv")])["url"]
    assert urls.is_duplicated().sum() == 4  # paris-talks and iran-sanctions, twice each


def test_same_text_under_another_url():
    original = read_all(SAMPLES / "articles.jsonl").row(1, named=True)
    repost = read_all(SAMPLES / "bundle.tar.gz").row(1, named=True)
    assert repost["text"] == original["text"] and repost["url"] != original["url"]


def test_empty_result_frames_have_the_schema():
    frame = read_all(SAMPLES / "page.html")
    assert_frame_equal(frame.clear(), pl.DataFrame(schema=RAW_SCHEMA))
