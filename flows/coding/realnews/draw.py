"""Draw the real-news set: sentences uniformly at random within two strata, fixed seed.

    python -m flows.coding.realnews.draw [--seed S] [--per-stratum N] [--worksheet DIR]
    python -m flows.coding.realnews.draw --extend N --seed S2 [--worksheet DIR]
    python -m flows.coding.realnews.draw --reannotate dev --worksheet DIR [--parts P]

Strata: the Guardian sample (a news desk's politics and world pages) and the general pages
(the HTML test pages of three extraction libraries, news-please's sample and the English HTML
records of two WARC samples: news, sport, business, technology, lifestyle, boilerplate). Within a
stratum every sentence geowire extracts from an English article is equally likely. Articles are
split into a development half and a held-back half by a seeded hash of their key.
Writes ``data/eval/realnews/sentences.jsonl`` (no text) and, for the annotators, a worksheet with
the text (outside the repository: the text stays in ../shared's licence). ``--extend N`` draws N
more sentences per stratum, with another seed, from the sentences not yet in the set, appends them
with the next ids (their halves by the same hash of their article, so an article never changes
half) and writes the worksheet of the new sentences only. ``--reannotate HALF`` changes nothing
in the set and writes the worksheet of the set's sentences of that half, for a second blind
annotation (the agreement of two annotators: ``flows.coding.realnews.agreement``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
from pathlib import Path

import polars as pl

from ..text import split_sentences
from .corpus import SET_DIR, extract, sentence_hash, shared_root

SEED = 20261202
PER_STRATUM = 300


def stratum(file: str) -> str:
    return "guardian" if file.startswith("samples/csv/guardian") else "pages"


def half(key: str, seed: int = SEED) -> str:
    """'dev' or 'heldback', fixed per article."""
    digest = hashlib.sha1(f"{seed}:{key}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "heldback"


def candidates(articles: pl.DataFrame) -> list[dict]:
    """Every sentence of every English article, in a stable order."""
    rows = []
    english = articles.filter(pl.col("language") == "en").sort("file", "locator")
    for a in english.iter_rows(named=True):
        for index, (start, end) in enumerate(split_sentences(a["text"])):
            text = a["text"][start:end]
            if not any(ch.isalpha() for ch in text):
                continue
            rows.append({"file": a["file"], "locator": a["locator"], "key": a["key"],
                         "index": index, "start": start, "end": end, "sha1": sentence_hash(text),
                         "stratum": stratum(a["file"])})
    return rows


def draw(rows: list[dict], per_stratum: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    picked = []
    for name in ("guardian", "pages"):
        pool = [r for r in rows if r["stratum"] == name]
        picked += rng.sample(pool, min(per_stratum, len(pool)))
    picked.sort(key=lambda r: (r["file"], r["locator"], r["start"]))
    for n, r in enumerate(picked, start=1):
        r["id"] = f"rn{n:04d}"
        r["half"] = half(r["key"], seed)
    return picked


def extend(rows: list[dict], existing: list[dict], per_stratum: int, seed: int) -> list[dict]:
    """``per_stratum`` more sentences per stratum, uniformly from those not in ``existing``,
    numbered after its last id; their halves by the set's own article hash."""
    taken = {(s["file"], s["locator"], s["start"]) for s in existing}
    fresh = [r for r in rows if (r["file"], r["locator"], r["start"]) not in taken]
    picked = draw(fresh, per_stratum, seed)
    last = max(int(s["id"][2:]) for s in existing)
    for n, r in enumerate(picked, start=last + 1):
        r["id"] = f"rn{n:04d}"
        r["half"] = half(r["key"])
    return picked


def already_drawn(rows: list[dict], existing: list[dict], which: str) -> list[dict]:
    """The set's sentences of half ``which`` as candidate rows (with their ids), in the set's order;
    a sentence no longer extracted as drawn is left out with a warning (the evaluation skips it too)."""
    by_place = {(r["file"], r["locator"], r["start"]): r for r in rows}
    picked = []
    for s in existing:
        if s["half"] != which:
            continue
        row = by_place.get((s["file"], s["locator"], s["start"]))
        if row is None or row["sha1"] != s["sha1"]:
            print(f"{s['id']}: left out, no longer extracted as drawn", file=sys.stderr)
            continue
        picked.append({**row, "id": s["id"], "half": s["half"]})
    return picked


def write_articles(picked: list[dict]) -> None:
    """articles.jsonl: the set's articles, keeping topics already labelled."""
    path = SET_DIR / "articles.jsonl"
    topics = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            topics = {a["article"]: a.get("topic") for a in map(json.loads, fh)}
    seen: dict[str, dict] = {}
    for r in picked:
        seen.setdefault(r["key"], {"article": r["key"], "file": r["file"], "locator": r["locator"],
                                   "topic": topics.get(r["key"]), "half": r["half"]})
    with open(path, "w", encoding="utf-8") as fh:
        for key in sorted(seen):
            fh.write(json.dumps(seen[key]) + "\n")


def read_sentences() -> list[dict]:
    with open(SET_DIR / "sentences.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def existing_as_rows(existing: list[dict]) -> list[dict]:
    """The set's sentences in the shape `write_articles` reads."""
    return [{"key": s["article"], "file": s["file"], "locator": s["locator"], "half": s["half"]}
            for s in existing]


def worksheet(picked: list[dict], articles: pl.DataFrame, out: Path, parts: int) -> None:
    """Text for blind annotation: title, lead, previous sentence and the sentence; no coder output."""
    by_key = {a["key"]: a for a in articles.iter_rows(named=True)}
    sizes: dict[str, int] = {}
    for r in picked:
        sizes[r["key"]] = sizes.get(r["key"], 0) + 1
    loads, part_of = [0] * parts, {}
    for key in sorted(sizes, key=lambda k: (-sizes[k], k)):  # whole articles, parts of equal size
        part_of[key] = loads.index(min(loads))
        loads[part_of[key]] += sizes[key]
    out.mkdir(parents=True, exist_ok=True)
    handles = [open(out / f"part-{i + 1}.jsonl", "w", encoding="utf-8") for i in range(parts)]
    for r in picked:
        a = by_key[r["key"]]
        spans = split_sentences(a["text"])
        lead = " ".join(a["text"][s:e] for s, e in spans[:2])
        prev = a["text"][spans[r["index"] - 1][0]:spans[r["index"] - 1][1]] if r["index"] else ""
        item = {"id": r["id"], "article": r["key"], "title": a["title"], "lead": lead,
                "previous": prev, "sentence": a["text"][r["start"]:r["end"]]}
        handles[part_of[r["key"]]].write(json.dumps(item, ensure_ascii=False) + "\n")
    for h in handles:
        h.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-stratum", type=int, default=PER_STRATUM)
    parser.add_argument("--worksheet", type=Path, help="write the annotators' worksheet here")
    parser.add_argument("--parts", type=int, default=2)
    parser.add_argument("--extend", type=int, metavar="N", help="add N sentences per stratum to the set")
    parser.add_argument("--reannotate", choices=("dev", "heldback"),
                        help="change nothing; write the worksheet of this half's sentences")
    args = parser.parse_args(argv)
    if args.reannotate and not args.worksheet:
        parser.error("--reannotate needs --worksheet")
    root = shared_root()
    if root is None:
        print("../shared not found: nothing to draw from")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        articles, _ = extract(root, Path(tmp) / "lake")
    existing = read_sentences() if args.extend or args.reannotate else []
    if args.reannotate:
        worksheet(already_drawn(candidates(articles), existing, args.reannotate), articles, args.worksheet, args.parts)
        return 0
    if args.extend and args.seed == SEED:
        parser.error("--extend needs a --seed other than the set's own")
    rows = candidates(articles)
    picked = extend(rows, existing, args.extend, args.seed) if args.extend else draw(rows, args.per_stratum, args.seed)
    SET_DIR.mkdir(parents=True, exist_ok=True)
    with open(SET_DIR / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for s in existing:
            fh.write(json.dumps(s) + "\n")
        for r in picked:
            fh.write(json.dumps({"id": r["id"], "article": r["key"], **{k: r[k] for k in (
                "file", "locator", "start", "end", "sha1", "stratum", "half")}}) + "\n")
    write_articles(existing_as_rows(existing) + picked)
    if args.worksheet:
        worksheet(picked, articles, args.worksheet, args.parts)
    n_articles = len({r["key"] for r in picked})
    print(f"{len(picked)} sentences from {n_articles} articles, seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
