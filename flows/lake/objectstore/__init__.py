"""The lake on an object store (``s3://bucket/lake`` or any fsspec URL): manifests, journals,
a conditional-write lock. See ``store.py`` for the layout and ``transaction.py`` for a commit."""

from .lock import ObjectLock
from .manifest import read_manifest, repair
from .read import manifest_urls, scan_object_dataset
from .store import ObjectLake, ensure_object_writable, is_object_url, open_object_lake
from .transaction import ObjectTransaction

__all__ = [
    "ObjectLake", "ObjectLock", "ObjectTransaction", "ensure_object_writable", "is_object_url",
    "manifest_urls", "open_object_lake", "read_manifest", "repair", "scan_object_dataset",
]
