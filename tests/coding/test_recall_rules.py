"""Rules added for recall on real news (issue 9r): new common verbs, event nouns launched by a
verb, places after an event noun, coreference of "he"/"their", allegations, targets after a
pattern's preposition, quotes and the press after a reporting verb; invented sentences, full
dictionaries."""
from __future__ import annotations

from tests.coding.helpers import articles, coded
from flows.coding.mentions import code_articles


def _roots(full, text):
    return {(a, b, c[:2]) for a, b, c in coded(*full, text)}


def test_a_common_verb_of_criticism_is_coded(full):
    assert ("USAGOV", "IGOWSTNAT", "111") in coded(*full, "Trump has repeatedly denigrated Nato.")


def test_a_denial_is_a_rejection_with_no_target_from_the_clause_denied(full):
    got = _roots(full, "Syria denied that its army attacked civilians.")
    assert ("SYR", None, "12") in got
    assert not any(code == "18" or code == "19" for _, _, code in got)  # the attack is denied


def test_an_event_noun_takes_the_source_of_the_verb_that_launches_it(full):
    got = _roots(full, "Turkey announced the launch of the assault on Afrin in January.")
    assert ("TUR", "SYR", "19") in got


def test_a_verb_reacting_to_an_event_noun_is_not_its_author(full):
    got = _roots(full, "Britain condemned the invasion of Ukraine.")
    assert not any(a == "GBR" and code == "19" for a, _, code in got)


def test_an_event_noun_targets_the_place_after_a_descriptor(full):
    got = _roots(full, "Civilians fled after the Turkish occupation of the Kurdish region of Afrin.")
    assert ("TUR", "SYR", "19") in got


def test_a_possessive_pronoun_agent_belongs_to_the_actor_before_it(full):
    got = _roots(full, "Isis members fled Deir ez-Zor, where their forces had besieged a Syrian military base.")
    assert any(a.startswith("IMG") and b == "SYRMIL" and code == "19" for a, b, code in got)


def test_he_refers_to_the_last_person_named_in_the_article(full):
    text = ("Vladimir Putin met Chinese officials in Beijing on Monday. The talks lasted two hours. "
            "On Tuesday he condemned NATO.")
    assert ("RUSGOV", "IGOWSTNAT", "111") in coded(*full, text)


def test_he_is_never_a_country(full):
    text = "Germany sent aid to Ukraine on Monday. On Tuesday he condemned Russia."
    assert not any(a == "DEU" and code == "111" for a, _, code in coded(*full, text))


def test_an_alleged_attack_is_the_speakers_accusation_not_a_fact(full):
    got = _roots(full, "Russia claims British troops attacked Syrian villages.")
    assert ("RUS", "GBRMIL", "11") in got
    assert not any(code == "19" for _, _, code in got)


def test_a_pattern_ending_in_a_preposition_targets_what_follows_it(full):
    got = _roots(full, "Russia voted against the proposal in the United Nations Security Council.")
    assert ("RUS", None, "12") in got  # the council is where, not whom


def test_an_act_of_force_with_no_author_has_no_victim_in_its_instrument(full):
    got = coded(*full, "The other members of the cell are Mohammed Emwazi, believed killed in a US airstrike in 2015, "
                     "and Aine Davis, jailed by a court in Silivri, Turkey, in May.")
    assert not any(b == "USA" for _, b, _ in got)


def test_a_participle_modifier_without_an_agent_names_no_source(full):
    got = _roots(full, "The Syrian opposition was surprised to be on a list of groups invited to talks in Russia.")
    assert not any(code == "02" for _, _, code in got)


def test_the_press_a_statement_is_made_to_is_no_addressee(full):
    got = coded(*full, "A Syrian official told the French magazine Paris Match that he had seen the hostage.")
    assert not any(code == "010" for _, _, code in got)


def test_a_quote_after_a_reporting_verb_is_no_addressee(full):
    frame = articles("The Syrian foreign minister said: Donald Trump's tweet made it clear that action was near.")
    rows = code_articles(frame, *full)
    assert not any(r["event_code"] == "010" and r["actor2_code"] for r in rows.iter_rows(named=True))


def test_a_conviction_is_coded_as_the_states_action_on_a_person(full):
    assert ("TURJUD", "IMGMOS", "173") in coded(*full, "A Turkish court convicted an Isis member in May.")


def test_an_apposition_naming_a_role_gives_the_person_its_affiliation(full):
    got = _roots(full, "Bassam Abu Abdullah, an adviser to the Syrian foreign ministry, denied the reports.")
    assert ("SYRGOV", None, "12") in got
