"""A candidate sentence's actors are resolved once when no name in it is dated; a name that
means different actors at different dates is resolved again at the event's date."""
from __future__ import annotations

from datetime import datetime, timezone

from flows.coding.coder import Coder
from tests.coding.helpers import articles, coded


def _candidates(full, text: str):
    coder = Coder(*full)
    article = next(articles(text).iter_rows(named=True))
    return coder.candidates(article)


def test_a_sentence_without_dated_names_carries_its_actors(full):
    (candidate,) = _candidates(full, "Germany criticised Iran over the missile tests.")
    assert candidate.actors is not None
    assert [a.code for a in candidate.actors] == ["DEU", "IRN"]


def test_a_dated_name_is_left_for_the_event_date(full):
    (candidate,) = _candidates(full, "Boris Yeltsin criticised Iran over the missile tests.")
    assert candidate.actors is None


def test_a_dated_name_takes_the_role_it_held_when_the_article_was_written(full):
    text = "Boris Yeltsin criticised Iran over the missile tests."
    in_office = coded(*full, text, published=datetime(1995, 6, 1, 12, tzinfo=timezone.utc))
    retired = coded(*full, text, published=datetime(2005, 6, 1, 12, tzinfo=timezone.utc))
    assert any(a1 == "RUSGOV" for a1, _, _ in in_office)
    assert any(a1 == "RUSELI" for a1, _, _ in retired)
