"""Render a contract as a Markdown data dictionary (for docs/)."""

from __future__ import annotations

from flows.validate.contract import ColumnSpec, Contract


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
            f"{'/'.join(f'{c}=' for c in part.columns)} from `{part.by}`"
            + (f" ({part.null_partition})" if part.null_partition else "")
            if part else "none"),
    ]
    for rule in contract.table_rules:
        lines.append(f"- Rule `{rule.name}`: `{rule.check}` — {rule.description}")
    lines += ["", "| column | type | nullable | rules | description |",
              "| --- | --- | --- | --- | --- |"]
    for col in contract.columns:
        lines.append(f"| `{col.name}` | {_escape(col.type)} | {'yes' if col.nullable else 'no'} "
                     f"| {_escape(_rules_text(col))} | {_escape(col.description)} |")
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
