"""Verb and event-noun patterns (data/dictionaries/verbs.tsv) compiled for fast matching.

Each row is a CAMEO code, a part of speech for its head (V or N), a pattern of slots and flags
(see the file's header). Inflected forms are generated with lemminflect, and which head forms
may be another part of speech is asked of it too; for the packaged file this is done once and
kept in the compiled cache (flows/compiled.py), so worker processes never load lemminflect's
tables (≈40 MB, 1 s).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from flows.compiled import compiled_data
from flows.errors import CodingError
from flows.resources import dictionaries_dir

DEFAULT_VERBS = dictionaries_dir() / "verbs.tsv"
COLUMNS = ("code", "pos", "pattern", "flags")
FLAGS = frozenset({"sym", "say", "gov", "intr", "obj"})
CODE = re.compile(r"^(\d{2,4}|---)$")
NONE = "---"  # a phrase that is no event ("returned home", "hit a record high"): claims its words
SLOT = re.compile(r"^[a-z0-9'\-]+(\|[a-z0-9'\-]+)*$")
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
NOUN_TAGS = ("NN", "NNS")

DEFAULT_GOVERNED = dictionaries_dir() / "governed_codes.tsv"
ROOT = re.compile(r"^\d{2}$")


class VerbsError(CodingError):
    """A malformed verbs file entry; the message names file and line."""


@dataclass(frozen=True)
class VerbPattern:
    code: str
    pos: str                         # "V" or "N"
    slots: tuple[frozenset[str], ...]  # surface forms per slot (slot 0 is the head)
    text: str                        # the pattern as written
    flags: frozenset[str]
    source: str                      # "verbs.tsv:123"

    @property
    def rule(self) -> str:
        return f"{self.source} {self.text}"

    @property
    def rank(self) -> tuple[int, int, int]:
        """Higher is more specific: more slots, longer code, code not ending in 0. A phrase that
        is no event wins a tie: its words must stand together, an event pattern's need not."""
        if self.code == NONE:
            return (len(self.slots), 5, 1)
        return (len(self.slots), len(self.code), 0 if self.code.endswith("0") else 1)

    @property
    def idiom(self) -> bool:
        """A phrase that is no event: it takes its words from the event patterns and codes nothing."""
        return self.code == NONE


@dataclass(frozen=True)
class Verbs:
    patterns: tuple[VerbPattern, ...]
    by_head: dict[str, tuple[VerbPattern, ...]] = field(repr=False)
    participles: frozenset[str] = field(repr=False)  # past participles of verb heads (passive check)
    # (head form, pos) → whether the form may be another part of speech (parse.ambiguous)
    head_ambiguity: dict[tuple[str, str], bool] = field(repr=False, default_factory=dict)

    def ambiguous(self, word: str, pos: str) -> bool:
        """Whether a head form may be something other than ``pos``: only then does the parse
        decide ("attack", "state"; "attacked", "invasion" need none)."""
        found = self.head_ambiguity.get((word, pos))
        if found is None:
            from .parse import ambiguous

            return ambiguous(word, pos)
        return found


def _inflect(word: str, tags: tuple[str, ...], upos: str | None) -> set[str]:
    from lemminflect import getAllInflections, getInflection

    forms = {word}
    if "-" in word or "'" in word:
        return forms
    found = getAllInflections(word, upos=upos) if upos else getAllInflections(word)
    for tag, values in found.items():
        if upos is None or tag in tags:
            forms.update(values)
    if upos:
        for tag in tags:
            forms.update(getInflection(word, tag=tag) or ())
    return {f.lower() for f in forms}


def _slot_forms(slot: str, head_pos: str | None) -> frozenset[str]:
    forms: set[str] = set()
    for word in slot.split("|"):
        if head_pos == "V":
            forms |= _inflect(word, VERB_TAGS, "VERB")
        elif head_pos == "N":
            forms |= _inflect(word, NOUN_TAGS, "NOUN")
        elif len(word) > 3:
            forms |= _inflect(word, NOUN_TAGS + VERB_TAGS, None)
        else:
            forms.add(word)
    return frozenset(forms)


def _parse_row(cells: list[str], where: str) -> VerbPattern:
    if len(cells) < 3 or len(cells) > 4:
        raise VerbsError(f"{where}: expected {len(COLUMNS)} tab-separated columns, got {len(cells)}")
    code, pos, pattern = (c.strip() for c in cells[:3])
    flags = frozenset(f.strip() for f in (cells[3] if len(cells) == 4 else "").split(",") if f.strip())
    if not CODE.fullmatch(code):
        raise VerbsError(f"{where}: code {code!r} is not a 2-4 digit CAMEO code (or {NONE})")
    if pos not in ("V", "N"):
        raise VerbsError(f"{where}: pos {pos!r} must be V or N")
    slots = pattern.lower().split()
    if not slots or not all(SLOT.fullmatch(s) for s in slots):
        raise VerbsError(f"{where}: pattern {pattern!r} is empty or has characters other than letters, '-', '|'")
    if flags - FLAGS:
        raise VerbsError(f"{where}: unknown flag(s) {sorted(flags - FLAGS)}; known: {sorted(FLAGS)}")
    forms = tuple(_slot_forms(s, pos if i == 0 else None) for i, s in enumerate(slots))
    return VerbPattern(code, pos, forms, pattern, flags, where)


@lru_cache(maxsize=8)
def load_verbs(path: str | Path | None = None, codebook: frozenset[str] | None = None) -> Verbs:
    """Load and compile the verb patterns; codes are checked against `codebook` when given.
    The packaged file's compiled form is cached (another file is compiled in this process)."""
    path = Path(path) if path else DEFAULT_VERBS
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise VerbsError(f"{path}: cannot read the verbs file ({exc})") from exc
    data = compiled_data("verbs", lambda: _compiled(path, raw.decode("utf-8")), sources=(raw, path.name.encode()),
                         packages=("lemminflect",), root="settings" if path == DEFAULT_VERBS else None)
    patterns = [VerbPattern(code, pos, tuple(frozenset(slot) for slot in slots), text, frozenset(flags), source)
                for code, pos, slots, text, flags, source in data["patterns"]]
    if codebook is not None:
        for pattern in patterns:
            if pattern.code != NONE and pattern.code not in codebook:
                raise VerbsError(f"{pattern.source}: code {pattern.code} is not in the CAMEO codebook")
    return _index(patterns, frozenset(data["participles"]),
                  {(form, pos): flag for form, pos, flag in data["head_ambiguity"]})


def _compiled(path: Path, text: str) -> dict:
    """The file's patterns with their inflected forms, the verb heads' past participles and
    which head forms are ambiguous, as plain data (lists) for the cache."""
    from .parse import ambiguous

    patterns = _parse(path, text)
    participles: set[str] = set()
    for p in patterns:
        if p.pos == "V":
            participles |= _participles(p)
    heads = sorted({(form, p.pos) for p in patterns for form in p.slots[0]})
    return {"patterns": [[p.code, p.pos, [sorted(slot) for slot in p.slots], p.text, sorted(p.flags), p.source]
                         for p in patterns],
            "participles": sorted(participles),
            "head_ambiguity": [[form, pos, ambiguous(form, pos)] for form, pos in heads]}


def _participles(pattern: VerbPattern) -> set[str]:
    from lemminflect import getInflection

    return {f.lower() for word in pattern.text.lower().split()[0].split("|")
            for f in getInflection(word, tag="VBN") or ()}


def _parse(path: Path, text: str) -> list[VerbPattern]:
    patterns: list[VerbPattern] = []
    first_at: dict[tuple[str, str], str] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{number}"
        cells = line.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cells) != COLUMNS:
                raise VerbsError(f"{where}: header must be {' '.join(COLUMNS)}")
            header_seen = True
            continue
        pattern = _parse_row(cells, where)
        key = (pattern.pos, " ".join(pattern.text.lower().split()))
        if key in first_at:  # the second row could never fire (or would shadow the first)
            raise VerbsError(f"{where}: pattern {pattern.text!r} ({pattern.pos}) "
                             f"is already listed at {first_at[key]}")
        first_at[key] = where
        patterns.append(pattern)
    if not patterns:
        raise VerbsError(f"{path.name}: no patterns")
    return patterns


def _index(patterns: list[VerbPattern], participles: frozenset[str],
           head_ambiguity: dict[tuple[str, str], bool]) -> Verbs:
    by_head: dict[str, list[VerbPattern]] = {}
    for p in patterns:
        for form in p.slots[0]:
            by_head.setdefault(form, []).append(p)
    ordered = {k: tuple(sorted(v, key=lambda p: p.rank, reverse=True)) for k, v in by_head.items()}
    return Verbs(tuple(patterns), ordered, participles, head_ambiguity)


def refine_governed(code: str, complement_code: str) -> str:
    """The code of a governing head ("threaten", "agree to", …) refined by its complement's root
    (data/dictionaries/governed_codes.tsv)."""
    return governed_codes().get((code[:2], complement_code[:2]), code)


@lru_cache(maxsize=4)
def governed_codes(path: str | Path = DEFAULT_GOVERNED) -> dict[tuple[str, str], str]:
    """(governing root, complement root) -> code, checked against the CAMEO codebook beside it."""
    from .dictionaries.codebook import load_codebook
    from .dictionaries.tsv import read_rows

    path = Path(path)
    codebook = load_codebook(path.parent / "cameo_codebook.tsv")
    table: dict[tuple[str, str], str] = {}
    for row in read_rows(path, ("governing_root", "complement_root", "code")):
        key = (row["governing_root"], row["complement_root"])
        if not (ROOT.match(key[0]) and ROOT.match(key[1])):
            raise row.fail(f"roots must be two digits, got {key[0]!r} and {key[1]!r}")
        if row["code"] not in codebook:
            raise row.fail(f"code {row['code']} is not in the CAMEO codebook")
        if key in table:
            raise row.fail(f"roots {key[0]} and {key[1]} are given twice")
        table[key] = row["code"]
    return table
