"""Event words read in a sense that is no act, or another act (issue 9q): a target that is a goal,
a blow of the weather, a court striking down a law, a view reinforced, accounts targeted, a
speech attacked, a workers' strike (invented sentences)."""
from __future__ import annotations

import pytest

from tests.coding.helpers import coded


def _codes(tiny, verbs, text):
    return {c for _, _, c in coded(tiny, verbs, text)}


@pytest.mark.parametrize("text", [
    "Iran and Iraq hit the 0.7% UN aid spending target last year.",
    "Russian exports hit a snag in March.",
    "Iraq was hit by Iranian military setbacks.",
    "The Iranian army, hit by military setbacks, left Iraq.",
    "An Iraqi court struck down the Iranian ban on imports.",
    "Iran has reinforced its support for the Iraqi government.",
    "Russian hackers targeted the email accounts of Iraqi ministers.",
    "The Iranian minister reinforced the message in Baghdad.",
    "It is striking how closely the map of Iranian influence mirrors that of Iraq.",
    "Iranian fans clashed online with Iraqi fans.",
])
def test_senses_that_are_no_event(tiny, verbs, text):
    assert _codes(tiny, verbs, text) == set()


@pytest.mark.parametrize("text, code", [
    ("The Iranian president attacked the remarks of the Iraqi prime minister.", "111"),
    ("Iranian officials have attacked the credibility of Iraq.", "111"),
    ("Iraqi workers launched a general strike against the Iranian company.", "143"),
    ("Iran struck a compromise with Iraq on the border.", "057"),
    ("Iran struck a rapprochement with Iraq.", "050"),
])
def test_senses_with_another_code(tiny, verbs, text, code):
    codes = _codes(tiny, verbs, text)
    assert code in codes and not any(c.startswith("19") for c in codes)


@pytest.mark.parametrize("text, code", [
    ("Iranian missiles hit Iraqi targets near Basra.", "19"),
    ("The Iranian army hit military targets in Iraq.", "19"),
    ("Iranian forces attacked Iraqi troops near the border.", "19"),
    ("Russian jets struck Iraqi positions on Monday.", "19"),
    ("Iran launched a missile strike on Iraq.", "19"),
    ("Iraqi police shot two Iranian smugglers.", "19"),
])
def test_the_force_senses_still_fire(tiny, verbs, text, code):
    assert any(c.startswith(code) for c in _codes(tiny, verbs, text))


def test_hit_and_run_is_a_manner_of_fighting(full):
    assert coded(*full, "Donald Trump’s policy on Iran, by contrast, is a version of “hit and run”.") == set()


@pytest.mark.parametrize("text", [
    "The British ambassador, Karen Pierce, clashed with Donald Trump over the air war.",
    "Judge Arthur Engoron, who has clashed with Donald Trump all year, spoke on Monday.",
    "Donald Trump attacked Joe Biden on Monday.",
])
def test_a_fight_in_words_between_people_is_criticism(full, text):
    codes = {c for _, _, c in coded(*full, text)}
    assert codes == {"111"}


@pytest.mark.parametrize("text", [
    "Syrian rebels clashed with Turkish troops near Afrin.",
    "Turkish troops attacked the Syrian town of Afrin.",
])
def test_a_fight_between_forces_stays_a_fight(full, text):
    assert any(c.startswith("19") for _, _, c in coded(*full, text))
