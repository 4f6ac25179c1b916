"""The real-news figures `make eval` prints first.

    python -m flows.coding.realnews.report [--errors] [--half dev|heldback] [--from-id rn1201]

Runs `geowire run` over the set's sources in ../shared into a temporary lake, finds the set's
sentences in it, and prints precision, recall and F1 at three levels, false events per 100
sentences and the share of events from non-political articles, each with a 95% interval, for
the development half, the held-back half and both. Skips with a message without ../shared.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl

from .corpus import SET_DIR, extract, shared_root
from .score import (LEVELS, POLITICAL, Item, article_counts, attach_predictions, certain_counts, interval,
                    load_items, prf, read_jsonl, resample)

HALVES = (("development half", "dev"), ("held-back half", "heldback"), ("both halves", None))


def _ci(value: float, values: np.ndarray, scale: float = 1.0, fmt: str = "{:.3f}") -> str:
    lo, hi = interval(values * scale)
    return f"{fmt.format(value * scale)} [{fmt.format(lo)}, {fmt.format(hi)}]"


def sentence_figures(items: list[Item]) -> list[str]:
    _, table = article_counts(items)
    total, boot = table.sum(axis=0), resample(table)
    lines = [f"  {'level':<16}{'precision':<22}{'recall':<22}F1"]
    for level, name in enumerate(LEVELS):
        c = slice(1 + 3 * level, 4 + 3 * level)
        point = prf(*total[c])
        spread = prf(*boot[:, c].T)
        cells = [_ci(float(point[k]), spread[k]) for k in range(3)]
        lines.append(f"  {name:<16}{cells[0]:<22}{cells[1]:<22}{cells[2]}")
    fp = 1 + 3 * 1 + 1  # root+countries false positives
    per100 = boot[:, fp] / np.maximum(boot[:, 0], 1)
    lines.append(f"  false events per 100 sentences (root+countries): "
                 f"{_ci(total[fp] / total[0], per100, 100, '{:.1f}')}")
    sure = certain_counts(items)
    found, boot_sure = sure.sum(axis=0), resample(sure)
    if found.sum():
        recall = boot_sure[:, 0] / np.maximum(boot_sure.sum(axis=1), 1)
        lines.append(f"  recall (root+countries) of the {found.sum()} events not marked uncertain: "
                     f"{_ci(found[0] / found.sum(), recall)}")
    return lines


def topic_figures(mentions: pl.DataFrame, articles: pl.DataFrame, topics: dict[str, str],
                  keys: set[str]) -> str:
    """Share of all coded events in the set's articles that come from non-political ones."""
    kept = mentions.filter(~pl.col("negated") & ~pl.col("hypothetical"))
    per_article = kept.group_by("article_id").len()
    ids = articles.filter(pl.col("key").is_in(list(keys))).select("article_id", "key")
    table = ids.join(per_article, on="article_id", how="left").fill_null(0)
    rows = np.array([[n, n if topics.get(k) != POLITICAL else 0]
                     for k, n in table.select("key", "len").iter_rows()], dtype=np.int64)
    if not len(rows) or rows[:, 0].sum() == 0:
        return "  events from non-political articles: no events"
    boot = resample(rows)
    share = boot[:, 1] / np.maximum(boot[:, 0], 1)
    return (f"  events from non-political articles: {_ci(rows[:, 1].sum() / rows[:, 0].sum(), share, 100, '{:.1f}')}%"
            f" of {rows[:, 0].sum():,} events in {len(rows)} articles")


def report(errors: bool = False, only: str | None = None, from_id: str | None = None) -> str:
    """The figures of every half, or of ``only`` one ("dev" while tuning: the held-back half is
    read once per coder version); ``from_id``: only the sentences from that id on (a later draw,
    which rules written before it was annotated were not tuned on)."""
    root = shared_root()
    if root is None:
        return "real-news set: ../shared not found (it holds the articles), skipped"
    if not (SET_DIR / "annotations.jsonl").exists():
        return f"real-news set: {SET_DIR}/annotations.jsonl missing, skipped"
    items = [it for it in load_items() if from_id is None or it.id >= from_id]
    sentences = read_jsonl(SET_DIR / "sentences.jsonl")
    topics = {a["article"]: a["topic"] for a in read_jsonl(SET_DIR / "articles.jsonl")}
    with tempfile.TemporaryDirectory() as tmp:
        articles, mentions = extract(root, Path(tmp) / "lake")
    problems = attach_predictions(items, sentences, articles, mentions)
    items = [it for it in items if not any(p.startswith(it.id + ":") for p in problems)]
    non_political = sum(1 for it in items if it.topic != POLITICAL)
    heading = (f"real-news set (random sentences of real articles, annotated blind; NOT tuned on): "
               f"{len(items)} sentences from {len({it.key for it in items})} articles, "
               f"{non_political} from non-political articles" + (f"; only ids from {from_id} on" if from_id else ""))
    out = [heading]
    out += [f"  ! {p}" for p in problems]
    for label, half in HALVES:
        if only is not None and half != only:
            continue
        part = [it for it in items if half is None or it.half == half]
        keys = {it.key for it in part}
        out.append(f" {label}: {len(part)} sentences, {len(keys)} articles, "
                   f"{sum(len(it.gold[1]) for it in part)} annotated events "
                   f"({sum(it.uncertain for it in part)} marked uncertain)")
        out += sentence_figures(part)
        out.append(topic_figures(mentions, articles, topics, keys))
    if errors:
        out += [line for it in items if it.half == "dev" and it.gold[1] != it.predicted[1]
                for line in _mismatch(it)]
    return "\n".join(out)


def _mismatch(item: Item) -> list[str]:
    """A development sentence the coder got wrong: what was expected, what came out, its text."""
    return [(f"    {item.id} ({item.half}): expected {sorted(item.gold[1], key=str)} "
             f"got {sorted(item.predicted[1], key=str)}"),
            f"      {' '.join(item.text.split())}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the development half's mismatches")
    parser.add_argument("--half", choices=("dev", "heldback"),
                        help="print only this half (tune on `dev`; read `heldback` once per coder version)")
    parser.add_argument("--from-id", help="only the sentences from this id on (e.g. rn1201, a later draw)")
    args = parser.parse_args(argv)
    print(report(args.errors, args.half, args.from_id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
