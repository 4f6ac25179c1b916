"""Render the contracts as a Markdown data dictionary (``docs/data-dictionary.md``).

``python -m flows.validate.dictionary`` rewrites the file from ``schemas/*.yaml``;
``geowire schema [DATASET]`` prints it; a test fails when the file is out of date.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from flows.validate.contract import ColumnSpec, Contract, default_schemas_dir, load_contract

# the lake's datasets in reading order; any other contract follows alphabetically
ORDER = ("articles", "mentions", "events", "quarantine", "runs")
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"
HEADER = """# geowire data dictionary

Generated from `schemas/*.yaml` by `python -m flows.validate.dictionary` (also printed by
`geowire schema [DATASET]`); do not edit by hand: edit the contract and regenerate.
Types are Arrow types, as the Parquet files store them.
"""


def dataset_names(schemas_dir: str | os.PathLike | None = None) -> list[str]:
    """Names of the datasets that have a contract, the lake's datasets first."""
    folder = Path(schemas_dir) if schemas_dir is not None else default_schemas_dir()
    names = {p.stem for p in folder.glob("*.yaml")}
    return [n for n in ORDER if n in names] + sorted(names - set(ORDER))


def data_dictionary(datasets: list[str] | None = None,
                    schemas_dir: str | os.PathLike | None = None) -> str:
    """The whole dictionary (header, contents, one section per dataset) as Markdown."""
    names = datasets or dataset_names(schemas_dir)
    contracts = [load_contract(n, schemas_dir) for n in names]
    toc = [f"- [{c.dataset}](#{c.dataset}-contract-v{c.version}): {_first_sentence(c.description)}"
           for c in contracts]
    sections = [data_dictionary_markdown(c) for c in contracts]
    return "\n".join([HEADER, *toc, "", *sections]).rstrip("\n") + "\n"


def _first_sentence(text: str) -> str:
    head = " ".join(text.split())
    return head.split(". ")[0].rstrip(".") + "."


def data_dictionary_markdown(contract: Contract) -> str:
    """A Markdown section: dataset description, key, partitioning, one row per column."""
    part = contract.partitioning
    lines = [
        f"## {contract.dataset} (contract v{contract.version})",
        "",
        contract.description,
        "",
        f"- Key: {', '.join(f'`{k}`' for k in contract.key)}",
        "- Partitioning: " + (
            f"one folder per month of `{part.by}` (`YYYY-MM/`, `undated/` when it is null); the files "
            f"also hold {' and '.join(f'`{c}`' for c in part.columns)} (int32, null when undated)"
            + (f". {part.null_partition[:1].upper()}{part.null_partition[1:].rstrip('.')}" if part.null_partition else "")
            + "."
            if part else "none (one folder)"),
    ]
    for rule in contract.table_rules:
        lines.append(f"- Rule `{rule.name}`: `{rule.check}` — {rule.description}")
    lines += ["", "| column | type | nullable | rules | description |",
              "| --- | --- | --- | --- | --- |"]
    for col in contract.columns:
        lines.append(f"| `{col.name}` | {_escape(col.type)} | {'yes' if col.nullable else 'no'} "
                     f"| {_escape(_rules_text(col))} | {_escape(col.description)} |")
    by = part.by if part is not None else ""
    for name in contract.partition_columns:
        lines.append(f"| `{name}` | int32 | yes |  | {name.capitalize()} of `{by}` (partition "
                     "column, stored in every file of the dataset). |")
    return "\n".join(lines) + "\n"


def _rules_text(col: ColumnSpec) -> str:
    parts = []
    if col.allowed is not None:
        parts.append("one of " + ", ".join(str(v) for v in col.allowed))
    if col.min is not None or col.max is not None:
        lo = "" if col.min is None else f"{col.min} ≤ "
        hi = "" if col.max is None else f" ≤ {col.max}"
        parts.append(f"{lo}value{hi}")
    if col.pattern is not None:
        parts.append(f"matches `{col.pattern}`")
    if col.min_length is not None or col.max_length is not None:
        unit = "items" if col.is_list else "chars"
        lo = "" if col.min_length is None else f"{col.min_length} ≤ "
        hi = "" if col.max_length is None else f" ≤ {col.max_length}"
        parts.append(f"{lo}{unit}{hi}")
    if col.unique:
        parts.append("unique")
    return "; ".join(parts)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def main(argv: list[str] | None = None) -> int:
    """Write ``docs/data-dictionary.md`` (or the path given) from the contracts."""
    target = Path(argv[0]) if argv else DOC_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(data_dictionary(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
