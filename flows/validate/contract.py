"""Dataset contracts: ``schemas/<dataset>.yaml`` loaded into frozen dataclasses.

A contract is the single source of truth for a dataset: from it come the Arrow schema the
writer casts to (:meth:`Contract.arrow_schema`), the Great Expectations suite
(:func:`flows.validate.suite.build_suite`) and the data dictionary
(:func:`data_dictionary_markdown`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import yaml

from flows import resources
from flows.validate.dtypes import NUMERIC, parse_type
from flows.validate.errors import ContractError, DatasetValidationError

COLUMN_KEYS = {"name", "type", "nullable", "description", "allowed", "min", "max",
               "pattern", "min_length", "max_length", "unique"}
CONTRACT_KEYS = {"dataset", "version", "description", "key", "partitioning", "columns",
                 "table_rules"}
RULE_KEYS = ("allowed", "min", "max", "pattern", "min_length", "max_length", "unique")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    nullable: bool
    description: str
    allowed: tuple | None = None
    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    unique: bool = False

    @property
    def arrow_type(self) -> pa.DataType:
        return parse_type(self.type)

    @property
    def is_list(self) -> bool:
        return self.type.startswith("list<")

    def rules(self) -> dict[str, Any]:
        """The rules set on this column, e.g. ``{"pattern": "^[a-z]{2,3}$"}``."""
        out = {k: getattr(self, k) for k in RULE_KEYS}
        return {k: v for k, v in out.items() if v is not None and v is not False}


@dataclass(frozen=True)
class Partitioning:
    by: str
    columns: tuple[str, ...]
    null_partition: str | None = None


@dataclass(frozen=True)
class TableRule:
    """A row-wise SQL boolean expression every row must satisfy (null counts as pass)."""

    name: str
    check: str
    description: str


@dataclass(frozen=True)
class Contract:
    dataset: str
    version: int
    description: str
    key: tuple[str, ...]
    partitioning: Partitioning | None
    columns: tuple[ColumnSpec, ...]
    table_rules: tuple[TableRule, ...] = ()
    path: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def partition_by(self) -> str | None:
        """The column the dataset is partitioned by (year=/month= of it), or None."""
        return self.partitioning.by if self.partitioning else None

    @property
    def partition_columns(self) -> list[str]:
        return list(self.partitioning.columns) if self.partitioning else []

    def column(self, name: str) -> ColumnSpec:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.dataset} has no column {name!r}")

    def arrow_schema(self) -> pa.Schema:
        """Arrow schema in contract order, nullability set, descriptions as field metadata."""
        fields = [
            pa.field(c.name, c.arrow_type, nullable=c.nullable,
                     metadata={"description": c.description})
            for c in self.columns
        ]
        meta = {"geowire.dataset": self.dataset, "geowire.version": str(self.version)}
        return pa.schema(fields, metadata=meta)

    def polars_schema(self) -> dict[str, pl.DataType]:
        """Polars dtypes of the columns, derived from the Arrow schema by Polars itself."""
        return dict(pl.DataFrame(self.arrow_schema().empty_table()).schema)

    def conform(self, df: pl.DataFrame) -> pl.DataFrame:
        """Select the contract's columns in order and cast them to the contract's dtypes.

        Extra columns are dropped. A missing column, or a value that cannot be cast, raises
        :class:`DatasetValidationError` naming the dataset, the column and example values.
        """
        missing = [c for c in self.column_names if c not in df.columns]
        if missing:
            raise DatasetValidationError(
                self.dataset, "expect_table_columns_to_match_set",
                f"missing column(s) {missing}", examples=None)
        schema = self.polars_schema()
        try:
            return df.select(pl.col(n).cast(t, strict=True) for n, t in schema.items())
        except pl.exceptions.PolarsError:
            pass
        for name, dtype in schema.items():  # find the column that failed and show values
            _cast_column(self.dataset, df.get_column(name), dtype)
        raise AssertionError("unreachable: whole-frame cast failed but every column cast")


def _cast_column(dataset: str, series: pl.Series, dtype: pl.DataType) -> pl.Series:
    try:
        return series.cast(dtype, strict=True)
    except Exception as exc:  # polars raises several types for failed casts
        lax = series.cast(dtype, strict=False) if _castable(series, dtype) else None
        bad = series if lax is None else series.filter(lax.is_null() & series.is_not_null())
        raise DatasetValidationError(
            dataset, f"cast_to_contract_type({series.name})",
            f"cannot cast {series.dtype} to {dtype}: {str(exc).splitlines()[0]}",
            examples=bad.head(3).to_list()) from exc


def _castable(series: pl.Series, dtype: pl.DataType) -> bool:
    try:
        series.head(0).cast(dtype, strict=False)
        return True
    except Exception:
        return False


def default_schemas_dir() -> Path:
    """``$GEOWIRE_SCHEMAS`` if set, else the contracts shipped with the package (``schemas/``)."""
    from flows.settings import environment_settings

    return environment_settings().schemas or resources.schemas_dir()


def load_contract(name: str, schemas_dir: str | os.PathLike | None = None) -> Contract:
    """Load and check ``<schemas_dir>/<name>.yaml``; raise ContractError naming file/column."""
    path = Path(schemas_dir) if schemas_dir is not None else default_schemas_dir()
    path = path / f"{name}.yaml"
    if not path.is_file():
        raise ContractError(f"{path}: contract for dataset {name!r} not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ContractError(f"{path}: not valid YAML: {exc}") from exc
    contract = parse_contract(raw, str(path))
    if contract.dataset != name:
        raise ContractError(f"{path}: declares dataset {contract.dataset!r}, expected {name!r}")
    return contract


def parse_contract(raw: Any, path: str) -> Contract:
    """Build a Contract from parsed YAML; ``path`` is used in error messages."""
    if not isinstance(raw, dict):
        raise ContractError(f"{path}: a contract must be a mapping, got {type(raw).__name__}")
    unknown = set(raw) - CONTRACT_KEYS
    missing = {"dataset", "version", "description", "key", "partitioning", "columns"} - set(raw)
    if unknown or missing:
        raise ContractError(f"{path}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    if not isinstance(raw["version"], int) or isinstance(raw["version"], bool) or raw["version"] < 1:
        raise ContractError(f"{path}: version must be a positive integer, got {raw['version']!r}")
    if not isinstance(raw["columns"], list) or not raw["columns"]:
        raise ContractError(f"{path}: columns must be a non-empty list")
    columns = tuple(_parse_column(c, path, i) for i, c in enumerate(raw["columns"]))
    names = [c.name for c in columns]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ContractError(f"{path}: column(s) {dupes} declared more than once")
    key = _string_list(raw["key"], path, "key")
    for k in key:
        if k not in names:
            raise ContractError(f"{path}: key column {k!r} is not declared in columns")
    return Contract(
        dataset=_text(raw["dataset"], path, "dataset"),
        version=raw["version"],
        description=_text(raw["description"], path, "description"),
        key=tuple(key),
        partitioning=_parse_partitioning(raw["partitioning"], path, columns),
        columns=columns,
        table_rules=tuple(_parse_table_rule(r, path, names) for r in raw.get("table_rules") or []),
        path=path,
    )


def _text(value: Any, path: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContractError(f"{path}: {what} must be a non-empty string, got {value!r}")
    return value.strip()


def _string_list(value: Any, path: str, what: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ContractError(f"{path}: {what} must be a non-empty list of names, got {value!r}")
    return value


def _parse_column(raw: Any, path: str, index: int) -> ColumnSpec:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise ContractError(f"{path}: columns[{index}] must be a mapping with a 'name'")
    name = raw["name"]
    where = f"{path}: column {name!r}"
    unknown = sorted(set(raw) - COLUMN_KEYS)
    if unknown:
        raise ContractError(f"{where}: unknown key(s) {unknown} (allowed: {sorted(COLUMN_KEYS)})")
    for req in ("type", "nullable", "description"):
        if req not in raw:
            raise ContractError(f"{where}: missing required key {req!r}")
    if not isinstance(raw["nullable"], bool):
        raise ContractError(f"{where}: nullable must be true or false, got {raw['nullable']!r}")
    if not isinstance(raw["type"], str):
        raise ContractError(f"{where}: type must be a string, got {raw['type']!r}")
    try:
        parse_type(raw["type"])
    except ValueError as exc:
        raise ContractError(f"{where}: {exc}") from exc
    _check_rules(raw, where)
    allowed = raw.get("allowed")
    return ColumnSpec(
        name=name, type=raw["type"].replace(" ", ""), nullable=raw["nullable"],
        description=_text(raw["description"], where, "description"),
        allowed=tuple(allowed) if allowed is not None else None,
        min=raw.get("min"), max=raw.get("max"), pattern=raw.get("pattern"),
        min_length=raw.get("min_length"), max_length=raw.get("max_length"),
        unique=bool(raw.get("unique", False)),
    )


def _check_rules(raw: dict, where: str) -> None:
    """Each rule must have the right shape and suit the column's type."""
    typ = raw["type"].replace(" ", "")
    base = typ[5:-1] if typ.startswith("list<") else typ
    is_num = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    if "allowed" in raw:
        vals = raw["allowed"]
        if not isinstance(vals, list) or not vals:
            raise ContractError(f"{where}: allowed must be a non-empty list, got {vals!r}")
        ok = (lambda v: isinstance(v, str)) if base == "string" else is_num
        if base not in NUMERIC | {"string"} or not all(ok(v) for v in vals):
            raise ContractError(f"{where}: allowed values {vals!r} do not fit type {typ}")
    for bound in ("min", "max"):
        if bound in raw and (typ not in NUMERIC or not is_num(raw[bound])):
            raise ContractError(f"{where}: {bound} needs a numeric column and value, got "
                                f"{raw[bound]!r} on {typ}")
    if is_num(raw.get("min")) and is_num(raw.get("max")) and raw["min"] > raw["max"]:
        raise ContractError(f"{where}: min {raw['min']} is greater than max {raw['max']}")
    if "pattern" in raw:
        if base != "string" or not isinstance(raw["pattern"], str):
            raise ContractError(f"{where}: pattern needs a string column and a string regex")
        try:
            re.compile(raw["pattern"])
        except re.error as exc:
            raise ContractError(f"{where}: pattern {raw['pattern']!r} is not a regex: {exc}") from exc
    for bound in ("min_length", "max_length"):
        if bound in raw:
            val = raw[bound]
            if typ != "string" and not typ.startswith("list<"):
                raise ContractError(f"{where}: {bound} needs a string or list column, not {typ}")
            if not isinstance(val, int) or isinstance(val, bool) or val < 0:
                raise ContractError(f"{where}: {bound} must be a non-negative integer, got {val!r}")
    if "unique" in raw and not isinstance(raw["unique"], bool):
        raise ContractError(f"{where}: unique must be true or false, got {raw['unique']!r}")
    if raw.get("unique") and typ.startswith(("list<", "struct<")):
        raise ContractError(f"{where}: unique is not supported on {typ} columns")


def _parse_partitioning(raw: Any, path: str, columns: tuple[ColumnSpec, ...]) -> Partitioning | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"by", "columns", "null_partition"}:
        raise ContractError(f"{path}: partitioning must be null or {{by, columns[, null_partition]}}")
    by = raw.get("by")
    types = {c.name: c.type for c in columns}
    if not isinstance(by, str) or types.get(by) not in ("date", "timestamp"):
        raise ContractError(f"{path}: partitioning.by {by!r} must name a date or timestamp column")
    cols = _string_list(raw.get("columns"), path, "partitioning.columns")
    if not set(cols) <= {"year", "month", "day"}:
        raise ContractError(f"{path}: partitioning.columns {cols!r} must be among year, month, day")
    return Partitioning(by=by, columns=tuple(cols), null_partition=raw.get("null_partition"))


def _parse_table_rule(raw: Any, path: str, names: list[str]) -> TableRule:
    if not isinstance(raw, dict) or set(raw) != {"name", "check", "description"}:
        raise ContractError(f"{path}: each table rule needs exactly name, check, description")
    where = f"{path}: table rule {raw['name']!r}"
    try:
        used = pl.sql_expr(raw["check"]).meta.root_names()
    except Exception as exc:
        raise ContractError(f"{where}: check {raw['check']!r} is not a SQL expression: {exc}") from exc
    unknown = sorted(set(used) - set(names))
    if unknown:
        raise ContractError(f"{where}: check uses undeclared column(s) {unknown}")
    return TableRule(name=_text(raw["name"], where, "name"), check=raw["check"],
                     description=_text(raw["description"], where, "description"))
