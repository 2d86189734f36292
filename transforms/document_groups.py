"""The one named armed group an article tells of: what its generic references to a group mean.

Wires name a group once ("Islamic State West Africa Province (ISWAP) fighters overran it", "The Kachin
Independence Army said ...") and then call it "the insurgents", "its fighters", "separatist rebels". ACLED codes
those references as the group. `transforms.actors` reads a clause alone and gives the generic actor of the noun
(Opposition Rebels (X), Unidentified Armed Group (X)); this module adds the document-level prior: when the article
names exactly one named non-state armed group of the event's country (or of none), the generic armed actor that a
clause's group noun resolved to is that group.

It keeps the generic actor when the article names two groups (which one is meant is not ours to guess), when the
noun is marked as unknown or as someone else ("unidentified gunmen", "suspected militants", "rival fighters": ACLED
codes an unattributed perpetrator as unidentified), and for nouns that do not refer to an organised group
("gunmen", "attackers", "bandits").
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from transforms.actor_tables import Actor, find_hits, generic_actor
from transforms.rule_words import RULES

_WORDS = RULES.sides  # word lists: transforms/data/sides_words.json

GROUP_NOUNS = _WORDS["group_reference_nouns"]  # "the militants", "its fighters": a rebel group or a militia
REBEL_NOUNS = _WORDS["rebel_reference_nouns"]  # "the insurgents", "separatist rebels": a rebel group
MILITIA_NOUNS = _WORDS["militia_reference_nouns"]  # "the militia": a political or identity militia
UNATTRIBUTED = _WORDS["unattributed_words"]  # "unidentified", "suspected", "rival": not the named group
LINK_WORDS = _WORDS["group_link_words"]  # "al Qaeda-linked JNIM": al Qaeda qualifies the group, is none of its own

# The generic classes (actors_generic.csv) a group reference resolves to, and the inter codes of the named groups
# that such a reference may mean.
REPLACEABLE_CLASSES = ("rebels", "unidentified")
GROUP_INTERS = frozenset({2, 3})
REBEL_INTERS = frozenset({2})
MILITIA_INTERS = frozenset({3, 4})

_CACHE_KEY = "newsevents_named_groups"


def named_groups(doc: Doc) -> tuple[Actor, ...]:
    """The named non-state armed groups (inter 2-4) the actor tables find anywhere in the document, in order of
    first mention. Resolved without a date or country (group names have no regime periods); cached on the doc."""
    from transforms.actors import resolve_actor  # noqa: PLC0415  (actors imports the tables this module reads)

    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached
    found: list[Actor] = []
    for hit in find_hits([(t.text_with_ws, t.i) for t in doc]):
        if hit.category != "named" or _qualifies_another(doc, hit.end):
            continue
        actor = resolve_actor(doc[hit.start:hit.end], setting="violent")
        if actor and actor.inter in (2, 3, 4) and not _is_generic(actor) and actor not in found:
            found.append(actor)
    doc.user_data[_CACHE_KEY] = tuple(found)
    return tuple(found)


def _qualifies_another(doc: Doc, end: int) -> bool:
    """Whether a group's name only qualifies another's ("al Qaeda-linked", "Islamic State-affiliated")."""
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in LINK_WORDS


def _is_generic(actor: Actor) -> bool:
    """Whether an actor is the stand-in of a noun class ("Opposition Rebels (Nigeria)"), not a named group."""
    from transforms.actor_tables import lexicon  # noqa: PLC0415

    return any(generic_actor(name, actor.country) == actor for name, cls in lexicon().classes.items()
               if "{state}" not in cls.template)  # state classes name the state's forces, never a group


def group_reference(sentence: Span) -> frozenset[int] | None:
    """The inter codes a sentence's reference to an organised group may mean: {2} for "the insurgents",
    "separatist rebels", {2, 3} for "the militants", "its fighters", {3, 4} for "the militia"; None when the
    sentence has no such noun, or only ones marked as unknown or as another group ("unidentified militants",
    "rival fighters")."""
    inters: set[int] = set()
    for tok in sentence:
        noun = tok.lower_
        kinds = REBEL_INTERS if noun in REBEL_NOUNS else GROUP_INTERS if noun in GROUP_NOUNS else (
            MILITIA_INTERS if noun in MILITIA_NOUNS else None)
        if not kinds or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(child.lower_ in UNATTRIBUTED for child in tok.children):
            continue
        inters |= kinds
    return frozenset(inters) or None


def document_group(doc: Doc, country: str | None, inters: frozenset[int]) -> Actor | None:
    """The one named group of the document, of the event's country (ISO3; a group without a country fits any)
    and of one of `inters`; None when there is none or more than one."""
    fitting = [g for g in named_groups(doc) if g.inter in inters and (g.country is None or country is None
                                                                      or g.country == country)]
    return fitting[0] if len(fitting) == 1 else None


def with_document_group(side: Sequence[Actor], other: Sequence[Actor], sentence: Span,
                        country: str | None) -> list[Actor]:
    """`side` with a generic rebel or unidentified armed actor replaced by the document's one named group, when
    the sentence refers to a group by a generic noun (see the module docstring) and the group is not already the
    `other` side ("ISWAP fighters clashed with rebels" keeps its rebels)."""
    inters = group_reference(sentence)
    if not inters or not any(_replaceable(a) for a in side):
        return list(side)
    group = document_group(sentence.doc, country, inters)
    if group is None or group in other or group in side:
        return list(side)  # "rebels, together with Ahrar al-Sham fighters": the group is their associate
    out: list[Actor] = []
    for actor in side:
        new = group if _replaceable(actor) else actor
        if new not in out:
            out.append(new)
    return out


def _replaceable(actor: Actor) -> bool:
    return any(generic_actor(name, actor.country) == actor for name in REPLACEABLE_CLASSES)
