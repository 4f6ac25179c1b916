import hashlib

import polars as pl

from flows.normalize.ids import article_ids, blake2b_16, content_hashes


def test_blake2b_16_is_32_hex_of_blake2b():
    assert blake2b_16("abc") == hashlib.blake2b(b"abc", digest_size=16).hexdigest()
    assert len(blake2b_16("abc")) == 32


def test_article_ids_deterministic_and_distinct():
    urls = pl.Series(["https://a.example/1", "https://a.example/2", None, None, "https://a.example/1"])
    texts = pl.Series(["same body", "same body", "body one", "body two", "other body"])
    first, second = article_ids(urls, texts), article_ids(urls.clone(), texts.clone())
    assert first.to_list() == second.to_list()
    ids = first.to_list()
    assert ids[0] == ids[4]  # same URL, different text: same article
    assert len(set(ids[:4])) == 4
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert ids[0] == blake2b_16("url:https://a.example/1")
    assert ids[2] == blake2b_16("text:body one")


def test_url_and_text_ids_cannot_collide():
    # a text that happens to equal a URL still gets a different id than that URL
    url = "https://a.example/1"
    ids = article_ids(pl.Series([url, None], dtype=pl.String), pl.Series(["x", url])).to_list()
    assert ids[0] != ids[1]


def test_content_hash_ignores_case_and_whitespace_only():
    texts = pl.Series(["Talks resumed.\nOfficials said", "talks  resumed. officials SAID", "Talks failed."])
    hashes = content_hashes(texts).to_list()
    assert hashes[0] == hashes[1]
    assert hashes[0] != hashes[2]
    assert hashes[0] == blake2b_16("talks resumed. officials said")
