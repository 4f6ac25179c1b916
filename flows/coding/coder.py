"""Coding one article: sentences → actors, patterns, dyads → mention rows (dicts)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from typing import Callable

from .actors import Actor, matcher_for
from .allegation import allegations, blamed, may_blame
from .attribution import attribution_tokens
from .clauses import main_events
from .dates import resolve_event_date
from .dictionaries import CodebookEntry, Dictionaries
from .dateline import country_names, filed_place, find_dateline
from .instruments import instrument_dyads
from .inherit import TARGET_PLACE_PREPOSITIONS, place_actor, settle_countries
from .scene import article_scene, confident_scene
from .matcher import VerbMatch, govern, match_verbs
from .noevent import bare_statement, idle_warning, lacks_object, private_trip, unaddressed, verbal_fight
from .modality import (
    SPECULATIVE,
    WINDOW,
    announced,
    hypothetical,
    negated,
    quoted,
    threat_speculation,
    uncertain,
    wished,
)
from .places import LOCATIVES, Place, PlaceGate, actor_place, located_places
from .relevance import OTHER, judge, load_rules
from .schema import stable_id
from .structure import Dyad, Referents, resolve_dyads
from .structure.words import CONFLICT_ROOTS
from .partners import partner_dyads
from .people import last_named, remember_people
from .parse import UNTAGGED, Tagged, tag_sentences
from .syntax import Tree, tree_for
from .text import Token, split_sentences, tokenize
from .tone import document_tone
from .unattributed import PLACE_PREPOSITIONS as VICTIM_PLACE_PREPOSITIONS
from .unattributed import unattributed_dyads
from .verbs import Verbs, refine_governed
from .weapons import weapon_dyads
from .wordlists import word_set

LEAD_SENTENCES = 2
PLACE_CUES = LOCATIVES | TARGET_PLACE_PREPOSITIONS | VICTIM_PLACE_PREPOSITIONS
INTENT_ROOTS = word_set("intent_roots")


# CAMEO 19x is force used by armed forces; killing or wounding by irregulars (rebels, militias,
# insurgents, terror groups), or their attack on civilians or refugees, is unconventional violence,
# 18x ("rebels attacked troops" stays 190)
CONVENTIONAL, UNCONVENTIONAL = "190", "180"
CRITICISM = "111"
CASUALTIES = word_set("casualty_patterns")
IRREGULAR = word_set("irregular_agent_types")
ARRIVALS, PEACEKEEPING = word_set("arrival_codes"), "074"
# force used by a state's police or army on its own protesters or opposition is violent repression
REPRESSION, SECURITY, DISSENT = "175", word_set("security_agent_types"), word_set("dissent_agent_types")
CIVILIANS = word_set("civilian_agent_types")
REFUSABLE_ROOTS = word_set("refusable_roots")


def _repression(d: Dyad) -> bool:
    target = d.target
    return (target is not None and d.source.type_code in SECURITY and target.type_code in DISSENT
            and d.source.country_code is not None and d.source.country_code == target.country_code)


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int          # the sentence's number in the article
    start: int          # its offsets in the article text
    end: int
    hits: list          # the actor matcher's hits inside it
    tokens: list[Token]
    parse: bool         # whether it is parsed (tagged): an event word's part of speech is in doubt
    syntax: bool = True  # whether its dependencies are parsed: a pattern other than a reporting verb
    actors: tuple[Actor, ...] | None = None  # its actors, when no name in it means another at another date


@dataclass(frozen=True, slots=True)
class Acts:
    """What a sentence's tags already tell: its actors and the event words that keep their part
    of speech. With no event word left, nothing the parse could add makes an event of the
    sentence: its dependencies are not parsed."""
    actors: list[Actor]
    matches: list[VerbMatch]


def tag_and_read(coder: Coder, chosen: list[tuple[dict, Candidate]],
                 failed: Callable[[dict, Exception], Exception] | None = None) -> tuple[list[Tagged], list[Acts | None]]:
    """Tags of each (article, candidate) in one batched pass, and the acts read from them;
    dependencies only for the sentences whose acts need them. `failed` turns an error reading an
    article into the caller's own (naming the record)."""
    acts: dict[int, Acts] = {}

    def worth_parsing(i: int, tagged: Tagged) -> bool:
        article, candidate = chosen[i]
        try:
            acts[i] = coder.acts(article, candidate, tagged)
        except Exception as exc:
            if failed is None:
                raise
            raise failed(article, exc) from exc
        return bool(acts[i].matches)

    tagged = tag_sentences([a["text"][c.start:c.end] for a, c in chosen], [c.syntax for _, c in chosen],
                           worth_parsing)
    return tagged, [acts.get(i) for i in range(len(chosen))]


def parse_candidates(coder: Coder, article: dict, candidates: list[Candidate]) -> tuple[list[Tagged], list[Acts | None]]:
    """`tag_and_read` for one article's candidates: UNTAGGED (and no acts) for those not parsed."""
    tagged, acts = tag_and_read(coder, [(article, c) for c in candidates if c.parse])
    done = iter(zip(tagged, acts))
    pairs = [next(done) if c.parse else (UNTAGGED, None) for c in candidates]
    return [t for t, _ in pairs], [a for _, a in pairs]


class Coder:
    """Holds the compiled dictionaries; `code_article` is a pure function of one article."""

    def __init__(self, dictionaries: Dictionaries, verbs: Verbs) -> None:
        self.dictionaries = dictionaries
        self.verbs = verbs
        self.matcher = matcher_for(dictionaries)
        self.rules = load_rules()
        self.countries = country_names(dictionaries.actors)

    def candidates(self, article: dict, hits: list | None = None) -> list[Candidate]:
        """Sentences worth coding (and parsing): an actor and a matching event word in them.
        `hits`: the actor matcher's hits of the text when already found (by the relevance stage)."""
        text: str = article["text"] or ""
        if hits is None:
            hits = self.matcher.find(text)
        dateline = find_dateline(text, self.countries)
        if dateline is not None:  # "HANOI (AP) —": where the story was filed, not an actor
            hits = [h for h in hits if h.start >= dateline.end]
        relevance = article["relevance"] if "relevance" in article else judge(self.matcher, text, self.rules, hits)
        if relevance == OTHER:
            return []  # not about politics, conflict or the state: no events
        hits = remember_people(self.matcher, text, hits)  # "Yakovenko" after "Russia's ambassador Alexander Yakovenko"
        hit_starts = [h.start for h in hits]
        by_head = self.verbs.by_head
        found = []
        for index, (s0, s1) in enumerate(split_sentences(text)):
            lo, hi = bisect_left(hit_starts, s0), bisect_left(hit_starts, s1)
            if lo == hi:
                continue
            tokens = tokenize(text, s0, s1)
            if any(t.lower in by_head for t in tokens):
                actors = self.matcher.resolve(hits[lo:hi], tokens, text, None)
                matches = self._matches(tokens, actors)
                if matches:
                    # a sentence whose only acts are reporting verbs ("X said") is coded by the word
                    # rules: it is tagged only if a word's part of speech is in doubt, parsed only if
                    # what it reports may blame someone (allegation.py)
                    syntax = any("say" not in m.pattern.flags for m in matches) or may_blame(tokens)
                    parse = syntax or any(self.verbs.ambiguous(tokens[m.head].lower, m.pattern.pos) for m in matches)
                    timeless = None if self.matcher.dated(hits[lo:hi]) else tuple(actors)
                    found.append(Candidate(index, s0, s1, hits[lo:hi], tokens, parse, syntax, timeless))
        return found

    def _matches(self, tokens: list[Token], actors: list[Actor]) -> list[VerbMatch]:
        """Event words matching with no part of speech known: the parse can only take matches
        away, so a sentence without one is not worth parsing (nor coding)."""
        if not actors:
            return []
        return match_verbs(tokens, self.verbs, frozenset(i for a in actors for i in range(a.start, a.end)))

    def code_article(self, article: dict, candidates: list[Candidate] | None = None,
                     parsed: list[Tagged] | None = None, acts: list[Acts | None] | None = None,
                     hits: list | None = None) -> list[dict]:
        """The article's mention rows; `parsed` holds the candidates' parses and `acts` what was
        read from their tags, `hits` the actor matcher's hits of the text (all found here if None)."""
        text: str = article["text"] or ""
        published = article.get("published_at")
        pub_date: date | None = published.date() if published is not None else None
        if candidates is None:
            candidates = self.candidates(article)
        if parsed is None:
            parsed, acts = parse_candidates(self, article, candidates)
        acts = acts or [None] * len(candidates)
        base = {"article_id": article["article_id"], "run_id": article.get("run_id"),
                "mention_source": article.get("source"), "mention_url": article.get("url"),
                "mention_doc_tone": None}
        rows: list[dict] = []
        context: Actor | None = None
        referents = Referents()
        dateline = find_dateline(text, self.countries)
        scene: tuple[str | None, str | None] = (None, None)  # where the story is set; the same when sure
        if candidates:
            hits = self.matcher.find(text) if hits is None else hits
            scene = article_scene(hits), confident_scene(hits)
        context_at, after = -2, 0  # the sentence the context actor was read in; where the last candidate ends
        for candidate, tagged, read in zip(candidates, parsed, acts):
            referents = referents.naming(*last_named(self.matcher, text, hits or [], after, candidate.start, pub_date))
            after = candidate.end
            lead = dateline if dateline is not None and candidate.index < LEAD_SENTENCES else None
            read = read or self.acts(article, candidate, tagged)
            # a bare state agent ("officials") continues the sentence just before it, if it has an
            # actor; else it is the state of where the story is set, when that is sure
            home = None if context_at == candidate.index - 1 else scene[1]
            found, now, referents = self._code_sentence(text, candidate, tagged, read, pub_date, context, lead,
                                                        referents, (scene[0], home, scene[1]))
            context, context_at = now, (candidate.index if now is not context else context_at)
            if found and base["mention_doc_tone"] is None:
                base["mention_doc_tone"] = document_tone(text)
            for row in found:
                row.update(base, sentence_index=candidate.index)
                row["mention_id"] = stable_id(row["article_id"], candidate.index, row["event_id"], row["actor1_start"],
                                              row["actor1_end"], row["actor2_start"], row["actor2_end"])
                rows.append(row)
        return _unique(rows)

    def acts(self, article: dict, candidate: Candidate, tagged: Tagged) -> Acts:
        """The sentence's actors, and its event words that keep their part of speech in `tagged`."""
        text, s0, tokens = article["text"] or "", candidate.start, candidate.tokens
        if candidate.actors is not None:  # found already, and the same at any date
            actors = list(candidate.actors)
        else:
            published = article.get("published_at")
            pub_date = published.date() if published is not None else None
            event_date = resolve_event_date(text[s0:candidate.end], pub_date, 0)  # the main clause's, for roles
            actors = self.matcher.resolve(candidate.hits, tokens, text, event_date or pub_date)
        if not actors:
            return Acts(actors, [])
        actor_tokens = frozenset(i for a in actors for i in range(a.start, a.end))
        tags = [tagged.tag_at(t.start - s0) for t in tokens]
        return Acts(actors, govern(tokens, match_verbs(tokens, self.verbs, actor_tokens, tags)))

    def _code_sentence(self, text, candidate, tagged, acts, pub_date, context, lead=None, referents=None,
                       scene=(None, None, None)):
        """(rows, the context actor, the referents) after one candidate sentence."""
        s0, s1, tokens = candidate.start, candidate.end, candidate.tokens
        sentence = text[s0:s1]
        actors, matches = acts.actors, acts.matches
        referents = referents or Referents()
        if not actors:
            return [], context, referents
        if not matches:
            return [], context, referents.after(actors)
        speech = any("say" in m.pattern.flags for m in matches)  # attribution counts: "…, X said"
        dropped = attribution_tokens(tokens, matches)
        if dropped:
            actors = [a for a in actors if a.start not in dropped]
            matches = [m for m in matches if m.head not in dropped]
        # places after any preposition a rule looks at, found once for the sentence
        gate = PlaceGate(text, s0, s1, tagged.entities)
        located = list(located_places(tokens, actors, text, PLACE_CUES, gate=gate))
        tree = tree_for(tokens, s0, tagged)
        dyads = resolve_dyads(tokens, actors, matches, self.verbs.participles, context, tree, referents)
        dyads = weapon_dyads(tokens, actors, matches, dyads, self.verbs.participles, context, referents, tree)
        dyads = instrument_dyads(tokens, actors, matches, dyads, self.verbs.participles, tree)
        dyads = partner_dyads(tokens, actors, matches, dyads)
        dyads += unattributed_dyads(tokens, actors, matches, dyads, text, self.verbs.participles, located)
        default = place_actor((0, 0, lead.place), None) if lead is not None else None
        dyads = allegations(settle_countries(dyads, actors, tokens, text, context, dropped, located, gate, default,
                                             scene[0], tree, scene[1], scene[2]),
                            tokens, tree)
        # what a reporting verb's clause says of another actor: no main event over the clause's own
        specific = main_events([d for d in dyads if "say" not in d.match.pattern.flags], tokens) + blamed(
            dyads, actors, tokens, tree)
        chosen = specific or dyads
        if chosen:
            context = chosen[0].source  # the act's source: what a later sentence's pronoun may continue
        chosen = [d for d in chosen
                  if not bare_statement(d, tokens) and not lacks_object(d) and not idle_warning(d, tokens, actors, tree)]
        place = next((p for k, i, _, p in located if tokens[k].lower in LOCATIVES and i not in dropped), None)
        rows = [self._row(d, tokens, sentence, resolve_event_date(sentence, pub_date, tokens[d.match.head].start - s0),
                          place or filed_place(lead, [d.source.country_code, d.target and d.target.country_code]),
                          speech and bool(specific), tree) for d in chosen]
        return ([r for r in rows if not unaddressed(r) and not private_trip(r)], context,
                referents.after(acts.actors, bool(specific or dyads), tokens))

    def _row(self, d: Dyad, tokens: list[Token], sentence: str, event_date, place: Place | None,
             reported: bool, tree: Tree | None = None) -> dict:
        entry = self._codebook(d.match.pattern.code)
        head = d.match.head
        source_end = d.source.end if d.source.end <= head else max(0, head - WINDOW)
        is_negated = negated(tokens, head, source_end, tree, d.nominal)
        is_hypo = hypothetical(tokens, head, source_end, d.nominal, tree)
        if verbal_fight(d):
            entry = self._codebook(CRITICISM)  # "Trump attacked Biden": a fight in words (111)
        elif (entry.code == CONVENTIONAL and d.source.type_code in IRREGULAR
                and (d.match.pattern.text in CASUALTIES or (d.target is not None and d.target.type_code in CIVILIANS))):
            entry = self._codebook(UNCONVENTIONAL)  # "guerrillas killed …": an assault (18)
        elif entry.root_code == "19" and _repression(d):
            entry = self._codebook(REPRESSION)  # "police opened fire on demonstrators": 175
        entry, is_negated, is_hypo = self._announced(entry, tokens, head, source_end, is_negated, is_hypo)
        is_hypo = is_hypo or (not d.nominal and wished(tokens, head, tree))  # "fearful that Isis will return"
        if entry.code in ARRIVALS and any(t.lower.startswith("peacekeep") for t in tokens[d.source.start:d.source.end]):
            entry = self._codebook(PEACEKEEPING)  # peacekeepers arriving provide peacekeeping (074)
        where = place or actor_place(d.target if entry.quad_class == 4 and d.target else d.source)
        if where is None:
            where = Place(0, None, None, None, None, None, None)
        row = {"sentence": sentence, "event_date": event_date, "rule": f"{d.match.pattern.rule} [{d.how}]",
               "confidence": _confidence(d), "negated": is_negated, "hypothetical": is_hypo,
               "quoted": reported or quoted(tokens, head),
               "action_start": tokens[head].start, "action_end": tokens[d.match.positions[-1]].end}
        row.update(_actor_columns(1, d.source))
        row.update(_actor_columns(2, d.target))
        row.update({"event_code": entry.code, "event_base_code": entry.base_code,
                    "event_root_code": entry.root_code, "quad_class": entry.quad_class,
                    "goldstein": entry.goldstein, "plover_type": entry.plover_type,
                    "action_geo_type": where.geo_type, "action_geo_name": where.name,
                    "action_geo_country_code": where.country_code, "action_geo_adm1_code": where.adm1_code,
                    "action_geo_lat": where.lat, "action_geo_lon": where.lon, "action_geo_raw": where.raw})
        row["event_id"] = stable_id(event_date, row["actor1_code"], row["actor2_code"], entry.code,
                                    where.country_code)
        return row

    def _announced(self, entry: CodebookEntry, tokens: list[Token], head: int, source_end: int,
                   is_negated: bool, is_hypo: bool) -> tuple[CodebookEntry, bool, bool]:
        """Acts announced for the future: intents (03x), threats (13x) and refusals (12x)."""
        if is_negated:
            if entry.root_code in REFUSABLE_ROOTS and announced(tokens, head, source_end):
                speculative = any(t.lower in SPECULATIVE for t in tokens[:head])
                return self._codebook(refine_governed("120", entry.code)), False, speculative
            return entry, is_negated, is_hypo
        if entry.root_code in CONFLICT_ROOTS:
            speculative = threat_speculation(tokens, head, source_end)
            if speculative is not None:
                return self._codebook(refine_governed("130", entry.code)), False, speculative
        elif entry.root_code in INTENT_ROOTS and announced(tokens, head, source_end):
            return self._codebook(refine_governed("030", entry.code)), False, uncertain(tokens, head)
        return entry, is_negated, is_hypo

    def _codebook(self, code: str) -> CodebookEntry:
        book = self.dictionaries.codebook
        probe = code
        while probe and probe not in book:
            probe = probe[:-1]
        if not probe:
            raise KeyError(f"CAMEO code {code} (from the verbs file) is not in the codebook")
        return book[probe]


def _actor_columns(n: int, actor: Actor | None) -> dict:
    if actor is None:
        return {f"actor{n}_start": None, f"actor{n}_end": None, f"actor{n}_code": None,
                f"actor{n}_name": None, f"actor{n}_country_code": None, f"actor{n}_type_code": None}
    return {f"actor{n}_start": actor.char_start, f"actor{n}_end": actor.char_end,
            f"actor{n}_code": actor.code, f"actor{n}_name": actor.name,
            f"actor{n}_country_code": actor.country_code, f"actor{n}_type_code": actor.type_code}


def _confidence(d: Dyad) -> float:
    score = 0.9
    if "say" in d.match.pattern.flags:
        score = 0.5
    if d.passive:
        score -= 0.05
    if d.nominal:
        score -= 0.1
    if d.source_gap > 12:
        score -= 0.3
    elif d.source_gap > 6:
        score -= 0.15
    if d.inherited:
        score -= 0.2
    if d.expanded:
        score -= 0.05
    if d.target is None:
        score -= 0.1
    if d.source.country_code is None and d.source.kind == "agent":
        score -= 0.1
    return round(min(1.0, max(0.05, score)), 3)


def _unique(rows: list[dict]) -> list[dict]:
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["mention_id"] not in seen:
            seen.add(row["mention_id"])
            out.append(row)
    return out
