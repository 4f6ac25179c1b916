"""Verb and event-noun pattern matching over a sentence's tokens."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .text import Token
from .verbs import VerbPattern, Verbs, refine_governed
from .wordlists import word_set

MAX_SLOT_GAP = 6
VERB_TAG, NOUN_TAG = "VB", "NN"  # Penn tags: VB VBD VBG VBN VBP VBZ; NN NNS (NNP: a name)
BARRIERS = word_set("match_barriers")
IDIOM_GAP = word_set("idiom_gap")
IDIOM_PARTICLES = word_set("idiom_particles")
IDIOM_MODIFIERS = 2
NOUN_CUES = word_set("noun_cues")
NOMINAL_GAP = word_set("nominal_gap")  # adjectives of an event noun: "military", "ground", "fresh"


STATEMENT_NOUNS = word_set("statement_nouns")
QUANTIFIERS = word_set("quantifiers")
OPENERS = word_set("phrase_openers")


@dataclass(frozen=True, slots=True)
class VerbMatch:
    head: int                 # token index of the head
    positions: tuple[int, ...]  # token index of every slot (head first)
    pattern: VerbPattern

    @property
    def end(self) -> int:
        return self.positions[-1] + 1


def match_verbs(tokens: list[Token], verbs: Verbs, actor_tokens: frozenset[int],
                tags: list[str | None] | None = None) -> list[VerbMatch]:
    """The best pattern at each head token, left to right; heads inside a match are skipped.

    With `tags` (the parser's part-of-speech tag of each token, None where unknown), a verb
    pattern's head must be tagged a verb and an event noun's a noun ("the state", "an aid ban",
    "rolled back" are not acts)."""
    found: list[VerbMatch] = []
    covered: set[int] = set()
    for i, token in enumerate(tokens):
        candidates = verbs.by_head.get(token.lower)
        if not candidates or i in covered or i in actor_tokens:
            continue
        if i > 0 and token.text[:1].isupper() and tokens[i - 1].lower not in OPENERS:
            continue  # a capitalized word mid-sentence is a name ("March", "Strike Force")
        if _hyphen_compound(tokens, i):
            continue  # "Syrian-backed", "US-led", "state-owned": an adjective, not an act
        if _modifier(tokens, i):
            continue  # "aid convoys", "protest leaders": neither an act nor an event noun
        noun_context = _noun_context(tokens, i, actor_tokens)
        # after a determiner or a hyphenated modifier ("peace-keeping force"): a noun
        tag = tags[i] if tags is not None else None
        determined = i > 0 and (tokens[i - 1].lower in NOUN_CUES or _modifying_compound(tokens, i - 1, tag))
        stated = i > 0 and tokens[i - 1].lower in STATEMENT_NOUNS
        if token.lower.endswith("ing") and not noun_context and not stated and not _progressive(tokens, i):
            continue  # a gerund or participle ("of conceding", "engaging directly"): not a finite act
        # a plural right after an actor and before "on", "against" … ("US airstrikes on Syria"): a
        # noun, even when the tagger reads the actor as its subject (VBZ)
        noun_read = noun_context and _is_noun_form(token.lower, verbs)
        for pattern in candidates:
            if tag is not None and not _tag_fits(pattern.pos, tag) and not (pattern.pos == "N" and noun_read):
                continue
            if pattern.pos == "V" and (determined or noun_read):
                continue
            if pattern.pos == "N" and not noun_context and not _noun_only(token.lower, verbs):
                continue
            positions = _match_slots(tokens, i, pattern)
            if positions is not None and pattern.idiom:
                covered.update(positions)  # "returned home", "hit a record": no act, and no other pattern
                break
            if positions is not None:
                if stated and found and found[-1].head == i - 1 and found[-1].pattern.pos == "N":
                    found.pop()  # the statement noun gives way to what the statement does
                found.append(VerbMatch(i, positions, pattern))
                covered.update(positions)
                break
    return found


def _tag_fits(pos: str, tag: str) -> bool:
    return tag.startswith(VERB_TAG) if pos == "V" else tag.startswith(NOUN_TAG)


MODIFIED_NOUNS = word_set("modified_nouns")


MODIFIER_HEADS = word_set("modifier_heads")


def _modifier(tokens: list[Token], i: int) -> bool:
    return (tokens[i].lower in MODIFIER_HEADS and i + 1 < len(tokens)
            and tokens[i + 1].lower in MODIFIED_NOUNS)


def _hyphen_compound(tokens: list[Token], i: int) -> bool:
    if i < 2 or tokens[i - 1].text != "-":
        return False
    return tokens[i - 1].start == tokens[i - 2].end and tokens[i].start == tokens[i - 1].end


def _modifying_compound(tokens: list[Token], i: int, tag: str | None) -> bool:
    """A hyphenated word before a head that makes the head a noun ("peace-keeping force",
    "US-led strikes"), not a hyphenated name as its subject ("al-Hariri criticized", "Jong-un
    warned"): the parser's verb tag decides; untagged, a compound ending in a capital is a name."""
    if not _hyphen_compound(tokens, i):
        return False
    if tag is not None:
        return not tag.startswith(VERB_TAG)
    return not tokens[i].text[:1].isupper()


def _match_slots(tokens: list[Token], head: int, pattern: VerbPattern) -> tuple[int, ...] | None:
    """Where each slot of the pattern is, from the head on. An idiom's words are close: before a
    particle ("returned to") only determiners, possessives and numbers ("released its 2019
    budget"); before another word, also up to two modifiers ("struck a conciliatory tone")."""
    positions = [head]
    at = head + 1
    for slot in pattern.slots[1:]:
        limit = min(len(tokens), at + MAX_SLOT_GAP + 1)
        free = 0 if slot & IDIOM_PARTICLES else IDIOM_MODIFIERS
        for j in range(at, limit):
            word = tokens[j].lower
            if word in slot:
                positions.append(j)
                at = j + 1
                break
            if pattern.idiom and word not in IDIOM_GAP and not _number(word):
                free -= 1
            if word in BARRIERS or free < 0:
                return None
        else:
            return None
    return tuple(positions)


def _number(word: str) -> bool:
    """"2026", "0.7", "2,000": a figure may stand inside an idiom ("hit the 0.7% aid target")."""
    return word.replace(",", "").replace(".", "", 1).isdigit()


def _noun_context(tokens: list[Token], i: int, actor_tokens: frozenset[int]) -> bool:
    if i == 0:
        return False
    prev = tokens[i - 1].lower
    if prev in NOUN_CUES:
        return True
    k = i - 1
    while k > 0 and tokens[k].lower in QUANTIFIERS:
        k -= 1
    if tokens[k].lower == "of" and not tokens[i].lower.endswith("ing"):
        return True  # "cleared him of all charges": "of" is never followed by a finite verb
    if tokens[i].lower.endswith("s") and i + 1 < len(tokens) and tokens[i + 1].lower in ("are", "were"):
        return True  # "until their demands are met": a plural subject, not a verb
    k = _before_modifiers(tokens, i)
    if k < i - 1 and tokens[k].lower in NOUN_CUES:
        return True  # "his military strike", "the US-led fight": a determiner before the modifiers
    return (k in actor_tokens or (i - 1) in actor_tokens) and i + 1 < len(tokens) and tokens[i + 1].lower in (
        "of", "on", "against", "by", "between", "from", "to", "in", "with", "into")


def _before_modifiers(tokens: list[Token], i: int) -> int:
    """The token before the modifiers of a head noun: adjectives of an event noun ("military",
    "ground") and hyphenated compounds ("US-led", "Turkish-backed") are stepped over."""
    k = i - 1
    while k > 0:
        if _hyphen_compound(tokens, k):
            k = max(k - 3, 0)
        elif tokens[k].lower in NOMINAL_GAP and tokens[k].lower not in NOUN_CUES:
            k -= 1
        else:
            break
    return k


def _progressive(tokens: list[Token], i: int) -> bool:
    return any(t.lower in BE_FORMS for t in tokens[max(0, i - 3):i])


BE_FORMS = word_set("be_forms")


def _is_noun_form(word: str, verbs: Verbs) -> bool:
    return any(p.pos == "N" for p in verbs.by_head.get(word, ())) or word.endswith("s")


def _noun_only(word: str, verbs: Verbs) -> bool:
    return all(p.pos == "N" for p in verbs.by_head.get(word, ()))


def govern(tokens: list[Token], matches: list[VerbMatch]) -> list[VerbMatch]:
    """A governing head ("threatened to", "agreed to") absorbs the act in its complement."""
    out: list[VerbMatch] = []
    skip: set[int] = set()
    for k, m in enumerate(matches):
        if k in skip:
            continue
        if "gov" in m.pattern.flags:
            for n in range(k + 1, len(matches)):
                other = matches[n]
                gap = [t.lower for t in tokens[m.end - 1:other.head]]  # "declined to" ends in "to"
                if other.head - m.end > 6 or "to" not in gap or any(w in (",", ";", "and") for w in gap):
                    continue
                if other.pattern.pos == "N" and not _right_after_to(gap):
                    continue  # "agreed to interviews about the offensive": the noun is not what is agreed
                code = refine_governed(m.pattern.code, other.pattern.code)
                rule = f"{m.pattern.text} + {other.pattern.text}"
                flags = m.pattern.flags | (other.pattern.flags & {"intr"})  # "agreed to resign"
                m = replace(m, pattern=replace(m.pattern, code=code, text=rule, flags=flags))
                skip.add(n)
                break
        out.append(m)
    return out


def _right_after_to(gap: list[str]) -> bool:
    """Only determiners and the like between the last "to" and an event noun ("agreed to a
    ceasefire", "pledged to the new sanctions")."""
    last = len(gap) - 1 - gap[::-1].index("to")
    return all(w in IDIOM_GAP for w in gap[last + 1:])
