"""Precision audit: random coded events from a lake, in a form a person can judge line by line.

    python -m flows.coding.audit --sample N --seed S LAKE [--csv FILE]

Each event (a mention that is neither negated nor hypothetical) is printed with its sentence,
the source actor marked ⟦1 … ⟧, the target ⟦2 … ⟧ and the event word ⟦E … ⟧, its codes and the
rule that fired. ``--csv`` also writes them with empty judgement columns (root_ok,
countries_ok, full_ok: y/n) to fill in.
"""
from __future__ import annotations

import argparse
import csv
import sys
import textwrap
from pathlib import Path

import polars as pl

from .text import split_sentences

CSV_COLUMNS = ("n", "mention_id", "source_file", "source_locator", "published_at", "sentence",
               "actor1_code", "actor1_name", "actor2_code", "actor2_name", "event_code", "quad_class",
               "goldstein", "rule", "confidence", "root_ok", "countries_ok", "full_ok", "note")


def read(lake: Path, dataset: str, columns: list[str]) -> pl.DataFrame:
    files = sorted((lake / dataset).rglob("*.parquet"))
    if not files:
        raise SystemExit(f"{lake / dataset}: no Parquet files (is {lake} a geowire lake?)")
    return pl.concat([pl.read_parquet(f, columns=columns, hive_partitioning=False) for f in files])


def sample_events(lake: Path, n: int, seed: int) -> list[dict]:
    mentions = read(lake, "mentions", ["mention_id", "article_id", "sentence_index", "actor1_start",
                                        "actor1_end", "actor2_start", "actor2_end", "action_start",
                                        "action_end", "actor1_code", "actor1_name", "actor2_code",
                                        "actor2_name", "event_code", "quad_class", "goldstein", "rule",
                                        "confidence", "negated", "hypothetical"])
    kept = mentions.filter(~pl.col("negated") & ~pl.col("hypothetical")).sort("mention_id")
    picked = kept.sample(min(n, len(kept)), seed=seed, shuffle=True) if len(kept) else kept
    articles = read(lake, "articles", ["article_id", "text", "source_file", "source_locator", "published_at"])
    picked = picked.join(articles, on="article_id", how="left")
    return [dict(r, sentence=marked_sentence(r)) for r in picked.iter_rows(named=True)]


def marked_sentence(row: dict) -> str:
    """The mention's sentence with its actors' and action's spans marked."""
    text = row["text"] or ""
    spans = split_sentences(text)
    s0, s1 = spans[row["sentence_index"]] if row["sentence_index"] < len(spans) else (0, len(text))
    marks = []
    for label, a, b in (("1", row["actor1_start"], row["actor1_end"]),
                        ("2", row["actor2_start"], row["actor2_end"]),
                        ("E", row["action_start"], row["action_end"])):
        if a is not None and b is not None and b > a and s0 <= a and b <= s1:
            marks += [(b, 0, "⟧"), (a, 1, f"⟦{label} ")]
    out = text[s0:s1]
    for pos, _, mark in sorted(marks, reverse=True):
        out = out[:pos - s0] + mark + out[pos - s0:]
    return " ".join(out.split())


def render(events: list[dict]) -> str:
    lines = []
    for n, e in enumerate(events, start=1):
        lines.append(f"#{n}  {e['event_code']}  {e['actor1_code']} ({e['actor1_name']}) -> "
                     f"{e['actor2_code'] or '-'} ({e['actor2_name'] or '-'})  q{e['quad_class']} "
                     f"g{e['goldstein']}  rule {e['rule']}")
        lines.append(f"    {Path(e['source_file'] or '').name} {e['source_locator']}")
        lines += textwrap.wrap(e["sentence"], 100, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)


def write_csv(events: list[dict], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for n, e in enumerate(events, start=1):
            writer.writerow({**e, "n": n, "published_at": e["published_at"]})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lake", type=Path)
    parser.add_argument("--sample", type=int, default=50, help="events to draw (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", type=Path, help="also write the events here, with judgement columns")
    args = parser.parse_args(argv)
    if args.sample < 1:
        parser.error("--sample must be at least 1")
    if not args.lake.is_dir():
        parser.error(f"{args.lake}: no such lake folder")
    events = sample_events(args.lake, args.sample, args.seed)
    print(render(events))
    if args.csv:
        write_csv(events, args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
