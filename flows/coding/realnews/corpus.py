"""Find the real articles in ``../shared`` and extract them with geowire itself.

The pipeline (``geowire run``) runs over the source files into a temporary lake, so the
sentences are those of the text geowire publishes, and the events those it codes.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import polars as pl

from flows.settings import environment_settings

REPO = Path(__file__).resolve().parents[3]
SET_DIR = REPO / "data" / "eval" / "realnews"
# the English news and web pages of ../shared named by the yardstick issue
SOURCES = ("samples/csv/guardian_sample.csv", "samples/html/newspaper4k", "samples/html/goose3",
           "samples/html/trafilatura", "samples/json/news_please_sample.json",
           "samples/warc/dolma", "samples/warc/resiliparse")


def shared_root() -> Path | None:
    """``$GEOWIRE_SHARED`` or the ``shared`` folder beside the checkout; None when absent."""
    root = environment_settings().shared or REPO.parent / "shared"
    return root if (root / "samples").is_dir() else None


def run_pipeline(paths: list[Path], lake: Path) -> None:
    """``geowire run PATHS --lake LAKE`` in a subprocess; raises with its output when it fails."""
    cmd = [sys.executable, "-m", "flows.cli", "run", *map(str, paths), "--lake", str(lake)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"geowire run failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def read_dataset(lake: Path, name: str) -> pl.DataFrame:
    files = sorted((lake / name).rglob("*.parquet"))
    if not files:
        return pl.DataFrame()
    return pl.concat([pl.read_parquet(f, hive_partitioning=False) for f in files], how="diagonal_relaxed")


def relative_file(path: str, root: Path) -> str:
    """A source file as a path relative to the shared folder (``samples/csv/…``)."""
    return str(Path(path).resolve().relative_to(root.resolve()))


def article_key(file: str, locator: str) -> str:
    """A short stable key for one article: its file and its locator in that file."""
    return hashlib.sha1(f"{file}\x00{locator}".encode()).hexdigest()[:16]


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def extract(root: Path, lake: Path, files: list[str] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Run the pipeline over ``files`` (default: SOURCES) and return (articles, mentions).

    Articles carry ``file`` (relative to ``root``), ``locator`` and ``key`` columns.
    """
    run_pipeline([root / f for f in (files or SOURCES)], lake)
    articles = read_dataset(lake, "articles")
    articles = articles.with_columns(
        pl.col("source_file").map_elements(lambda p: relative_file(p, root), return_dtype=pl.String).alias("file"),
        pl.col("source_locator").alias("locator"))
    articles = articles.with_columns(
        pl.struct("file", "locator").map_elements(lambda s: article_key(s["file"], s["locator"]),
                                                  return_dtype=pl.String).alias("key"))
    return articles, read_dataset(lake, "mentions")
