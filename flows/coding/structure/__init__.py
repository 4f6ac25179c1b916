"""Source and target from sentence structure: voice, compounds, nominals, reported speech.

Active verbs: the source is the nearest actor (group) before the head, the target the first
actor after it. Passive ("Ukraine was invaded by Russia"): the "by" actor is the source and the
subject the target. Event nouns: a possessive or adjective actor right before the noun is the
source ("Russia's invasion of Ukraine", "the US withdrawal"), "by X" overrides it, and the actor
after of/on/against/into is the target. "between X and Y" with a symmetric pattern gives both
directions, as does a compound subject of a symmetric verb with no object.
"""
from __future__ import annotations

from .dyads import Dyad, resolve_dyads
from .groups import group_actors
from .sources import Referents
from .words import BE_FORMS, CLAUSE_BREAKS

__all__ = ["BE_FORMS", "CLAUSE_BREAKS", "Dyad", "Referents", "group_actors", "resolve_dyads"]
