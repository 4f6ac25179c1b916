"""Verb and event-noun patterns: general patterns, numbers inside a pattern, a statement's
participle as its act, and words that are not acts (invented sentences)."""
from __future__ import annotations

import pytest

from flows.coding.text import tokenize
from tests.coding.helpers import coded


@pytest.mark.parametrize("text, code", [
    ("Israeli officials shared evidence with the United States.", "064"),
    ("The United States is providing satellite images to Ukraine.", "070"),
    ("Iraqi workers stopped work in Baghdad.", "143"),
    ("Iraqi protesters blocked traffic into Baghdad.", "144"),
    ("Iran reneged on its commitment to France.", "120"),
    ("Iraqi rebels blew up a power line.", "1712"),
    ("Israel mounted an invasion of Jordan.", "190"),
    ("Iraqi troops retook a village from Iranian rebels.", "192"),
    ("Iranian rebels swore to fight Israel.", "138"),
    ("Iraqi refugees sought refuge in Germany.", "103"),
    ("The French president gave a cordial welcome to the Jordanian king.", "043"),
    ("Iraq reopened the border crossings with Jordan on Friday.", "081"),
    ("Iranian police stepped up patrols in Tehran after the protests.", "151"),
    ("Iraqi rebels exploded two bombs in central Baghdad.", "183"),
    ("Russian officials shut the newspaper down for a month.", "1721"),
    ("The Iranian government ordered the reformist daily to suspend publication.", "1721"),
    ("Iraqi police allowed the protest to go ahead in Baghdad.", "0811"),
    ("Russian officials allowed opposition candidates to run in the elections.", "0811"),
])
def test_new_general_patterns(tiny, verbs, text, code):
    assert code in {c for _, _, c in coded(tiny, verbs, text)}


def test_decimal_numbers_are_one_token():
    text = "France gave Jordan 5.1 million dollars and 1,000 tents."
    words = [t.text for t in tokenize(text)]
    assert "5.1" in words and "1,000" in words and "." == words[-1]


def test_decimal_point_does_not_break_a_pattern(tiny, verbs):
    # "give … million": the decimal point inside "2.5" is no barrier between the slots
    assert coded(tiny, verbs, "Germany gave Jordan 2.5 million dollars of aid.") == {("DEU", "JOR", "071")}


@pytest.mark.parametrize("text, root, target", [
    ("Iran issued a statement condemning Israel.", "11", "ISR"),
    ("Iran issued a declaration demanding that Israel release the prisoners.", "10", "ISR"),
])
def test_statement_participle_is_the_act(tiny, verbs, text, root, target):
    got = coded(tiny, verbs, text)
    assert {(a, b, c[:2]) for a, b, c in got} == {("IRN", target, root)}


def test_participle_without_statement_noun_is_not_coded(tiny, verbs):
    # "condemning" here describes the crowd, it is not a finite act by Iran
    assert not any(c.startswith("11") for _, _, c in
                   coded(tiny, verbs, "Iran watched crowds condemning Israel."))


@pytest.mark.parametrize("text", [
    "A pro-Iranian group attacked Israeli troops.",          # a stance, not Iran acting
    "UN aid convoys reached the town.",                      # "aid" modifies "convoys"
    "A court cleared Iraqi officials of all charges.",       # "of all charges": a noun
    "France condemned the attack until their demands are met.",  # no demand was made
])
def test_words_that_are_not_acts_or_actors(tiny, verbs, text):
    got = coded(tiny, verbs, text)
    assert not any(a.startswith("IRN") for a, _, _ in got)
    assert not any(code[:2] in ("07", "10", "17") for _, _, code in got)


@pytest.mark.parametrize("text, code", [
    ("A Russian military operation against Ukrainian rebels began on Monday.", "190"),
    ("Russia's military incursion into Ukraine angered Britain.", "190"),
    ("The Iranian counterattack on Iraqi positions came at dawn.", "190"),
    ("Iraqi rebels overran the Jordanian town of Ruwaished.", "192"),
    ("Iraqi forces liberated the town from Iranian rebels.", "190"),
    ("Germany cut off aid to the Iraqi rebels.", "162"),
    ("Iraqi rebels executed two Jordanian hostages.", "1823"),
    ("Russia gave assurances to Ukrainian officials.", "030"),
    ("France played honest broker between Israel and Jordan.", "045"),
    ("The US military told the Iranians to get lost.", "120"),
])
def test_cameo_phrases_added(tiny, verbs, text, code):
    assert code in {c for _, _, c in coded(tiny, verbs, text)}


@pytest.mark.parametrize("text", [
    "Britain's fight against climate change goes on.",       # "against" no actor: obj
    "The German company executed its plan.",                  # executing a plan kills no one
    "France's campaign against obesity began in March.",
])
def test_added_phrases_need_an_actor_object(tiny, verbs, text):
    assert not any(c.startswith(("19", "18")) for _, _, c in coded(tiny, verbs, text))


def test_event_noun_after_modifiers_is_a_noun(tiny, verbs):
    # "Russia's fresh ground": the possessive before the adjectives makes "assault" a noun (it is also a verb)
    got = coded(tiny, verbs, "Russia's fresh ground assault on Ukrainian positions began at dawn.")
    assert any(c.startswith("19") for _, _, c in got)


def test_impending_act_is_hypothetical(tiny, verbs):
    assert not coded(tiny, verbs, "Ukrainians fled an impending Russian incursion into Ukraine.")
