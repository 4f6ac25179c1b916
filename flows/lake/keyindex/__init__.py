"""A compact sorted key index kept beside each dataset, so that asking the lake which of a
run's keys it holds costs O(k log n) binary searches instead of a scan of every file.

Per committed write, a segment: the sorted 64-bit hashes of the indexed columns' values and
the data file each came from (``segments.py``). A lookup hashes the run's keys, searches each
segment and CONFIRMS the hits by scanning only the data files named: a hash collision makes a
file a candidate, never a key a duplicate. Segments are merged so their number stays
logarithmic (``catalog.py``). The index is written in the commit that writes its data (in the
snapshot folder of a folder lake, ``folder.py``; named by the manifest on an object store,
``objectstore.py``), so it never disagrees with what readers see; an index that is missing or
stale is ignored (the lookup scans) and rebuilt from the data by the next commit.
"""

from __future__ import annotations

# The questions a run asks the lake about its keys: dedup (articles by id or content hash) and
# quarantine rows already published. Replacement asks by source_file, which is not indexed.
INDEXED: dict[str, list[str]] = {
    "articles": ["article_id", "content_hash"],
    "quarantine": ["quarantine_id"],
}


def indexed_columns(dataset: str, schema_names=None) -> list[str]:
    """The indexed columns of ``dataset`` (none when its schema, if given, lacks one of them)."""
    columns = INDEXED.get(dataset, [])
    if schema_names is not None and not set(columns) <= set(schema_names):
        return []
    return columns


def serves(dataset: str, columns) -> bool:
    """Does the index of ``dataset`` answer questions about all of ``columns``?"""
    indexed = set(indexed_columns(dataset))
    return bool(indexed) and set(columns) <= indexed
