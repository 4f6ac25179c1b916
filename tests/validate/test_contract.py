"""Contracts load, agree with the brief's column lists, and turn into Arrow/Polars schemas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
import yaml

from flows.validate import ContractError, DatasetValidationError, data_dictionary_markdown, load_contract
from flows.validate.contract import default_schemas_dir

GEO = ["action_geo_type", "action_geo_name", "action_geo_country_code", "action_geo_adm1_code",
       "action_geo_lat", "action_geo_lon"]
ACTORS = [f"actor{n}_{f}" for n in (1, 2) for f in ("code", "name", "country_code", "type_code")]
CODES = ["event_code", "event_base_code", "event_root_code"]
EXPECTED_COLUMNS = {
    "articles": ["article_id", "url", "source", "title", "text", "published_at", "date_source",
                 "language", "relevance", "n_chars", "content_hash", "author", "source_format", "source_file",
                 "source_locator", "run_id"],
    "quarantine": ["quarantine_id", "run_id", "dataset", "reasons", "source_file",
                   "source_locator", "payload"],
    "runs": ["run_id", "flow_run_id", "dataset", "started_at", "finished_at", "status", "inputs",
             "records_read", "published", "quarantined", "duplicates"],
    "mentions": ["mention_id", "event_id", "article_id", "run_id", "sentence_index", "sentence",
                 "event_date", "actor1_start", "actor1_end", "actor2_start", "actor2_end",
                 "action_start", "action_end", "rule", "confidence", "negated", "hypothetical",
                 "quoted", *ACTORS, *CODES, "quad_class", "goldstein", "plover_type", *GEO,
                 "action_geo_raw", "mention_source", "mention_url", "mention_doc_tone"],
    "events": ["event_id", "event_date", *ACTORS, "is_root_event", *CODES, "quad_class",
               "goldstein", "num_mentions", "num_sources", "num_articles", "avg_tone", *GEO,
               "plover_type", "source_url", "date_added", "run_id"],
}
KEYS = {"articles": ("article_id",), "quarantine": ("quarantine_id",), "runs": ("run_id", "dataset"),
        "mentions": ("mention_id",), "events": ("event_id",)}


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_contract_declares_the_agreed_columns_and_key(name):
    contract = load_contract(name)
    assert contract.dataset == name and contract.version >= 1
    assert contract.column_names == EXPECTED_COLUMNS[name]
    assert contract.key == KEYS[name]
    assert all(len(c.description) > 15 for c in contract.columns)
    expected_partition = [] if name in ("quarantine", "runs") else ["year", "month"]
    assert contract.partition_columns == expected_partition


def test_arrow_types_follow_the_type_strings():
    articles = load_contract("articles").arrow_schema()
    assert articles.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert articles.field("article_id").type == pa.string()
    assert articles.field("n_chars").type == pa.int32()
    assert not articles.field("article_id").nullable and articles.field("url").nullable
    runs = load_contract("runs").arrow_schema()
    assert runs.field("inputs").type == pa.list_(pa.struct(
        [("path", pa.string()), ("size", pa.int64()), ("sha256", pa.string())]))
    assert load_contract("quarantine").arrow_schema().field("reasons").type == pa.list_(pa.string())
    mentions = load_contract("mentions").arrow_schema()
    assert mentions.field("event_date").type == pa.date32()
    assert mentions.field("negated").type == pa.bool_()
    assert mentions.field("goldstein").type == pa.float64()


def test_polars_schema_matches_arrow():
    schema = load_contract("runs").polars_schema()
    assert schema["started_at"] == pl.Datetime("us", "UTC")
    assert schema["run_id"] == pl.String
    assert schema["inputs"] == pl.List(pl.Struct({"path": pl.String, "size": pl.Int64, "sha256": pl.String}))
    assert list(schema) == EXPECTED_COLUMNS["runs"]


def test_conform_orders_casts_and_drops_extra_columns():
    contract = load_contract("runs")
    df = pl.DataFrame({
        "duplicates": [1], "quarantined": [2], "published": [7], "records_read": [10],
        "inputs": [None], "status": ["completed"],
        "finished_at": [dt.datetime(2024, 1, 1, 0, 5)], "started_at": [dt.datetime(2024, 1, 1)],
        "dataset": ["articles"], "flow_run_id": [None], "run_id": ["r1"], "scratch": [True],
    }).with_columns(pl.col("records_read").cast(pl.Int32))
    out = contract.conform(df)
    assert out.columns == EXPECTED_COLUMNS["runs"]
    assert dict(out.schema) == contract.polars_schema()
    assert out["started_at"][0] == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    assert out["records_read"].to_list() == [10]


def test_conform_names_a_missing_column():
    df = pl.DataFrame({"run_id": ["r1"]})
    with pytest.raises(DatasetValidationError, match=r"'runs'.*missing column.*'dataset'"):
        load_contract("runs").conform(df)


def test_conform_names_a_column_that_cannot_be_cast():
    from tests.validate.rows import article
    df = pl.DataFrame([article(0)]).with_columns(pl.lit("many").alias("n_chars"))
    with pytest.raises(DatasetValidationError, match=r"cast_to_contract_type\(n_chars\).*'many'"):
        load_contract("articles").conform(df)


def _write_contract(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load((default_schemas_dir() / "articles.yaml").read_text())
    mutate(raw)
    path = tmp_path / "articles.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return path


def _col(raw: dict, name: str) -> dict:
    return next(c for c in raw["columns"] if c["name"] == name)


MALFORMED = [
    ("unknown type", lambda r: _col(r, "n_chars").update(type="integer"), "n_chars", "unknown type"),
    ("missing nullable", lambda r: _col(r, "title").pop("nullable"), "title", "nullable"),
    ("misspelt key", lambda r: _col(r, "url").update(nulable=True), "url", "nulable"),
    ("min above max", lambda r: _col(r, "n_chars").update(min=5, max=1), "n_chars", "greater than max"),
    ("bad regex", lambda r: _col(r, "language").update(pattern="^[a-z"), "language", "not a regex"),
    ("pattern on int", lambda r: _col(r, "n_chars").update(pattern="^1$"), "n_chars", "pattern"),
    ("allowed of wrong type", lambda r: _col(r, "date_source").update(allowed=[1, 2]), "date_source", "allowed"),
    ("nullable not bool", lambda r: _col(r, "source").update(nullable="no"), "source", "nullable"),
    ("no description", lambda r: _col(r, "author").update(description=""), "author", "description"),
    ("bad struct", lambda r: _col(r, "author").update(type="struct<a>"), "author", "struct field"),
    ("undeclared key", lambda r: r.update(key=["articl_id"]), "articl_id", "key column"),
]


@pytest.mark.parametrize("case,mutate,column,message", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_contract_names_file_and_column(tmp_path, case, mutate, column, message):
    path = _write_contract(tmp_path, mutate)
    with pytest.raises(ContractError) as err:
        load_contract("articles", tmp_path)
    text = str(err.value)
    assert str(path) in text and column in text and message in text


def test_contract_for_another_dataset_or_missing_file(tmp_path):
    _write_contract(tmp_path, lambda r: None)
    (tmp_path / "articles.yaml").rename(tmp_path / "events.yaml")
    with pytest.raises(ContractError, match="declares dataset 'articles'"):
        load_contract("events", tmp_path)
    with pytest.raises(ContractError, match="not found"):
        load_contract("nothing", tmp_path)


def test_schemas_dir_can_be_overridden_by_env(tmp_path, monkeypatch):
    _write_contract(tmp_path, lambda r: r.update(version=7))
    monkeypatch.setenv("GEOWIRE_SCHEMAS", str(tmp_path))
    assert load_contract("articles").version == 7


def test_data_dictionary_lists_every_column_with_its_description():
    contract = load_contract("mentions")
    text = data_dictionary_markdown(contract)
    assert text.startswith("## mentions (contract v1)")
    for col in contract.columns:
        assert f"| `{col.name}` |" in text and col.description.replace("|", "\\|") in text
    assert "matches `^[A-Z]{3}$`" in text and "-10 ≤ value ≤ 10" in text
