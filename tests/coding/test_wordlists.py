"""The coder's word lists (data/dictionaries/words.yaml): validated on load, every entry used."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from flows.coding.wordlists import WORDS_FILE, WordListError, load_word_lists

FLOWS = Path(__file__).resolve().parents[2] / "flows"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, says", [
    ("negations: not\n", "negations: expected a non-empty list of strings"),
    ("negations: []\n", "negations: expected a non-empty list of strings"),
    ("negations: [Not, never]\n", "negations: must hold lowercase words, got ['Not']"),
    ("intent_roots: ['04', '4']\n", "intent_roots: must hold two-digit CAMEO roots, got ['4']"),
    ("mutual_codes: ['41']\n", "mutual_codes: must hold CAMEO event codes"),
    ("civilian_agent_types: [cvl]\n", "civilian_agent_types: must hold three-letter CAMEO type codes"),
    ("negations: [not, never, not]\n", "negations: listed twice: ['not']"),
    ("a: {include: [b]}\nb: {include: [a]}\n", "includes itself (a → b → a)"),
    ("a: {include: [missing], add: [x]}\n", "no entry 'missing' (included by a)"),
    ("a: {extend: [b]}\nb: [x]\n", "a: expected {include: [entries], add: [values]}"),
    ("- just\n- a list\n", "expected a mapping of names to lists"),
])
def test_a_malformed_entry_is_refused_naming_the_file_and_the_entry(tmp_path, text, says):
    path = _write(tmp_path, text)
    with pytest.raises(WordListError) as caught:
        load_word_lists(path)
    assert str(path) in str(caught.value) and says in str(caught.value)


def test_an_include_is_the_union_in_order(tmp_path):
    lists = load_word_lists(_write(tmp_path, "base: [b, a]\nwider: {include: [base], add: [c, a]}\n"))
    assert lists["wider"] == ("b", "a", "c")


def test_every_entry_of_the_project_file_is_read_by_the_coder():
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    included = {name for entry in data.values() if isinstance(entry, dict) for name in entry["include"]}
    source = "\n".join(p.read_text(encoding="utf-8") for p in FLOWS.rglob("*.py"))
    asked = set(re.findall(r'word_(?:set|list)\("([a-z_]+)"\)', source))
    assert set(data) - asked - included == set()  # no entry left unread
    assert asked - set(data) == set()  # no rule asks for a missing entry
    assert load_word_lists()["refusable_roots"] == ("04", "05", "06", "07", "08", "03")
