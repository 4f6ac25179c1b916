"""Load and validate every dictionary file once per process."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flows.resources import dictionaries_dir

from .actors import load_agents, load_countries, load_organizations, load_people, load_types
from .checks import check_agent_patterns, check_ambiguous_patterns, check_periods
from .codebook import load_codebook
from .model import Dictionaries, DictionaryError

DEFAULT_DIRECTORY = dictionaries_dir()


def load_dictionaries(directory: str | Path | None = None) -> Dictionaries:
    """Read, validate and return the dictionaries in ``directory``.

    Defaults to the dictionaries shipped with the package (``data/dictionaries/``). The result
    is cached per directory, so calling this from every batch costs nothing after the first call.
    """
    path = Path(directory) if directory is not None else DEFAULT_DIRECTORY
    if not path.is_dir():
        raise DictionaryError(str(path), 0, "dictionary directory not found")
    return _load(path.resolve())


@lru_cache(maxsize=8)
def _load(directory: Path) -> Dictionaries:
    types = load_types(directory / "types.tsv")
    countries = load_countries(directory / "countries.tsv")
    codes = {entry.code for entry in countries}
    people = load_people(directory / "people.tsv", types, codes)
    check_periods(people)
    organizations = load_organizations(directory / "organizations.tsv", "organization", types, codes)
    groups = load_organizations(directory / "groups.tsv", "group", types, codes)
    actors = (*countries, *people, *organizations, *groups)
    check_ambiguous_patterns(actors)
    agents = load_agents(directory / "agents.tsv", types)
    check_agent_patterns(agents)
    codebook = load_codebook(directory / "cameo_codebook.tsv")
    return Dictionaries(actors=actors, agents=tuple(agents), codebook=codebook, type_codes=types)


load_dictionaries.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
