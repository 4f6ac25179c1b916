"""The real-news DEVELOPMENT half's misses grouped by cause: `python -m flows.coding.diagnose --realnews-dev`.

Each dev sentence the coder gets wrong (root+countries level) falls in the first cause that applies,
in the order of the coder's stages:

    not extracted     the sentence is not found in the text geowire extracts
    non-political     the article is judged non-political (relevance), so none of it is coded
    no actor          the dictionaries find no actor in the sentence
    no event pattern  actors, but no verb or noun pattern matches (a parse candidate needs one)
    part of speech    patterns match the words, but the parser's tags reject every one
    negated/hypo      events are coded, all flagged negated or hypothetical (not counted)
    statement only    only reporting verbs survive the tags ("X said …": a bare statement is no event)
    no dyad           a pattern survives the tags, but no source is found (no event row)
    false event       events coded where none is annotated
    wrong root        events coded, none with an annotated root
    missed event      some annotated roots coded, others not
    wrong countries   every annotated root coded, some with other countries
    extra event       every annotated event coded, plus others

Only the development half is read: the held-back half's annotations are dropped as they load.
"""
from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ..coder import Coder, tag_and_read
from ..dictionaries import load_dictionaries
from ..matcher import match_verbs
from ..people import remember_people
from ..relevance import OTHER
from ..text import split_sentences, tokenize
from ..verbs import load_verbs
from .corpus import SET_DIR, extract, shared_root
from .score import Item, attach_predictions, load_items, read_jsonl

DEV = "dev"
CAUSES = ("ok", "not extracted", "non-political", "no actor", "no event pattern", "part of speech",
          "statement only", "negated/hypo", "no dyad", "false event", "wrong root", "missed event", "wrong countries",
          "extra event")


@dataclass
class Diagnosis:
    cause: str
    item: Item
    flagged: list[str]  # what was coded but flagged negated or hypothetical
    patterns: list[str]  # the patterns that matched the sentence's words (before the tags)


def dev_items(set_dir: Path = SET_DIR) -> list[Item]:
    return [it for it in load_items(set_dir) if it.half == DEV]


def _coder() -> Coder:
    dictionaries = load_dictionaries()
    return Coder(dictionaries, load_verbs(codebook=frozenset(dictionaries.codebook)))


def _stage(coder: Coder, article: dict, index: int) -> tuple[str | None, list[str]]:
    """Why a sentence (the article's `index`-th) yields no event row before dyads are built, with
    the patterns matched on its words; None when its patterns survive the tags."""
    text = article["text"] or ""
    if article.get("relevance") == OTHER:
        return "non-political", []
    s0, s1 = split_sentences(text)[index]
    tokens = tokenize(text, s0, s1)
    hits = [h for h in remember_people(coder.matcher, text, coder.matcher.find(text)) if s0 <= h.start < s1]
    actors = coder.matcher.resolve(hits, tokens, text, None)
    if not actors:
        return "no actor", []
    taken = frozenset(i for a in actors for i in range(a.start, a.end))
    patterns = [m.pattern.rule for m in match_verbs(tokens, coder.verbs, taken)]
    candidate = next((c for c in coder.candidates(article) if c.index == index), None)
    if candidate is None or not patterns:
        return "no event pattern", patterns
    tagged, acts = tag_and_read(coder, [(article, candidate)])
    read = acts[0] or coder.acts(article, candidate, tagged[0])  # a sentence only tagged has no acts read
    if not read.matches:
        return "part of speech", patterns
    if all("say" in m.pattern.flags for m in read.matches):
        return "statement only", patterns
    return None, patterns


def _outcome(item: Item) -> str:
    gold, got = item.gold[1], item.predicted[1]
    if not gold:
        return "false event"
    roots, got_roots = {t[0] for t in gold}, {t[0] for t in got}
    if not roots & got_roots:
        return "wrong root"
    if not roots <= got_roots:
        return "missed event"
    return "extra event" if gold <= got else "wrong countries"


def classify(items: list[Item], sentences: list[dict], articles: pl.DataFrame, mentions: pl.DataFrame,
             coder: Coder) -> list[Diagnosis]:
    """The cause of every item's outcome (`ok` when its root+countries set is right)."""
    problems = attach_predictions(items, sentences, articles, mentions)
    missing = {p.split(":", 1)[0] for p in problems}
    by_id = {a["article_id"]: a for a in articles.iter_rows(named=True)}
    flagged: dict[tuple[str, int], list[str]] = {}
    if len(mentions):
        for r in mentions.filter(pl.col("negated") | pl.col("hypothetical")).iter_rows(named=True):
            how = "negated" if r["negated"] else "hypothetical"
            flagged.setdefault((r["article_id"], r["sentence_index"]), []).append(
                f"{r['event_code']} {r['actor1_code']}>{r['actor2_code']} {how}")
    out = []
    for item in items:
        if item.id in missing:
            out.append(Diagnosis("not extracted", item, [], []))
            continue
        if item.gold[1] == item.predicted[1]:
            out.append(Diagnosis("ok", item, [], []))
            continue
        if item.predicted[1]:
            out.append(Diagnosis(_outcome(item), item, [], []))
            continue
        cause, patterns = _stage(coder, by_id[item.article_id], item.index)  # found by attach_predictions
        marks = flagged.get((item.article_id, item.index), [])
        if cause is None:
            cause = "negated/hypo" if marks else "no dyad"
        out.append(Diagnosis(cause, item, marks, patterns))
    return out


def run(set_dir: Path = SET_DIR) -> list[Diagnosis] | None:
    """Extract the set's sources with geowire and classify the dev half; None without ../shared."""
    root = shared_root()
    if root is None or not (set_dir / "annotations.jsonl").exists():
        return None
    items = dev_items(set_dir)
    sentences = [s for s in read_jsonl(set_dir / "sentences.jsonl") if s["half"] == DEV]
    with tempfile.TemporaryDirectory() as tmp:
        articles, mentions = extract(root, Path(tmp) / "lake")
    return classify(items, sentences, articles, mentions, _coder())


def render(results: list[Diagnosis], show: int = 5, only: str | None = None) -> list[str]:
    counts = Counter(d.cause for d in results)
    lost: Counter[str] = Counter()  # annotated root+countries events not predicted, by cause
    for d in results:
        lost[d.cause] += len(d.item.gold[1] - d.item.predicted[1])
    lines = [(f"{len(results)} dev sentences, {sum(len(d.item.gold[1]) for d in results)} annotated events "
              "(IN-SAMPLE: the half tuned on)"),
             "  " + ", ".join(f"{c} {counts[c]}" for c in CAUSES if counts[c]),
             "  annotated events missed, by cause: " + ", ".join(f"{c} {lost[c]}" for c in CAUSES if lost[c])]
    for cause in CAUSES[1:]:
        chosen = [d for d in results if d.cause == cause]
        if not chosen or (only and cause != only):
            continue
        lines.append(f"\n== {cause} ({len(chosen)} sentences, {lost[cause]} events missed)")
        for d in chosen[: len(chosen) if only else show]:
            extra = (f"\n    patterns {d.patterns}" if d.patterns else "") + (f"\n    flagged {d.flagged}" if d.flagged else "")
            lines.append(f"  {d.item.id}: expected {sorted(d.item.gold[1], key=str)} "
                         f"got {sorted(d.item.predicted[1], key=str)}{extra}\n    {' '.join(d.item.text.split())}")
    return lines
