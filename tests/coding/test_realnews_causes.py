"""`diagnose --realnews-dev`: each development sentence the coder gets wrong falls in the stage
that lost it (invented articles coded in the test; no ../shared needed)."""
from __future__ import annotations

import json

import polars as pl

from flows.coding.coder import Coder
from flows.coding.mentions import code_articles
from flows.coding.realnews.causes import classify, dev_items, render
from flows.coding.realnews.corpus import sentence_hash
from flows.coding.realnews.score import Item, gold_levels
from flows.coding.text import split_sentences
from tests.coding.helpers import articles

TEXTS = {
    "a.txt": "Russia attacked Ukraine. The weather was fine in spring. Russia did not attack Ukraine. "
             "Russia and Ukraine are big countries. Russia attacked Ukraine again. Russia said the economy was strong.",
    "b.txt": "Russia attacked Ukraine.",  # judged non-political
}
# (file, sentence number, annotated events, changed text) -> the expected cause
CASES = [
    ("a.txt", 0, [("RUS", "UKR", "190")], False, "ok"),
    ("a.txt", 1, [("RUS", "UKR", "190")], False, "no actor"),
    ("a.txt", 2, [("RUS", "UKR", "190")], False, "negated/hypo"),
    ("a.txt", 3, [("RUS", "UKR", "190")], False, "no event pattern"),
    ("a.txt", 4, [("RUS", "UKR", "042")], False, "wrong root"),
    ("a.txt", 5, [("RUS", "UKR", "111")], False, "statement only"),
    ("a.txt", 0, [("RUS", "IRQ", "190")], False, "wrong countries"),
    ("a.txt", 0, [], False, "false event"),
    ("a.txt", 0, [("RUS", "UKR", "190"), ("UKR", "RUS", "111")], False, "missed event"),
    ("a.txt", 0, [("RUS", "UKR", "190")], True, "not extracted"),
    ("b.txt", 0, [("RUS", "UKR", "190")], False, "non-political"),
]


def _frames(tiny, verbs):
    frame = articles(*TEXTS.values()).with_columns(
        pl.Series("file", list(TEXTS)), pl.Series("locator", ["0"] * len(TEXTS)),
        pl.Series("relevance", [None, "other"], dtype=pl.String))
    mentions = code_articles(frame, tiny, verbs)
    items, sentences = [], []
    for n, (file, index, events, changed, _) in enumerate(CASES):
        start, end = split_sentences(TEXTS[file])[index]
        sentences.append({"id": f"s{n}", "file": file, "locator": "0", "start": start, "end": end,
                          "sha1": sentence_hash(TEXTS[file][start:end] + ("x" if changed else ""))})
        gold = gold_levels([{"source": s, "target": t, "code": c} for s, t, c in events])
        items.append(Item(f"s{n}", file, "dev", "guardian", "politics", gold))
    return items, sentences, frame, mentions


def test_each_miss_falls_in_the_stage_that_lost_it(tiny, verbs):
    items, sentences, frame, mentions = _frames(tiny, verbs)
    results = classify(items, sentences, frame, mentions, Coder(tiny, verbs))
    assert [d.cause for d in results] == [case[-1] for case in CASES]
    flagged = next(d for d in results if d.cause == "negated/hypo")
    assert flagged.flagged and "negated" in flagged.flagged[0]
    text = "\n".join(render(results, show=1))
    assert "IN-SAMPLE" in text and "== wrong root (1 sentences, 1 events missed)" in text


def test_only_the_development_half_is_read(tmp_path):
    rows = {"sentences": [], "annotations": [], "articles": []}
    for n, half in enumerate(["dev", "heldback", "dev"]):
        rows["sentences"].append({"id": f"s{n}", "article": f"k{n}", "file": "f", "locator": str(n), "start": 0,
                                  "end": 5, "sha1": "0" * 40, "stratum": "guardian", "half": half})
        rows["annotations"].append({"id": f"s{n}", "events": [], "uncertain": False, "note": ""})
        rows["articles"].append({"article": f"k{n}", "file": "f", "locator": str(n), "topic": "politics", "half": half})
    for name, lines in rows.items():
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert [it.id for it in dev_items(tmp_path)] == ["s0", "s2"]
