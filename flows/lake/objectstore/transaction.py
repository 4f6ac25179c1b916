"""A run's publish to an object-store lake (S3 has no rename, so no snapshot swap).

    with ObjectLock(lake):
        txn = ObjectTransaction(lake, run_id)   # repairs: rolls journals forward, drops orphans
        txn.append(write) / txn.upsert(write)   # staged as local Parquet files
        txn.commit()

Commit: (1) build each dataset's new files locally (one file per partition and run; upserted
partitions rewritten with the replaced rows dropped) and its new manifest; (2) upload the new
files under unique names; (3) check the lock is still ours and write the journal (the commit
point); (4) apply it: write the manifests, delete the replaced files, delete the journal.
A crash before (3) leaves only orphans, which the next run's repair deletes; a crash after (3)
is finished by the next run's repair.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from ..keyindex import indexed_columns
from ..keyindex.objectstore import index_manifest
from ..layout import LakeError
from ..staged import StagedChanges
from ..write import DatasetWrite, merge_files, merge_upsert, without_deleted, write_file
from .migrate import migrate_object_layout
from .manifest import apply_journal, new_manifest, read_manifest, repair, write_journal
from .store import VALIDATION, ObjectLake

log = logging.getLogger(__name__)


@dataclass
class _Plan:
    manifest: dict
    uploads: list[tuple[Path, str]] = field(default_factory=list)  # local file → lake-relative path
    deletes: list[str] = field(default_factory=list)  # lake-relative paths replaced by this run


class ObjectTransaction(StagedChanges):
    def __init__(self, lake: ObjectLake, run_id: str):
        if lake.held_lock is None:
            raise LakeError(f"lake {lake.url}: a transaction needs the lake lock (use LakeLock)")
        self.lake, self.run_id = lake, run_id
        repair(lake)
        migrate_object_layout(lake)  # a lake written with hive folders, once
        self.staging = Path(tempfile.mkdtemp(prefix=f"geowire-{run_id}-"))
        self.results_dir = self.staging / VALIDATION  # GE results, uploaded when the run ends
        self._start_changes()

    def shard_locations(self, shard_no: int, on_store: bool) -> tuple[str, str]:
        """Local folders, or (``on_store``) ``<lake>/_staging/<run>/shards/<n>`` and ``<lake>/_validation``."""
        if on_store:
            return self.lake.shard_staging_url(self.run_id, shard_no), self.lake.url_of(VALIDATION)
        return super().shard_locations(shard_no, on_store)

    def commit(self) -> dict[str, str]:
        """Upload, journal, apply. Returns dataset → ``<version>-<run_id>`` of what changed."""
        self.lake.fs.invalidate_cache()
        plans = {name: plan for name, spec in self._writes.items() if (plan := self._plan(name, spec))}
        if plans:
            uploads = [u for plan in plans.values() for u in plan.uploads]
            self.lake.fs.put([str(p) for p, _ in uploads], [self.lake.key(rel) for _, rel in uploads])
            try:
                if self.lake.held_lock is None:
                    raise LakeError(f"lake {self.lake.url}: the lake lock was released before the commit")
                self.lake.held_lock.check()
            except LakeError:
                self.lake.delete([self.lake.key(rel) for _, rel in uploads])  # our own, unpublished
                raise
            journal = write_journal(self.lake, self.run_id, {n: p.manifest for n, p in plans.items()},
                                    [d for p in plans.values() for d in p.deletes])
            apply_journal(self.lake, journal)
        self._upload_results()
        shutil.rmtree(self.staging, ignore_errors=True)
        return {name: f"{plan.manifest['version']:06d}-{self.run_id}" for name, plan in plans.items()}

    def abort(self) -> None:
        try:
            self._upload_results()
        except OSError as exc:  # the run is failing already: say so, do not mask its error
            log.warning("could not upload the validation results of run %s: %s", self.run_id, exc)
        shutil.rmtree(self.staging, ignore_errors=True)

    def _upload_results(self) -> None:
        folder = self.results_dir / self.run_id
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        if files:
            self.lake.fs.put([str(f) for f in files], [self.lake.key(VALIDATION, self.run_id, f.name) for f in files])

    def _plan(self, name: str, spec: DatasetWrite) -> _Plan | None:
        changes = self.pending(name, spec)
        if changes is None:
            return None  # nothing new: the manifest and files stay as they are (idempotent)
        current = read_manifest(self.lake, name)
        files = {f["path"]: f for f in current["files"]} if current else {}
        out = self.staging / "_commit" / name
        plan = _Plan(manifest={})
        for part, group in changes.appended.items():
            dest = out / part / f"part-{self.run_id}.parquet"
            merge_files(group, dest)
            plan.uploads.append((dest, _rel(name, part, dest.name)))
        if changes.deletions:  # upserted partitions are rewritten whole below, without the deleted rows
            self._plan_deletions(spec, changes.deletions, files, out, plan, {_rel(name, p) for p in changes.upserts})
        for part, frame in changes.upserts.items():
            replaced = sorted(p for p in files if p.rsplit("/", 1)[0] == _rel(name, part))
            frame = merge_upsert(self._read(replaced, spec), frame, spec.key, changes.deletions)
            dest = out / part / f"part-{self.run_id}-u.parquet"
            write_file(frame, spec.schema, spec.key, dest)
            plan.uploads.append((dest, _rel(name, part, dest.name)))
            plan.deletes += replaced
            for p in replaced:
                files.pop(p)
        for local, rel in plan.uploads:
            if rel in files:
                raise LakeError(f"{self.lake.url_of(rel)} is already committed: run id {self.run_id!r} reused")
            meta = pq.read_metadata(local)
            files[rel] = {"path": rel, "rows": meta.num_rows, "bytes": local.stat().st_size}
        plan.manifest = new_manifest(name, current, self.run_id, list(files.values()))
        if columns := indexed_columns(name, spec.schema.names):
            self._plan_index(name, current, columns, out, plan)
        return plan

    def _plan_index(self, name: str, current: dict | None, columns: list[str], out: Path, plan: _Plan) -> None:
        """The dataset's key index for the new manifest: its catalog goes in the manifest, its
        new segments are uploaded with the data, the segments merged away deleted with the
        files replaced."""
        new_files = {rel: local for local, rel in plan.uploads}
        catalog, uploads, deletes = index_manifest(
            self.lake, name, current, [f["path"] for f in plan.manifest["files"]], columns, out / "_index",
            new_files, prefix=f"{plan.manifest['version']:06d}-{self.run_id}")
        if catalog is not None:
            plan.manifest["keyindex"] = catalog
        plan.uploads += uploads
        plan.deletes += deletes

    def _plan_deletions(self, spec, deletions, files: dict, out: Path, plan: _Plan, skip: set) -> None:
        """Rewrite (under new names) the committed files that hold deleted rows."""
        for rel in sorted(files):
            if rel.rsplit("/", 1)[0] in skip:
                continue
            with self.lake.fs.open(self.lake.key(rel), "rb") as fh:
                kept = without_deleted(fh, spec.file_schema, deletions)
            if kept is None:
                continue
            plan.deletes.append(rel)
            files.pop(rel)
            if kept.height:
                dest = out / f"{rel.rsplit('.', 1)[0]}-d{self.run_id}.parquet"
                write_file(kept, spec.schema, spec.key, dest)
                plan.uploads.append((dest, f"{rel.rsplit('.', 1)[0]}-d{self.run_id}.parquet"))

    def _read(self, rels: list[str], spec: DatasetWrite) -> pl.DataFrame | None:
        """The rows of committed files (None for none)."""
        if not rels:
            return None
        tables = []
        for rel in rels:
            with self.lake.fs.open(self.lake.key(rel), "rb") as fh:
                tables.append(pq.read_table(fh, schema=spec.file_schema))
        return pl.from_arrow(pa.concat_tables(tables))


def _rel(*parts: str) -> str:
    return "/".join(p for p in parts if p)
