"""The real-news set: its files are complete and consistent, and its scoring is right.

The set's text lives in ../shared; these tests read only the set's own files, so they run on a
user's clone. The figures themselves are `make eval`'s job.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path


from flows.coding.realnews import report as realnews_report
from flows.coding.realnews.score import (Item, article_counts, certain_counts, gold_levels, interval,
                                         mention_levels, prf, resample)

REPO = Path(__file__).resolve().parents[2]
SET = REPO / "data" / "eval" / "realnews"
TOPICS = {"politics", "crime", "business", "science", "entertainment", "sport", "other"}
ACTOR = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (SET / name).read_text(encoding="utf-8").splitlines() if line]


def _codebook() -> set[str]:
    with open(REPO / "data" / "dictionaries" / "cameo_codebook.tsv", encoding="utf-8") as fh:
        rows = csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {r[0] for r in rows if r}


def test_the_set_is_large_drawn_from_many_articles_and_stores_no_text():
    sentences = _jsonl("sentences.jsonl")
    assert len(sentences) >= 500
    assert len({s["id"] for s in sentences}) == len(sentences)
    assert len({s["article"] for s in sentences}) >= 150
    for s in sentences:
        assert set(s) == {"id", "article", "file", "locator", "start", "end", "sha1", "stratum", "half"}
        assert 0 <= s["start"] < s["end"] and re.fullmatch(r"[0-9a-f]{40}", s["sha1"])
        assert s["half"] in {"dev", "heldback"}


def test_every_article_has_a_topic_and_one_half_and_enough_are_not_political():
    articles = {a["article"]: a for a in _jsonl("articles.jsonl")}
    sentences = _jsonl("sentences.jsonl")
    assert {s["article"] for s in sentences} == set(articles)
    assert all(a["topic"] in TOPICS for a in articles.values())
    assert all(articles[s["article"]]["half"] == s["half"] for s in sentences)  # split by article
    non_political = [s for s in sentences if articles[s["article"]]["topic"] != "politics"]
    assert len(non_political) >= 0.3 * len(sentences)
    halves = [a["half"] for a in articles.values()]
    assert 0.35 < halves.count("dev") / len(halves) < 0.65


def test_every_sentence_is_annotated_with_real_cameo_codes():
    ids = [s["id"] for s in _jsonl("sentences.jsonl")]
    annotations = _jsonl("annotations.jsonl")
    assert [a["id"] for a in annotations] == ids
    codes = _codebook()
    for a in annotations:
        for e in a["events"]:
            assert e["code"] in codes, (a["id"], e)
            assert ACTOR.match(e["source"]), (a["id"], e)
            assert e["target"] is None or ACTOR.match(e["target"]), (a["id"], e)


def test_levels_compare_roots_countries_and_full_codes():
    gold = gold_levels([{"source": "RUSGOV", "target": "UKR", "code": "190"},
                        {"source": "IGOUNO", "target": None, "code": "010"}])
    assert gold == ({"19", "01"}, {("19", "RUS", "UKR"), ("01", "IGO", None)},
                    {("RUSGOV", "UKR", "190"), ("IGOUNO", None, "010")})
    predicted = mention_levels([{"event_root_code": "19", "event_code": "193", "actor1_code": "RUSMIL",
                                 "actor1_country_code": "RUS", "actor2_code": "UKRCVL",
                                 "actor2_country_code": "UKR"}])
    assert predicted == ({"19"}, {("19", "RUS", "UKR")}, {("RUSMIL", "UKRCVL", "193")})


def _item(key: str, gold: list[dict], predicted: list[dict]) -> Item:
    return Item("x", key, "dev", "pages", "politics", gold_levels(gold), mention_levels(predicted))


def test_counts_precision_recall_and_intervals_by_article():
    hit = {"source": "USAGOV", "target": "IRN", "code": "111"}
    row = {"event_root_code": "11", "event_code": "111", "actor1_code": "USAGOV", "actor1_country_code": "USA",
           "actor2_code": "IRN", "actor2_country_code": "IRN"}
    wrong = dict(row, actor2_code="IRQ", actor2_country_code="IRQ")
    items = [_item("a", [hit], [row]), _item("a", [], [wrong]), _item("b", [hit], []), _item("c", [], [])]
    keys, table = article_counts(items)
    assert keys == ["a", "b", "c"] and table[:, 0].tolist() == [2, 1, 1]
    tp, fp, fn = table.sum(axis=0)[4:7]           # root+countries
    assert (tp, fp, fn) == (1, 1, 1)
    p, r, f = prf(tp, fp, fn)
    assert (float(p), float(r), float(f)) == (0.5, 0.5, 0.5)
    assert [float(x) for x in prf(0, 0, 0)] == [0.0, 0.0, 0.0]
    boot = resample(table, replicates=500)
    assert boot.shape == (500, table.shape[1])
    lo, hi = interval(prf(*boot[:, 4:7].T)[0])
    assert 0.0 <= lo <= 0.5 <= hi <= 1.0 and lo < hi


def test_recall_of_events_not_marked_uncertain_counts_only_those():
    sure = {"source": "USAGOV", "target": "IRN", "code": "111"}
    unsure = {"source": "RUS", "target": "UKR", "code": "190", "uncertain": True}
    row = {"event_root_code": "11", "event_code": "111", "actor1_code": "USAGOV", "actor1_country_code": "USA",
           "actor2_code": "IRN", "actor2_country_code": "IRN"}
    found = _item("a", [sure, unsure], [row])
    found.certain = frozenset(gold_levels([sure])[1])
    missed = _item("b", [sure], [])
    missed.certain = frozenset(gold_levels([sure])[1])
    only_unsure = _item("c", [unsure], [])  # no certain event: counts for nothing here
    table = certain_counts([found, missed, only_unsure])
    assert table.tolist() == [[1, 0], [0, 1], [0, 0]]


def test_the_report_skips_cleanly_without_shared(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOWIRE_SHARED", str(tmp_path / "absent"))
    assert "skipped" in realnews_report.report()


def test_the_judged_audit_holds_at_least_100_judged_events_and_no_text():
    with open(SET / "audit-2026-12-02.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 100 and "sentence" not in rows[0]
    for r in rows:
        marks = (r["root_ok"], r["countries_ok"], r["full_ok"])
        assert set(marks) <= {"y", "n"}
        # each level implies the one before it
        assert not (r["full_ok"] == "y" and r["countries_ok"] != "y")
        assert not (r["countries_ok"] == "y" and r["root_ok"] != "y")


def test_a_sentence_whose_article_was_kept_from_another_file_is_found_in_that_copy():
    """A page's text beside its metadata JSON is one article: the lake keeps the first file's."""
    import polars as pl

    from flows.coding.realnews.corpus import sentence_hash
    from flows.coding.realnews.score import attach_predictions

    text = "The army withdrew from the town. Rebels attacked a convoy near the border on Monday."
    start = text.index("Rebels")
    sentence = {"id": "s1", "file": "pages/txt/a.txt", "locator": "item:1", "start": start, "end": len(text),
                "sha1": sentence_hash(text[start:])}
    articles = pl.DataFrame({"file": ["pages/metadata/a.json"], "locator": ["item:1"], "article_id": ["x1"],
                             "text": [text]})
    mentions = pl.DataFrame({"article_id": ["x1"], "sentence_index": [1], "negated": [False],
                             "hypothetical": [False], "event_root_code": ["18"], "actor1_country_code": [None],
                             "actor1_code": ["REB"], "actor2_country_code": [None], "actor2_code": [None],
                             "event_code": ["180"]}, schema_overrides={"actor1_country_code": pl.String,
                                                                       "actor2_country_code": pl.String,
                                                                       "actor2_code": pl.String})
    item = Item("s1", "k", "dev", "pages", "politics", gold_levels([{"source": "REB", "code": "180"}]))
    assert attach_predictions([item], [sentence], articles, mentions) == []
    assert item.predicted[0] == {"18"}
    sentence["sha1"] = sentence_hash("another sentence")
    assert "not extracted" in attach_predictions([item], [sentence], articles, mentions)[0]


def test_extending_the_set_draws_new_sentences_keeps_ids_and_halves_by_article():
    from flows.coding.realnews.draw import extend, half
    rows = [{"file": f"f{a}", "locator": "row:1", "key": f"k{a}", "index": i, "start": 10 * i,
             "end": 10 * i + 9, "sha1": "0" * 40, "stratum": "guardian" if a < 5 else "pages"}
            for a in range(10) for i in range(6)]
    existing = [{"id": f"rn{n:04d}", "article": r["key"], "file": r["file"], "locator": r["locator"],
                 "start": r["start"], "half": half(r["key"])} for n, r in enumerate(rows[::4], 1)]
    picked = extend(rows, existing, 7, seed=99)
    assert len(picked) == 14 and sum(r["stratum"] == "pages" for r in picked) == 7
    assert [r["id"] for r in picked] == [f"rn{n:04d}" for n in range(len(existing) + 1, len(existing) + 15)]
    taken = {(s["file"], s["start"]) for s in existing}
    assert not any((r["file"], r["start"]) in taken for r in picked)
    assert all(r["half"] == half(r["key"]) for r in picked)
