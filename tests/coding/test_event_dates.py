"""Event dates from the event's clause: months, seasons, parts of a year, "N years ago", future
weekdays (invented sentences; publication Thursday 13 February 2025)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from flows.coding import aggregate_events
from flows.coding.dates import resolve_event_date
from flows.coding.mentions import code_articles

from tests.coding.helpers import articles

PUBLISHED = date(2025, 2, 13)  # a Thursday


@pytest.mark.parametrize("sentence, expected", [
    ("In September, troops entered the city.", date(2024, 9, 1)),       # a later month: last year's
    ("Troops entered the city in January.", date(2025, 1, 1)),          # an earlier month: this year's
    ("Troops entered the city in February.", PUBLISHED),                # this month
    ("Troops entered the city last February.", date(2024, 2, 1)),
    ("Talks will resume in March.", date(2025, 3, 1)),                  # a future clause: the next March
    ("Troops entered the city last spring.", date(2024, 3, 1)),
    ("Protesters marched last winter.", date(2023, 12, 1)),             # we are in this winter
    ("Protesters marched in the autumn.", date(2024, 9, 1)),
    ("The army left three years ago.", date(2022, 2, 13)),
    ("Troops left a year ago.", date(2024, 2, 13)),
    ("The rebels withdrew 18 months ago.", date(2023, 8, 13)),
    ("Aid has been blocked since late last year.", date(2024, 10, 1)),
    ("Fighting erupted earlier this month.", date(2025, 2, 1)),
    ("The deal was signed in late 2019.", date(2019, 10, 1)),
    ("In July 2017, the rebels withdrew.", date(2017, 7, 1)),
    ("The ministers met on Wednesday.", date(2025, 2, 12)),
    ("The ministers will meet on Wednesday.", date(2025, 2, 19)),       # future: the coming Wednesday
    ("The ministers are due to meet on Monday.", date(2025, 2, 17)),
    ("The summit is next Wednesday.", date(2025, 2, 19)),
    ("Officials met last Thursday.", date(2025, 2, 6)),
])
def test_relative_dates(sentence, expected):
    assert resolve_event_date(sentence, PUBLISHED) == expected


def test_a_month_name_that_is_a_persons_name_is_no_date():
    assert resolve_event_date("Theresa May lost a vote of confidence in May.", PUBLISHED) == PUBLISHED
    assert resolve_event_date("He said in May that talks failed.", PUBLISHED) == date(2024, 5, 1)


@pytest.mark.parametrize("word, expected", [
    ("arrested", date(2015, 1, 1)),
    ("jailed", date(2025, 2, 11)),
])
def test_the_date_of_the_events_own_clause(word, expected):
    sentence = "Davis, who was arrested in 2015, was jailed on Tuesday."
    assert resolve_event_date(sentence, PUBLISHED, at=sentence.index(word)) == expected


def test_a_clause_without_a_date_takes_the_main_clauses():
    sentence = "On Tuesday police detained protesters who had marched to the ministry."
    assert resolve_event_date(sentence, PUBLISHED, at=sentence.index("marched")) == date(2025, 2, 11)
    sentence = "Police detained protesters, while the rebels who fled in 2019 returned."
    assert resolve_event_date(sentence, PUBLISHED, at=sentence.index("detained")) == PUBLISHED


def test_a_clause_before_the_main_one_dates_it():
    sentence = "When the president went to Washington last year, his guards attacked protesters."
    assert resolve_event_date(sentence, PUBLISHED, at=sentence.index("attacked")) == date(2024, 2, 13)


def test_a_future_weekday_written_that_day_is_that_day():
    assert resolve_event_date("The ministers will meet on Thursday.", PUBLISHED) == PUBLISHED


def test_a_date_phrase_after_since_stays_in_its_clause():
    sentence = "The UN has been denied access since late last year."
    assert resolve_event_date(sentence, PUBLISHED, at=sentence.index("denied")) == date(2024, 10, 1)


def _events(full, text: str):
    dictionaries, verbs = full
    frame = articles(text, published=datetime(2025, 2, 13, 9, tzinfo=timezone.utc))
    mentions = code_articles(frame, dictionaries, verbs)
    return aggregate_events(mentions, datetime(2025, 2, 14, tzinfo=timezone.utc))


def test_events_date_column_follows_the_clause(full):
    events = _events(full, "Russian troops, which invaded Ukraine in 2022, shelled Kharkiv on Tuesday.")
    dates = {(r["event_root_code"], r["event_date"]) for r in events.iter_rows(named=True)}
    assert ("19", date(2025, 2, 11)) in dates
    assert all(d != date(2022, 1, 1) or root == "19" for root, d in dates)


def test_events_date_column_for_a_future_meeting(full):
    events = _events(full, "The French president will meet the German chancellor on Wednesday.")
    assert [r["event_date"] for r in events.iter_rows(named=True)] == [date(2025, 2, 19)]


def test_events_date_column_for_a_month_and_years_ago(full):
    events = _events(full, "In September, Russian troops attacked Ukrainian positions.")
    assert [r["event_date"] for r in events.iter_rows(named=True)] == [date(2024, 9, 1)]
    events = _events(full, "Three years ago Russian troops attacked Ukrainian positions.")
    assert [r["event_date"] for r in events.iter_rows(named=True)] == [date(2022, 2, 13)]
