"""Source, target, negation and modality read from the dependency parse (flows/coding/syntax.py);
invented sentences, full dictionaries."""
from __future__ import annotations

import pytest
import yaml

from flows.coding.mentions import code_articles
from flows.coding.syntax import DEFAULT_RULES, SyntaxRulesError, load_rules
from tests.coding.helpers import articles, coded


def _rows(full, text):
    return list(code_articles(articles(text), *full).iter_rows(named=True))


def test_the_agent_of_a_passive_is_the_source(full):
    assert coded(*full, "Ukraine was invaded by Russia in 2022.") == {("RUS", "UKR", "190")}


def test_a_participle_backed_by_an_actor_reads_the_right_way(full):
    got = coded(*full, "Kurdish fighters backed by the United States attacked Syrian troops on Monday.")
    assert ("USA", "SYRMIL", "051") not in got  # not the troops backed by the US
    assert any(a == "USA" and code == "051" for a, _, code in got)


def test_both_conjoined_subjects_are_sources(full):
    got = coded(*full, "The United States and Britain condemned Russia on Monday.")
    assert got == {("USA", "RUS", "111"), ("GBR", "RUS", "111")}


def test_the_object_of_the_complement_is_the_target_of_a_threat(full):
    got = coded(*full, "Russia threatened to invade Ukraine.")
    assert {(a, b, c[:2]) for a, b, c in got} == {("RUS", "UKR", "13")}


def test_a_negation_in_another_clause_does_not_negate_the_act(full):
    # "who did not comment" negates the comment, not the attack
    rows = _rows(full, "Israel, whose officials did not comment, attacked Hamas in Gaza on Monday.")
    attack = [r for r in rows if r["event_root_code"] == "19"]
    assert attack and not any(r["negated"] for r in attack)


def test_a_negation_of_the_act_itself_is_read(full):
    rows = _rows(full, "Turkey did not attack Syria on Monday.")
    assert rows and all(r["negated"] for r in rows)


def test_a_condition_in_another_clause_leaves_the_main_act_a_fact(full):
    rows = _rows(full, "When the talks failed, Russia attacked Ukraine, and if Kyiv resists, more will follow.")
    assert any(r["event_root_code"] == "19" and not r["hypothetical"] for r in rows)


def test_the_act_of_a_conditional_clause_is_not_a_fact(full):
    rows = _rows(full, "If Russia attacks Ukraine, Germany will cut gas imports.")
    attack = [r for r in rows if r["event_root_code"] == "19"]
    assert attack and all(r["hypothetical"] for r in attack)


def test_a_modal_of_the_act_makes_it_hypothetical(full):
    rows = _rows(full, "Russia could attack Ukraine within weeks.")
    assert rows and all(r["hypothetical"] or r["event_root_code"] == "13" for r in rows)


def test_a_verb_form_modifying_a_noun_is_no_act(full):
    got = coded(*full, "Britain sent the alleged bombers of the Libyan airliner back to Libya.")
    assert not any(c.startswith("11") for _, _, c in got)  # "alleged" accuses no one


def test_the_rule_names_the_relation_that_gave_the_roles(full):
    rows = _rows(full, "Ukraine was invaded by Russia in 2022.")
    assert rows and rows[0]["rule"].endswith("[parse:agent]")


def test_the_syntax_rules_refuse_an_unquoted_yaml_boolean(tmp_path):
    data = yaml.safe_load(DEFAULT_RULES.read_text(encoding="utf-8"))
    data["target_prepositions"] = [True, "with"]  # what an unquoted `on` becomes
    path = tmp_path / "syntax.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SyntaxRulesError, match="target_prepositions"):
        load_rules(path)


def test_the_syntax_rules_refuse_an_unknown_key(tmp_path):
    data = yaml.safe_load(DEFAULT_RULES.read_text(encoding="utf-8"))
    data["subjects"] = ["nsubj"]
    path = tmp_path / "syntax.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(SyntaxRulesError, match="unknown key"):
        load_rules(path)


def test_an_act_in_a_denied_clause_is_not_stated(full):
    rows = _rows(full, "Syria denied that the Syrian army attacked civilians in Douma.")
    attack = [r for r in rows if r["event_root_code"] in ("18", "19")]
    assert attack and all(r["negated"] for r in attack)


def test_against_names_the_target_before_with(full):
    got = coded(*full, "Kurdish militias fought with the United States against Isis in Raqqa.")
    fights = {b for _, b, c in got if c.startswith("19")}
    assert fights and "USA" not in fights


def test_a_subject_that_names_no_actor_is_not_replaced_by_the_nearest_actor(full):
    # the missile struck, not Iran (the word rules' nearest actor before the verb)
    got = coded(*full, "After talks with Iran, a missile struck the Turkish border town of Reyhanli.")
    assert not any(a == "IRN" for a, _, _ in got)


def test_a_partner_is_not_the_target_and_the_purpose_names_it(full):
    got = coded(*full, "British troops fought alongside the Iraqi army to oust Isis from Mosul.")
    fights = {b for a, b, c in got if c.startswith("19")}
    assert "IRQMIL" not in fights and fights <= {"IMGMOSISI", "IMGMOS"} and fights


def test_an_infinitive_of_purpose_after_a_noun_takes_the_main_subject(full):
    got = coded(*full, "Thousands of Nigerians were converging on Thursday for a rally in Lagos to protest "
                       "the Nigerian government's new law.")
    assert any(a.startswith("NGA") and c.startswith("14") for a, _, c in got)
