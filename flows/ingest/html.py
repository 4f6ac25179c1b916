"""HTML pages → article text and metadata with trafilatura (no network access)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura

from .errors import RecordError
from .limits import DEFAULT_LIMITS, Limits
from .opener import Entry
from .sandbox import run_budgeted
from .schema import error_row
from .text import read_document

NO_TEXT = "no article text found in HTML"
# Less text than this is what trafilatura's fallback keeps from menus and footers of a
# page without an article ("Home World"), not an article.
MIN_TEXT_CHARS = 80


TAG = re.compile(rb"<[A-Za-z][^<>]{4096,}")  # a long tag: where attributes pile up


def html_refusal(data: bytes, limits: Limits) -> str | None:
    """Why a page is refused unparsed (its parsing cost would be unbounded), or None."""
    if len(data) > limits.max_html_bytes:
        return f"HTML page larger than max_html_bytes ({limits.max_html_bytes} bytes)"
    if data.count(b"<") > limits.max_html_tags:
        return f"HTML page with more than {limits.max_html_tags} tags (max_html_tags)"
    for tag in TAG.finditer(data):
        if tag.group().count(b"=") > limits.max_html_attributes:
            return f"HTML tag with more than {limits.max_html_attributes} attributes (max_html_attributes)"
    return None


def extract_html(data: bytes, url: str | None = None, limits: Limits = DEFAULT_LIMITS) -> dict:
    """Raw columns of one page, extracted within the limits and the time budget (sandbox.py);
    raises RecordError when it is refused or holds no article text."""
    reason = html_refusal(data, limits)
    if reason:
        raise RecordError(reason)
    return run_budgeted("extract_in_process", (data, url), limits.extract_seconds)


def bare_extract(data: bytes, url: str | None = None):
    """trafilatura's document (text and metadata) as the stage asks for it (flows/benchextract.py
    times this very call as the library's share)."""
    return trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False, include_tables=False)


def extract_in_process(data: bytes, url: str | None = None) -> dict:
    """Raw columns of one page; raises RecordError when it holds no article text."""
    try:
        document = bare_extract(data, url)
    except (ValueError, TypeError, AttributeError) as exc:  # lxml/trafilatura on odd markup
        raise RecordError(f"unparseable HTML: {exc}") from exc
    if document is None or len((document.text or "").strip()) < MIN_TEXT_CHARS:
        raise RecordError(NO_TEXT)
    return {
        "url": document.url or url,
        "title": document.title,
        "text": document.text,
        "author": document.author,
        "published": document.date,
        "source": document.sitename or document.hostname,
        "language": document.language,
    }


def read_html(entry: Entry, limits: Limits) -> Iterator[dict]:
    locator = entry.locator("item:1")
    try:
        data = read_document(entry, limits)
        if entry.failure_pending():
            return
        row = extract_html(data, limits=limits)
    except RecordError as exc:
        yield error_row(locator, str(exc), entry.head)
        return
    row["source_locator"] = locator
    yield row
