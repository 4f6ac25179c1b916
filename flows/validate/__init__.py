"""validate: dataset contracts (schemas/*.yaml), their GE suites, batch validation, Data Docs.

``load_contract(name) -> Contract``; ``validate_batch(frame, contract) -> Validated``;
``save_result`` / ``build_data_docs`` keep the GE results and render them.
"""

from flows.validate.contract import Contract, ColumnSpec, load_contract
from flows.validate.dictionary import data_dictionary_markdown
from flows.validate.errors import ContractError, DatasetValidationError
from flows.validate.results import build_data_docs, save_result
from flows.validate.run import Validated, validate_batch
from flows.validate.suite import build_suite

__all__ = [
    "ColumnSpec", "Contract", "ContractError", "DatasetValidationError", "Validated",
    "build_data_docs", "build_suite", "data_dictionary_markdown", "load_contract",
    "save_result", "validate_batch",
]
