"""Named settings of the normalize stage (one options object, passed explicitly)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


DATE_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr",
    "ar", "fa", "he", "hi", "zh", "ja", "ko", "id",
)


@dataclass(frozen=True)
class NormalizeSettings:
    """Thresholds of the normalize stage; the defaults are the project's choices."""

    #: a cleaned text shorter than this is rejected ("text too short (<N chars)")
    min_text_chars: int = 20
    #: rejected payloads are truncated to this many characters
    payload_max_chars: int = 4096
    #: language detection looks at the first N characters of the text
    language_sample_chars: int = 2000
    #: below this probability the detected language is left null
    language_min_confidence: float = 0.5
    #: dates before this year are treated as unknown
    min_year: int = 1900
    #: dates more than this many days after "now" are treated as unknown
    max_future_days: int = 2
    #: a text's dateline is searched for in its first N characters
    dateline_chars: int = 300
    #: languages dateparser tries on dates the fast path cannot read; without a list it
    #: tries all ≈200 locales (≈50 ms per unreadable string instead of ≈1 ms)
    date_languages: tuple[str, ...] = DATE_LANGUAGES
    #: the publication date of an article nothing else dates (``date_source`` "default"); the
    #: run's ``--default-date``; None leaves it undated
    default_date: dt.datetime | None = None


DEFAULT_SETTINGS = NormalizeSettings()
