"""Event dates: the publication date moved by explicit or relative dates in the sentence.

"on Tuesday" → the most recent Tuesday on or before publication; "yesterday"; "last week"
(7 days back); "last month"/"last year" (the same day a month/year back, clamped);
"on March 3" → the most recent March 3 on or before publication; "March 3, 2019" and
"3 March 2019" and "2019-03-03" as written; "in March 2019" → 2019-03-01; "in 2019" → 2019-01-01
(or publication when it is in that year). Without a publication date only absolute dates count.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.I)),
    ("my", re.compile(rf"\b(?:in|since|during|by)\s+{_MONTH}\s+{_YEAR}\b", re.I)),
    ("y", re.compile(rf"\b(?:in|during)\s+{_YEAR}\b", re.I)),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|tonight|this morning|last night|last week|last month|last year"
                            r"|a week ago|two days ago|three days ago)\b", re.I)),
]
# Every pattern above needs a digit or one of these words (weekdays, "yesterday", "today" and
# "days ago" end in "day"): a sentence without any is undated, with no need to run them all.
DATE_WORDS = ("day", "tonight", "morning", "last", "ago")
MAY_HAVE_DATE = re.compile(r"\d|" + "|".join(DATE_WORDS), re.I)
DIGIT = re.compile(r"\d")
RELATIVE_DAYS = {"yesterday": 1, "today": 0, "tonight": 0, "this morning": 0, "last night": 1,
                 "last week": 7, "a week ago": 7, "two days ago": 2, "three days ago": 3}


def resolve_event_date(sentence: str, published: date | None) -> date | None:
    """The event date for a sentence (see the module docstring); None when nothing is known."""
    if not _may_have_date(sentence):
        return published
    for kind, regex in PATTERNS:
        for match in regex.finditer(sentence):
            found = _resolve(kind, match, published)
            if found is not None:
                return found
    return published


def _may_have_date(sentence: str) -> bool:
    if not sentence.isascii():  # re.I also matches a few non-ASCII letters ("ſ" for "s")
        return MAY_HAVE_DATE.search(sentence) is not None
    lowered = sentence.lower()  # same as re.I on ASCII, and much faster than the regex
    return DIGIT.search(sentence) is not None or any(word in lowered for word in DATE_WORDS)


def _resolve(kind: str, m: re.Match[str], published: date | None) -> date | None:
    groups = m.groupdict()
    month = _month(groups.get("month"))
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind in ("iso", "mdy", "dmy"):
        return _safe(year, month, day)
    if kind in ("md", "dm"):
        if published is None or month is None or day is None:
            return None
        candidate = _safe(published.year, month, day)
        if candidate is not None and candidate > published:
            candidate = _safe(published.year - 1, month, day)
        return candidate
    if kind == "my":
        return _safe(year, month, 1)
    if kind == "y":
        if published is not None and published.year == year:
            return published
        return date(year, 1, 1) if year else None
    if published is None:
        return None
    if kind == "weekday":
        target = WEEKDAYS[groups["weekday"].lower()]
        back = (published.weekday() - target) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        return published - timedelta(days=back)
    rel = groups["rel"].lower()
    if rel in RELATIVE_DAYS:
        return published - timedelta(days=RELATIVE_DAYS[rel])
    if rel == "last month":
        year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return date(year, month, min(published.day, calendar.monthrange(year, month)[1]))
    return _safe(published.year - 1, published.month, min(published.day, 28))


def _month(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    return MONTHS.get(value.lower().rstrip("."))


def _safe(year: int | None, month: int | None, day: int | None) -> date | None:
    if not (year and month and day):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
