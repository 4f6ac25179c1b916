"""The country an article is about: where its events happen when a sentence does not say.

A story's bare agents ("civilians", "the militia", "government forces") acted on by a foreign
state belong to the country the story is set in, not to that state: in a story about Syria,
"Russia targets civilians" is RUS -> SYRCVL and "the US backed the militia" USA -> SYRUAF. The
scene is the country its actor mentions name most often (people and institutions count for their
country), when one leads the others. The same holds for a bare source agent that is a people
("the rebels", "refugees") when its sentence names no country for it.
"""
from __future__ import annotations

from collections import Counter

from .actors import INTERNATIONAL, Actor
from .wordlists import word_set

MIN_MENTIONS = 3  # fewer mentions of any country: no scene
CONFIDENT_LEAD = 2  # times the next country's mentions the scene needs to lend a bare state agent its country
HOME_ROOTS = word_set("home_roots")
ABROAD_AGENT_TYPES = word_set("abroad_agent_types")
RESIDENT_AGENT_TYPES = word_set("resident_agent_types")
SCENE_STATE_AGENTS = word_set("scene_state_agents")


def article_scene(hits: list, lead: float = 1) -> str | None:
    """The country most of an article's actor hits (``ActorMatcher.find``) belong to, if it leads
    the next one; None when no country is named at least MIN_MENTIONS times or two tie, or, with
    `lead`, when the next one is named more than 1/lead times as often."""
    counts: Counter[str] = Counter()
    for hit in hits:
        if hit.actors:
            country = hit.actors[0].country_code
            if country and hit.actors[0].code[:3] not in INTERNATIONAL:
                counts[country] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_MENTIONS or (len(ranked) > 1 and ranked[1][1] * lead >= ranked[0][1]):
        return None
    return ranked[0][0]


def confident_scene(hits: list) -> str | None:
    """The scene when it is named at least CONFIDENT_LEAD times as often as any other country."""
    return article_scene(hits, CONFIDENT_LEAD)


def abroad(root: str, source: Actor, scene: str | None) -> Actor | None:
    """The scene as the country of a bare target agent, when the source is a foreign state (a
    country, or its armed forces) acting where the story is set; acts a state does at home
    (arrests, protests: HOME_ROOTS) keep the source's country."""
    if (scene is None or not source.country_code or source.country_code == scene or root in HOME_ROOTS
            or not (source.kind == "country" or source.type_code in ABROAD_AGENT_TYPES)):
        return None
    return Actor(0, 0, 0, 0, scene, scene, "country", scene, None, False)


def resident(agent: Actor, scene: str | None) -> Actor | None:
    """The scene as the country of a bare source agent that is a people or a force of a place
    ("the rebels", "refugees", "protesters"), when its sentence names no country for it: a
    previous sentence's actor ("Putin said … Refugees were returning") is no better a guess."""
    if scene is None or agent.type_code not in RESIDENT_AGENT_TYPES:
        return None
    return Actor(0, 0, 0, 0, scene, scene, "country", scene, None, False)


def state_home(agent: Actor, words: str, scene: str | None) -> Actor | None:
    """The (confident) scene as the country of a bare state agent that names the state of a
    place ("the regime", "the authorities", "police", "the court": `words`, its lower-case text)
    when its sentence names no country for it."""
    if scene is None or words not in SCENE_STATE_AGENTS:
        return None
    return Actor(0, 0, 0, 0, scene, scene, "country", scene, None, False)
