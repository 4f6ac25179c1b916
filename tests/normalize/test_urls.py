import polars as pl
import pytest
from polars.testing import assert_series_equal

from flows.normalize.urls import canonical_urls, registered_domain, registered_domains


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTP://WWW.Example.COM:80/a/b", "http://www.example.com/a/b"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?utm_source=tw&utm_medium=social", "https://example.com/a"),
        ("https://example.com/a?fbclid=abc&gclid=def&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?z=1&b=2&a=3", "https://example.com/a?a=3&b=2&z=1"),
        ("https://example.com/a?cmpid=rss&page=2", "https://example.com/a?page=2"),
        ("https://example.com", "https://example.com/"),
        ("  https://news.example.org/story  ", "https://news.example.org/story"),
        ("/relative/path", None),
        ("//example.com/protocol-relative", None),
        ("www.example.com/no-scheme", None),
        ("ftp://example.com/file", None),
        ("mailto:desk@example.com", None),
        ("https://exa mple.com/", None),
        ("https://example.com:99999/", None),
        ("http://localhost/x", None),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(url, canonical):
    got = canonical_urls(pl.Series("url", [url], dtype=pl.String))
    assert_series_equal(got, pl.Series("url", [canonical], dtype=pl.String))


def test_registered_domains_table():
    urls = pl.Series(
        "url",
        ["https://www.reuters.com/world/x", "https://news.bbc.co.uk/a", "https://WWW.Le-Monde.FR/", None, "/x"],
    )
    expected = pl.Series("url", ["reuters.com", "bbc.co.uk", "le-monde.fr", None, None])
    assert_series_equal(registered_domains(urls), expected)


def test_registered_domain_of_ip_host_is_the_host():
    assert registered_domain("http://192.0.2.10/page") == "192.0.2.10"
