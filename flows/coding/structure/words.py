"""Word lists and code sets the structure rules use."""
from __future__ import annotations

BE_FORMS = frozenset("is are was were be been being get got gets getting".split())
PRONOUNS = frozenset("he she it they we".split())
PLACE_PREPOSITIONS = frozenset("in at near across throughout inside outside within from around".split())
CLAUSE_BREAKS = frozenset({";", "but", "while", "whereas", "because", "although", "though", "after",
                           "before", "when", "since", "until", "unless", "if", "as", "so", "whose"})
# an actor right after one of these is inside a phrase, not the subject of a later verb
NOT_SUBJECT = PLACE_PREPOSITIONS | {"between", "of", "about", "against", "to", "for", "among",
                                    "on", "over", "toward", "towards", "into", "than", "like"}
LIST_PREPOSITIONS = frozenset({"to", "on", "against", "with", "for", "between", "from", "toward", "towards"})
GROUP_GLUE = frozenset({"and", ",", "&", "both", "as", "well", "the"})
COORDINATORS = frozenset({"and", ",", "but", "then"})
TARGET_PREPOSITIONS = frozenset({"of", "on", "against", "into", "to", "in", "with", "over", "toward", "towards"})
MATERIAL_ROOTS = frozenset({"15", "17", "18", "19", "20"})
# verbal acts whose "that"-clause subject is their target ("demanded that the US match …")
THAT_TARGET_ROOTS = frozenset({"02", "10", "11", "12", "13"})
# participles that, after "be", state a stance rather than form a passive ("is opposed to")
STATIVE = frozenset({"opposed", "engaged", "involved", "committed"})
OBLIGATIONS = frozenset({"must", "should"})
# "<quantity> of X": X is the subject's head ("hundreds of students", "a group of Moroccan diplomats")
PARTITIVES = frozenset(
    "thousands hundreds dozens scores millions tens group groups team teams delegation delegations "
    "contingent contingents unit units batch patch number members member deployment detachment "
    "battalion battalions squad squads convoy column crowd crowds band bands wave some many most "
    "several all both each majority".split())
# "… and has urged", "… and later met": the verb shares the subject of the verb before "and"
COORDINATED_AUX = frozenset("also then later has have had will would is was were are".split())
COMPLAINT_ROOTS = frozenset({"11"})
# "recalled its ambassador from Mali", "withdrew its troops from Chad", "demanded an explanation
# from the US", "sought aid from Japan": "from" names the target
FROM_TARGET_ROOTS = frozenset({"02", "08", "10", "16"})
DEMAND_CODE = "100"
MUTUAL_CODES = frozenset({"041"})
THREAT_ROOT = "13"
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
TARGET_AGENT_TYPES = frozenset({"OPP", "CVL", "REF", "REB", "UAF", "INS", "SEP", "CRM", "LAB"})
NOMINAL_GAP = frozenset(
    "'s ’s - the a an its their new fresh recent latest full scale full-scale large brutal unprovoked "
    "illegal military armed ground air naval massive major renewed continued ongoing first second "
    "further more tough tougher harsh sweeping economic financial".split()
)
