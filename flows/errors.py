"""The one exception tree of geowire, and what each kind of error means for `geowire`'s exit status.

    GeowireError                      exit 1: a run that started failed
    ├── UsageError                    exit 2: the command cannot start as given
    │   ├── SettingsError             a bad argument or GEOWIRE_* value (names it)
    │   └── InputError                an input path that does not exist (flows.ingest)
    ├── LakeError                     exit 2: the lake cannot be used (locked, not writable, …)
    ├── RecordError                   one record or stream; never leaves ingest (error rows)
    ├── ContractError                 a contract file is missing or malformed
    ├── DatasetValidationError        a batch breaks a dataset-level rule of its contract
    ├── AccountingError               the run's counts do not balance (a bug, not bad data)
    ├── CodingError                   the coder's dictionaries, rules or parser are unusable
    ├── ReportError, ExportError      exit 2: the lake has no such run / nothing to export

Errors that were ``ValueError``/``RuntimeError`` before keep that base too, so existing
``except ValueError`` code still catches them. Names stay importable from their old modules.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class GeowireError(Exception):
    """Base of every error geowire raises on purpose; ``exit_code`` is what `geowire` exits with."""

    exit_code = EXIT_FAILED


class UsageError(GeowireError):
    """The command cannot start as given (an argument, a setting, a path)."""

    exit_code = EXIT_USAGE


class SettingsError(UsageError, ValueError):
    """A bad argument or GEOWIRE_* environment value; the message names it."""


class InputError(UsageError):
    """A path given to ingest does not exist or cannot be listed."""


class LakeError(GeowireError, RuntimeError):
    """The lake cannot be used: locked by another run, not writable, not a geowire lake."""

    exit_code = EXIT_USAGE


class RecordError(GeowireError):
    """A problem with one record or with the rest of a stream; becomes an error row."""


class ContractError(GeowireError, ValueError):
    """A contract file (schemas/<dataset>.yaml) is missing or malformed.

    The message names the file and, when it is about one column, the column.
    """


class DatasetValidationError(GeowireError, ValueError):
    """A batch breaks a dataset-level rule (key uniqueness, column set, table rule, types).

    Row-level failures never raise: those rows are returned in ``Validated.bad``.
    """

    def __init__(self, dataset: str, expectation: str, detail: str, examples: list | None = None):
        self.dataset = dataset
        self.expectation = expectation
        self.examples = list(examples or [])
        shown = ""
        if self.examples:
            shown = "; e.g. " + ", ".join(repr(v) for v in self.examples[:5])
        super().__init__(f"dataset {dataset!r}: {expectation} failed: {detail}{shown}")


class AccountingError(GeowireError, RuntimeError):
    """A dataset's counts do not balance (read ≠ published + quarantined + duplicates): a bug
    in the pipeline, never a property of the input. The run fails rather than commit."""

    def __init__(self, dataset: str, counts) -> None:
        self.dataset, self.counts = dataset, counts
        super().__init__(
            f"dataset {dataset!r}: records_read {counts.records_read} != published {counts.published}"
            f" + quarantined {counts.quarantined} + duplicates {counts.duplicates} (a counting bug)")


class CodingError(GeowireError, ValueError):
    """The event coder's data (dictionaries, verb patterns, relevance rules) or parser is unusable."""


class ReportError(GeowireError, RuntimeError):
    """A run report cannot be made: no such run in the lake, or no run at all."""

    exit_code = EXIT_USAGE


class ExportError(GeowireError, RuntimeError):
    """An export cannot be made (nothing to export, a bad destination)."""

    exit_code = EXIT_USAGE
