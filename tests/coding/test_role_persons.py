"""A person the dictionaries lack, named with a role, gets the role and the country from the
sentence (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.actors import matcher_for
from flows.coding.text import tokenize
from tests.coding.helpers import coded


@pytest.mark.parametrize("text, expected", [
    ("Iraq's national security adviser met the Iranian ambassador.", ("IRQGOV", "IRNGOV", "044")),
    ("The French foreign minister Jean-Noël Barrot met Iranian officials.", ("FRAGOV", "IRNGOV", "044")),
    ("Georgia Gov. Brian Kemp criticized the protesters.", ("USAGOV", "USAOPP", "111")),
    ("Russian Col. Ivan Petrov attacked Ukrainian positions.", ("RUSMIL", "UKR", "190")),
])
def test_a_role_and_its_country_code_an_unknown_person(full, text, expected):
    dictionaries, verbs = full
    assert expected in coded(dictionaries, verbs, text)


@pytest.mark.parametrize("text, name", [
    ("The French foreign minister Jean-Noël Barrot arrived.", "French foreign minister Jean-Noël Barrot"),
    ("Gov. Brian Kemp arrived.", "Gov. Brian Kemp"),
    ("Gen. Mattis arrived.", "Gen. Mattis"),
    ("The minister Monday said nothing.", "minister"),    # a weekday is not a name
    ("Officials Said nothing.", "Officials"),              # one capitalised word after a plain role
])
def test_the_actor_takes_in_the_persons_name(full, text, name):
    dictionaries, _ = full
    matcher = matcher_for(dictionaries)
    tokens = tokenize(text)
    actors = matcher.resolve(matcher.find(text), tokens, text, None)
    assert text[actors[0].char_start:actors[0].char_end] == name


def test_a_state_before_a_role_is_the_united_states(full):
    dictionaries, verbs = full
    assert ("USACOP", "USAOPP", "173") in coded(dictionaries, verbs, "Georgia police arrested twelve protesters in Atlanta.")


@pytest.mark.parametrize("text, expected", [
    ("Ministers said the Government criticised Russian officials.", ("GOV", "RUSGOV", "111")),
    ("Ukraine and the Government condemned Russia.", ("UKRGOV", "RUS", "111")),
    ("The Ukrainian government condemned the protesters.", ("UKRGOV", "UKROPP", "111")),
])
def test_the_capitalised_government_takes_no_other_actors_country(full, text, expected):
    dictionaries, verbs = full
    assert expected in coded(dictionaries, verbs, text)


def test_the_capitalised_government_takes_no_country_from_the_previous_sentence(full):
    dictionaries, verbs = full
    text = "Russian troops shelled Kharkiv. Officials said the Cabinet condemned Russia."
    assert ("GOV", "RUS", "111") in coded(dictionaries, verbs, text)


@pytest.mark.parametrize("text, expected", [
    # a hyphenated name right before the verb is its subject, not a modifier making it a noun
    ("The Lebanese foreign minister Adnan al-Mansour criticized Israel on Sunday.", ("LBNGOV", "ISR", "111")),
    ("Egypt's interior minister Magdy Abdel-Ghaffar met Sudanese officials in Cairo.", ("EGYGOV", "SDNGOV", "044")),
])
def test_a_hyphenated_name_before_the_verb_is_its_subject(full, text, expected):
    dictionaries, verbs = full
    assert expected in coded(dictionaries, verbs, text)


def test_a_hyphenated_modifier_still_makes_a_noun(full):
    dictionaries, verbs = full
    found = coded(dictionaries, verbs, "The US-led strikes worried Russian diplomats.")
    assert not any(code.startswith("19") for _, _, code in found)
