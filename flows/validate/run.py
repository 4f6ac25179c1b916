"""Validate one batch against its contract with Great Expectations.

One suite run per batch (all expectations in one call) on a pandas copy of the conformed
frame; the bad rows are found from ``unexpected_index_list`` keyed on a named row index.
Dataset-level failures raise :class:`DatasetValidationError`; row-level failures split
the batch into ``good`` and ``bad`` (``bad`` carries a ``reasons`` list column).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import great_expectations as gx
from great_expectations.execution_engine import pandas_execution_engine
import polars as pl
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from flows.validate.contract import Contract
from flows.validate.errors import DatasetValidationError
from flows.validate.suite import DATASET_LEVEL, build_suite, list_rules, reason_name

ROW_INDEX = "__geowire_row__"
REASONS = "reasons"
RESULT_FORMAT = {
    "result_format": "COMPLETE",
    "unexpected_index_column_names": [ROW_INDEX],
    "return_unexpected_index_query": False,
}
_LOCK = threading.Lock()
_BATCH_DEFINITION: Any = None


@dataclass
class Validated:
    good: pl.DataFrame
    bad: pl.DataFrame
    result: dict
    success: bool


def gx_context_config() -> DataContextConfig:
    """No analytics, no progress bars, in-memory stores: fit for a batch pipeline."""
    return DataContextConfig(
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
    )


def _batch_definition() -> Any:
    """The process-wide ephemeral GE context's whole-dataframe batch definition (lazy)."""
    global _BATCH_DEFINITION
    if _BATCH_DEFINITION is None:
        # GE fingerprints every pandas batch under 1 GB with an md5 of the whole frame (batch
        # metadata we never read); on article text that is a quarter of the validation time.
        # Patched here, with the context, not when the module is imported.
        pandas_execution_engine.HASH_THRESHOLD = 0
        context = gx.get_context(mode="ephemeral", project_config=gx_context_config())
        asset = context.data_sources.add_pandas("geowire").add_dataframe_asset("batches")
        _BATCH_DEFINITION = asset.add_batch_definition_whole_dataframe("whole_batch")
    return _BATCH_DEFINITION


def validate_batch(frame: pl.DataFrame, contract: Contract) -> Validated:
    """Conform ``frame`` to ``contract``, run its GE suite once, and split good from bad rows."""
    _check_column_set(frame, contract)
    conformed = contract.conform(frame)
    _check_table_rules(conformed, contract)
    result = run_suite(conformed, contract)
    _raise_dataset_failures(result, contract)
    reasons = pl.concat([_ge_reasons(result, contract), _list_rule_reasons(conformed, contract)])
    polars_counts = dict(reasons.filter(pl.col("source") == "polars")
                         .group_by("reason").len().iter_rows())
    result.setdefault("meta", {})["geowire"] = {
        "dataset": contract.dataset, "contract_version": contract.version,
        "rows": conformed.height, "polars_checks_failed": polars_counts,
    }
    good, bad = _split(conformed, reasons)
    return Validated(good=good, bad=bad, result=result,
                     success=bool(result["success"]) and bad.height == 0)


def run_suite(conformed: pl.DataFrame, contract: Contract) -> dict:
    """Run the whole suite on a pandas copy (numpy dtypes, pandas' default strings)."""
    pdf = conformed.to_pandas()
    pdf.index.name = ROW_INDEX  # GE reports failing rows by this named index
    suite = build_suite(contract)
    with _LOCK:  # GE contexts are not thread-safe; tasks may run in threads
        batch = _batch_definition().get_batch(batch_parameters={"dataframe": pdf})
        outcome = batch.validate(suite, result_format=RESULT_FORMAT)
    return outcome.to_json_dict()


def _check_column_set(frame: pl.DataFrame, contract: Contract) -> None:
    expected, got = set(contract.column_names), set(frame.columns)
    if expected != got:
        raise DatasetValidationError(
            contract.dataset, "expect_table_columns_to_match_set",
            f"missing {sorted(expected - got)}, unexpected {sorted(got - expected)}")


def _check_table_rules(df: pl.DataFrame, contract: Contract) -> None:
    """Row-wise SQL checks from the contract; null results pass, as in SQL CHECK."""
    for rule in contract.table_rules:
        broken = df.filter(~pl.sql_expr(rule.check).fill_null(True))
        if broken.height:
            cols = pl.sql_expr(rule.check).meta.root_names()
            shown = broken.select([*contract.key, *cols]).head(3).to_dicts()
            raise DatasetValidationError(
                contract.dataset, f"table_rule({rule.name})",
                f"{broken.height} row(s) break {rule.check!r}", examples=shown)


def _raise_dataset_failures(result: dict, contract: Contract) -> None:
    for res in result["results"]:
        cfg = res["expectation_config"]
        info = res.get("exception_info") or {}
        name = reason_name(cfg["type"], _columns(cfg["kwargs"]))
        if info.get("raised_exception"):
            raise DatasetValidationError(
                contract.dataset, name,
                f"expectation could not be evaluated: {info.get('exception_message')}")
        if res["success"] or cfg["type"] not in DATASET_LEVEL:
            continue
        detail = res["result"]
        examples = detail.get("partial_unexpected_list") or detail.get("details", {}).get(
            "mismatched") or detail.get("observed_value")
        count = detail.get("unexpected_count")
        what = f"{count} row(s) unexpected" if count is not None else "table mismatch"
        if not isinstance(examples, list):
            examples = [examples]
        distinct = list({repr(v): v for v in examples}.values())
        raise DatasetValidationError(contract.dataset, name, what, examples=distinct)


def _columns(kwargs: dict) -> str | list[str]:
    return kwargs.get("column") or kwargs.get("column_list") or []


def _empty_reasons() -> pl.DataFrame:
    return pl.DataFrame(schema={ROW_INDEX: pl.UInt32, "order": pl.Int32,
                                "reason": pl.String, "source": pl.String})


def _ge_reasons(result: dict, contract: Contract) -> pl.DataFrame:
    """(row, order, reason) for every row a row-level expectation flagged."""
    parts = [_empty_reasons()]
    for order, res in enumerate(result["results"]):
        if res["success"]:
            continue
        cfg = res["expectation_config"]
        rows = [entry[ROW_INDEX] for entry in res["result"].get("unexpected_index_list") or []]
        if len(rows) != res["result"].get("unexpected_count", len(rows)):
            raise DatasetValidationError(contract.dataset, cfg["type"],
                                         "GE did not return every failing row index")
        parts.append(pl.DataFrame({
            ROW_INDEX: pl.Series(rows, dtype=pl.UInt32),
            "order": pl.Series([order] * len(rows), dtype=pl.Int32),
            "reason": [reason_name(cfg["type"], _columns(cfg["kwargs"]))] * len(rows),
            "source": ["ge"] * len(rows),
        }))
    return pl.concat(parts)


def _list_rule_reasons(df: pl.DataFrame, contract: Contract) -> pl.DataFrame:
    rules = list_rules(contract)
    if not rules:
        return _empty_reasons()
    base = len(build_suite(contract).expectations)
    flags = df.select([expr.alias(str(i)) for i, (_, expr) in enumerate(rules)]).with_row_index(ROW_INDEX)
    parts = [_empty_reasons()]
    for i, (name, _) in enumerate(rules):
        rows = flags.filter(pl.col(str(i))).get_column(ROW_INDEX)
        parts.append(pl.DataFrame({
            ROW_INDEX: rows,
            "order": pl.Series([base + i] * len(rows), dtype=pl.Int32),
            "reason": [name] * len(rows), "source": ["polars"] * len(rows),
        }))
    return pl.concat(parts)


def _split(df: pl.DataFrame, reasons: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows without reasons are good; bad rows get REASONS (appended to it if it exists)."""
    per_row = (reasons.sort(ROW_INDEX, "order")
               .group_by(ROW_INDEX, maintain_order=True)
               .agg(pl.col("reason").unique(maintain_order=True).alias("__found__")))
    indexed = df.with_row_index(ROW_INDEX)
    good = indexed.join(per_row, on=ROW_INDEX, how="anti").drop(ROW_INDEX)
    bad = indexed.join(per_row, on=ROW_INDEX, how="inner", maintain_order="left")
    if REASONS in df.columns:  # the quarantine dataset has its own reasons: keep them first
        found = pl.concat_list(pl.col(REASONS).fill_null([]), "__found__")
    else:
        found = pl.col("__found__")
    bad = bad.with_columns(found.alias(REASONS)).drop(ROW_INDEX, "__found__")
    return good, bad
