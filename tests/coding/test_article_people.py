"""People an article introduces with a role and a country, remembered by surname (people.py):
invented articles, coded with the full dictionaries."""
from __future__ import annotations

from flows.coding.actors import matcher_for
from flows.coding.people import introduced, remember_people
from tests.coding.helpers import coded


def _people(full, text: str) -> dict[str, str]:
    matcher = matcher_for(full[0])
    return {p.surname: p.entry.code for p in introduced(matcher, text, matcher.find(text))}


def test_a_role_and_country_before_a_name_introduce_the_person(full):
    assert _people(full, "Russia's ambassador Alexander Yakovenko spoke.") == {"Yakovenko": "RUSGOV"}
    assert _people(full, "The Turkish interior minister, Ahmet Yilmaz, spoke.") == {"Yilmaz": "TURGOV"}
    assert _people(full, "Ahmet Yilmaz, Turkey's interior minister, spoke.") == {"Yilmaz": "TURGOV"}


def test_a_role_with_no_country_or_a_single_name_introduces_nobody(full):
    assert _people(full, "The ambassador Alexander Yakovenko spoke.") == {}
    assert _people(full, "Russia's ambassador, Yakovenko, spoke.") == {}


def test_two_people_with_one_surname_are_forgotten(full):
    text = ("Russia's ambassador Alexander Yakovenko spoke. Ukraine's envoy Oleg Yakovenko replied. "
            "Yakovenko accused Britain of lying.")
    assert _people(full, text) == {}


def test_a_surname_the_article_also_writes_in_lower_case_is_no_name(full):
    text = "Russia's ambassador Alexander Hope spoke. There is little hope of a deal. Hope accused Britain."
    assert _people(full, text) == {}


def test_later_mentions_of_the_surname_become_hits_after_the_introduction_only(full):
    matcher = matcher_for(full[0])
    text = "Yakovenko arrived. Russia's ambassador Alexander Yakovenko spoke. Later Yakovenko left."
    hits = remember_people(matcher, text, matcher.find(text))
    remembered = [(text[h.start:h.end], h.start) for h in hits if h.actors and h.actors[0].code == "RUSGOV"]
    assert remembered == [("Yakovenko", text.rindex("Yakovenko"))]


def test_a_surname_alone_codes_the_remembered_person(full):
    text = ("Russia's ambassador to London, Alexander Yakovenko, spoke to reporters on Monday. "
            "Yakovenko accused Britain of spreading lies about the poisoning.")
    assert ("RUSGOV", "GBR", "112") in coded(*full, text)


def test_without_an_introduction_a_surname_is_no_actor(full):
    text = "Yakovenko accused Britain of spreading lies about the poisoning."
    assert not any(a1 and a1.startswith("RUS") for a1, _, _ in coded(*full, text))


def test_one_person_read_under_two_codes_keeps_the_code_most_introductions_give(full):
    text = ("Russia's ambassador to the UK, Alexander Yakovenko, spoke. Russia's UK ambassador Alexander "
            "Yakovenko replied. Russia's ambassador, Alexander Yakovenko, left.")
    assert _people(full, text) == {"Yakovenko": "RUSGOV"}
