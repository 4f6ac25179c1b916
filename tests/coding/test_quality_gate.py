"""Quality gate: precision/recall/F1 floors on the project's own gold sentences (data/eval/gold).

Floors sit just under what the coder achieves; a change that lowers them fails here.
The PLOVER gold in ../shared is reported by `python -m flows.coding.evaluate`, not gated.
"""
from __future__ import annotations

import pytest

from flows.coding.evaluate import DEFAULT_GOLD, load_project_gold, score

FLOORS = {  # level: (precision, recall, F1)
    "root": (0.95, 0.95, 0.95),
    "root+countries": (0.90, 0.90, 0.90),
    "actors+code": (0.80, 0.82, 0.82),
}


@pytest.fixture(scope="module")
def scores():
    items = load_project_gold(DEFAULT_GOLD)
    assert len(items) >= 80, "the project gold set must keep at least 80 sentences"
    return dict(zip(FLOORS, score(items)))


@pytest.mark.parametrize("level", FLOORS)
def test_floor(scores, level):
    s = scores[level]
    precision, recall, f1 = FLOORS[level]
    assert (s.precision, s.recall, s.f1) >= (precision, 0, 0) and s.recall >= recall and s.f1 >= f1, (
        f"{level}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} below floors {FLOORS[level]}; "
        + "; ".join(s.errors[:5]))


def test_negative_examples_yield_nothing():
    items = [it for it in load_project_gold(DEFAULT_GOLD) if not it.levels[0]]
    assert len(items) >= 15
    s = score(items)[0]
    assert s.fp == 0, s.errors


def test_held_out_gold_is_readable_and_kept_apart():
    # the held-out set is scored by `make eval` but not gated: it must load, and stay separate
    from flows.coding.evaluate import DEFAULT_HOLDOUT
    held = load_project_gold(DEFAULT_HOLDOUT)
    assert len(held) >= 30
    assert not {it.sentence for it in held} & {it.sentence for it in load_project_gold(DEFAULT_GOLD)}
