import polars as pl
import pytest
from polars.testing import assert_series_equal

from flows.normalize.text import clean_texts, repair_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("CafÃ© in MontrÃ©al", "Café in Montréal"),  # UTF-8 read as Latin-1
        ("Itâ€™s a â€œdealâ€\x9d", "It’s a “deal”"),  # UTF-8 read as cp1252
        ("Cafe\u0301 society", "Caf\u00e9 society"),  # NFD → NFC
        ("  many    spaces\there  ", "many spaces here"),
        ("first\r\n\r\n\n  second  \n\n third", "first\nsecond\nthird"),
        ("no\u00a0break\u2003space", "no break space"),
        ("bell\x07 and\x00 nul\x1b", "bell and nul"),
        ("soft\u00adhyphen\u200b zero\ufeff", "softhyphen zero"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("“Curly” quotes and ﬁ ligature stay", "“Curly” quotes and ﬁ ligature stay"),
        ("Россия и Франция", "Россия и Франция"),
        ("   \n\t ", None),
        (None, None),
    ],
)
def test_clean_text(raw, clean):
    got = clean_texts(pl.Series("text", [raw], dtype=pl.String))
    assert_series_equal(got, pl.Series("text", [clean], dtype=pl.String))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Talks\nin   Geneva ", "Talks in Geneva"),
        ("Line\r\nbreaks\u2028gone", "Line breaks gone"),
        ("Ã‰lysÃ©e statement", "Élysée statement"),
    ],
)
def test_clean_single_line(raw, clean):
    got = clean_texts(pl.Series("title", [raw]), single_line=True)
    assert got.to_list() == [clean]


def test_repair_text_leaves_clean_rows_untouched():
    clean = ["Une déclaration à Genève", "plain ascii", None]
    got = repair_text(pl.Series("t", clean + ["Ã©tÃ©"]))
    assert got.to_list() == clean + ["été"]
