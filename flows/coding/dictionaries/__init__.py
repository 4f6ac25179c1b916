"""The event coder's dictionaries: actors, agents and the CAMEO codebook.

The data lives in ``data/dictionaries/`` as reviewable TSV files; ``load_dictionaries``
reads and validates them (see that folder's README.md for the formats).
"""
from .codebook import quad_class_of
from .loader import DEFAULT_DIRECTORY, load_dictionaries
from .model import ActorEntry, AgentEntry, CodebookEntry, Dictionaries, DictionaryError

__all__ = [
    "DEFAULT_DIRECTORY",
    "ActorEntry",
    "AgentEntry",
    "CodebookEntry",
    "Dictionaries",
    "DictionaryError",
    "load_dictionaries",
    "quad_class_of",
]
