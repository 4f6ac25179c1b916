"""The coder reads part of speech from spaCy's small English pipeline (flows/coding/parse.py)."""
from __future__ import annotations

import polars as pl
import pytest

from flows.coding import code_articles
from flows.coding.parse import ParserError, check_meta, load_model, tag_sentences


def _codes(*sentences: str) -> set[tuple]:
    frame = pl.DataFrame({"article_id": [f"{i:032x}" for i in range(len(sentences))], "text": list(sentences)})
    return {(r["actor1_code"], r["actor2_code"], r["event_code"]) for r in code_articles(frame).iter_rows(named=True)}


def test_the_model_is_the_small_english_pipeline_with_only_the_tagger_and_parser_running():
    nlp = load_model()
    assert nlp.meta["lang"] == "en" and nlp.meta["version"].startswith("3.8")
    assert "parser" in nlp.pipe_names and "tagger" in nlp.pipe_names
    assert "ner" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names  # not run: not read
    assert "attribute_ruler" not in nlp.component_names  # not even loaded
    assert load_model() is nlp  # loaded once per process


def test_every_layer_multiplies_with_numpy_not_blis():
    nlp = load_model()
    layers = [node for _, component in nlp.components for node in component.model.walk()]
    assert layers and not any(getattr(node.ops, "use_blis", False) for node in layers)


def test_a_whitespace_token_is_tagged_as_the_attribute_ruler_would():
    tagged = tag_sentences(["Troops backed\n\nthe rebels."])[0]
    space = len("Troops backed")
    assert tagged.tag_at(space) == "_SP" and tagged.deps[space] == "dep"
    assert tagged.tag_at(space + 2) == "DT"


@pytest.mark.parametrize("meta", [
    {"lang": "de", "name": "core_news_sm", "version": "3.8.0"},
    {"lang": "en", "name": "core_web_lg", "version": "3.8.0"},
    {"lang": "en", "name": "core_web_sm", "version": "3.5.0"},
])
def test_a_model_that_is_not_the_measured_one_is_refused(meta):
    with pytest.raises(ParserError, match="expected en_core_web_sm 3.8"):
        check_meta(meta, "some_model")


def test_tags_are_keyed_by_offset_in_the_sentence():
    tagged = tag_sentences(["Russia rolled back its troops.", "Troops backed the rebels."])
    assert tagged[0].tag_at(len("Russia rolled ")) == "RB"  # an adverb, not the verb "back"
    assert tagged[1].tag_at(len("Troops ")) == "VBD"


@pytest.mark.parametrize("text, expected", [
    # an adverb or particle "back" is not support (051); the verb is
    ("Russia rolled back its troops from the border with Ukraine on Monday.", set()),
    ("The United States backed Israel in the dispute with Iran on Monday.", {("USA", "ISR", "051")}),
])
def test_the_event_word_must_be_a_verb_by_its_part_of_speech(text, expected):
    assert _codes(text) == expected


def test_a_noun_is_not_read_as_a_verb():
    # "force" as a noun is not coercion (170)
    assert not {c for *_, c in _codes("Iraq's government said the Indian force had left Iraq.")} & {"170"}


def test_a_bare_statement_is_no_event_but_a_statement_about_an_actor_is():
    assert _codes("The European Union said on Monday that the talks would continue.") == set()
    assert _codes("The European Union condemned Russia on Monday.") == {("IGOEUREEC", "RUS", "111")}


def test_a_sentence_flagged_for_tags_only_gets_no_dependencies():
    both = tag_sentences(["Troops backed the rebels.", "Troops backed the rebels."], [True, False])
    assert both[0].parsed and both[0].deps[0] == "nsubj"
    assert not both[1].parsed and both[1].tag_at(len("Troops ")) == "VBD"


SENTENCES = ["Russia rolled back its troops from the border with Ukraine on Monday.",
             "The minister, who had resigned in March, said the army would not withdraw.",
             "Police in the capital fired tear gas at protesters demanding new elections."]


def test_parsing_after_tagging_gives_the_one_pass_parse():
    """The parser runs on Docs the tagger made (reading their shared embedding): the same
    dependencies as spaCy's whole pipeline in one pass."""
    two_pass = tag_sentences(SENTENCES)
    for sentence, tagged in zip(SENTENCES, two_pass):
        doc = load_model()(sentence)  # tok2vec, tagger and parser together
        assert tagged.deps == {t.idx: "dep" if t.is_space and t.dep_ else t.dep_ for t in doc}
        assert tagged.heads == {t.idx: t.head.idx for t in doc}
        assert tagged.tags == {t.idx: "_SP" if t.is_space else t.tag_ for t in doc}


def test_a_sentence_not_worth_parsing_keeps_its_tags_and_gets_no_dependencies():
    asked = []
    tagged = tag_sentences(SENTENCES, worth_parsing=lambda i, t: asked.append((i, t.parsed)) or i == 1)
    assert asked == [(0, False), (1, False), (2, False)]  # asked with the tags alone
    assert [t.parsed for t in tagged] == [False, True, False]
    assert tagged[0].tags == tag_sentences(SENTENCES[:1])[0].tags


def test_events_are_the_same_as_with_every_candidate_parsed():
    from flows.coding.coder import Coder, parse_candidates
    from flows.coding.dictionaries import load_dictionaries
    from flows.coding.parse import UNTAGGED
    from flows.coding.verbs import load_verbs
    from tests.coding.helpers import articles

    dictionaries = load_dictionaries()
    coder = Coder(dictionaries, load_verbs(codebook=frozenset(dictionaries.codebook)))
    text = " ".join([*SENTENCES, "The United States backed Israel in the dispute with Iran on Monday.",
                     "Iran's attack drew a sharp protest, and France said Iran had attacked a tanker."])
    article = {**articles(text).row(0, named=True), "relevance": "political"}
    candidates = coder.candidates(article)
    asked = [c for c in candidates if c.parse]
    every = iter(tag_sentences([text[c.start:c.end] for c in asked], [c.syntax for c in asked]))
    parsed = [next(every) if c.parse else UNTAGGED for c in candidates]
    assert sum(t.parsed for t in parsed) >= 3
    events = coder.code_article(article, candidates, parsed)  # every syntax candidate parsed
    assert events and events == coder.code_article(article)  # the parse only where acts are left
    fewer, _ = parse_candidates(coder, article, candidates)
    assert sum(t.parsed for t in fewer) < sum(t.parsed for t in parsed)  # "rolled back": not parsed
