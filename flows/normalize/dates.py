"""Parsing publication dates from the many string forms dumps use, to UTC.

Fast path: vectorised Polars ``strptime`` for ISO 8601, RFC 2822 and a few common forms,
and epoch seconds/milliseconds. The rest goes, once per distinct string, through
``email.utils`` and then ``dateparser`` with settings that make it deterministic (no
relative dates, a year and month required, day-first for ambiguous numeric dates).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Sequence
from functools import lru_cache

import dateparser
import polars as pl

from flows.normalize.settings import DATE_LANGUAGES

UTC_DATETIME = pl.Datetime("us", "UTC")

# tried in order after _canonical_expr; DMY before MDY for ambiguous numeric dates
FAST_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%Y%m%d",
    "%d %b %Y %H:%M:%S %z",
    "%d %b %Y %H:%M %z",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
)

# strict RFC 2822 shape: email.utils is lenient and would misread other forms
RFC2822_RE = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?$"
)

DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    # no "relative-time" parser: "yesterday" or "2 hours ago" is not a publication date
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    # without a year dateparser would take the current one
    "REQUIRE_PARTS": ["month", "year"],
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
}


def _canonical_expr(col: pl.Expr) -> pl.Expr:
    """Rewrite common variants into the shapes FAST_FORMATS expect."""
    return (
        col.str.strip_chars()
        .str.replace(r"^(\d{4}-\d{2}-\d{2})[ T]", "${1}T")  # "2019-10-24 14:30" → T
        .str.replace(r"^[A-Za-z]{3,9},\s*", "")  # leading weekday (RFC 2822)
        .str.replace(r"(?i)\s*(?:z|utc|gmt|ut)$", "+00:00")
        .str.replace(r"\s+([+-]\d{2}:?\d{2})$", " ${1}")
        .str.replace(r"T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ([+-])", "T${1}${2}")
        .str.replace(r"\.(\s)", "${1}")  # "Oct. 24, 2019"
    )


def _fast_parse(values: pl.Series) -> pl.Series:
    frame = pl.DataFrame({"v": values}).with_columns(c=_canonical_expr(pl.col("v")))
    tries = [
        pl.col("c").str.to_datetime(fmt, strict=False, time_unit="us", time_zone="UTC")
        for fmt in FAST_FORMATS
    ]
    digits = pl.col("c").str.extract(r"^(\d{9,13})$").cast(pl.Int64)
    n_digits = pl.col("c").str.len_chars()
    epoch = (
        pl.when(n_digits <= 10)
        .then(pl.from_epoch(digits, time_unit="s"))
        .when(n_digits >= 12)
        .then(pl.from_epoch(digits, time_unit="ms"))
        .dt.replace_time_zone("UTC")
        .dt.cast_time_unit("us")
    )
    return frame.select(pl.coalesce(*tries, epoch))[:, 0]


@lru_cache(maxsize=100_000)
def parse_date_string(
    value: str, languages: tuple[str, ...] = DATE_LANGUAGES
) -> dt.datetime | None:
    """Slow path for one string: RFC 2822 via ``email.utils``, else ``dateparser``."""
    text = value.strip()
    if not text:
        return None
    parsed = None
    if RFC2822_RE.match(text):
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        parsed = dateparser.parse(
            text, languages=list(languages) or None, settings=DATEPARSER_SETTINGS
        )
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def parse_datetimes(values: pl.Series, languages: Sequence[str] = DATE_LANGUAGES) -> pl.Series:
    """Parse a String series of dates to Datetime("us", "UTC"); unparseable → null.

    A date without a zone is taken as UTC; a date without a time as midnight.
    ``languages``: what dateparser tries on the strings the fast path cannot read.
    """
    languages = tuple(languages)
    values = values.cast(pl.String)
    parsed = _fast_parse(values)
    todo = values.is_not_null() & parsed.is_null()
    if todo.any():
        slow = {v: parse_date_string(v, languages) for v in values.filter(todo).unique()}
        fallback = pl.Series([slow.get(v) if t else None for v, t in zip(values, todo)])
        parsed = parsed.fill_null(fallback.cast(UTC_DATETIME))
    return parsed.alias(values.name)


def plausible(dates: pl.Series, now: dt.datetime, *, min_year: int, max_future_days: int):
    """``dates`` with absurd values (before ``min_year``, or too far after now) nulled."""
    latest = now.astimezone(dt.UTC) + dt.timedelta(days=max_future_days)
    earliest = dt.datetime(min_year, 1, 1, tzinfo=dt.UTC)
    ok = (dates >= earliest) & (dates <= latest)
    return dates.set(~ok.fill_null(False), None) if len(dates) else dates
