"""The wheel works without the checkout: build it from what the image copies, install it into a
fresh virtualenv, and run `geowire run` from a folder outside the project.

The fresh virtualenv borrows the test environment's installed dependencies (a .pth line, not its
.pth files, so an editable geowire there stays out) and installs only the wheel: offline, fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES
from tests.flow.lakeq import count, rows

# what infra/Dockerfile copies into its build stage
BUILD_CONTEXT = ("pyproject.toml", "README.md", "flows", "schemas", "data/dictionaries")


def run(*cmd: str | Path, cwd: Path, env: dict | None = None, timeout: int = 300) -> str:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def build_wheel(tmp: Path) -> Path:
    source = tmp / "context"
    for name in BUILD_CONTEXT:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    # the build backend (setuptools, from the dev extra) is the test environment's own
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--quiet", "--wheel-dir", tmp / "dist", source, cwd=tmp)
    (wheel,) = (tmp / "dist").glob("geowire-*.whl")
    return wheel


def fresh_venv(tmp: Path) -> Path:
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return venv


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(tmp)
    venv = fresh_venv(tmp)
    run(venv / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=tmp)
    return venv


def outside_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GEOWIRE_SCHEMAS")}
    return {**env, "COLUMNS": "160"}


def test_the_installed_package_carries_its_data(installed, tmp_path):
    probe = ("import flows, flows.resources as r; from flows.coding.dictionaries import DEFAULT_DIRECTORY; "
             "print(flows.__file__); print(r.schemas_dir()); print(DEFAULT_DIRECTORY)")
    out = run(installed / "bin" / "python", "-c", probe, cwd=tmp_path, env=outside_env())
    package, schemas, dictionaries = (Path(line) for line in out.splitlines())
    assert package.is_relative_to(installed), f"flows imported from {package}, not the wheel"
    for folder, names in ((schemas, {"articles.yaml", "mentions.yaml", "events.yaml", "quarantine.yaml",
                                     "runs.yaml"}),
                          (dictionaries, {"countries.tsv", "verbs.tsv", "cameo_codebook.tsv"})):
        assert folder.is_relative_to(installed) and not folder.is_symlink(), folder
        assert names <= {p.name for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


def test_geowire_run_from_outside_the_checkout(installed, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "articles.jsonl", inbox)
    shutil.copytree(SAMPLES / "broken", inbox / "broken")
    lake = tmp_path / "lake"
    proc = subprocess.run([str(installed / "bin" / "geowire"), "run", "inbox", "--lake", "lake"],
                          cwd=tmp_path, env=outside_env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert count(lake, "articles") > 0 and count(lake, "quarantine") > 0
    assert count(lake, "mentions") > 0 and count(lake, "events") > 0  # the coder found its dictionaries
    for dataset, read, published, quarantined, duplicates in rows(
            lake, "runs", "dataset, records_read, published, quarantined, duplicates"):
        assert read == published + quarantined + duplicates, dataset
    assert list((lake / "_validation").rglob("*.json")), "no Great Expectations results written"
