"""The agreement of two annotators of the real-news set: kappa, pairing, consensus and the figures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.coding.realnews import agreement
from flows.coding.realnews.agreement import agreement_lines, consensus, kappa, paired_items, scored_against
from flows.coding.realnews.score import article_counts

REPO = Path(__file__).resolve().parents[2]


def test_kappa_is_one_for_the_same_calls_and_corrects_for_chance():
    assert kappa([(True, True), (False, False)]) == 1.0
    # observed 0.75; chance 0.5 x 0.25 + 0.5 x 0.75 = 0.5
    assert kappa([(True, True), (True, False), (False, False), (False, False)]) == pytest.approx(0.5)
    assert kappa([(True, False), (False, True)]) == pytest.approx(-1.0)
    assert kappa([]) == 0.0


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _event(source: str, target: str | None, code: str, uncertain: bool = False) -> dict:
    return {"source": source, "target": target, "code": code, "uncertain": uncertain}


@pytest.fixture
def two_annotations(tmp_path: Path) -> Path:
    sentences = [{"id": f"rn{n:04d}", "article": f"a{n % 2}", "half": "dev" if n < 4 else "heldback",
                  "stratum": "guardian"} for n in range(1, 6)]
    _write(tmp_path / "sentences.jsonl", sentences)
    _write(tmp_path / "articles.jsonl", [{"article": "a0", "topic": "politics"},
                                         {"article": "a1", "topic": "politics"}])
    first = {"rn0001": [_event("RUSMIL", "UKR", "190")], "rn0002": [_event("USAGOV", "IRN", "111")],
             "rn0003": [], "rn0004": [_event("FRA", None, "010")], "rn0005": []}
    _write(tmp_path / "annotations.jsonl", [{"id": k, "events": v} for k, v in first.items()])
    second = {"rn0001": [_event("RUS", "UKR", "193"), _event("UKRMIL", "RUS", "190", True)],
              "rn0002": [_event("USAGOV", "IRQ", "112")], "rn0003": []}  # only the dev half
    _write(tmp_path / agreement.SECOND, [{"id": k, "events": v} for k, v in second.items()])
    return tmp_path


def test_pairs_only_what_both_annotated_and_scores_b_against_a(two_annotations: Path):
    first, second = paired_items(two_annotations)
    assert [it.id for it in first] == [it.id for it in second] == ["rn0001", "rn0002", "rn0003"]
    _, table = article_counts(scored_against(first, [b.gold for b in second]))
    root, countries = table.sum(axis=0)[1:4].tolist(), table.sum(axis=0)[4:7].tolist()
    assert root == [2, 0, 0]        # roots are a set per sentence: 19 and 11 agree (111 vs 112 too)
    assert countries == [1, 2, 1]   # RUS->UKR agrees; B's UKR->RUS and USA->IRQ do not
    lines = "\n".join(agreement_lines(first, second))
    assert "sentences with an event: A 2, B 2, both 2" in lines and "kappa 1.000" in lines


def test_consensus_keeps_what_both_coded_at_each_level(two_annotations: Path):
    first, second = paired_items(two_annotations)
    both = consensus(first, second)
    assert both[0].gold[1] == {("19", "RUS", "UKR")} and both[0].gold[2] == set()
    assert both[1].gold[0] == {"11"} and both[1].gold[1] == set()
    assert both[0].certain == {("19", "RUS", "UKR")}  # A sure of it, and B's own RUS->UKR sure too


def test_without_a_second_annotation_it_says_so(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(agreement, "SET_DIR", tmp_path)
    assert agreement.main([]) == 0
    assert "no second annotation" in capsys.readouterr().out


def test_the_worksheet_of_a_half_takes_the_set_s_sentences_and_leaves_out_changed_ones(capsys):
    from flows.coding.realnews.draw import already_drawn
    rows = [{"file": "f", "locator": "row:1", "key": "k", "index": i, "start": 10 * i, "end": 10 * i + 9,
             "sha1": f"h{i}", "stratum": "guardian"} for i in range(4)]
    existing = [{"id": "rn0001", "file": "f", "locator": "row:1", "start": 10, "sha1": "h1", "half": "dev"},
                {"id": "rn0002", "file": "f", "locator": "row:1", "start": 20, "sha1": "other", "half": "dev"},
                {"id": "rn0003", "file": "f", "locator": "row:1", "start": 30, "sha1": "h3", "half": "heldback"}]
    picked = already_drawn(rows, existing, "dev")
    assert [(p["id"], p["index"]) for p in picked] == [("rn0001", 1)]
    assert "rn0002: left out" in capsys.readouterr().err


def test_the_second_annotation_covers_the_development_half_with_real_cameo_codes():
    from tests.coding.test_realnews import ACTOR, _codebook, _jsonl
    half = {s["id"]: s["half"] for s in _jsonl("sentences.jsonl")}
    second = _jsonl(agreement.SECOND)
    ids = [a["id"] for a in second]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert {half[i] for i in ids} == {"dev"}                          # the held-back half stays unread
    assert len(ids) >= 0.95 * sum(h == "dev" for h in half.values())   # the whole half, as it grows
    codes = _codebook()
    for a in second:
        for e in a["events"]:
            assert e["code"] in codes and ACTOR.match(e["source"]), (a["id"], e)
            assert e["target"] is None or ACTOR.match(e["target"]), (a["id"], e)
