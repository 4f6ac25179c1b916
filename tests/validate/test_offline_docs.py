"""Data Docs work with no network: every script, stylesheet and image is a local file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from flows.validate import build_data_docs, load_contract, save_result, validate_batch
from flows.validate.offline import localise_page
from tests.validate.rows import BUILDERS, valid_frame

DATASETS = sorted(BUILDERS)  # articles, events, mentions, quarantine, runs
ASSET = re.compile(r"""(?:<script\b[^>]*\bsrc|<link\b[^>]*\bhref|<img\b[^>]*\bsrc)\s*=\s*["']([^"']+)["']"""
                   r"""|url\(\s*["']?([^"')]+)""", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docs")
    for i, dataset in enumerate(DATASETS):
        result = validate_batch(valid_frame(dataset), load_contract(dataset)).result
        save_result(result, tmp / "results", "20260101T000000Z-abc123", dataset, i)
    return build_data_docs(tmp / "results", tmp / "site")


def _assets(page: Path) -> list[str]:
    return [a or b for a, b in ASSET.findall(page.read_text(encoding="utf-8"))]


def test_pages_load_nothing_from_the_network(site):
    pages = sorted(site.parent.rglob("*.html"))
    assert len(pages) == 1 + 2 * len(DATASETS)  # index, a suite page and a result page per dataset
    for page in pages:
        assets = _assets(page)
        assert any(a.endswith("bootstrap.min.css") for a in assets), page
        for asset in assets:
            assert not re.match(r"(https?:)?//", asset), f"{page}: {asset}"
            assert (page.parent / asset).resolve().is_file(), f"{page}: {asset} is missing"


def test_every_dataset_has_a_result_page_named_after_its_run(site):
    index = site.read_text(encoding="utf-8")
    for dataset in DATASETS:
        assert f"{dataset}.v1" in index
        (page,) = site.parent.glob(f"validations/{dataset}/v1/20260101T000000Z-abc123/*/*.html")
        html = page.read_text(encoding="utf-8")
        assert "__none__" not in html
        assert re.search(r"Run Name</div></td><td[^>]*><div[^>]*>20260101T000000Z-abc123<", html)


def test_unknown_remote_assets_are_dropped():
    html = ('<script src="https://example.invalid/x.js"></script>'
            '<link rel="stylesheet" href="https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css">'
            '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
            '<a href="https://greatexpectations.io">a link stays a link</a>')
    assert localise_page(html, "static/vendor", {"jquery.min.js"}) == (
        '<script src="static/vendor/jquery.min.js"></script>'
        '<a href="https://greatexpectations.io">a link stays a link</a>')


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="headless Chromium (Debian package chromium) is not installed")
def test_index_tables_render_in_a_browser_with_no_network(site, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
         f"--user-data-dir={tmp_path}", "--proxy-server=127.0.0.1:9", "--dump-dom", site.as_uri()],
        capture_output=True, text=True, timeout=120, check=True).stdout
    table = dom.split('id="section-1-content-block-2-1-body-table"')[1].split("</table>")[0]
    assert table.count("<tr") == 1 + len(DATASETS)  # heading + one row per validated batch
    assert 'data-href="validations/' in table
