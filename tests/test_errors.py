"""The one error tree: every error geowire raises on purpose is a GeowireError with an exit code."""

from __future__ import annotations

import pytest

from flows.coding.dictionaries.model import DictionaryError
from flows.coding.mentions import ArticlesError
from flows.coding.parse import ParserError
from flows.coding.relevance import RelevanceError
from flows.coding.verbs import VerbsError
from flows.errors import (EXIT_FAILED, EXIT_USAGE, CodingError, GeowireError, LakeError, SettingsError,
                          UsageError)
from flows.export import ExportError
from flows.ingest import InputError
from flows.ingest.errors import LimitExceeded, RecordError
from flows.report import ReportError
from flows.validate import ContractError, DatasetValidationError


@pytest.mark.parametrize("cls, code", [
    (InputError, EXIT_USAGE), (SettingsError, EXIT_USAGE), (LakeError, EXIT_USAGE),
    (ReportError, EXIT_USAGE), (ExportError, EXIT_USAGE),
    (ContractError, EXIT_FAILED), (RecordError, EXIT_FAILED), (LimitExceeded, EXIT_FAILED),
    (DictionaryError, EXIT_FAILED), (ArticlesError, EXIT_FAILED), (ParserError, EXIT_FAILED),
    (RelevanceError, EXIT_FAILED), (VerbsError, EXIT_FAILED),
])
def test_every_error_is_a_geowire_error_with_its_exit_code(cls, code):
    assert issubclass(cls, GeowireError)
    assert cls.exit_code == code


def test_usage_and_coding_errors_are_grouped_and_keep_their_old_bases():
    assert issubclass(InputError, UsageError) and issubclass(SettingsError, UsageError)
    assert all(issubclass(c, CodingError) for c in (DictionaryError, ArticlesError, ParserError, VerbsError))
    # code written against the old classes still catches them
    assert issubclass(ContractError, ValueError) and issubclass(DatasetValidationError, ValueError)
    assert issubclass(LakeError, RuntimeError) and issubclass(ParserError, RuntimeError)
    assert issubclass(DictionaryError, ValueError)
