"""Publication date of each article and where it came from.

Order: the record's own date ("record", or "page" when ingest took it from an HTML/WARC
page's metadata), else a date in the URL ("url"), else the text's dateline or a date in its
first lines ("text"), else the capture date ("capture"). Absurd dates count as unknown.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from flows.normalize.dates import UTC_DATETIME, parse_datetimes, plausible
from flows.normalize.settings import NormalizeSettings

PAGE_FORMATS = ("html", "warc", "arc")

_YEAR = r"((?:19|20)\d{2})"
URL_DATE_PATTERNS = (
    r"/" + _YEAR + r"/(\d{1,2})/(\d{1,2})(?:[/?#]|$)",  # /2019/10/24/
    r"(?:^|[/_.-])" + _YEAR + r"-(\d{2})-(\d{2})(?:[/_.-]|$)",  # /2019-10-24/
    r"(?:^|\D)" + _YEAR + r"(\d{2})(\d{2})(?:\D|$)",  # 20191024
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)"
# full dates in text: pattern, (year, month, day) group numbers, month given by name
TEXT_DATE_PATTERNS = (
    (_MONTH + r"\s+(\d{1,2}),?\s+" + _YEAR + r"\b", (3, 1, 2), True),  # October 24, 2019
    (r"\b(\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", (3, 2, 1), True),  # 24 Oct 2019
    (r"\b" + _YEAR + r"-(\d{2})-(\d{2})\b", (1, 2, 3), False),  # 2019-10-24
)
# a wire dateline without a year: "MOSCOW, Oct. 24 (Reuters) -", "PARIS, October 24 -"
DATELINE_PATTERN = (
    r"^\p{Lu}[\p{Lu}\p{M} .'’-]+(?:,\s*[\p{L}. ]{2,30}?)?,\s+" + _MONTH + r"\s+(\d{1,2})\b"
)


def _month_number(expr: pl.Expr) -> pl.Expr:
    key = expr.str.slice(0, 3).str.to_lowercase()
    return key.replace_strict(MONTHS, range(1, 13), default=None, return_dtype=pl.Int32)


def _ymd(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """A UTC midnight datetime from parts; invalid combinations (Feb 30) → null."""
    text = pl.format(
        "{}-{}-{}",
        year.cast(pl.String),
        month.cast(pl.String).str.zfill(2),
        day.cast(pl.String).str.zfill(2),
    )
    return text.str.to_datetime("%Y-%m-%d", strict=False, time_unit="us", time_zone="UTC")


def url_dates(urls: pl.Series) -> pl.Series:
    """The date in each URL's path (/2019/10/24/, /2019-10-24/, 20191024), else null."""
    col = pl.col("u")
    found = []
    for pattern in URL_DATE_PATTERNS:
        groups = col.str.extract_groups(pattern)
        parts = [groups.struct.field(str(i)).cast(pl.Int32) for i in (1, 2, 3)]
        found.append(_ymd(*parts))
    frame = pl.DataFrame({"u": urls.cast(pl.String)})
    return frame.select(pl.coalesce(*found).alias(urls.name))[:, 0]


def text_dates(texts: pl.Series, captured: pl.Series, head_chars: int) -> pl.Series:
    """A date near the start of each text: a full date, else a year-less dateline.

    A dateline's year is the latest one that puts it on or before the capture date;
    without a capture date such a dateline gives nothing.
    """
    frame = pl.DataFrame({"t": texts.cast(pl.String).str.slice(0, head_chars), "c": captured})
    head = pl.col("t")
    found = []
    for pattern, (y, m, d), month_is_name in TEXT_DATE_PATTERNS:
        g = head.str.extract_groups(pattern).struct
        month = g.field(str(m))
        month = _month_number(month) if month_is_name else month.cast(pl.Int32)
        found.append(_ymd(g.field(str(y)).cast(pl.Int32), month, g.field(str(d)).cast(pl.Int32)))
    g = head.str.extract_groups(DATELINE_PATTERN).struct
    month, day = _month_number(g.field("1")), g.field("2").cast(pl.Int32)
    cap = pl.col("c")
    this_year = _ymd(cap.dt.year(), month, day)
    last_year = _ymd(cap.dt.year() - 1, month, day)
    dateline = (
        pl.when(this_year <= cap + pl.duration(days=1)).then(this_year).otherwise(last_year)
    )
    return frame.select(pl.coalesce(*found, dateline).alias(texts.name))[:, 0]


def resolve_published(
    raw: pl.DataFrame,
    texts: pl.Series,
    settings: NormalizeSettings,
    now: dt.datetime | None = None,
) -> pl.DataFrame:
    """``published_at`` and ``date_source`` for each row of ``raw`` (cleaned ``texts``).

    ``raw`` needs the columns published, url, fetched_at and source_format.
    """
    now = now or dt.datetime.now(dt.UTC)

    def check(dates: pl.Series) -> pl.Series:
        return plausible(
            dates.cast(UTC_DATETIME),
            now,
            min_year=settings.min_year,
            max_future_days=settings.max_future_days,
        )

    langs = settings.date_languages
    captured = check(parse_datetimes(raw["fetched_at"], langs))
    page = raw["source_format"].is_in(PAGE_FORMATS).fill_null(False)
    candidates = pl.DataFrame(
        {
            "record": check(parse_datetimes(raw["published"], langs)),
            "url": check(url_dates(raw["url"])),
            "text": check(text_dates(texts, captured, settings.dateline_chars)),
            "capture": captured,
            "default": pl.Series([settings.default_date] * len(raw), dtype=UTC_DATETIME),
            "page": page,
        }
    )
    order = ("record", "url", "text", "capture", "default")
    source = pl.when(pl.col("record").is_not_null()).then(
        pl.when(pl.col("page")).then(pl.lit("page")).otherwise(pl.lit("record"))
    )
    for name in order[1:]:
        source = source.when(pl.col(name).is_not_null()).then(pl.lit(name))
    return candidates.select(
        pl.coalesce(*order).alias("published_at"),
        source.otherwise(pl.lit(None, dtype=pl.String)).alias("date_source"),
    )
