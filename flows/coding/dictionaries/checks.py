"""Checks that span rows or files: role periods, ambiguous patterns."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .model import ActorEntry, AgentEntry, DictionaryError


def _error_at(source: str, problem: str) -> DictionaryError:
    file, _, line = source.rpartition(":")
    return DictionaryError(file, int(line), problem)


def check_periods(people: Iterable[ActorEntry]) -> None:
    """The role periods of one person (same name) must not overlap."""
    by_person: dict[str, list[ActorEntry]] = {}
    for entry in people:
        by_person.setdefault(entry.name, []).append(entry)
    for name, entries in by_person.items():
        ordered = sorted(entries, key=lambda e: e.start or date.min)
        for before, after in zip(ordered, ordered[1:]):
            if before.end is None or (after.start or date.min) < before.end:
                raise _error_at(
                    after.source,
                    f"{name}: period from {after.start or 'open start'} overlaps "
                    f"{before.code} ({before.start or 'open start'} to {before.end or 'open end'}) "
                    f"at {before.source}",
                )


def _identity(entry: ActorEntry) -> str:
    return f"person {entry.name}" if entry.kind == "person" else f"{entry.kind} {entry.code}"


def check_ambiguous_patterns(actors: Iterable[ActorEntry]) -> None:
    """A pattern must name one actor only (one country, one person, one organization).

    One exception: people sharing a name across time ("Bush" for both presidents) may share a
    pattern when the periods of the rows that list it never overlap across the people; the
    date of the event then picks the person.
    """
    owner: dict[str, ActorEntry] = {}
    shared: dict[str, list[ActorEntry]] = {}
    for entry in actors:
        for pattern in entry.patterns:
            key = pattern.lower()
            first = owner.setdefault(key, entry)
            if _identity(first) == _identity(entry):
                shared.setdefault(key, []).append(entry)
                continue
            if first.kind == entry.kind == "person":
                clash = next((e for e in shared[key]
                              if _identity(e) != _identity(entry) and _overlap(e, entry)), None)
                if clash is None:
                    shared[key].append(entry)
                    continue
                raise _error_at(entry.source, f"pattern {pattern!r} already names {_identity(clash)} at "
                                              f"{clash.source} in an overlapping period")
            raise _error_at(
                entry.source,
                f"pattern {pattern!r} already names {_identity(first)} at {first.source}",
            )


def _overlap(a: ActorEntry, b: ActorEntry) -> bool:
    """Half-open periods [start, end) overlap; an open start or end reaches indefinitely."""
    a_start, b_start = a.start or date.min, b.start or date.min
    a_end, b_end = a.end or date.max, b.end or date.max
    return a_start < b_end and b_start < a_end


def check_agent_patterns(agents: Iterable[AgentEntry]) -> None:
    """An agent pattern must map to one type code."""
    owner: dict[str, AgentEntry] = {}
    for entry in agents:
        for pattern in entry.patterns:
            first = owner.setdefault(pattern.lower(), entry)
            if first is not entry:
                raise _error_at(entry.source, f"agent pattern {pattern!r} already listed at {first.source}")
