"""How far two annotators of the real-news set agree: the ceiling any coder is scored under.

    python -m flows.coding.realnews.agreement [--coder]

The set's own annotation (``annotations.jsonl``, annotator A) and a second one of the development
half (``annotations-second.jsonl``, annotator B), made blind and independently under the same
guideline: B saw the same worksheet (title, lead, previous sentence, sentence), never A's events
nor the coder's output. For the sentences both annotated it prints B scored against A at the three
levels (precision, recall and F1 with 95% article-bootstrap intervals; F1 is the same either way
round) and Cohen's kappa of "the sentence states an event". With ``--coder`` (needs ../shared) it
also scores the coder on the same sentences against A, against B and against the events both
annotators coded: a coder is not doing worse than the yardstick allows while it stays within the
annotators' own agreement. The development half is the one the coder is tuned on: coder figures
here are in-sample.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from .corpus import SET_DIR, extract, shared_root
from .report import sentence_figures
from .score import Item, attach_predictions, load_items, read_jsonl

SECOND = "annotations-second.jsonl"


def paired_items(set_dir: Path = SET_DIR) -> tuple[list[Item], list[Item]]:
    """A's and B's items for the sentences B annotated, in the same order."""
    second = {it.id: it for it in load_items(set_dir, SECOND)}
    first = [it for it in load_items(set_dir) if it.id in second]
    return first, [second[it.id] for it in first]


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two raters' yes/no calls (1.0 when both say the same of every item)."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    yes_a, yes_b = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def scored_against(reference: list[Item], predicted: list[tuple[set, set, set]]) -> list[Item]:
    """``reference``'s items (their events the gold) with ``predicted`` as the events found."""
    return [replace(it, predicted=p) for it, p in zip(reference, predicted, strict=True)]


def consensus(first: list[Item], second: list[Item]) -> list[Item]:
    """Items whose gold is what both annotators coded, level by level; certain: both sure of it."""
    return [replace(a, gold=(a.gold[0] & b.gold[0], a.gold[1] & b.gold[1], a.gold[2] & b.gold[2]),
                    certain=a.certain & b.certain)
            for a, b in zip(first, second, strict=True)]


def agreement_lines(first: list[Item], second: list[Item]) -> list[str]:
    events = [(bool(a.gold[0]), bool(b.gold[0])) for a, b in zip(first, second, strict=True)]
    a_events, b_events = (sum(len(it.gold[1]) for it in items) for items in (first, second))
    head = (f"annotator agreement on {len(first)} sentences of the development half "
            f"({len({it.key for it in first})} articles): A coded {a_events} events (root+countries), B {b_events}")
    calls = (f"  sentences with an event: A {sum(a for a, _ in events)}, B {sum(b for _, b in events)}, "
             f"both {sum(a and b for a, b in events)}; Cohen's kappa {kappa(events):.3f}")
    lines = [head, calls, " B scored against A (the 'false events' are B's events A did not code):"]
    lines += sentence_figures(scored_against(first, [b.gold for b in second]))
    return lines


def coder_lines(first: list[Item], second: list[Item]) -> list[str]:
    """The coder on the same sentences against A, B and both (IN-SAMPLE: the dev half)."""
    root = shared_root()
    if root is None:
        return ["coder: ../shared not found (it holds the articles), skipped"]
    sentences = read_jsonl(SET_DIR / "sentences.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        articles, mentions = extract(root, Path(tmp) / "lake")
    problems = attach_predictions(first, sentences, articles, mentions)
    found = {it.id: it.predicted for it in first}
    lines = [f"  ! {p}" for p in problems]
    keep = [i for i, it in enumerate(first) if not any(p.startswith(it.id + ":") for p in problems)]
    first, second = [first[i] for i in keep], [second[i] for i in keep]
    predicted = [found[it.id] for it in first]
    for name, reference in (("A", first), ("B", second), ("both A and B", consensus(first, second))):
        lines.append(f" the coder against {name} (IN-SAMPLE: the coder is tuned on this half):")
        lines += sentence_figures(scored_against(reference, predicted))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coder", action="store_true", help="also score the coder against A, B and both")
    args = parser.parse_args(argv)
    if not (SET_DIR / SECOND).exists():
        print(f"{SET_DIR / SECOND} not found: no second annotation, nothing to compare")
        return 0
    first, second = paired_items()
    lines = agreement_lines(first, second)
    if args.coder:
        lines += coder_lines(first, second)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
