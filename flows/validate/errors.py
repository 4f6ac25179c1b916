"""Errors raised by contract loading and batch validation (part of the tree in flows/errors.py)."""

from flows.errors import ContractError, DatasetValidationError

__all__ = ["ContractError", "DatasetValidationError"]
