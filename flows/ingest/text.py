"""Plain-text articles: one article per file.

Title rule: when the first non-blank line is at most 300 characters long and is followed
by a blank line, it is the title and `text` is what follows; otherwise the whole file is
the text and the title is null.
"""

from __future__ import annotations

from collections.abc import Iterator

from .decode import decode_bytes
from .errors import RecordError
from .limits import Limits
from .opener import Entry
from .schema import error_row
from .streams import read_bounded

MAX_TITLE_CHARS = 300


def read_document(entry: Entry, limits: Limits) -> bytes:
    """All bytes of a one-document entry, refused over max_record_bytes."""
    data = read_bounded(entry.stream, limits.max_record_bytes)
    if data is None:
        raise RecordError(f"record larger than max_record_bytes ({limits.max_record_bytes} bytes)")
    return data


def read_text(entry: Entry, limits: Limits) -> Iterator[dict]:
    locator = entry.locator("item:1")
    try:
        data = read_document(entry, limits)
        content = decode_bytes(data)
    except RecordError as exc:
        yield error_row(locator, str(exc), entry.head)
        return
    if entry.failure_pending():
        return
    title, body = split_title(content)
    if not body.strip():
        yield error_row(locator, "empty file" if not content.strip() else "no article text", content)
        return
    yield {"source_locator": locator, "title": title, "text": body}


def split_title(content: str) -> tuple[str | None, str]:
    lines = content.lstrip("\ufeff \r\n\t").split("\n")
    first = lines[0].strip()
    if len(lines) > 2 and not lines[1].strip() and 0 < len(first) <= MAX_TITLE_CHARS:
        return first, "\n".join(lines[2:]).strip()
    return None, content.strip()
