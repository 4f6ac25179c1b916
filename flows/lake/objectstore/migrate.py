"""Convert an object-store lake written with hive folders (``<dataset>/year=2025/month=02/``)
to the current layout (``<dataset>/2025-02/``, year and month stored in the files).

Runs when a transaction opens the lake (the lock held): the converted files are uploaded under
their new names, then one journal switches the manifests and deletes the old files, exactly as
a run commits, so manifest readers see the old files or the new ones.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq

from ..layout import DATASETS, is_legacy_partition
from ..migrate import convert_file, new_partition
from .manifest import apply_journal, new_manifest, read_manifest, write_journal
from .store import ObjectLake


def _split(rel: str) -> tuple[str, str, str]:
    """(dataset, partition folder, file name) of a lake-relative data file path."""
    dataset, rest = rel.split("/", 1)
    part, _, name = rest.rpartition("/")
    return dataset, part, name


def migrate_object_layout(lake: ObjectLake) -> list[str]:
    """Convert the datasets whose manifest still lists hive-folder files; return their names."""
    run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}Z-layout"
    manifests, deletes, uploads = {}, [], []
    with tempfile.TemporaryDirectory(prefix="geowire-layout-") as tmp:
        for dataset in DATASETS:
            current = read_manifest(lake, dataset)
            old = [f for f in current["files"] if is_legacy_partition(_split(f["path"])[1])] if current else []
            if not old or current is None:
                continue
            files = {f["path"]: f for f in current["files"]}
            for entry in old:
                _, part, name = _split(entry["path"])
                rel = f"{dataset}/{new_partition(part)}/{name}"
                local = Path(tmp) / rel
                with lake.fs.open(lake.key(entry["path"]), "rb") as fh:
                    convert_file(fh, part, local)
                uploads.append((local, rel))
                files.pop(entry["path"])
                files[rel] = {"path": rel, "rows": pq.read_metadata(local).num_rows, "bytes": local.stat().st_size}
                deletes.append(entry["path"])
            manifests[dataset] = new_manifest(dataset, current, run_id, list(files.values()))
        if not manifests:
            return []
        lake.fs.put([str(p) for p, _ in uploads], [lake.key(rel) for _, rel in uploads])
    lake.held_lock.check()
    apply_journal(lake, write_journal(lake, run_id, manifests, deletes))
    return sorted(manifests)
