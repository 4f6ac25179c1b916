"""Word lists and code sets the structure rules use (data/dictionaries/words.yaml)."""
from __future__ import annotations

from ..wordlists import word_set

BE_FORMS = word_set("passive_auxiliaries")
PRONOUNS = word_set("subject_pronouns")
PLACE_PREPOSITIONS = word_set("place_prepositions")
CLAUSE_BREAKS = word_set("clause_breaks")
NOT_SUBJECT = word_set("not_subject")
LIST_PREPOSITIONS = word_set("list_prepositions")
GROUP_GLUE = word_set("group_glue")
COORDINATORS = word_set("coordinators")
TARGET_PREPOSITIONS = word_set("target_prepositions")
MATERIAL_ROOTS = word_set("material_roots")
THAT_TARGET_ROOTS = word_set("that_target_roots")
STATIVE = word_set("stative_participles")
OBLIGATIONS = word_set("obligation_modals")
PARTITIVES = word_set("partitives")
COORDINATED_AUX = word_set("coordinated_auxiliaries")
COMPLAINT_ROOTS = word_set("complaint_roots")
FROM_TARGET_ROOTS = word_set("from_target_roots")
DEMAND_CODE = "100"
MUTUAL_CODES = word_set("mutual_codes")
THREAT_ROOT = "13"
CONFLICT_ROOTS = word_set("conflict_roots")
TARGET_AGENT_TYPES = word_set("target_agent_types")
NOMINAL_GAP = word_set("nominal_gap")
