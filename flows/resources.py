"""The data files the package reads at run time, found with importlib.resources.

The files to edit stay where the design puts them: contracts in ``schemas/``, the coder's
dictionaries and codebook in ``data/dictionaries/``. ``flows/_data/`` links to those two
folders, so a source checkout and an editable install read them in place, and the wheel
carries copies (package data, see pyproject.toml): an installed geowire needs no checkout.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file or folder inside the ``flows`` package, as a path on the file system."""
    found = files(__package__ or "flows").joinpath(*parts)
    if not isinstance(found, Path):  # e.g. imported from a zip archive: a wheel is installed unpacked
        raise FileNotFoundError(f"geowire's data files are not on the file system: {found}")
    return found


def schemas_dir() -> Path:
    """The dataset contracts (``schemas/`` of the project)."""
    return resource_path("_data", "schemas")


def dictionaries_dir() -> Path:
    """The event coder's dictionaries and CAMEO codebook (``data/dictionaries/`` of the project)."""
    return resource_path("_data", "dictionaries")
