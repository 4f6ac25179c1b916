"""fsspec options shared by everything that opens a URL (inputs, the lake, staged shards)."""

from __future__ import annotations

from typing import Any

import fsspec


def storage_options(protocol: str) -> dict[str, Any]:
    """fsspec options for ``protocol``: the S3 endpoint from the environment, and no listing
    cache (a long-lived process must see other runs' commits and deletions)."""
    if protocol not in ("s3", "s3a"):
        return {}
    options: dict[str, Any] = {"use_listings_cache": False}
    from flows.settings import environment_settings  # the endpoint of this process's store

    endpoint = environment_settings().s3_endpoint
    if endpoint:
        options["endpoint_url"] = endpoint
    return options


def url_to_fs(url: str):
    """(fsspec filesystem, path inside it) for a local path or a URL, with our options."""
    protocol = url.split("://", 1)[0] if "://" in url else "file"
    return fsspec.url_to_fs(url, **storage_options(protocol))
