"""Great Expectations suite derived from a contract (never hand-written).

Row-level expectations: not-null, in-set, between, regex, value lengths. Dataset-level
expectations: the ordered column list, single-column uniqueness and compound key
uniqueness. GE's type expectations are not used (they misfire on pandas 3 strings): types
are enforced by :meth:`Contract.conform` against the Arrow schema.

Rules on list columns cannot be evaluated by GE on pandas; they are returned by
:func:`list_rules` as Polars expressions carrying the same expectation names.
"""

from __future__ import annotations

import functools

import great_expectations as gx
import great_expectations.expectations as gxe
import polars as pl

from flows.validate.contract import ColumnSpec, Contract

DATASET_LEVEL = frozenset({
    "expect_table_columns_to_match_ordered_list",
    "expect_column_values_to_be_unique",
    "expect_compound_columns_to_be_unique",
})


def reason_name(expectation_type: str, columns: str | list[str]) -> str:
    """``expect_column_values_to_not_be_null(article_id)``: how a broken rule is named."""
    cols = columns if isinstance(columns, str) else ",".join(columns)
    return f"{expectation_type}({cols})"


def suite_name(contract: Contract) -> str:
    return f"{contract.dataset}.v{contract.version}"


@functools.lru_cache(maxsize=None)
def build_suite(contract: Contract) -> gx.ExpectationSuite:
    """The contract's GE suite; built once per contract per process (treat it as read-only)."""
    expectations: list[gxe.Expectation] = [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=contract.column_names)]
    for col in contract.columns:
        expectations.extend(_column_expectations(col))
    key_is_unique_column = len(contract.key) == 1 and contract.column(contract.key[0]).unique
    if len(contract.key) > 1:
        expectations.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(contract.key)))
    elif not key_is_unique_column:
        expectations.append(gxe.ExpectColumnValuesToBeUnique(column=contract.key[0]))
    # passing the list to the constructor (not add_expectation) needs no GE context
    return gx.ExpectationSuite(
        name=suite_name(contract),
        expectations=expectations,
        meta={
            "dataset": contract.dataset,
            "contract_version": contract.version,
            "contract_path": contract.path,
            "columns": [{"name": c.name, "type": str(c.arrow_type), "nullable": c.nullable}
                        for c in contract.columns],
            "checked_in_polars": [name for name, _ in list_rules(contract)]
            + [f"table_rule({r.name}): {r.check}" for r in contract.table_rules],
        },
    )


def _column_expectations(col: ColumnSpec) -> list[gxe.Expectation]:
    meta = {"description": col.description}
    out: list[gxe.Expectation] = []
    if not col.nullable:
        out.append(gxe.ExpectColumnValuesToNotBeNull(column=col.name, meta=meta))
    if col.is_list:  # the other rules of list columns are checked in Polars (list_rules)
        return out
    if col.allowed is not None:
        out.append(gxe.ExpectColumnValuesToBeInSet(
            column=col.name, value_set=list(col.allowed), meta=meta))
    if col.min is not None or col.max is not None:
        out.append(gxe.ExpectColumnValuesToBeBetween(
            column=col.name, min_value=col.min, max_value=col.max, meta=meta))
    if col.pattern is not None:
        out.append(gxe.ExpectColumnValuesToMatchRegex(
            column=col.name, regex=col.pattern, meta=meta))
    if col.min_length is not None or col.max_length is not None:
        out.append(gxe.ExpectColumnValueLengthsToBeBetween(
            column=col.name, min_value=col.min_length, max_value=col.max_length, meta=meta))
    if col.unique:
        out.append(gxe.ExpectColumnValuesToBeUnique(column=col.name, meta=meta))
    return out


def list_rules(contract: Contract) -> list[tuple[str, pl.Expr]]:
    """(reason, expression true for a FAILING row) for the rules of list columns.

    A null list passes here (nullability is GE's not-null check); lengths are the number
    of elements; pattern and allowed apply to every element.
    """
    rules: list[tuple[str, pl.Expr]] = []
    for col in contract.columns:
        if not col.is_list:
            continue
        c = pl.col(col.name)
        if col.min_length is not None or col.max_length is not None:
            n = c.list.len()
            lo = n < col.min_length if col.min_length is not None else pl.lit(False)
            hi = n > col.max_length if col.max_length is not None else pl.lit(False)
            rules.append((reason_name("expect_column_value_lengths_to_be_between", col.name),
                          lo | hi))
        if col.pattern is not None:
            ok = c.list.eval(pl.element().str.contains(col.pattern)).list.all()
            rules.append((reason_name("expect_column_values_to_match_regex", col.name), ~ok))
        if col.allowed is not None:
            ok = c.list.eval(pl.element().is_in(list(col.allowed))).list.all()
            rules.append((reason_name("expect_column_values_to_be_in_set", col.name), ~ok))
    return [(name, expr.fill_null(False)) for name, expr in rules]
