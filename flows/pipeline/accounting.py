"""Per-dataset record accounting: every record read is published, quarantined or a duplicate."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Counts:
    records_read: int = 0
    published: int = 0
    quarantined: int = 0
    duplicates: int = 0

    def add(self, other: "Counts") -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def balanced(self) -> bool:
        return self.records_read == self.published + self.quarantined + self.duplicates

    def as_dict(self) -> dict[str, int]:
        return asdict(self)
