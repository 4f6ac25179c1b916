"""Event dates: the publication date moved by explicit or relative dates in the event's clause.

Absolute dates count as written: "March 3, 2019", "3 March 2019", "2019-03-03"; "in March 2019"
→ 2019-03-01; "in 2019" → 2019-01-01 (or publication when it is in that year); "late 2019" →
the part's month (data/dictionaries/dates.yaml). Relative to publication: "on March 3" (the most
recent March 3 on or before it); "on Tuesday" (the most recent Tuesday on or before it; the next
one in a future clause, "will meet on Tuesday"); "yesterday", "last week", "last month", "last
year"; "in September", "last September" (the most recent one, its first day; the next one in a
future clause); "last spring", "this summer" (the season's first day); "late last year",
"earlier this month" (the part's first day); "three years ago", "a decade ago" (dateparser).
Without a publication date only absolute dates count.

A sentence may date several clauses differently ("Davis, who was arrested in 2015, was jailed on
Tuesday"): `resolve_event_date(..., at=offset)` takes the date phrase of the clause at the
event word's offset, else one of the main clause (or of a clause before it: "When … last year,
…"), else publication.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import yaml

from flows.resources import dictionaries_dir
from .wordlists import word_set

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# a month named alone is written capitalised ("in May", never the modal "may")
_MONTH_NAME = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?P<part>early|earlier|mid|middle|late|later|end|start|beginning)"
_NUMBER = (r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
           r"|twenty|thirty|forty|fifty)")
NOCASE = re.I

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}\b", NOCASE)),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", NOCASE)),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)", NOCASE)),
    ("dm", re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", NOCASE)),
    ("my", re.compile(rf"\b(?i:in|since|during|by)\s+(?:(?i:{_PART})[\s-]+)?{_MONTH_NAME}\s+{_YEAR}\b")),
    ("party", re.compile(rf"\b{_PART}(?:\s+|-)(?:of\s+)?{_YEAR}\b", NOCASE)),
    ("y", re.compile(rf"\b(?:in|during)\s+{_YEAR}\b", NOCASE)),
    ("ago", re.compile(rf"\b{_NUMBER}\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", NOCASE)),
    ("part", re.compile(rf"\b{_PART}(?:\s+(?:in|of))?\s+(?P<which>last|this|next)\s+(?P<unit>year|month)\b", NOCASE)),
    ("month", re.compile(rf"\b(?:(?i:in|since|during|by|until|from|of|last|this|next|early|mid|late)[\s-]+)"
                         rf"(?:(?i:early|mid|late)[\s-]+)?{_MONTH_NAME}(?!\s*,?\s*\d)")),
    ("season", re.compile(r"\b(?:(?P<which>last|this|next|past|previous)\s+|(?:in|during|by|since|until|over)"
                          r"\s+(?:the\s+)?(?:(?:early|late)\s+)?)(?P<season>spring|summer|autumn|fall|winter)\b"
                          r"(?!\s+of\b)", NOCASE)),
    ("weekday", re.compile(r"\b(?:(?P<which>on|last|next|this)\s+)?"
                           r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", NOCASE)),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|tonight|this morning|last night|last week|last month|last year)\b", NOCASE)),
]
# Every pattern above needs a digit or one of these words: a sentence without any is undated,
# with no need to run them all ("day" covers weekdays, "yesterday" and "today").
DATE_WORDS = ("day", "tonight", "morning", "last", "ago", "year", "month", "spring", "summer", "autumn",
              "fall", "winter", *calendar.month_name[1:])
MAY_HAVE_DATE = re.compile(r"\d|" + "|".join(DATE_WORDS), re.I)
DIGIT = re.compile(r"\d")
RELATIVE_DAYS = {"yesterday": 1, "today": 0, "tonight": 0, "this morning": 0, "last night": 1,
                 "last week": 7}
CUES = word_set("date_cues")
WORD = re.compile(r"[\w'’]+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Words:
    seasons: dict[str, int]
    year_parts: dict[str, int]
    month_parts: dict[str, int]
    future: re.Pattern[str]
    openers: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    """The date words of data/dictionaries/dates.yaml, checked once per process."""
    path = dictionaries_dir() / "dates.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = ("seasons", "year_parts", "month_parts", "future_markers", "clause_openers")
    missing = [k for k in keys if k not in (data or {})]
    if missing:
        raise ValueError(f"{path}: missing {missing}")
    for key, top in (("seasons", 12), ("year_parts", 12), ("month_parts", 28)):
        bad = {k: v for k, v in data[key].items() if not isinstance(v, int) or not 1 <= v <= top}
        if bad:
            raise ValueError(f"{path}: {key} values must be whole numbers 1..{top}: {bad}")
    markers = sorted(map(str, data["future_markers"]), key=len, reverse=True)
    future = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(m) for m in markers) + r")(?![\w'’])", re.I)
    return Words(data["seasons"], data["year_parts"], data["month_parts"], future,
                 frozenset(str(w).lower() for w in data["clause_openers"]))


@dataclass(frozen=True, slots=True)
class Mention:
    start: int      # offsets in the sentence
    end: int
    date: date


def resolve_event_date(sentence: str, published: date | None, at: int | None = None) -> date | None:
    """The event date for a sentence, or for the clause at offset `at` (see the module
    docstring); publication when the sentence dates nothing; None when nothing is known."""
    if not _may_have_date(sentence):
        return published
    mentions = date_mentions(sentence, published)  # cached: asked again for each event's clause
    if not mentions:
        return published
    if at is None:
        return mentions[0].date
    found = clause_date(sentence, mentions, at)
    return found if found is not None else published


@lru_cache(maxsize=4096)
def date_mentions(sentence: str, published: date | None) -> tuple[Mention, ...]:
    """The sentence's date phrases that resolve, non-overlapping, most specific pattern first."""
    out: list[Mention] = []
    for kind, regex in PATTERNS:
        for match in regex.finditer(sentence):
            if any(m.start < match.end() and match.start() < m.end for m in out):
                continue
            future = published is not None and _future(sentence, match.start())
            found = _resolve(kind, match, published, future)
            if found is not None:
                out.append(Mention(match.start(), match.end(), found))
    return tuple(out)


def clause_date(sentence: str, mentions: tuple[Mention, ...], at: int) -> date | None:
    """The date phrase of the clause at `at` (the nearest to it), else one of a main clause."""
    segments = _segments(sentence, mentions)
    def segment_of(offset: int) -> int:
        return max((k for k, (s0, _) in enumerate(segments) if s0 <= offset), default=0)
    here = segment_of(at)
    own = [m for m in mentions if segment_of(m.start) == here]
    if own:
        return min(own, key=lambda m: abs(m.start - at)).date
    main = [m for m in mentions if not segments[segment_of(m.start)][1]]
    return main[0].date if main else None


def _segments(sentence: str, mentions: tuple[Mention, ...]) -> list[tuple[int, bool]]:
    """Clause starts (offset, opened by a subordinating word?): a clause opener starts one
    (unless a date phrase follows it: "since late last year"), a comma after it ends it."""
    openers = words().openers
    segments: list[tuple[int, bool]] = [(0, False)]
    for token in WORD.finditer(sentence):
        word = token.group().lower()
        if word in openers and not any(0 <= m.start - token.end() <= 1 for m in mentions):
            # a clause put before the main one ("When Erdoğan went to Washington last year, his
            # guards attacked protesters") dates the main clause: it is not set apart
            segments.append((token.start(), bool(sentence[:token.start()].strip())))
        elif word == "," and segments[-1][1]:
            segments.append((token.start(), False))
    return segments


def _future(sentence: str, start: int) -> bool:
    """A future marker between the clause's start and the date phrase ("will meet on Friday")."""
    clause = 0
    for token in WORD.finditer(sentence, 0, start):
        if token.group().lower() in words().openers:
            clause = token.end()
    return words().future.search(sentence, clause, start) is not None


def _surname(sentence: str, month: str) -> bool:
    """A month's name written after a first name is a person's name ("Theresa May"), there and
    everywhere else in the sentence ("confidence in May")."""
    for found in re.finditer(rf"\b([A-Z][a-z]+) {month}\b", sentence):
        if found.group(1).lower() not in CUES:
            return True
    return False


def _may_have_date(sentence: str) -> bool:
    if not sentence.isascii():  # re.I also matches a few non-ASCII letters ("ſ" for "s")
        return MAY_HAVE_DATE.search(sentence) is not None
    lowered = sentence.lower()  # same as re.I on ASCII, and much faster than the regex
    return DIGIT.search(sentence) is not None or any(word.lower() in lowered for word in DATE_WORDS)


def _resolve(kind: str, m: re.Match[str], published: date | None, future: bool) -> date | None:
    groups = m.groupdict()
    month = _month(groups.get("month"))
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind in ("iso", "mdy", "dmy"):
        return _safe(year, month, day)
    if kind == "my":
        return _safe(year, month, 1)
    if kind == "party":
        return _safe(year, words().year_parts[groups["part"].lower()], 1)
    if kind == "y":
        if published is not None and published.year == year:
            return published
        return date(year, 1, 1) if year else None
    if published is None:
        return None
    if kind in ("md", "dm"):
        return _recent(published, month, day, future)
    return RELATIVE_KINDS[kind](m, groups, published, future)


def _recent(published: date, month: int | None, day: int | None, future: bool) -> date | None:
    if month is None or day is None:
        return None
    candidate = _safe(published.year, month, day)
    if candidate is not None and candidate > published and not future:
        candidate = _safe(published.year - 1, month, day)
    elif candidate is not None and candidate < published and future:
        candidate = _safe(published.year + 1, month, day)
    return candidate


def _weekday(m: re.Match[str], groups: dict, published: date, future: bool) -> date | None:
    target = WEEKDAYS[groups["weekday"].lower()]
    which = (groups.get("which") or "").lower()
    if which == "next":
        return published + timedelta(days=(target - published.weekday() - 1) % 7 + 1)
    if future and which != "last":  # "will meet on Friday" written on a Friday: that day
        return published + timedelta(days=(target - published.weekday()) % 7)
    back = (published.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _relative(m: re.Match[str], groups: dict, published: date, future: bool) -> date | None:
    rel = groups["rel"].lower()
    if rel in RELATIVE_DAYS:
        return published - timedelta(days=RELATIVE_DAYS[rel])
    if rel == "last month":
        year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        return date(year, month, min(published.day, calendar.monthrange(year, month)[1]))
    return _safe(published.year - 1, published.month, min(published.day, 28))


def _month_alone(m: re.Match[str], groups: dict, published: date, future: bool) -> date | None:
    """"in September": the most recent September (this month: publication); "last
    September": the one before this month; "next September" or a future clause: the next."""
    month = _month(groups["month"])
    if month is None or _surname(m.string, groups["month"]):
        return None
    cue = m.group(0).split()[0].lower()
    if month == published.month and cue not in ("last", "next") and not future:
        return published
    year = published.year
    if cue == "next" or (future and cue != "last"):
        year += month <= published.month
    elif month > published.month or (month == published.month and cue == "last"):
        year -= 1
    return date(year, month, 1)


def _season(m: re.Match[str], groups: dict, published: date, future: bool) -> date | None:
    first = words().seasons[groups["season"].lower()]
    which = (groups.get("which") or "").lower()
    start = date(published.year, first, 1)
    if start > published:
        start = date(published.year - 1, first, 1)  # the most recent start on or before publication
    if which == "next" or (future and which not in ("last", "past", "previous")):
        return start if _months_between(start, published) < 3 and which != "next" else date(start.year + 1, first, 1)
    if which in ("last", "past", "previous") and _months_between(start, published) < 3:
        return date(start.year - 1, first, 1)  # we are in it: "last winter" is the one before
    return start


def _part(m: re.Match[str], groups: dict, published: date, future: bool) -> date | None:
    part, which, unit = groups["part"].lower(), groups["which"].lower(), groups["unit"].lower()
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return date(published.year + shift, words().year_parts[part], 1)
    index = published.year * 12 + published.month - 1 + shift
    return date(index // 12, index % 12 + 1, words().month_parts[part])


def _ago(m: re.Match[str], groups: dict, published: date, future: bool) -> date | None:
    return _ago_phrase(m.group(0).lower(), published)


@lru_cache(maxsize=4096)
def _ago_phrase(phrase: str, published: date) -> date | None:
    import dateparser

    base = datetime(published.year, published.month, published.day)
    found = dateparser.parse(phrase, languages=["en"], settings={"RELATIVE_BASE": base})
    return found.date() if found is not None else None


def _months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


RELATIVE_KINDS = {"weekday": _weekday, "relative": _relative, "month": _month_alone, "season": _season,
                  "part": _part, "ago": _ago}


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
