"""Force used alongside a partner: military cooperation with the partner too (CAMEO 062), and
the partner's own force on the same enemy.

"US troops have fought alongside the SDF to oust Isis" is the US's cooperation with the SDF as
well as its fight against Isis; "Kurdish militias fought with Washington against Isis" too, but
"fought with Turkish troops" is fighting them ("with" is a partner only when an "against" names
the enemy). The partner phrases are a word list (data/dictionaries/words.yaml: partner_phrases).
"""
from __future__ import annotations

from dataclasses import replace

from .actors import Actor
from .matcher import VerbMatch
from .structure import CLAUSE_BREAKS, Dyad, group_actors
from .text import Token
from .wordlists import word_set

FORCE_ROOTS = word_set("force_roots")
PHRASES = sorted((tuple(p.split()) for p in word_set("partner_phrases")), key=len, reverse=True)
MILITARY_COOPERATION = "062"
WINDOW = 8  # words from the act to its partner ("fought for four years alongside the SDF")


def partner_dyads(tokens: list[Token], actors: list[Actor], matches: list[VerbMatch],
                  dyads: list[Dyad]) -> list[Dyad]:
    """`dyads` with cooperation dyads (each source of a verbal act of force -> its partner) and the
    partner's own force on the act's target added; a partner the act took for its target gives
    way to the enemy after "against", if any."""
    groups = group_actors(actors, tokens)
    out = list(dyads)
    for match in matches:
        if match.pattern.pos != "V" or match.pattern.code[:2] not in FORCE_ROOTS:
            continue
        partners = _partners(tokens, groups, match, {m.head for m in matches})
        own = [d for d in dyads if d.match.head == match.head]
        if not partners or not own:
            continue
        act = replace(match, pattern=replace(match.pattern, code=MILITARY_COOPERATION,
                                             text=f"{match.pattern.text} alongside"))
        sources = list({id(d.source): d.source for d in own}.values())
        enemy = _enemy(tokens, groups, match)
        kept = _retargeted(own, partners, enemy)
        out = [d for d in out if d not in own] + kept
        # the partner fights the act's enemy too ("fought alongside the SDF to oust Isis"): one the
        # parse or an "against" names, not the word rules' guess at a later actor
        enemies = enemy or list({id(d.target): d.target for d in kept
                                 if d.target is not None and not d.how.endswith("words")}.values())
        out += [Dyad(match, p, e, False, False, 0, True, True, "partner")
                for p in partners for e in enemies if e.code != p.code and not any(a is p for a in sources)]
        out += [Dyad(act, s, p, d.passive, False, d.source_gap, d.inherited, len(sources) * len(partners) > 1,
                     "partner")
                for s in sources for p in partners if p.code != s.code and not any(a is p for a in sources)
                for d in own[:1]]
    return out


def _retargeted(own: list[Dyad], partners: list[Actor], enemy: list[Actor] | None) -> list[Dyad]:
    """The act's dyads with the enemy after "against" as the target of those that name none or
    took the partner for it (a partner alone is no target)."""
    out: list[Dyad] = []
    for d in own:
        if d.target is not None and not any(d.target is p for p in partners):
            out.append(d)
        elif enemy:
            out += [replace(d, target=e) for e in enemy if e.code != d.source.code]
        else:
            out.append(replace(d, target=None))
    return out


def _enemy(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch) -> list[Actor] | None:
    """The actor group after "against" following the act, in its clause."""
    for j in range(match.end, min(len(tokens) - 1, match.end + 2 * WINDOW)):
        if tokens[j].lower in CLAUSE_BREAKS or tokens[j].lower == ";":
            return None
        if tokens[j].lower == "against":
            start = j + 2 if tokens[j + 1].lower == "the" else j + 1
            return next((g for g in groups if g[0].start == start), None)
    return None


def _partners(tokens: list[Token], groups: list[list[Actor]], match: VerbMatch, heads: set[int]) -> list[Actor] | None:
    """The actor group after a partner phrase following the act, in its clause, with no other
    verb between ("men killed fighting alongside the YPG": the partner is the fighting's)."""
    words = [t.lower for t in tokens]
    for j in range(match.end, min(len(tokens), match.end + WINDOW)):
        if words[j] in CLAUSE_BREAKS or words[j] in (",", ";") or j in heads or words[j].endswith("ing"):
            return None
        phrase = next((p for p in PHRASES if tuple(words[j:j + len(p)]) == p), None)
        if phrase is None and words[j] == "with" and "against" in words[j + 1:j + 1 + WINDOW]:
            phrase = ("with",)
        if phrase is None:
            continue
        start = j + len(phrase)
        if start < len(words) and words[start] == "the":
            start += 1
        return next((g for g in groups if g[0].start == start), None)
    return None
