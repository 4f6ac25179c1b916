"""Reading the dictionaries' TSV format: header row, ``#`` comments, ``|`` lists."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import DictionaryError

ACTOR_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3}){0,4}$")
TYPE_CODE = re.compile(r"^[A-Z]{3}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Row:
    """One data line of a TSV file, with its position for error messages."""

    file: str
    line: int
    fields: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.fields[column]

    def fail(self, problem: str) -> DictionaryError:
        return DictionaryError(self.file, self.line, problem)

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[Row]:
    """Yield the data rows of ``path``; the header must start with ``columns``."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DictionaryError(name, 0, f"file not found: {path}") from None
    except UnicodeDecodeError as exc:
        raise DictionaryError(name, 0, f"not valid UTF-8 ({exc.reason})") from None
    header: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [cell.strip() for cell in cells]
            if tuple(header[: len(columns)]) != columns:
                raise DictionaryError(
                    name, number, f"header must start with {'|'.join(columns)}, got {'|'.join(header)}"
                )
            continue
        if len(cells) != len(header):
            raise DictionaryError(name, number, f"expected {len(header)} tab-separated fields, got {len(cells)}")
        yield Row(name, number, {col: cell.strip() for col, cell in zip(header, cells)})
    if header is None:
        raise DictionaryError(name, 0, "no header row")


def parse_patterns(row: Row, column: str = "patterns", *, required: bool = True) -> tuple[str, ...]:
    """Split a ``|`` list of surface patterns; every pattern must be non-empty."""
    value = row[column]
    if not value:
        if required:
            raise row.fail(f"{column} is empty")
        return ()
    patterns = tuple(part.strip() for part in value.split("|"))
    for pattern in patterns:
        if not pattern:
            raise row.fail(f"{column} has an empty pattern in {value!r}")
        if not any(ch.isalnum() for ch in pattern):
            raise row.fail(f"pattern {pattern!r} has no letter or digit")
    lowered = [p.lower() for p in patterns]
    duplicates = sorted({p for p in lowered if lowered.count(p) > 1})
    if duplicates:
        raise row.fail(f"{column} repeats {', '.join(duplicates)}")
    return patterns


def parse_date(row: Row, column: str) -> date | None:
    value = row[column]
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise row.fail(f"{column} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def require(row: Row, column: str, pattern: re.Pattern[str] | None = None, what: str = "") -> str:
    """The non-empty value of ``column``, optionally checked against ``pattern``."""
    value = row[column]
    if not value:
        raise row.fail(f"{column} is empty")
    if pattern is not None and not pattern.fullmatch(value):
        raise row.fail(f"{column} {value!r} is not {what or 'well formed'}")
    return value


def split_code(code: str) -> list[str]:
    """``"USAGOVMIL"`` -> ``["USA", "GOV", "MIL"]``."""
    return [code[i : i + 3] for i in range(0, len(code), 3)]
