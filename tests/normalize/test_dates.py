import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal, assert_series_equal

from flows.normalize.dates import parse_datetimes
from flows.normalize.published import resolve_published, text_dates, url_dates
from flows.normalize.settings import DEFAULT_SETTINGS

from .rawframes import raw_frame, raw_row

UTC = dt.UTC
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
T1430 = dt.datetime(2019, 10, 24, 14, 30, tzinfo=UTC)
DAY = dt.datetime(2019, 10, 24, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-10-24T14:30:00Z", T1430),
        ("2019-10-24T16:30:00+02:00", T1430),
        ("2019-10-24T10:30:00.000-0400", T1430),
        ("2019-10-24T14:30:00.250Z", T1430.replace(microsecond=250000)),
        ("2019-10-24T14:30:00", T1430),  # no zone: UTC
        ("2019-10-24 14:30:00", T1430),
        ("2019-10-24 14:30:00 UTC", T1430),
        ("2019-10-24T16:30+02:00", T1430),
        ("2019-10-24", DAY),
        ("20191024", DAY),
        ("Tue, 24 Oct 2019 14:30:00 GMT", T1430),  # weekday wrong, as dumps have it
        ("Thu, 24 Oct 2019 10:30:00 -0400", T1430),
        ("24 Oct 2019 14:30:00 +0000", T1430),
        ("24/10/2019", DAY),
        ("24.10.2019", DAY),
        ("October 24, 2019", DAY),
        ("Oct. 24, 2019", DAY),
        ("24 October 2019", DAY),
        ("Thursday, October 24, 2019 10:30 AM EDT", T1430),
        ("24 octobre 2019", DAY),
        ("24. Oktober 2019", DAY),
        ("1571927400", T1430),  # epoch seconds
        ("1571927400000", T1430),  # epoch milliseconds
        ("yesterday", None),
        ("3 hours ago", None),
        ("Oct 24", None),  # no year: unknown, not this year
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetimes(value, expected):
    got = parse_datetimes(pl.Series("d", [value], dtype=pl.String))
    assert_series_equal(got, pl.Series("d", [expected], dtype=pl.Datetime("us", "UTC")))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/world/2019/10/24/talks-resume", DAY),
        ("https://x.example/2019/10/24", DAY),
        ("https://x.example/2019/10/24?page=2", DAY),
        ("https://x.example/news/2019-10-24/talks", DAY),
        ("https://x.example/a/20191024-talks.html", DAY),
        ("https://x.example/story/201910241234567", None),  # a long number is not a date
        ("https://x.example/2019/13/45/bad", None),
        ("https://x.example/about", None),
        (None, None),
    ],
)
def test_url_dates(url, expected):
    got = url_dates(pl.Series("u", [url], dtype=pl.String))
    assert got.to_list() == [expected]


@pytest.mark.parametrize(
    ("text", "captured", "expected"),
    [
        ("MOSCOW, Oct. 24 (Reuters) - The Kremlin said", dt.datetime(2019, 10, 25, tzinfo=UTC), DAY),
        ("PARIS, Dec. 30 (AFP) - France said", dt.datetime(2020, 1, 3, tzinfo=UTC),
         dt.datetime(2019, 12, 30, tzinfo=UTC)),
        ("MOSCOW, Oct. 24 (Reuters) - no capture date", None, None),
        ("Published October 24, 2019. The talks", None, DAY),
        ("Geneva | 24 Oct 2019 | Talks resumed", None, DAY),
        ("Updated 2019-10-24 by the desk", None, DAY),
        ("Talks resumed without any date at all", dt.datetime(2019, 10, 25, tzinfo=UTC), None),
    ],
)
def test_text_dates(text, captured, expected):
    got = text_dates(
        pl.Series("t", [text]), pl.Series("c", [captured], dtype=pl.Datetime("us", "UTC")), 300
    )
    assert got.to_list() == [expected]


def test_resolve_published_fallbacks():
    rows = [
        raw_row(published="2019-10-24T14:30:00Z", url="https://x.example/2018/01/01/a"),
        raw_row(published="2019-10-24T14:30:00Z", source_format="html"),
        raw_row(url="https://x.example/2019/10/24/a", fetched_at="2020-01-01T00:00:00Z"),
        raw_row(fetched_at="2019-10-25T08:00:00Z"),  # dateline in its text
        raw_row(fetched_at="2019-10-26T00:00:00Z"),
        raw_row(published="1850-05-01"),  # absurd: falls through to unknown
        raw_row(published="2024-06-10"),  # more than 2 days after NOW
        raw_row(published="yesterday"),
    ]
    texts = pl.Series(["body"] * 3 + ["MOSCOW, Oct. 24 (Reuters) - body"] + ["body"] * 4)
    got = resolve_published(raw_frame(*rows), texts, DEFAULT_SETTINGS, now=NOW)
    expected = pl.DataFrame(
        {
            "published_at": [T1430, T1430, DAY, DAY, dt.datetime(2019, 10, 26, tzinfo=UTC),
                             None, None, None],
            "date_source": ["record", "page", "url", "text", "capture", None, None, None],
        },
        schema={"published_at": pl.Datetime("us", "UTC"), "date_source": pl.String},
    )
    assert_frame_equal(got, expected)
