"""Language of each article: the record's own code when valid, else py3langid's guess.

py3langid's model ships in the package (no download), restricted here to its ISO 639-1
(two-letter) labels. Unpickled, it takes ≈215 MB and 2 s in every process; so the arrays the
scorer needs are compiled once into the cache of flows/compiled.py and memory-mapped (shared
by the worker processes, opened in milliseconds). A batch is scored at once by
``BatchLanguageScorer`` (same results as ``classify``, ≈3× faster).
"""

from __future__ import annotations

from functools import cache, lru_cache

import polars as pl
import pycountry
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from flows import compiled
from flows.normalize import langid_batch
from flows.normalize.langid_batch import BatchLanguageScorer


@cache
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    two_letter = [code for code in dict.fromkeys(ident.nb_classes) if len(code) == 2]
    ident.set_languages(two_letter)
    return ident


def _model_arrays() -> dict:
    return langid_batch.model_arrays(_identifier())


@cache
def _scorer() -> BatchLanguageScorer:
    arrays = compiled.compiled_arrays("langid", _model_arrays, packages=("py3langid",),
                                      sources=(MODEL_DIR / MODEL_FILE, langid_batch.__file__))
    return BatchLanguageScorer(arrays)


@lru_cache(maxsize=4096)
def language_code(value: str | None) -> str | None:
    """ISO 639-1 code of a record's language field ("en", "EN-us", "eng", "English")."""
    if not value:
        return None
    text = value.strip().replace("_", "-").split("-")[0].lower()
    if len(text) == 2:
        found = pycountry.languages.get(alpha_2=text)
    elif len(text) == 3:
        found = pycountry.languages.get(alpha_3=text) or _bibliographic(text)
    else:
        found = pycountry.languages.get(name=text.capitalize())
    return getattr(found, "alpha_2", None) if found else None


def _bibliographic(code: str):
    try:
        return pycountry.languages.get(bibliographic=code)
    except (KeyError, LookupError):
        return None


def detect_languages(
    texts: list[str | None], *, sample_chars: int = 2000, min_confidence: float = 0.5
) -> list[str | None]:
    """ISO 639-1 code of each text (its first ``sample_chars``), or None when unsure."""
    samples = [(t or "")[:sample_chars] for t in texts]
    todo = [i for i, t in enumerate(samples) if any(ch.isalpha() for ch in t)]
    found: list[str | None] = [None] * len(texts)
    if todo:
        results = _scorer().classify([samples[i] for i in todo])
        for i, (code, prob) in zip(todo, results):
            found[i] = code if prob >= min_confidence else None
    return found


def languages(
    given: pl.Series, texts: pl.Series, *, sample_chars: int = 2000, min_confidence: float = 0.5
) -> pl.Series:
    """Language per row: the given code when valid, else detected from the text."""
    codes = [language_code(v) for v in given.cast(pl.String).to_list()]
    todo = [i for i, code in enumerate(codes) if code is None]
    text_list = texts.to_list()
    detected = detect_languages(
        [text_list[i] for i in todo], sample_chars=sample_chars, min_confidence=min_confidence
    )
    for i, code in zip(todo, detected):
        codes[i] = code
    return pl.Series("language", codes, dtype=pl.String)
