"""Typed, immutable views of the coder's dictionaries (see data/dictionaries/README.md)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from flows.errors import CodingError


class DictionaryError(CodingError):
    """A dictionary file is missing, malformed or inconsistent.

    The message always starts with ``<file>:<line>: `` (line 0 when the problem is the
    file as a whole), so a reviewer can jump straight to the offending entry.
    """

    def __init__(self, file: str, line: int, problem: str) -> None:
        super().__init__(f"{file}:{line}: {problem}")
        self.file = file
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class ActorEntry:
    """One actor (country, person in one role period, organization or armed group)."""

    patterns: tuple[str, ...]
    code: str
    name: str
    kind: str  # country | person | organization | group
    country_code: str | None
    type_code: str | None
    start: date | None
    end: date | None
    source: str  # "people.tsv:42"

    def covers(self, on: date | None) -> bool:
        """True when ``on`` falls in [start, end); an undated lookup matches any period."""
        if on is None:
            return True
        if self.start is not None and on < self.start:
            return False
        return self.end is None or on < self.end


@dataclass(frozen=True)
class AgentEntry:
    """A generic role ("troops", "police") that combines with a country code."""

    patterns: tuple[str, ...]
    type_code: str
    name: str
    source: str


@dataclass(frozen=True)
class CodebookEntry:
    """One CAMEO event code."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None

    @property
    def root_code(self) -> str:
        return self.code[:2]

    @property
    def base_code(self) -> str:
        return self.code[:3]


@dataclass(frozen=True)
class Dictionaries:
    """Everything the coder needs, loaded and validated once per process."""

    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    codebook: dict[str, CodebookEntry]
    type_codes: dict[str, str] = field(default_factory=dict)  # CAMEO type code -> label

    def actor_at(self, entries: Sequence[ActorEntry], on: date | None) -> ActorEntry | None:
        """The entry whose period covers ``on``.

        Periods are half-open, [start, end): on the day a term ends the next period
        applies. With ``on`` None (date unknown) the most recent period is chosen, an
        open-ended one first.
        """
        if on is None:
            if not entries:
                return None
            return max(entries, key=_recency)
        for entry in entries:
            if entry.covers(on):
                return entry
        return None

    def actors_by_pattern(self) -> dict[str, tuple[ActorEntry, ...]]:
        """Lower-cased pattern -> every actor entry (all periods) that uses it."""
        index: dict[str, list[ActorEntry]] = {}
        for entry in self.actors:
            for pattern in entry.patterns:
                index.setdefault(pattern.lower(), []).append(entry)
        return {key: tuple(value) for key, value in index.items()}


def _recency(entry: ActorEntry) -> tuple[int, date]:
    open_ended = 1 if entry.end is None else 0
    return (open_ended, entry.start or date.min)
