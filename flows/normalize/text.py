"""Text cleanup: mojibake repair, Unicode NFC, control characters, whitespace.

Whitespace and control characters are handled by vectorised Polars expressions. ftfy
(≈1 ms per non-ASCII 4,000-character text) only sees the rows that look like mojibake
(UTF-8 read as Latin-1/cp1252) or carry HTML entities; NFC (Python's quick check first)
is applied to the others in the same pass.
"""

from __future__ import annotations

import unicodedata

import ftfy
import polars as pl

# A UTF-8 lead byte read as Latin-1 (Â..ô) followed by a continuation byte read as
# Latin-1 or cp1252; or an HTML entity. Texts without either are left alone by ftfy anyway.
_CP1252_CONTINUATION = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
MOJIBAKE_HINT = (
    "[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_CONTINUATION + "]"
    r"|&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});"
)

# ftfy repairs encodings only: quotes, widths and ligatures are the author's.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
)

_LINE_BREAKS = "\r\n|[\r\u000b\u000c\u0085\u2028\u2029]"
# control characters except newline and tab, plus invisible formatting characters that
# carry no meaning in article text (soft hyphen, zero-width space, word joiner, BOM)
_INVISIBLE = r"[\p{Cc}--[\n\t]]|[\u00ad\u200b\u2060\ufeff]"
# only runs of spaces and non-plain spaces (tab, NBSP, em space…): a plain single space
# needs no rewrite, and matching every space costs ≈5× more
_SPACES = r"[\t\p{Zs}]{2,}|[\t\p{Zs}--[ ]]"
_WHITESPACE = r"\s{2,}|[\s--[ ]]"


def _repair(value: str, suspect: bool) -> str:
    if suspect:
        return ftfy.fix_text(value, config=_FTFY_CONFIG)
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def repair_text(texts: pl.Series) -> pl.Series:
    """Mojibake repaired (ftfy) in the rows that show signs of it; every row made NFC."""
    suspect = texts.str.contains(MOJIBAKE_HINT).fill_null(False).to_list()
    fixed = [
        None if value is None else _repair(value, flag)
        for value, flag in zip(texts.to_list(), suspect)
    ]
    return pl.Series(texts.name, fixed, dtype=pl.String)


def clean_text_expr(expr: pl.Expr, *, single_line: bool = False) -> pl.Expr:
    """Control characters removed, spaces collapsed, one "\\n" between paragraphs.

    With ``single_line`` (titles, authors) line breaks become spaces. Empty → null.
    Expects NFC input without mojibake (see ``repair_text``).
    """
    out = (
        expr.str.replace_all(_LINE_BREAKS, "\n")
        .str.replace_all(_INVISIBLE, "")
        .str.replace_all(_SPACES, " ")
    )
    if single_line:
        out = out.str.replace_all(r" ?\n[\n ]*", " ")
    else:
        out = out.str.replace_all(r" ?\n[\n ]*", "\n")
    out = out.str.strip_chars()
    return pl.when(out.str.len_chars() > 0).then(out).otherwise(None)


def clean_texts(texts: pl.Series, *, single_line: bool = False) -> pl.Series:
    """Full cleanup of a String series (see ``clean_text_expr``), mojibake included."""
    fixed = repair_text(texts.cast(pl.String))
    frame = pl.DataFrame({"t": fixed})
    return frame.select(clean_text_expr(pl.col("t"), single_line=single_line))["t"].alias(
        texts.name
    )


def hash_key_expr(expr: pl.Expr) -> pl.Expr:
    """The form of a text that content hashes are taken of: lowercase, spaces collapsed."""
    return expr.str.to_lowercase().str.replace_all(_WHITESPACE, " ").str.strip_chars()
