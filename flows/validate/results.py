"""Keep validation results as JSON and render them as Great Expectations Data Docs.

Layout: ``<results_dir>/<run_id>/<dataset>-<batch:05d>.json``, one GE validation result
per validated batch. :func:`build_data_docs` reloads them with GE's own result schema into a
file-backed GE project under ``site_dir``, runs GE's site builder and makes the site work
offline (:mod:`flows.validate.offline`).
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlparse

import great_expectations as gx
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResultSchema,
)
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from flows.validate.contract import load_contract
from flows.validate.errors import ContractError
from flows.validate.offline import make_offline
from flows.validate.suite import build_suite, suite_name

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+-]*$")


def result_path(results_dir: str | os.PathLike, run_id: str, dataset: str, batch: int) -> Path:
    for what, value in (("run_id", run_id), ("dataset", dataset)):
        if not _SAFE.match(value) or ".." in value:
            raise ValueError(f"{what} {value!r} is not usable as a file name")
    if not isinstance(batch, int) or batch < 0:
        raise ValueError(f"batch must be a non-negative integer, got {batch!r}")
    return Path(results_dir) / run_id / f"{dataset}-{batch:05d}.json"


def save_result(result: dict, results_dir: str | os.PathLike, run_id: str, dataset: str,
                batch: int) -> Path:
    """Write ``result`` to ``<results_dir>/<run_id>/<dataset>-<batch:05d>.json`` atomically."""
    path = result_path(results_dir, run_id, dataset, batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def build_data_docs(results_dir: str | os.PathLike, site_dir: str | os.PathLike,
                    schemas_dir: str | os.PathLike | None = None) -> Path:
    """Build GE Data Docs for every stored result under ``results_dir``; return index.html.

    The suites come from the current contracts (a result whose suite version no longer
    matches its contract is still rendered, without its suite page).
    """
    files = sorted(Path(results_dir).glob("*/*.json"))
    if not files:
        raise FileNotFoundError(f"{results_dir}: no validation results (<run_id>/<dataset>-NNNNN.json)")
    context = gx.get_context(mode="file", project_root_dir=str(site_dir))
    schema = ExpectationSuiteValidationResultSchema()
    added: set[str] = set()
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            result = schema.load(data)
        except Exception as exc:  # JSON or GE schema errors
            raise ValueError(f"{path}: not a stored GE validation result: {exc}") from exc
        _add_suite(context, data, added, schemas_dir)
        run_id = RunIdentifier(run_name=path.parent.name, run_time=_run_time(data, path))
        result.meta["run_id"] = run_id.to_json_dict()  # the pages' "Run Name" (else "__none__")
        key = ValidationResultIdentifier(
            expectation_suite_identifier=ExpectationSuiteIdentifier(name=result.suite_name),
            run_id=run_id, batch_identifier=path.stem,
        )
        context.validation_results_store.set(key, result)
    urls = context.build_data_docs()
    index = Path(unquote(urlparse(urls["local_site"]).path))
    if not index.is_file():
        raise RuntimeError(f"GE reported Data Docs at {index} but no file is there")
    make_offline(index.parent)  # GE's pages load their CSS and JavaScript from CDNs
    return index


def _add_suite(context, data: dict, added: set[str], schemas_dir) -> None:
    dataset = ((data.get("meta") or {}).get("geowire") or {}).get("dataset")
    if not dataset or data["suite_name"] in added:
        return
    try:
        contract = load_contract(dataset, schemas_dir)
    except ContractError:
        return
    if suite_name(contract) != data["suite_name"]:
        return
    # a fresh, uncached copy: adding a suite binds it to this file-backed context
    context.suites.add_or_update(build_suite.__wrapped__(contract))
    added.add(data["suite_name"])


def _run_time(data: dict, path: Path) -> datetime:
    """When the batch was validated (GE's batch marker), else the file's modification time."""
    marker = ((data.get("meta") or {}).get("batch_markers") or {}).get("ge_load_time")
    if marker:
        try:
            return datetime.strptime(marker, "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
