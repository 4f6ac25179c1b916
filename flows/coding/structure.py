"""Source and target from sentence structure: voice, compounds, nominals, reported speech.

Active verbs: the source is the nearest actor (group) before the head, the target the first
actor after it. Passive ("Ukraine was invaded by Russia"): the "by" actor is the source and the
subject the target. Event nouns: a possessive or adjective actor right before the noun is the
source ("Russia's invasion of Ukraine", "the US withdrawal"), "by X" overrides it, and the actor
after of/on/against/into is the target. "between X and Y" with a symmetric pattern gives both
directions, as does a compound subject of a symmetric verb with no object.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .actors import Actor
from .matcher import VerbMatch
from .text import Token

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
# "recalled its ambassador from Mali", "withdrew its troops from Chad": "from" names the target
FROM_TARGET_ROOTS = frozenset({"08", "16"})
DEMAND_CODE = "100"
MUTUAL_CODES = frozenset({"041"})
THREAT_ROOT, CONDITIONS = "13", frozenset({"if", "unless"})
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
FUTURE_MODALS = frozenset({"will", "would", "may", "might", "could", "'ll", "shall"})


@dataclass(frozen=True, slots=True)
class Dyad:
    match: VerbMatch
    source: Actor
    target: Actor | None
    passive: bool
    nominal: bool
    source_gap: int      # tokens between the source and the head (structure quality)
    inherited: bool      # source taken from a coordinated predicate or a pronoun
    expanded: bool       # one of several pairs from a compound or "between X and Y"


def group_actors(actors: list[Actor], tokens: list[Token]) -> list[list[Actor]]:
    """Actors joined by "and" / "," / "as well as" form one compound group."""
    groups: list[list[Actor]] = []
    for actor in actors:
        if groups:
            gap = {t.lower for t in tokens[groups[-1][-1].end:actor.start]}
            if gap and gap <= GROUP_GLUE and ("and" in gap or "," in gap or "&" in gap):
                groups[-1].append(actor)
                continue
        groups.append([actor])
    return [part for group in groups for part in _split_comma_lists(group, tokens)]


def _split_comma_lists(group: list[Actor], tokens: list[Token]) -> list[list[Actor]]:
    """A list joined only by commas ("Ukraine, France said") is not a compound, unless it follows
    a preposition ("embargoes on sales to Iran, Libya, North Korea")."""
    if len(group) < 2:
        return [group]
    first = group[0].start
    if first > 0 and tokens[first - 1].lower in LIST_PREPOSITIONS:
        return [group]
    last_gap = {t.lower for t in tokens[group[-2].end:group[-1].start]}
    if last_gap & {"and", "&"}:
        return [group]
    return [[a] for a in group]


def resolve_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch],
                  participles: frozenset[str], context: Actor | None = None) -> list[Dyad]:
    """Every (source, target) pair for every pattern match of one sentence."""
    groups = group_actors(actors, tokens)
    say_heads = frozenset(m.head for m in matches if "say" in m.pattern.flags)
    dyads: list[Dyad] = []
    sources_at: dict[int, list[Actor]] = {}
    for match in matches:
        found = _resolve_one(tokens, groups, match, participles, sources_at, context, say_heads)
        # kept even when empty: "a bombing killed a soldier and wounded two others" has no source
        # for "wounded" either (not "a soldier")
        # the grammatical subject, for a later coordinated verb: a passive's is its target
        sources_at[match.head] = [d.target if d.passive and d.target is not None else d.source for d in found]
        dyads.extend(found)
    return dyads


def _resolve_one(tokens, groups, match, participles, sources_at, context, say_heads) -> list[Dyad]:
    pattern = match.pattern
    if "sym" in pattern.flags:
        between = _between(tokens, groups, match)
        if between:
            return _both_ways(match, between, nominal=pattern.pos == "N")
    if pattern.pos == "N":
        return _nominal(tokens, groups, match)
    passive = _is_passive(tokens, match.head, participles)
    before, gap, inherited = _source_group(tokens, groups, match, sources_at, context)
    if "say" in pattern.flags and before:
        obliged = _obligation(tokens, groups, match)
        if obliged:  # "X said that Y must …": X demands of Y
            demand = replace(match, pattern=replace(pattern, code=DEMAND_CODE, flags=frozenset(),
                                                    text=f"{pattern.text} that _ must"))
            return _pairs(demand, before, obliged, False, False, gap, inherited)
    if passive:
        by_actor = _by_agent(tokens, groups, match)
        if by_actor and not before:  # "a camp for Congolese refugees was attacked by …"
            before = _phrase_subject(tokens, groups, match.head)
        if by_actor and before:
            return _pairs(match, by_actor, before, True, False, gap, inherited)
        if tokens[match.head].lower not in STATIVE or by_actor:
            return []
        passive = False  # "is opposed to", "were engaged in": a state of the subject, not a passive
    after = _target_group(tokens, groups, match, passive, say_heads)
    if not before:
        return []
    if "sym" in pattern.flags and len(before) > 1 and not _addressed(tokens, after, match):
        return _both_ways(match, before, nominal=False)  # "X and Y agreed (on Z)": each with the other
    pairs = _pairs(match, before, after or [None], False, False, gap, inherited)
    if "sym" in pattern.flags and pattern.code in MUTUAL_CODES and after:
        pairs += _pairs(match, after, before, False, False, gap, inherited)
    return pairs


def _by_agent(tokens, groups, match) -> list[Actor] | None:
    """The agent of a passive: the first actor group after "by" ("by the", "by current …"),
    however far from the verb ("was accused of misusing funds …, by government officials")."""
    for j in range(match.end, len(tokens)):
        if tokens[j].lower == ";":
            return None
        group = _group_starting_at(groups, j)
        if group is not None and "by" in [t.lower for t in tokens[max(match.end, j - 3):j]]:
            return group
    return None


def _addressed(tokens, after, match) -> bool:
    """A joint act's partner named as its object or after "with" ("X and Y met (with) Z")."""
    if not after:
        return False
    start = after[0].start
    return start == match.end or tokens[start - 1].lower in ("with", "to") or (
        start >= 2 and tokens[start - 1].lower == "the" and tokens[start - 2].lower in ("with", "to"))


def _obligation(tokens, groups, match) -> list[Actor] | None:
    """The actor group of a "that"-clause whose verb is an obligation ("that China must …"),
    with or without "that" ("said US and British forces must …")."""
    direct = _group_starting_at(groups, match.end)
    if direct is not None and _obliged(tokens, direct):
        return direct
    for j in range(match.end, min(len(tokens), match.end + 5)):
        if tokens[j].lower != "that":
            continue
        group = _group_starting_at(groups, j + 1) or _group_starting_at(groups, j + 2)
        return group if group is not None and _obliged(tokens, group) else None
    return None


def _obliged(tokens, group) -> bool:
    """The group is the subject of "must"/"should"/"has to", a few words on ("Kagame and his
    party must"), in the same clause."""
    after = []
    for t in tokens[group[-1].end:group[-1].end + 7]:
        if t.lower in CLAUSE_BREAKS or t.lower == ",":
            break
        after.append(t.lower)
    if after[:2] in (["has", "to"], ["have", "to"]):
        return True
    return any(w in OBLIGATIONS for w in after)


def _pairs(match, sources, targets, passive, nominal, gap, inherited) -> list[Dyad]:
    expanded = len(sources) * len(targets) > 1
    out = []
    seen: set[tuple] = set()
    for s in sources:
        for t in targets:
            key = (s.code, t.code if t is not None else None)
            if (t is not None and t.code == s.code) or key in seen:
                continue
            seen.add(key)
            out.append(Dyad(match, s, t, passive, nominal, gap, inherited, expanded))
        if not any(d.source is s for d in out) and all(t is not None and t.code == s.code for t in targets):
            # the only target is the source itself ("Bosnian Serbs demanded a truce … in Bosnia")
            out.append(Dyad(match, s, None, passive, nominal, gap, inherited, expanded))
    return out


def _both_ways(match, members, nominal) -> list[Dyad]:
    out = []
    for s in members:
        for t in members:
            if s is not t and s.code != t.code:
                out.append(Dyad(match, s, t, False, nominal, 0, False, True))
    return out


def _between(tokens, groups, match) -> list[Actor] | None:
    for i in range(match.head + 1, min(len(tokens), match.end + 4)):
        if tokens[i].lower == "between":
            for group in groups:
                if group[0].start in (i + 1, i + 2) and len(group) > 1:
                    return group
    return None


def _is_passive(tokens, head, participles) -> bool:
    if tokens[head].lower not in participles:
        return False
    for j in range(head - 1, max(-1, head - 4), -1):
        word = tokens[j].lower
        if word in BE_FORMS:
            return True
        if not word.isalpha() or word in ("and", "by"):
            break
    nxt = tokens[head + 1].lower if head + 1 < len(tokens) else ""
    return nxt == "by" and head > 0 and tokens[head - 1].lower == ","


def _source_group(tokens, groups, match, sources_at, context):
    """The actor group before the head: nearest, skipping place phrases ("in Kyiv")."""
    head = match.head
    if head > 0 and tokens[head - 1].lower in COORDINATORS or _after_aux_coordination(tokens, head):
        for earlier in sorted(sources_at, reverse=True):
            if earlier < head:
                return sources_at[earlier], head - earlier, True
    skipped = _relative_clauses(tokens, head)
    aside = None  # an actor inside an aside: the source only if nothing else is ("The … Office (ILO)")
    for j in range(head - 1, -1, -1):
        word = tokens[j].lower
        if word == ";":
            break
        if j in skipped:
            aside = aside or _group_ending_at(groups, j)
            continue
        if word in ("which", "who") and j > 1 and tokens[j - 1].lower == ",":
            antecedent = _group_ending_at(groups, j - 2)
            if antecedent is not None:  # "the Kremlin, which has expressed …"
                return [antecedent[-1]], head - j, False
        group = _group_ending_at(groups, j)
        if group is not None:
            if _in_phrase(tokens, group[0].start):
                continue
            return group, head - j - 1, False
        if word in PRONOUNS:
            earlier = [g for g in groups if g[-1].end <= j]
            if earlier:
                return earlier[-1], head - j, True
            return ([context], head - j, True) if context is not None else (None, 0, False)
    if aside is not None:
        return aside, head - aside[-1].end, False
    return None, 0, False


def _phrase_subject(tokens, groups, head) -> list[Actor] | None:
    """An actor inside the subject's own phrase, with no clause boundary before the head."""
    for j in range(head - 1, -1, -1):
        if tokens[j].lower in CLAUSE_BREAKS or tokens[j].lower == ",":
            return None
        group = _group_ending_at(groups, j)
        if group is not None:
            return group
    return None


def _in_phrase(tokens, start) -> bool:
    """An actor inside a prepositional phrase, unless it heads a partitive subject
    ("thousands of Iraqi Kurds demonstrated", "a contingent of NATO troops arrived")."""
    if start == 0 or tokens[start - 1].lower not in NOT_SUBJECT:
        return False
    if tokens[start - 1].lower != "of" or start < 2:
        return True
    before = tokens[start - 2].lower
    return not (before in PARTITIVES or before.replace(",", "").isdigit())


def _after_aux_coordination(tokens, head) -> bool:
    return head > 1 and tokens[head - 2].lower == "and" and tokens[head - 1].lower in COORDINATED_AUX


def _relative_clauses(tokens, head) -> set[int]:
    """Token indexes inside asides that close before the head: ", which/who … ,", appositions
    (", a key U.S. ally in the war, has refused") and parentheses ("Hizbollah (Party of God) group")."""
    skipped: set[int] = set()
    for i in range(1, head):
        word = tokens[i].lower
        if word == "(":
            close = next((j for j in range(i + 1, head) if tokens[j].lower == ")"), None)
            if close is not None:
                skipped.update(range(i, close + 1))
        elif word in ("which", "who", "whom", "a", "an") and tokens[i - 1].lower == ",":
            for j in range(i + 1, head):
                if tokens[j].lower == ",":
                    skipped.update(range(i - 1, j + 1))
                    break
    return skipped


def _group_ending_at(groups, j):
    for group in groups:
        if group[0].start <= j < group[-1].end:
            return group
    return None


TARGET_AGENT_TYPES = frozenset({"OPP", "CVL", "REF", "REB", "UAF", "INS", "SEP", "CRM", "LAB"})


def _targetable(group: list[Actor], tokens: list[Token], say_heads: frozenset[int],
                officials: bool = False) -> list[Actor] | None:
    """Drop country-less official agents ("officials", "military") and speakers ("…, X said"),
    unless they are the subject of the clause the act is about (`officials`: "warned that police …")."""
    if group[-1].end in say_heads or (group[-1].end + 1 in say_heads):
        return None
    kept = [a for a in group if a.country_code or a.kind != "agent" or officials
            or a.type_code in TARGET_AGENT_TYPES]
    return kept or None


def _target_group(tokens, groups, match, passive, say_heads=frozenset()) -> list[Actor] | None:
    """The first targetable actor group after the act, in its clause."""
    if "say" in match.pattern.flags:
        for group in groups:
            if match.end <= group[0].start <= match.end + 1:
                return group
        return None
    last = match.positions[-1]
    if "intr" in match.pattern.flags:
        return _intransitive_target(tokens, groups, last, say_heads)
    material = match.pattern.code[:2] in MATERIAL_ROOTS
    for j in range(match.head + 1, len(tokens)):
        word = tokens[j].lower
        if word == "that" and j > last and match.pattern.code[:2] in THAT_TARGET_ROOTS:
            group = _group_starting_at(groups, j + 1) or _group_starting_at(groups, j + 2)
            return _targetable(group, tokens, say_heads, officials=True) if group else None
        if j > last and word in CONDITIONS and _threatening(tokens, match):
            # a threat's condition names whom it is aimed at ("threatened to strike unless Israel …")
            group = _group_starting_at(groups, j + 1) or _group_starting_at(groups, j + 2)
            return _targetable(group, tokens, say_heads) if group else None
        if j > last and (word in CLAUSE_BREAKS or word == "that") and not passive and not (
                word == "as" and j == last + 1):  # "denounced as a crime Serbia's …"
            return None
        if j > last and word == "and" and j + 1 < len(tokens) and tokens[j + 1].lower in COORDINATED_AUX:
            return None  # "… and has urged its citizens": a coordinated predicate's object
        group = _group_starting_at(groups, j)
        if group is None:
            continue
        prev = tokens[j - 1].lower
        if prev in ("to", "the") and match.pattern.code[:2] in COMPLAINT_ROOTS:
            about = _complaint_subject(tokens, groups, j, say_heads)
            if about:  # "complained to the UN over Israeli air raids": the raids' author
                return about
        if (passive or prev == "by" or j == last + 1 or material or prev not in PLACE_PREPOSITIONS
                or (prev == "from" and (group[0].kind != "country"  # "autonomy from Serbian authorities"
                                        or match.pattern.code[:2] in FROM_TARGET_ROOTS))):
            kept = _targetable(group, tokens, say_heads)
            if kept:
                return kept
    return None


def _complaint_subject(tokens, groups, j, say_heads) -> list[Actor] | None:
    """The actor a complaint addressed to someone else is about ("… over|about|against X")."""
    for k in range(j + 1, min(len(tokens), j + 12)):
        word = tokens[k].lower
        if word in CLAUSE_BREAKS:
            return None
        if word in ("over", "about", "against"):
            for m in range(k + 1, min(len(tokens), k + 5)):
                group = _group_starting_at(groups, m)
                if group is not None:
                    return _targetable(group, tokens, say_heads)
            return None
    return None


def _threatening(tokens, match) -> bool:
    """A threat, or a conflictual act announced under a condition ("would close the border unless")."""
    code = match.pattern.code[:2]
    if code == THREAT_ROOT:
        return True
    return code in CONFLICT_ROOTS and any(t.lower in FUTURE_MODALS for t in tokens[max(0, match.head - 5):match.head])


def _intransitive_target(tokens, groups, last, say_heads) -> list[Actor] | None:
    """Only an actor right after the act, or after "to"/"with" ("surrendered to Ukrainian forces")."""
    j = last + 1
    if j < len(tokens) and tokens[j].lower in ("to", "with"):
        j += 1
    if j < len(tokens) and tokens[j].lower == "the":
        j += 1
    group = _group_starting_at(groups, j)
    return _targetable(group, tokens, say_heads) if group else None


def _group_starting_at(groups, j):
    for group in groups:
        if group[0].start == j:
            return group
    return None


def _nominal(tokens, groups, match) -> list[Dyad]:
    """Event nouns: "Russia's invasion of Ukraine", "the invasion of Ukraine by Russia"."""
    head, end = match.head, match.end
    source = None
    for group in groups:
        gap = tokens[group[-1].end:head]
        if group[-1].end <= head and len(gap) <= 4 and all(t.lower in NOMINAL_GAP for t in gap):
            source = group
    target = None
    for j in range(head + 1, min(len(tokens), end + 5)):
        group = _group_starting_at(groups, j)
        if group is None:
            continue
        word = tokens[j - 1].lower
        if word == "the" and j > 1:
            word = tokens[j - 2].lower
        if word == "by":
            source = group
        elif target is None and (word in TARGET_PREPOSITIONS or j - 1 in match.positions[1:]):
            target = group
    if source is None:
        return []
    return _pairs(match, source, target or [None], False, True, 0, False)


NOMINAL_GAP = frozenset(
    "'s ’s - the a an its their new fresh recent latest full scale full-scale large brutal unprovoked "
    "illegal military armed ground air naval massive major renewed continued ongoing first second "
    "further more tough tougher harsh sweeping economic financial".split()
)
