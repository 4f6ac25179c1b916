"""Score the coder on the real-news set, with 95% intervals from an article bootstrap.

For each annotated sentence the coder's events are those of the lake geowire writes from the
set's source files (mentions neither negated nor hypothetical), at three levels: root code;
root code with the source's and target's country (or first three letters of an actor code
without a country: IGO, CVL…); full actor and event codes. Intervals resample whole articles
(sentences of one article are not independent), 2,000 times with a fixed seed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ..text import split_sentences
from .corpus import SET_DIR, sentence_hash

LEVELS = ("root", "root+countries", "full code")
POLITICAL = "politics"
REPLICATES, CI_SEED = 2000, 7


@dataclass
class Item:
    id: str
    key: str            # article key
    half: str
    stratum: str
    topic: str
    gold: tuple[set, set, set]
    predicted: tuple[set, set, set] = (set(), set(), set())
    uncertain: int = 0  # annotated events marked uncertain
    certain: frozenset = frozenset()  # root+countries of the events not marked uncertain
    text: str = ""      # the sentence as geowire extracted it (set by attach_predictions)
    article_id: str = ""  # where attach_predictions found it: its article and sentence index
    index: int = -1


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_levels(events: list[dict]) -> tuple[set, set, set]:
    full = {(e["source"], e.get("target"), str(e["code"])) for e in events}
    countries = {(c[:2], s[:3], t[:3] if t else None) for s, t, c in full}
    return {c[:2] for _, _, c in full}, countries, full


def mention_levels(rows: list[dict]) -> tuple[set, set, set]:
    out: tuple[set, set, set] = (set(), set(), set())
    for r in rows:
        root = r["event_root_code"]
        c1 = r["actor1_country_code"] or r["actor1_code"][:3]
        c2 = (r["actor2_country_code"] or r["actor2_code"][:3]) if r["actor2_code"] else None
        out[0].add(root)
        out[1].add((root, c1, c2))
        out[2].add((r["actor1_code"], r["actor2_code"], r["event_code"]))
    return out


def load_items(set_dir: Path = SET_DIR, annotations_file: str = "annotations.jsonl") -> list[Item]:
    """The annotated sentences (those without an annotation are left out), with the events of
    ``annotations_file`` (the set's own annotation, or the second one of ``agreement``)."""
    annotations = {a["id"]: a for a in read_jsonl(set_dir / annotations_file)}
    topics = {a["article"]: a["topic"] for a in read_jsonl(set_dir / "articles.jsonl")}
    items = []
    for s in read_jsonl(set_dir / "sentences.jsonl"):
        if s["id"] in annotations:
            key = s.get("article") or ""
            events = annotations[s["id"]]["events"]
            sure = gold_levels([e for e in events if not e.get("uncertain")])[1]
            items.append(Item(s["id"], key, s["half"], s["stratum"], topics.get(key, "unknown"),
                              gold_levels(events), uncertain=sum(bool(e.get("uncertain")) for e in events),
                              certain=frozenset(sure)))
    return items


def _same_text(articles, s: dict) -> dict | None:
    """The article kept in place of the sentence's own when that one was a duplicate (the same
    text in another file of ../shared, e.g. a page's text beside its metadata JSON)."""
    for article in articles:
        if sentence_hash(article["text"][s["start"]:s["end"]]) == s["sha1"]:
            return article
    return None


def attach_predictions(items: list[Item], sentences: list[dict], articles: pl.DataFrame,
                       mentions: pl.DataFrame) -> list[str]:
    """Find each sentence in the extracted articles, set its predictions; returns problems."""
    by_place = {(a["file"], a["locator"]): a for a in articles.iter_rows(named=True)}
    kept = mentions.filter(~pl.col("negated") & ~pl.col("hypothetical")) if len(mentions) else mentions
    grouped: dict[tuple[str, int], list[dict]] = {}
    for r in kept.iter_rows(named=True):
        grouped.setdefault((r["article_id"], r["sentence_index"]), []).append(r)
    where = {s["id"]: s for s in sentences}
    problems = []
    for item in items:
        s = where[item.id]
        article = by_place.get((s["file"], s["locator"])) or _same_text(by_place.values(), s)
        if article is None:
            problems.append(f"{item.id}: {s['file']} {s['locator']} not extracted")
            continue
        text = article["text"][s["start"]:s["end"]]
        spans = split_sentences(article["text"])
        if sentence_hash(text) != s["sha1"] or (s["start"], s["end"]) not in spans:
            problems.append(f"{item.id}: sentence at {s['start']}-{s['end']} changed in {s['file']}")
            continue
        index = spans.index((s["start"], s["end"]))
        item.text, item.article_id, item.index = text, article["article_id"], index
        item.predicted = mention_levels(grouped.get((article["article_id"], index), []))
    return problems


def article_counts(items: list[Item]) -> tuple[list[str], np.ndarray]:
    """Per article: sentences, then tp, fp, fn for each level (an articles x 10 array)."""
    keys = sorted({it.key for it in items})
    row = {k: i for i, k in enumerate(keys)}
    table = np.zeros((len(keys), 1 + 3 * len(LEVELS)), dtype=np.int64)
    for it in items:
        r = table[row[it.key]]
        r[0] += 1
        for level in range(len(LEVELS)):
            g, p = it.gold[level], it.predicted[level]
            r[1 + 3 * level:4 + 3 * level] += (len(g & p), len(p - g), len(g - p))
    return keys, table


def certain_counts(items: list[Item]) -> np.ndarray:
    """Per article: root+countries events not marked uncertain that the coder found, and missed."""
    keys = sorted({it.key for it in items})
    row = {k: i for i, k in enumerate(keys)}
    table = np.zeros((len(keys), 2), dtype=np.int64)
    for it in items:
        table[row[it.key]] += (len(it.certain & it.predicted[1]), len(it.certain - it.predicted[1]))
    return table


def prf(tp, fp, fn):
    """Precision, recall, F1 (arrays or scalars; 0 where undefined)."""
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        r = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    return p, r, f


def resample(table: np.ndarray, replicates: int = REPLICATES) -> np.ndarray:
    """Column sums of ``table`` over articles drawn with replacement: replicates x columns."""
    rng = np.random.default_rng(CI_SEED)
    picks = rng.integers(0, len(table), size=(replicates, len(table)))
    return table[picks].sum(axis=1)


def interval(values: np.ndarray) -> tuple[float, float]:
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(lo), float(hi)
