import numpy as np
import polars as pl
import pytest
from polars.testing import assert_series_equal

from flows import compiled
from flows.normalize.langid_batch import BatchLanguageScorer, model_arrays
from flows.normalize.language import _identifier, _model_arrays, _scorer, detect_languages, language_code, languages

SENTENCES = {
    "en": "The foreign ministers met in Geneva on Tuesday to discuss a ceasefire along the border.",
    "fr": "Les ministres se sont réunis mardi à Genève pour discuter d'un cessez-le-feu à la frontière.",
    "de": "Die Außenminister trafen sich am Dienstag in Genf, um über eine Waffenruhe an der Grenze zu beraten.",
    "ru": "Министры иностранных дел встретились во вторник в Женеве, чтобы обсудить перемирие на границе.",
    "ar": "اجتمع وزراء الخارجية في جنيف يوم الثلاثاء لمناقشة وقف إطلاق النار على الحدود.",
    "zh": "外交部长们星期二在日内瓦举行会谈，讨论边境停火问题。",
}


def test_detect_languages_table():
    codes = list(SENTENCES)
    got = languages(pl.Series([None] * len(codes), dtype=pl.String), pl.Series(list(SENTENCES.values())))
    assert_series_equal(got, pl.Series("language", codes, dtype=pl.String))


def test_batch_scorer_agrees_with_py3langid_classify():
    texts = list(SENTENCES.values()) + ["GENEVA TALKS RESUME AFTER A LONG PAUSE", "x" * 50]
    batch = _scorer().classify(texts)
    for text, (code, prob) in zip(texts, batch):
        ref_code, ref_prob = _identifier().classify(text)
        assert code == ref_code
        assert prob == pytest.approx(ref_prob, abs=1e-4)


def test_the_compiled_model_scores_exactly_as_the_one_unpickled(tmp_path):
    """The compact arrays, written to the compiled cache and memory-mapped back, give the same
    language and the same probability, bit for bit, as the model py3langid unpickles."""
    texts = list(SENTENCES.values()) + ["GENEVA TALKS RESUME AFTER A LONG PAUSE", "x" * 50, "",
                                        " ".join(SENTENCES.values()), SENTENCES["en"][:12]]
    texts += [f"{SENTENCES['fr']} {i} {SENTENCES['en'][: 7 * i]}" for i in range(12)]
    in_memory = BatchLanguageScorer(model_arrays(_identifier())).classify(texts)
    arrays = compiled.compiled_arrays("langid", _model_arrays, root=tmp_path)
    assert isinstance(arrays["ptc"], np.memmap)  # written, then opened from the cache
    assert BatchLanguageScorer(arrays).classify(texts) == in_memory
    assert compiled.compiled_arrays("langid", _model_arrays, root=tmp_path)["ptc"].filename == arrays["ptc"].filename
    for text, (code, prob) in zip(texts, in_memory):
        if code is not None:
            ref_code, ref_prob = _identifier().classify(text)
            assert code == ref_code and prob == pytest.approx(ref_prob, abs=1e-4)


def test_no_letters_or_unsure_gives_null():
    assert detect_languages(["12345 -- 678", "", None]) == [None, None, None]


def test_record_language_kept_when_valid():
    given = pl.Series(["fr", "EN-us", "deu", "Russian", "xx", None], dtype=pl.String)
    texts = pl.Series([SENTENCES["en"]] * 4 + [SENTENCES["de"], SENTENCES["zh"]])
    got = languages(given, texts)
    assert got.to_list() == ["fr", "en", "de", "ru", "de", "zh"]


@pytest.mark.parametrize(
    ("value", "code"),
    [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("pt_BR", "pt"), ("eng", "en"), ("fre", "fr"),
     ("French", "fr"), ("zz", None), ("klingon-ish", None), ("", None), (None, None)],
)
def test_language_code(value, code):
    assert language_code(value) == code
