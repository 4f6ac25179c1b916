"""Reported speech coded by what it says (issue 9l): a reported clause that blames another actor
is the speaker's criticism (111) or, under an alleging verb, accusation (112) of it; a warning
with no addressee and no condition threatens no one. Invented sentences, full dictionaries."""
from __future__ import annotations

from tests.coding.helpers import coded


def _roots(full, text):
    return {(a, b, c[:2]) for a, b, c in coded(*full, text)}


def test_a_reported_blame_is_the_speakers_criticism_of_the_blamed_actor(full):
    assert ("GBR", "RUS", "111") in coded(*full, "Britain said Russia was responsible for the attack on the embassy.")


def test_a_blame_on_the_objects_owner_targets_the_owner(full):
    got = coded(*full, "A Foreign Office spokesperson said the allegations showed Russia's desperation.")
    assert ("GBRGOV", "RUS", "111") in got


def test_a_blame_under_an_alleging_verb_is_an_accusation(full):
    got = coded(*full, "Russia claims the UK government is deliberately destroying all evidence on the incident.")
    assert ("RUS", "GBRGOV", "112") in got


def test_a_negated_blame_blames_no_one(full):
    assert not any(c[:2] == "11" for _, _, c in coded(*full, "Britain said Russia was not responsible for the attack."))


def test_a_clause_without_a_word_of_blame_is_a_bare_statement(full):
    assert not _roots(full, "Britain said Russia was preparing for the summit in Geneva.")


def test_the_speaker_blaming_itself_is_no_criticism(full):
    got = _roots(full, "Russia said the Russian government was responsible for the delay.")
    assert not any(code == "11" for _, _, code in got)


def test_a_warning_of_something_to_no_one_is_no_threat(full):
    assert not any(c[:2] == "13" for _, _, c in coded(*full, "Police warned of a dramatic upshift in terrorism in Britain."))


def test_a_warning_addressed_to_an_actor_is_a_threat(full):
    assert ("GBR", "RUS", "13") in _roots(full, "Britain warned Russia of serious consequences.")


def test_a_conditional_warning_is_a_threat(full):
    got = _roots(full, "Britain warned that Russia would face consequences if it attacked Ukraine.")
    assert ("GBR", "RUS", "13") in got


def test_a_blame_does_not_displace_the_event_the_clause_reports(full):
    got = _roots(full, "Israel says Iran lied and attacked Saudi Arabia.")
    assert {("ISR", "IRN", "11"), ("IRN", "SAU", "19")} <= got


def test_a_warning_announcing_an_act_of_the_speakers_side_is_a_threat(full):
    got = _roots(full, "Egypt's security chief has warned that police will no longer tolerate rallies by the Kifaya group.")
    assert any(code == "13" for _, _, code in got)


def test_a_warning_forecasting_another_actors_act_is_no_threat(full):
    got = _roots(full, "The UN warned that Syria will face famine.")
    assert not any(code == "13" for _, _, code in got)
