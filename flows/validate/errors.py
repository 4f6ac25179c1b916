"""Errors raised by contract loading and batch validation."""

from __future__ import annotations


class ContractError(ValueError):
    """A contract file (schemas/<dataset>.yaml) is missing or malformed.

    The message names the file and, when it is about one column, the column.
    """


class DatasetValidationError(ValueError):
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
