"""URL canonicalisation and publisher domains.

courlan (a trafilatura dependency) does the normalisation: lowercase scheme and host,
default port dropped, path cleaned, tracking parameters (utm_*, fbclid, gclid, …) dropped
and the rest sorted. Here: validation (absolute http(s) URL with a real host), fragments
dropped, a few more tracking parameters, and the registered domain via ``tld``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

import polars as pl
from courlan import normalize_url
from tld import get_fld

# tracking parameters courlan's own list does not cover (compared lowercased)
EXTRA_TRACKING_PARAMS = frozenset(
    {
        "cmpid", "ocid", "smid", "ref_src", "ref_url", "s_cid", "igshid", "mkt_tok",
        "_hsenc", "_hsmi", "__twitter_impression", "spm", "sr_share", "cmp",
    }
)
_HOST_RE = re.compile(r"^(?:[\w-]+\.)+[\w-]{2,}$|^\d{1,3}(?:\.\d{1,3}){3}$")


def _valid_parts(url: str):
    """The split URL when it is an absolute http(s) URL with a plausible host, else None."""
    if not url or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if not _HOST_RE.match(parts.hostname):
        return None
    return parts


@lru_cache(maxsize=65536)
def canonical_url(url: str | None) -> str | None:
    """Canonical form of ``url``; None for a missing, relative or invalid URL."""
    parts = _valid_parts(url.strip()) if url else None
    if parts is None:
        return None
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in EXTRA_TRACKING_PARAMS
    ]
    parts = parts._replace(path=parts.path or "/", query=urlencode(query), fragment="")
    try:
        return normalize_url(parts, strict=False)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def registered_domain(url: str | None) -> str | None:
    """The URL's registered domain (eTLD+1, e.g. ``bbc.co.uk``) without ``www.``."""
    parts = _valid_parts(url.strip()) if url else None
    if parts is None:
        return None
    host = parts.hostname.lower()
    domain = get_fld(host, fix_protocol=True, fail_silently=True) or host
    return domain.removeprefix("www.")


def canonical_urls(urls: pl.Series) -> pl.Series:
    """``canonical_url`` over a String series."""
    return pl.Series(urls.name, [canonical_url(u) for u in urls.to_list()], dtype=pl.String)


def registered_domains(urls: pl.Series) -> pl.Series:
    """``registered_domain`` over a String series."""
    return pl.Series(
        urls.name, [registered_domain(u) for u in urls.to_list()], dtype=pl.String
    )
