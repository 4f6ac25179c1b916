"""Real WARC/ARC files and HTML pages from ../shared (skipped when it is absent)."""

import os
from pathlib import Path

import polars as pl
import pytest

from .conftest import REPO, read_all

SHARED = Path(os.environ.get("GEOWIRE_SHARED", REPO.parent / "shared")) / "samples"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"needs the real dumps of ../shared/samples ({SHARED}): absent here")

WARCS = [  # file, good articles at least
    ("warc/warcio/example.warc.gz", 1),
    ("warc/warcio/example.warc", 1),
    ("warc/warcio/example-iana.org-chunked.warc", 1),
    ("warc/warcio/example-wrong-chunks.warc.gz", 1),
    ("warc/warcio/example-trunc.warc", 1),
    ("warc/warcio/example-bad.warc.gz.bad", 1),
    ("warc/warcio/example.arc", 1),
    ("warc/warcio/example.arc.gz", 1),
    ("warc/warcio/bad.arc", 0),
    ("warc/warcio/example-space-in-url.arc", 0),
    ("warc/resiliparse/clueweb-quirk.warc.gz", 20),  # WARC/0.18
    ("warc/resiliparse/clipped.warc.gz", 0),
    ("warc/resiliparse/warcfile.warc.gz", 10),
    ("warc/commoncrawl_whirlwind/whirlwind.warc.gz", 1),
    ("warc/dolma/sample-0000.warc.gz", 10),
]


@pytest.mark.parametrize(("name", "at_least"), WARCS, ids=[w[0] for w in WARCS])
def test_real_warc_and_arc(name, at_least):
    frame = read_all(SHARED / name)
    good = frame.filter(pl.col("error").is_null()) if frame.height else frame
    assert good.height >= at_least
    if at_least:
        assert good["url"].null_count() == 0 and good["fetched_at"].null_count() == 0


def test_clipped_warc_reports_truncation():
    frame = read_all(SHARED / "warc/resiliparse/clipped.warc.gz")
    assert frame["error"].str.contains("truncated").all() and frame.height >= 1


def test_real_html_pages():
    pages = sorted((SHARED / "html").rglob("*.html"))
    assert pages
    good = 0
    for page in pages:
        frame = read_all(page)
        assert frame.height == 1
        good += frame["error"].null_count()
    assert good >= len(pages) * 0.8
