"""Shard staging on the lake's object store, for Dask workers on other machines.

A shard on a remote worker cannot leave its staged files on its own disk: with
``settings.stage_on_lake`` and an object-store lake it stages locally, then uploads the files
under ``<lake>/_staging/<run_id>/shards/<n>/`` (and its GE results under ``_validation``); the
driver downloads them before merging. A failed run's uploads are removed by the next run's repair.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from flows.storage import url_to_fs


def is_remote(location: str) -> bool:
    return "://" in location and not location.startswith("file://")


def upload_tree(local: Path, url: str) -> None:
    fs, root = url_to_fs(url)
    files = sorted(p for p in local.rglob("*") if p.is_file())
    if files:
        fs.put([str(f) for f in files], [f"{root}/{f.relative_to(local).as_posix()}" for f in files])


def download_tree(url: str, local: Path) -> None:
    fs, root = url_to_fs(url)
    for key in fs.find(root):
        dest = local / key[len(root) + 1:]
        dest.parent.mkdir(parents=True, exist_ok=True)
        fs.get(key, str(dest))


def remove_tree(url: str) -> None:
    fs, root = url_to_fs(url)
    if fs.exists(root):
        fs.rm(root, recursive=True)


def run_staged_remotely(spec, process):
    """Run ``process`` on a local copy of ``spec``, upload what it staged, return its result."""
    local = Path(tempfile.mkdtemp(prefix=f"geowire-shard-{spec.shard_no}-"))
    try:
        local_spec = replace(spec, staging=str(local / "stage"), results_dir=str(local / "results"))
        result = process(local_spec)
        upload_tree(local / "stage", spec.staging)
        upload_tree(local / "results", spec.results_dir)
        return replace(result, staging=spec.staging)
    finally:
        shutil.rmtree(local, ignore_errors=True)
