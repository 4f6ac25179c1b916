"""Make a built Data Docs site work with no network (the asset map is docs_assets.yaml).

GE's page templates load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from CDNs;
offline the index page stays empty (its tables are drawn by JavaScript). After GE has built
the site, :func:`make_offline` copies the files from installed Python packages into
``<site>/static/vendor/`` and rewrites every page to use them, dropping what has no copy.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

import yaml

ASSETS = Path(__file__).with_name("docs_assets.yaml")
VENDOR = Path("static") / "vendor"
VEGA_BUNDLE = "vega-bundle.js"
_TAG = re.compile(r"""<script\b[^>]*?\bsrc=["'](?P<js>https?://[^"']+)["'][^>]*>\s*</script>"""
                  r"""|<link\b[^>]*?\bhref=["'](?P<css>https?://[^"']+)["'][^>]*>""", re.I)
_IMAGE = re.compile(r"""(?P<head>\bsrc=["']|url\(\s*["']?)(?P<url>https?://[^"')\s]+\.(?:png|svg|gif|jpe?g|ico)[^"')\s]*)""", re.I)
_LOCAL_STATIC = re.compile(r"""(?P<head>(?:\bsrc|\bhref)=["']|url\(\s*["']?)(?:\.\.?/)*static/""", re.I)
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def asset_map() -> tuple[dict[str, tuple[str, str]], list[tuple[re.Pattern, str | None]]]:
    data = yaml.safe_load(ASSETS.read_text(encoding="utf-8"))
    files = {name: (module, rel) for name, (module, rel) in data["files"].items()}
    urls = [(re.compile(pattern), target) for pattern, target in data["urls"]]
    return files, urls


def _source(module: str, rel: str) -> Path:
    mod = importlib.import_module(module)
    base = Path(getattr(mod, "BASE_DIR", None) or Path(mod.__file__).parent)
    path = base / rel
    if not path.exists():
        raise FileNotFoundError(f"{path}: Data Docs asset not found in the installed {module} package")
    return path


def vendor_assets(site: Path, charts: bool) -> set[str]:
    """Copy the vendored files into ``<site>/static/vendor``; return their names."""
    files, _ = asset_map()
    vendor = site / VENDOR
    for name, (module, rel) in files.items():
        source, dest = _source(module, rel), vendor / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, dest)
    if charts:  # Vega, Vega-Lite and vega-embed as globals, bundled by vl-convert
        import vl_convert

        (vendor / VEGA_BUNDLE).write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    return set(files) | ({VEGA_BUNDLE} if charts else set())


def _target(url: str, available: set[str]) -> str | None:
    for pattern, target in asset_map()[1]:
        if pattern.search(url):
            return target if target in available else None
    log.warning("Data Docs: no offline copy of %s; the page will not load it", url)
    return None


def localise_page(html: str, vendor_rel: str, available: set[str]) -> str:
    """``html`` with its CDN scripts and stylesheets replaced by the vendored files (or dropped)
    and its remote images by GE's own logo."""
    def tag(m: re.Match) -> str:
        url = m.group("js") or m.group("css")
        target = _target(url, available)
        if target is None:
            return ""
        local = f"{vendor_rel}/{target}"
        return f'<script src="{local}"></script>' if m.group("js") else f'<link rel="stylesheet" href="{local}">'

    def image(m: re.Match) -> str:
        target = _target(m.group("url"), available)
        return m.group("head") + (f"{vendor_rel}/{target}" if target else "")

    return _IMAGE.sub(image, _TAG.sub(tag, html))


def fix_static_links(html: str, static_rel: str) -> str:
    """Point every ``static/`` reference at the site's static folder; GE writes some with a fixed
    depth that misses it on our deeper result pages (the favicon, for one)."""
    return _LOCAL_STATIC.sub(lambda m: f"{m.group('head')}{static_rel}/", html)


def make_offline(site: str | os.PathLike) -> list[Path]:
    """Vendor the assets into ``site`` and rewrite every page of it; return the pages."""
    site = Path(site)
    pages = sorted(site.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    available = vendor_assets(site, charts=any("vegaEmbed(" in text for text in texts.values()))
    for page, text in texts.items():
        static = Path(os.path.relpath(site / VENDOR.parent, page.parent)).as_posix()
        page.write_text(fix_static_links(localise_page(text, f"{static}/{VENDOR.name}", available), static),
                        encoding="utf-8")
    return pages
