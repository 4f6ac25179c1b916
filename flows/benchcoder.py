"""`make bench`: the event coder alone on real news text, the Guardian sample of ../shared
(skipped when it is absent).

    python -m flows.benchcoder [--shared ../shared] [--articles 0]

Runs the relevance and coding stages (`article_relevance`, `code_articles`) in this process, on
one core, after a warm-up (model, dictionaries and place tables loaded), and prints articles/s
(wall and CPU) and the share of the coding CPU time spent in the model: the tagger and parser
on the candidate sentences, and the NER on those whose place names need it.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

from flows.benchreal import REPO, guardian_rows


def guardian_articles(shared: Path, limit: int = 0) -> pl.DataFrame | None:
    """The Guardian sample as an articles frame (its own dates), None when it is absent."""
    rows = guardian_rows(shared)
    if rows is None:
        return None
    rows = rows[:limit] if limit else rows
    dates = [datetime.fromisoformat(r["date"]).replace(tzinfo=timezone.utc) if r.get("date") else None for r in rows]
    return pl.DataFrame({"article_id": [f"{i:032x}" for i in range(len(rows))], "text": [r["text"] for r in rows],
                         "published_at": dates, "language": ["en"] * len(rows), "source": [r["source"] for r in rows]},
                        schema_overrides={"published_at": pl.Datetime("us", "UTC")})


def bench_coder(console: Console, shared: Path, limit: int = 0) -> dict | None:
    """Relevance and coding of the Guardian sample: wall and CPU seconds, the model's share."""
    from flows.coding.dictionaries import load_dictionaries
    from flows.coding.mentions import code_articles
    from flows.coding.parse import SPENT
    from flows.coding.relevance import article_relevance
    from flows.coding.verbs import load_verbs

    articles = guardian_articles(shared, limit)
    if articles is None:
        console.print(f"[yellow]no Guardian sample under {shared}: coder benchmark skipped[/yellow]")
        return None
    dictionaries = load_dictionaries()
    verbs = load_verbs(codebook=frozenset(dictionaries.codebook))
    code_articles(articles.head(3), dictionaries, verbs)  # warm up: model, automata, place tables
    before = dict(SPENT)
    wall, cpu = time.perf_counter(), time.process_time()
    hits: dict[str, list] = {}
    judged = articles.with_columns(article_relevance(articles, dictionaries, hits))
    mentions = code_articles(judged, dictionaries, verbs, hits=hits)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    spent = {k: SPENT[k] - before.get(k, 0.0) for k in SPENT}
    figures = {"articles": articles.height, "mentions": mentions.height, "wall": wall, "cpu": cpu, **spent}
    console.print(coder_table(figures))
    return figures


def coder_table(f: dict) -> Table:
    n = f["articles"]
    table = Table(title=f"event coder on real text (Guardian sample): {n} articles, {f['mentions']:,} mentions")
    for col in ("", "CPU seconds", "share", "sentences"):
        table.add_column(col, justify="right")
    table.add_row("relevance + coding", f"{f['cpu']:.2f}", "100%", "")
    for kind, label in (("parse", "tagger + parser"), ("entities", "NER")):
        seconds = f.get(f"{kind} seconds", 0.0)
        table.add_row(label, f"{seconds:.2f}", f"{seconds / f['cpu']:.0%}", f"{int(f.get(f'{kind} sentences', 0)):,}")
    table.caption = (f"{n / f['cpu']:,.1f} articles per CPU second; {n / f['wall']:,.1f} articles/s wall "
                     f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.benchcoder", description=__doc__)
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--articles", type=int, default=0, help="the first N articles only (0: all)")
    args = parser.parse_args(argv)
    bench_coder(Console(), Path(args.shared), args.articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
