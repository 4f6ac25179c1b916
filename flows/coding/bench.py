"""Coder throughput on generated text: `python -m flows.coding.bench [--articles N]`.

Builds articles from templated news sentences (actors × verbs × places × hedges, some with no
event at all) and reports sentences per second for `code_articles` alone, on one core.
"""
from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timezone

import polars as pl

from .dictionaries import load_dictionaries
from .mentions import code_articles
from .verbs import load_verbs

SUBJECTS = ["Russian troops", "Ukrainian officials", "The United States", "Iraqi police", "China",
            "The European Union", "Israeli forces", "Turkey", "President Emmanuel Macron", "NATO",
            "Iranian officials", "Japan", "Hezbollah", "Brazil", "German diplomats"]
OBJECTS = ["Ukraine", "Russia", "Iran", "protesters", "Taiwan", "Israel", "Syria", "the Kremlin",
           "North Korea", "Venezuela", "Poland", "rebels", "Hamas", "India", "Canada"]
VERBS = ["attacked", "criticized", "met with", "imposed sanctions on", "accused", "praised",
         "threatened to strike", "signed an agreement with", "did not attack", "could invade",
         "urged", "hosted", "shelled", "arrested", "expelled diplomats from", "spoke by phone with"]
TAILS = ["on Tuesday.", "near Kharkiv on Monday.", "last week.", "in Baghdad.", ", officials said.",
         "on March 3.", "after talks in Geneva.", "."]
FILLER = ["Markets were calm as traders waited for more data.", "The weather stayed mild for most of the week.",
          "Analysts expect the debate to continue for months.", "The report runs to more than 200 pages."]


def generate(n_articles: int, sentences_per_article: int = 30, seed: int = 7) -> pl.DataFrame:
    rng = random.Random(seed)
    texts = []
    for _ in range(n_articles):
        parts = []
        for _ in range(sentences_per_article):
            if rng.random() < 0.3:
                parts.append(rng.choice(FILLER))
            else:
                tail = rng.choice(TAILS)
                parts.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                             f"{'' if tail.startswith(('.', ',')) else ' '}{tail}")
        texts.append(" ".join(parts))
    n = len(texts)
    return pl.DataFrame({"article_id": [f"{i:032x}" for i in range(n)], "text": texts,
                         "published_at": [datetime(2025, 2, 13, tzinfo=timezone.utc)] * n,
                         "language": ["en"] * n, "run_id": ["bench"] * n, "source": ["bench.example"] * n},
                        schema_overrides={"published_at": pl.Datetime("us", "UTC")})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="coder throughput (sentences/s)")
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args(argv)
    dictionaries = load_dictionaries()
    verbs = load_verbs(codebook=frozenset(dictionaries.codebook))
    articles = generate(args.articles)
    code_articles(articles.head(5), dictionaries, verbs)  # warm up: automata, place tables, lexicon
    n_sentences = args.articles * 30
    start = time.perf_counter()
    mentions = code_articles(articles, dictionaries, verbs)
    elapsed = time.perf_counter() - start
    print(f"coded {n_sentences} sentences ({args.articles} articles) in {elapsed:.2f} s: "
          f"{n_sentences / elapsed:,.0f} sentences/s on one core; {mentions.height} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
