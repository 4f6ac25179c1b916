"""Which country an actor gets on real-news constructions (invented sentences): a backer's
compound ("US-backed"), a target's apposition, and the country an article is set in."""
from __future__ import annotations

from flows.coding.actors import matcher_for
from flows.coding.scene import article_scene, confident_scene
from tests.coding.helpers import coded

# a story set in Iraq: Iraq is named more than any other country
IRAQ_STORY = ("Iraq held elections in May. Iraqi parties formed a government in Baghdad. "
              "The Iraqi army retook the city. ")


def test_a_backers_compound_gives_the_backed_actor_no_country(tiny, verbs):
    got = coded(tiny, verbs, "Jordan condemned the raid. Iranian-backed rebels attacked Israeli troops.")
    assert not any(a1.startswith("IRN") for a1, _, _ in got)
    assert any(a1.endswith("REB") and b == "ISRMIL" and code == "190" for a1, b, code in got)


def test_a_backer_before_a_group_noun_is_no_actor(tiny, verbs):
    # "groups" is in no dictionary, yet the compound names them as the backed actor, not Britain
    got = coded(tiny, verbs, "British-funded groups attacked Iraqi troops.")
    assert not any(a1.startswith("GBR") for a1, _, _ in got)


def test_a_backer_before_a_thing_that_is_no_actor_keeps_its_country(tiny, verbs):
    # "a Russian-sponsored conference" is Russia's: the protesters boycott Russia
    assert ("UKRCVL", "RUS", "140") in coded(tiny, verbs, "Ukrainian protesters boycotted a Russian-sponsored conference.")


def test_a_bare_source_takes_no_country_from_the_targets_apposition(tiny, verbs):
    got = coded(tiny, verbs, "Germany condemned the vote. The minister criticised the Russian president, Vladimir Putin.")
    assert ("DEUGOV", "RUSGOV", "111") in got
    assert not any(a1.startswith("RUS") for a1, _, _ in got)


def test_the_scene_is_the_country_named_most_often(tiny):
    matcher = matcher_for(tiny)
    assert article_scene(matcher.find(IRAQ_STORY + "Iran backed the rebels.")) == "IRQ"
    # a country named less than three times, or two tied, set no scene
    assert article_scene(matcher.find("Iran backed the rebels in Iraq.")) is None
    assert article_scene(matcher.find("Iraq and Iran. Iraq and Iran. Iraq and Iran.")) is None


def test_a_foreign_states_bare_target_belongs_to_the_scene(tiny, verbs):
    assert ("IRN", "IRQREB", "051") in coded(tiny, verbs, IRAQ_STORY + "Iran backed the rebels.")
    assert ("IRNMIL", "IRQCVL", "190") in coded(tiny, verbs, IRAQ_STORY + "Iranian troops attacked protesters.")


def test_a_states_acts_at_home_and_the_scenes_own_state_keep_the_domestic_default(tiny, verbs):
    # arrests are done at home: Iran's protesters even in a story set in Iraq
    assert ("IRN", "IRNCVL", "173") in coded(tiny, verbs, IRAQ_STORY + "Iran arrested protesters.")
    # the scene's own state, and any source in a story with no scene, keep their own country
    assert ("IRQ", "IRQREB", "051") in coded(tiny, verbs, IRAQ_STORY + "Iraq backed the rebels.")
    assert ("IRN", "IRNREB", "051") in coded(tiny, verbs, "Iran backed the rebels.")


def test_a_bare_people_source_belongs_to_the_scene_not_the_previous_sentence(tiny, verbs):
    # "the rebels" with no country in their sentence: Iraq's (the story's), not Russia's from "Putin said"
    got = coded(tiny, verbs, IRAQ_STORY + "Putin said the talks had failed. The rebels attacked Iranian troops.")
    assert ("IRQREB", "IRNMIL", "190") in got
    # officials are no people of a place: they still take the previous sentence's country
    got = coded(tiny, verbs, IRAQ_STORY + "Putin criticised Iran. Officials also condemned Israel.")
    assert ("RUSGOV", "ISR", "111") in got


# a story set in Syria with no other country named: a confident scene
SYRIA_STORY = ("Syria held a vote in May. Syrian parties boycotted it. Damascus was calm. ")


def test_a_confident_scene_leads_any_other_country_twice_over(full):
    matcher = matcher_for(full[0])
    assert confident_scene(matcher.find(SYRIA_STORY)) == "SYR"
    # Syria three times, Russia twice: still the scene, but not a confident one
    mixed = SYRIA_STORY + "Russia and Moscow watched."
    assert article_scene(matcher.find(mixed)) == "SYR" and confident_scene(matcher.find(mixed)) is None


def test_a_bare_state_agent_belongs_to_a_confident_scene(full):
    got = coded(*full, SYRIA_STORY + "The regime arrested dozens of protesters.")
    assert any(a1 == "SYRGOV" and code.startswith("17") for a1, _, code in got)
    got = coded(*full, SYRIA_STORY + "The court sentenced the activists to prison.")
    assert any(a1 == "SYRJUD" for a1, _, _ in got)


def test_a_country_in_the_sentence_comes_before_the_scene(full):
    got = coded(*full, SYRIA_STORY + "Officials in Turkey arrested dozens of protesters.")
    assert any(a1 == "TURGOV" for a1, _, _ in got) and not any(a1 == "SYRGOV" for a1, _, _ in got)


def test_a_state_agent_takes_no_scene_in_a_story_about_two_countries(full):
    story = "The regime arrested dozens of protesters. " + SYRIA_STORY
    assert any(a1 == "SYRGOV" for a1, _, _ in coded(*full, story))
    # (the lead sentence has no earlier actor to continue)
    assert not any(a1 == "SYRGOV" for a1, _, _ in coded(*full, story + "Russia and Moscow watched."))


def test_a_state_agent_continues_the_sentence_just_before_it(full):
    got = coded(*full, SYRIA_STORY + "Putin criticised Iran. Officials also condemned Israel.")
    assert ("RUSGOV", "ISR", "111") in got
    got = coded(*full, SYRIA_STORY + "Putin criticised Iran. The vote was held. Officials also condemned Israel.")
    assert ("SYRGOV", "ISR", "111") in got
