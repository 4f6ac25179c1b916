"""The articles stage skips trafilatura's metadata fields it never reads (categories, tags,
licence) and gets every field it does read exactly as trafilatura's full extraction gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from trafilatura import metadata as trafilatura_metadata

from flows.ingest.html import EXTRACT_OPTIONS, extract_in_process

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
TAGGED = b"""<html lang="en"><head><title>Talks resume in Vienna | Example News</title>
<meta name="author" content="Jane Reporter"><meta property="og:site_name" content="Example News">
<meta name="keywords" content="diplomacy, Austria"><link rel="canonical" href="https://news.example.org/2024/03/05/talks">
<meta property="article:published_time" content="2024-03-05T08:30:00Z"></head><body>
<article><h1>Talks resume in Vienna</h1>
<p>The foreign ministers of two neighbouring states met in Vienna on Tuesday to resume talks on the border.</p>
<p>Officials said the delegations would meet again next month after both sides agreed on an agenda.</p>
<a rel="tag" href="/tag/diplomacy">diplomacy</a> <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>
</article><footer><a href="/category/world" class="category">World</a></footer></body></html>"""


def _full(data: bytes, url: str | None) -> dict:
    doc = trafilatura.bare_extraction(data, url=url, **EXTRACT_OPTIONS)
    return {"url": doc.url or url, "title": doc.title, "text": doc.text, "author": doc.author,
            "published": doc.date, "source": doc.sitename or doc.hostname, "language": doc.language}


@pytest.mark.parametrize("page", ["tagged", "page.html"])
def test_fields_equal_a_full_extraction(page):
    data = TAGGED if page == "tagged" else (SAMPLES / page).read_bytes()
    url = "https://news.example.org/2024/03/05/talks" if page == "tagged" else None
    assert extract_in_process(data, url) == _full(data, url)


def test_the_library_is_left_as_it_was():
    before = (trafilatura_metadata.extract_catstags, trafilatura_metadata.extract_license)
    extract_in_process(TAGGED)
    assert (trafilatura_metadata.extract_catstags, trafilatura_metadata.extract_license) == before
    full = trafilatura.bare_extraction(TAGGED, **EXTRACT_OPTIONS)
    assert full.tags or full.categories or full.license  # what the stage skips is really there
