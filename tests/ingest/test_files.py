"""list_dump_files and describe_input."""

import hashlib

import fsspec
import pytest

from flows.ingest import InputError, describe_input, list_dump_files, iter_raw_batches


@pytest.fixture
def tree(tmp_path):
    for name in ["b.jsonl", "a/z.csv", "a/c/d.warc.gz", ".DS_Store", "_SUCCESS", "_staging/x.jsonl",
                 "a/.hidden.jsonl", "README.md", "make.py"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}\n")
    return tmp_path


def test_walks_folders_sorted_and_skips_hidden(tree):
    assert list_dump_files([str(tree)]) == [f"{tree}/a/c/d.warc.gz", f"{tree}/a/z.csv", f"{tree}/b.jsonl"]


def test_explicit_files_are_kept_and_deduplicated(tree):
    files = list_dump_files([str(tree / "_SUCCESS"), str(tree / "b.jsonl"), str(tree)])
    assert files == sorted({str(tree / "_SUCCESS"), *list_dump_files([str(tree)])})


@pytest.mark.parametrize("missing", ["does/not/exist.jsonl", "memory://nowhere/x.jsonl"])
def test_missing_path_raises_input_error_naming_it(tmp_path, missing):
    path = missing if "://" in missing else str(tmp_path / missing)
    with pytest.raises(InputError, match=path.replace(".", r"\.")):
        list_dump_files([path])


def test_fsspec_urls(tmp_path):
    fs = fsspec.filesystem("memory")
    fs.pipe("/dumps/x/one.jsonl", b'{"text": "Iran and Iraq signed a border deal.", "url": "u1"}\n')
    fs.pipe("/dumps/.skip.jsonl", b"{}\n")
    files = list_dump_files(["memory://dumps"])
    assert files == ["memory://dumps/x/one.jsonl"]
    [frame] = list(iter_raw_batches(files[0]))
    assert frame["url"].to_list() == ["u1"]
    (tmp_path / "f.jsonl").write_text("{}\n")
    assert list_dump_files([f"file://{tmp_path}"]) == [f"file://{tmp_path}/f.jsonl"]


def test_describe_input_streams_a_sha256(tmp_path):
    data = b"x" * 3_000_000
    (tmp_path / "f.bin").write_bytes(data)
    info = describe_input(str(tmp_path / "f.bin"))
    assert {k: info[k] for k in ("path", "size", "sha256")} == {
        "path": str(tmp_path / "f.bin"), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_unopenable_file_is_an_error_row_not_an_exception(tmp_path):
    [frame] = list(iter_raw_batches(str(tmp_path / "gone.jsonl")))
    assert frame["error"][0].startswith("cannot open file")
