"""Parser for cameo_codebook.tsv: CAMEO event codes, Goldstein values, PLOVER types."""
from __future__ import annotations

import math
import re
from pathlib import Path

from .model import CodebookEntry, DictionaryError
from .tsv import read_rows, require

CODEBOOK_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type")
EVENT_CODE = re.compile(r"^\d{2,4}$")
PLOVER_TYPE = re.compile(r"^[A-Z]+$")
# PLOVER event types (0.8 draft, plus the 0.5 names still found in gold data).
PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT COOPERATE AID CONCEDE RETREAT INVESTIGATE ACCUSE REQUEST DEMAND "
    "DISAPPROVE REJECT THREATEN PROTEST MOBILIZE SANCTION COERCE ASSAULT FIGHT".split()
)


def quad_class_of(root: int) -> int:
    """GDELT QuadClass of a CAMEO root: 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4."""
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 9:
        return 2
    if 10 <= root <= 14:
        return 3
    if 15 <= root <= 20:
        return 4
    raise ValueError(f"CAMEO root {root:02d} is outside 01–20")


def load_codebook(path: Path) -> dict[str, CodebookEntry]:
    codebook: dict[str, CodebookEntry] = {}
    for row in read_rows(path, CODEBOOK_COLUMNS):
        code = require(row, "code", EVENT_CODE, "a 2–4 digit CAMEO event code")
        if code in codebook:
            raise row.fail(f"event code {code} is listed twice")
        root = int(code[:2])
        if not 1 <= root <= 20:
            raise row.fail(f"event code {code}: root {code[:2]} is outside 01–20")
        if len(code) > 2 and code[:-1] not in codebook:
            raise row.fail(f"event code {code} comes before (or without) its parent {code[:-1]}")
        try:
            goldstein = float(require(row, "goldstein"))
        except ValueError:
            raise row.fail(f"goldstein {row['goldstein']!r} is not a number") from None
        if math.isnan(goldstein) or not -10.0 <= goldstein <= 10.0:
            raise row.fail(f"goldstein {row['goldstein']} is outside [-10, 10]")
        quad = require(row, "quad_class")
        if quad != str(quad_class_of(root)):
            raise row.fail(f"quad_class {quad} does not match root {code[:2]} (expected {quad_class_of(root)})")
        plover = row["plover_type"] or None
        if plover is not None and (not PLOVER_TYPE.fullmatch(plover) or plover not in PLOVER_TYPES):
            raise row.fail(f"plover_type {plover!r} is not a PLOVER event type")
        codebook[code] = CodebookEntry(code, require(row, "name"), goldstein, int(quad), plover)
    if not codebook:
        raise DictionaryError(path.name, 0, "no event codes")
    return codebook

