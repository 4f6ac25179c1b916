"""Valid rows for each dataset, written for these tests (invented content)."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from flows.validate import load_contract

UTC = dt.timezone.utc


def hex32(seed: str) -> str:
    return hashlib.md5(seed.encode()).hexdigest()


def article(i: int) -> dict:
    text = f"The foreign ministers of two neighbouring states met in Vienna, story {i}."
    return {
        "article_id": hex32(f"a{i}"), "url": f"https://news.example.org/story/{i}",
        "source": "news.example.org", "title": f"Ministers meet ({i})", "text": text,
        "published_at": dt.datetime(2024, 3, 5, 8, 30, tzinfo=UTC), "date_source": "record",
        "language": "en", "relevance": "political", "n_chars": len(text), "content_hash": hex32(text), "author": None,
        "source_format": "jsonl", "source_file": "dumps/day1.jsonl",
        "source_locator": f"line:{i + 1}", "run_id": "run-test",
    }


def quarantine(i: int) -> dict:
    return {
        "quarantine_id": hex32(f"q{i}"), "run_id": "run-test", "dataset": "articles",
        "reasons": ["malformed JSON"], "source_file": "dumps/day1.jsonl",
        "source_locator": f"line:{i + 10}", "payload": '{"title": "broken',
    }


def run(i: int) -> dict:
    start = dt.datetime(2024, 3, 6, 1, 0, tzinfo=UTC)
    return {
        "run_id": f"run-{i}", "flow_run_id": None, "dataset": "articles", "started_at": start,
        "finished_at": start + dt.timedelta(minutes=3), "status": "completed",
        "inputs": [{"path": "dumps/day1.jsonl", "size": 2048, "sha256": "ab" * 32}],
        "records_read": 10, "published": 7, "quarantined": 2, "duplicates": 1,
    }


def _event_fields(i: int) -> dict:
    return {
        "event_date": dt.date(2024, 3, 5), "actor1_code": "AUTGOV", "actor1_name": "Austria",
        "actor1_country_code": "AUT", "actor1_type_code": "GOV", "actor2_code": "HUNGOV",
        "actor2_name": "Hungary", "actor2_country_code": "HUN", "actor2_type_code": "GOV",
        "event_code": "040", "event_base_code": "040", "event_root_code": "04",
        "quad_class": 1, "goldstein": 1.0, "plover_type": "CONSULT", "action_geo_type": 4,
        "action_geo_name": "Vienna, Austria", "action_geo_country_code": "AUT",
        "action_geo_adm1_code": "AU09", "action_geo_lat": 48.21, "action_geo_lon": 16.37,
    }


def mention(i: int) -> dict:
    return {
        "mention_id": hex32(f"m{i}"), "event_id": hex32("e0"), "article_id": hex32(f"a{i}"),
        "run_id": "run-test", "sentence_index": 0,
        "sentence": "The foreign ministers of two neighbouring states met in Vienna.",
        "actor1_start": 4, "actor1_end": 21, "actor2_start": None, "actor2_end": None,
        "action_start": 50, "action_end": 53, "rule": "meet_with", "confidence": 0.9,
        "negated": False, "hypothetical": False, "quoted": False,
        **_event_fields(i), "action_geo_raw": "Vienna", "mention_source": "news.example.org",
        "mention_url": f"https://news.example.org/story/{i}", "mention_doc_tone": -1.5,
    }


def event(i: int) -> dict:
    return {
        "event_id": hex32(f"e{i}"), **_event_fields(i), "is_root_event": True,
        "num_mentions": 2, "num_sources": 1, "num_articles": 2, "avg_tone": -1.5,
        "source_url": "https://news.example.org/story/0",
        "date_added": dt.datetime(2024, 3, 6, 1, 3, tzinfo=UTC), "run_id": "run-test",
    }


BUILDERS = {"articles": article, "quarantine": quarantine, "runs": run,
            "mentions": mention, "events": event}


def frame(dataset: str, rows: list[dict]) -> pl.DataFrame:
    """Rows in the contract's column order and dtypes."""
    contract = load_contract(dataset)
    return contract.conform(pl.DataFrame(rows, schema=contract.polars_schema()))


def valid_frame(dataset: str, n: int = 3) -> pl.DataFrame:
    return frame(dataset, [BUILDERS[dataset](i) for i in range(n)])
