"""Manifests (the truth of what a dataset holds), commit journals, and repair.

A manifest ``_manifests/<dataset>.json`` lists the committed files of a dataset (paths relative
to the lake root, with row counts) and a version that grows by one per commit. Writing it is a
single PUT, so a reader that starts from the manifest sees one committed version or the next.

A commit is applied from a journal ``_journal/<run_id>.json`` written once every new file is
uploaded: it holds the complete new manifests and the keys of the files they replace. Applying
it (writing the manifests that are behind, deleting the replaced files, deleting the journal)
can be repeated any number of times, which is what makes a crash at any point recoverable.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from ..keyindex.objectstore import remove_index_orphans
from ..layout import DATASETS, LakeError
from .store import JOURNAL, MANIFESTS, STAGING, ObjectLake

FORMAT = 1
_OURS = re.compile(r"^part-[A-Za-z0-9._-]+\.parquet$")  # the only names a geowire commit writes


def manifest_key(lake: ObjectLake, dataset: str) -> str:
    return lake.key(MANIFESTS, f"{dataset}.json")


def read_manifest(lake: ObjectLake, dataset: str) -> dict | None:
    """A dataset's committed manifest, or None for a dataset never published."""
    manifest, _ = lake.read_json(manifest_key(lake, dataset))
    if manifest is None:
        return None
    if manifest.get("format") != FORMAT or manifest.get("dataset") != dataset or "files" not in manifest:
        raise LakeError(f"{lake.url_of(MANIFESTS, dataset + '.json')}: not a geowire manifest (format {FORMAT})")
    return manifest


def new_manifest(dataset: str, previous: dict | None, run_id: str, files: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "dataset": dataset,
        "version": (previous["version"] if previous else 0) + 1,
        "run_id": run_id,
        "committed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "files": sorted(files, key=lambda f: f["path"]),
    }


def journal_key(lake: ObjectLake, run_id: str) -> str:
    return lake.key(JOURNAL, f"{run_id}.json")


def write_journal(lake: ObjectLake, run_id: str, manifests: dict[str, dict], deletes: list[str]) -> dict:
    """The commit point: once this object exists, the run is published (repair finishes it)."""
    journal = {"format": FORMAT, "run_id": run_id, "manifests": manifests, "deletes": sorted(deletes)}
    try:
        lake.create_json(journal_key(lake, run_id), journal)
    except FileExistsError:
        raise LakeError(f"{lake.url_of(JOURNAL, run_id + '.json')} already exists: run id reused") from None
    return journal


def apply_journal(lake: ObjectLake, journal: dict) -> None:
    """Write the manifests that are behind, delete the replaced files, drop the journal."""
    for dataset, manifest in sorted(journal["manifests"].items()):
        current = read_manifest(lake, dataset)
        if current is None or current["version"] < manifest["version"]:
            lake.write_json(manifest_key(lake, dataset), manifest)
    lake.delete([lake.key(path) for path in journal["deletes"]])
    lake.delete([journal_key(lake, journal["run_id"])])


def roll_forward(lake: ObjectLake) -> list[str]:
    """Finish every journaled commit (a run killed after its commit point)."""
    finished = []
    for key in sorted(lake.fs.glob(lake.key(JOURNAL, "*.json"))):
        journal, _ = lake.read_json(key)
        if journal is None:
            continue
        if journal.get("format") != FORMAT or "manifests" not in journal:
            raise LakeError(f"{lake.fs.unstrip_protocol(key)}: not a geowire commit journal")
        apply_journal(lake, journal)
        finished.append(journal["run_id"])
    return finished


def committed_paths(lake: ObjectLake, dataset: str) -> set[str]:
    manifest = read_manifest(lake, dataset)
    return {f["path"] for f in manifest["files"]} if manifest else set()


def remove_orphans(lake: ObjectLake, datasets: tuple[str, ...] = DATASETS) -> list[str]:
    """Delete the files of runs that never reached their commit point.

    Call it with the lock held and no journal left (after ``roll_forward``): then every
    ``part-*.parquet`` under a dataset prefix that its manifest does not list is an orphan.
    Anything else under a dataset prefix is not ours and stops the run.
    """
    orphans: list[str] = []
    foreign: list[str] = []
    for dataset in datasets:
        keep = committed_paths(lake, dataset)
        for key in lake.fs.find(lake.key(dataset)):
            rel = key[len(lake.root) + 1:]
            if rel in keep:
                continue
            (orphans if _OURS.match(rel.rsplit("/", 1)[-1]) else foreign).append(key)
    if foreign:
        shown = ", ".join(lake.fs.unstrip_protocol(k) for k in foreign[:3])
        raise LakeError(f"lake {lake.url}: objects not written by geowire under a dataset prefix: {shown}"
                        + (f" (and {len(foreign) - 3} more)" if len(foreign) > 3 else ""))
    lake.delete(orphans)
    return orphans


def repair(lake: ObjectLake) -> dict[str, list[str]]:
    """Roll journaled commits forward, delete orphans and stale remote staging (lock held)."""
    lake.fs.invalidate_cache()
    finished = roll_forward(lake)
    orphans = remove_orphans(lake)
    orphans += remove_index_orphans(lake, {d: read_manifest(lake, d) for d in DATASETS})
    staging = lake.key(STAGING)
    if lake.fs.exists(staging):
        lake.fs.rm(staging, recursive=True)
    lake.fs.invalidate_cache()
    return {"rolled_forward": finished, "orphans": orphans}
