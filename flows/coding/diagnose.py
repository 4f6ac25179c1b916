"""Where the coder misses on the PLOVER gold, grouped by cause: `python -m flows.coding.diagnose`.

    python -m flows.coding.diagnose [--plover PATH] [--parity odd|even|all] [--show N] [--cause NAME]
    python -m flows.coding.diagnose --realnews-dev [--show N] [--cause NAME]

`--realnews-dev` groups the real-news set's DEVELOPMENT half's misses instead (flows/coding/realnews/causes.py;
needs ../shared; never reads the held-back half).

The first two rounds of error analysis used the odd-numbered records (the default), the third
the even ones (`--parity even`), the seventh all of them (`--parity all`): report both halves,
a gap between them shows what was fitted. Each gold sentence falls in the first cause that applies:

    ok              the expected (root, source country, target country) set is predicted exactly
    no actor        the dictionaries find no actor in the sentence
    no action       actors, but no verb pattern fires
    no dyad         a pattern fires but no source is found for it
    flagged         only negated or hypothetical mentions (not counted as predictions)
    wrong root      events coded, none with the gold root
    wrong source    the gold root is coded, with another source country
    wrong target    root and source right, target country differs
    spurious event  the gold event is there, plus others
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from .coder import Coder
from .dictionaries import load_dictionaries
from .evaluate import DEFAULT_PLOVER, GoldItem, _iso3_of_cameo, load_plover
from .matcher import match_verbs
from .mentions import code_articles
from .realnews import causes as realnews_causes
from .text import split_sentences, tokenize
from .verbs import load_verbs

CAUSES = ("ok", "no actor", "no action", "no dyad", "flagged", "wrong root", "wrong source",
          "wrong target", "spurious event")


def _triples(rows: list[dict], iso3: dict[str, str]) -> set[tuple]:
    out = set()
    for row in rows:
        root = "18" if row["event_root_code"] == "20" else row["event_root_code"]
        c1 = row["actor1_country_code"] or row["actor1_code"][:3]
        c2 = (row["actor2_country_code"] or row["actor2_code"][:3]) if row["actor2_code"] else None
        out.add((root, iso3.get(c1, c1), iso3.get(c2, c2)))
    return out


def _structure(coder: Coder, sentence: str) -> tuple[bool, bool]:
    """(any actor, any verb pattern) in the sentence, as the coder sees it."""
    hits = coder.matcher.find(sentence)
    any_actor = any_verb = False
    for s0, s1 in split_sentences(sentence):
        tokens = tokenize(sentence, s0, s1)
        inside = [h for h in hits if s0 <= h.start < s1]
        actors = coder.matcher.resolve(inside, tokens, sentence, None)
        any_actor = any_actor or bool(actors)
        taken = frozenset(i for a in actors for i in range(a.start, a.end))
        any_verb = any_verb or bool(match_verbs(tokens, coder.verbs, taken))
    return any_actor, any_verb


def classify(item: GoldItem, rows: list[dict], coder: Coder, iso3: dict[str, str]) -> str:
    expected = item.levels[1]
    counted = [r for r in rows if not r["negated"] and not r["hypothetical"]]
    predicted = _triples(counted, iso3)
    if predicted == expected:
        return "ok"
    if not predicted:
        any_actor, any_verb = _structure(coder, item.sentence)
        if not any_actor:
            return "no actor"
        if rows:
            return "flagged"
        return "no action" if not any_verb else "no dyad"
    roots = {t[0] for t in expected}
    right_root = {t for t in predicted if t[0] in roots}
    if not right_root:
        return "wrong root"
    if expected <= predicted:
        return "spurious event"
    sources = {(t[0], t[1]) for t in expected}
    if not any((t[0], t[1]) in sources for t in right_root):
        return "wrong source"
    return "wrong target"


def diagnose(items: list[GoldItem]) -> list[tuple[str, GoldItem, set]]:
    dictionaries = load_dictionaries()
    verbs = load_verbs(codebook=frozenset(dictionaries.codebook))
    coder = Coder(dictionaries, verbs)
    iso3 = _iso3_of_cameo()
    frame = pl.DataFrame({"article_id": [f"{i:032x}" for i in range(len(items))],
                          "text": [it.sentence for it in items], "language": ["en"] * len(items),
                          "published_at": [datetime(it.published.year, it.published.month, it.published.day,
                                                    tzinfo=timezone.utc) for it in items]},
                         schema_overrides={"published_at": pl.Datetime("us", "UTC")})
    mentions = code_articles(frame, dictionaries, verbs)
    by_item: dict[int, list[dict]] = {}
    for row in mentions.iter_rows(named=True):
        by_item.setdefault(int(row["article_id"], 16), []).append(row)
    out = []
    for n, item in enumerate(items):
        rows = by_item.get(n, [])
        got = _triples([r for r in rows if not r["negated"] and not r["hypothetical"]], iso3)
        flagged = {(r["event_root_code"], r["actor1_code"], r["actor2_code"], r["rule"].split(" ", 1)[1])
                   for r in rows if r["negated"] or r["hypothetical"]}
        out.append((classify(item, rows, coder, iso3), item, got | {("flagged",) + f for f in flagged}))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PLOVER gold misses grouped by cause")
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    parser.add_argument("--parity", choices=("odd", "even", "all"), default="odd")
    parser.add_argument("--show", type=int, default=5, help="sentences to print per cause")
    parser.add_argument("--cause", choices=sorted(set(CAUSES) | set(realnews_causes.CAUSES)),
                        help="print every sentence of one cause")
    parser.add_argument("--realnews-dev", action="store_true",
                        help="the real-news set's development half instead of PLOVER")
    args = parser.parse_args(argv)
    if args.realnews_dev:
        results = realnews_causes.run()
        print("real-news set: ../shared not found, skipped" if results is None
              else "\n".join(realnews_causes.render(results, args.show, args.cause)))
        return 0
    if not args.plover.exists():
        print(f"{args.plover} not found, skipped")
        return 0
    items = load_plover(args.plover)
    if args.parity != "all":
        items = [it for it in items if it.number % 2 == (1 if args.parity == "odd" else 0)]
    results = diagnose(items)
    counts = Counter(cause for cause, _, _ in results)
    print(f"{len(items)} {args.parity} records: " + ", ".join(f"{c} {counts[c]}" for c in CAUSES))
    for cause in CAUSES[1:]:
        chosen = [(i, got) for c, i, got in results if c == cause]
        if not chosen or (args.cause and cause != args.cause):
            continue
        print(f"\n== {cause} ({len(chosen)})")
        for item, got in chosen[: len(chosen) if args.cause else args.show]:
            print(f"  {item.where}\n    {item.sentence}\n    expected {sorted(item.levels[1], key=str)}"
                  f"\n    got      {sorted(got, key=str)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
