"""verbs.tsv: coverage, generated inflections, and clear errors for malformed entries."""
from __future__ import annotations

import pytest

from flows.coding.text import split_sentences, tokenize
from flows.coding.verbs import VerbsError, load_verbs

HEADER = "code\tpos\tpattern\tflags\n"


def test_covers_every_root_and_the_three_digit_codes(verbs, tiny):
    codes = {p.code for p in verbs.patterns if not p.idiom}  # "---": a phrase that is no event
    assert {c[:2] for c in codes} == {f"{r:02d}" for r in range(1, 21)}
    assert len({c[:3] for c in codes if len(c) >= 3}) >= 147  # CAMEO has 147 three-digit codes
    assert codes <= set(tiny.codebook), sorted(codes - set(tiny.codebook))


@pytest.mark.parametrize("surface, code", [
    ("imposed", "163"), ("invaded", "190"), ("invading", "190"), ("telephoned", "041"),
    ("met", "044"), ("condemns", "111"), ("invasions", "190"), ("sanctions", "163"),
])
def test_inflections_are_generated(verbs, surface, code):
    assert code in {p.code for p in verbs.by_head[surface]}


@pytest.mark.parametrize("line, message", [
    ("19x\tV\tattack\t", "code '19x'"),
    ("190\tX\tattack\t", "pos 'X'"),
    ("190\tV\tat!tack\t", "pattern"),
    ("190\tV\tattack\tloud", "unknown flag"),
    ("190\tV", "columns"),
])
def test_malformed_entries_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "verbs.tsv"
    path.write_text("# comment\n" + HEADER + "010\tV\tsay\tsay\n" + line + "\n", encoding="utf-8")
    with pytest.raises(VerbsError, match=rf"verbs.tsv:4: .*{message}"):
        load_verbs(path)


def test_a_pattern_listed_twice_is_refused(tmp_path):
    # the second row of a (pos, pattern) pair could never fire: "oppose" 110 hid "oppose" 120
    path = tmp_path / "verbs.tsv"
    path.write_text(HEADER + "110\tV\toppose\t\n190\tV\tattack\t\n120\tV\toppose\t\n", encoding="utf-8")
    with pytest.raises(VerbsError, match=r"verbs.tsv:4: .*'oppose'.*already listed at verbs.tsv:2"):
        load_verbs(path)


def test_the_same_pattern_as_verb_and_noun_is_allowed(tmp_path):
    path = tmp_path / "verbs.tsv"
    path.write_text(HEADER + "142\tV\thunger strike\t\n142\tN\thunger strike\t\n", encoding="utf-8")
    assert len(load_verbs(path).patterns) == 2


def test_oppose_is_a_rejection(verbs):
    assert [p.code for p in verbs.by_head["opposed"] if p.text == "oppose"] == ["120"]


def test_unknown_code_is_refused_against_the_codebook(tmp_path):
    path = tmp_path / "verbs.tsv"
    path.write_text(HEADER + "999\tV\tfrobnicate\t\n", encoding="utf-8")
    with pytest.raises(VerbsError, match="verbs.tsv:2: .*not in the CAMEO codebook"):
        load_verbs(path, frozenset({"190"}))


@pytest.mark.parametrize("text, expected", [
    ("Russia attacked. Ukraine responded.", ["Russia attacked.", "Ukraine responded."]),
    ("The U.S. and Mr. Smith met. They talked.", ["The U.S. and Mr. Smith met.", "They talked."]),
    ('"We will fight," he said. Then he left.', ['"We will fight," he said.', "Then he left."]),
    ("Did it happen? Yes!", ["Did it happen?", "Yes!"]),
    ("Line one\n\nLine two", ["Line one", "Line two"]),
])
def test_sentences_keep_offsets(text, expected):
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == expected


def test_tokens_split_possessives_and_negations():
    assert [t.text for t in tokenize("Russia's troops didn't leave the U.S.")] == [
        "Russia", "'s", "troops", "did", "n't", "leave", "the", "U.S."]


def test_governed_codes_refine_a_governing_head_by_its_complement_and_are_validated(tmp_path):
    from flows.coding.dictionaries.model import DictionaryError
    from flows.coding.verbs import DEFAULT_GOVERNED, governed_codes, refine_governed
    assert refine_governed("130", "163") == "131"     # threatened to impose sanctions
    assert refine_governed("030", "190") == "138"     # vowed to attack: a threat of force
    assert refine_governed("130", "010") == "130"     # no row: the head's own code
    codebook = (DEFAULT_GOVERNED.parent / "cameo_codebook.tsv").read_text(encoding="utf-8")
    (tmp_path / "cameo_codebook.tsv").write_text(codebook, encoding="utf-8")
    bad = tmp_path / "governed_codes.tsv"
    bad.write_text("governing_root\tcomplement_root\tcode\n13\t16\t999\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="governed_codes.tsv.*999 is not in the CAMEO codebook"):
        governed_codes(bad)
    bad.write_text("governing_root\tcomplement_root\tcode\n13\t16\t131\n13\t16\t138\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="given twice"):
        governed_codes(bad)
