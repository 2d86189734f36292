"""Who or what a violent sentence says was hit: civilians, groups of them, property, the displaced.

Why a module of its own: ACLED's actor2 of violence against civilians is "Civilians (X)", and its
sub-event type depends on whether people or things were hit. The phrases are data (`actors_victims.csv`); a
victim word inside a phrase naming the attackers ("armed men", "police personnel") or the subject of a speech
verb ("residents said") is no victim.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from spacy.tokens import Span, Token

from transforms.actor_identity import identity_classes, people_words
from transforms.actor_tables import DATA_DIR, NounClass, lookup_text

@dataclass(frozen=True)
class Victims:
    """What `victims_in` read off a sentence: whether people or civilian things were hit, and the groups of
    actors_generic.csv the victims belong to (women, refugees, health workers...)."""

    persons: bool = False
    things: bool = False
    groups: tuple[str, ...] = ()
    displaced: bool = False  # people fled or were displaced ("7,000 families fled their homes")

    @property
    def any(self) -> bool:
        return self.persons or self.things


@lru_cache(maxsize=1)
def _victim_table() -> tuple[dict[tuple[str, ...], tuple[str, str]], frozenset[str], int, frozenset[str]]:
    """actors_victims.csv with the people words of actors_identity.csv: (lower-case words -> (kind, group)), verbs
    whose subject is no victim, longest phrase, verbs of displacement."""
    with open(DATA_DIR / "actors_victims.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    verbs = set()
    leaving = set()
    for r in rows:
        if r["kind"] == "not_verb":
            verbs.add(r["phrase"].lower())
        elif r["kind"] == "displacement":
            leaving.add(r["phrase"].lower())
        elif r["kind"] == "harm_verb":
            continue  # read by `harmed_phrases`
        else:
            phrases[tuple(r["phrase"].lower().split())] = (r["kind"], (r["group"] or "").strip())
    for word in people_words():  # "Hazaras", "Sikhs": people, whose identity group actor_identity adds
        phrases.setdefault((word,), ("person", ""))
    return phrases, frozenset(verbs), max(len(p) for p in phrases), frozenset(leaving)


def _speaks_or_flees(tok: Token, verbs: frozenset[str]) -> bool:
    """'residents said', 'families fled their homes', 'villagers told reporters': the subject of such a verb;
    'according to medics': a source."""
    t = tok
    while t.dep_ in ("conj", "appos", "compound", "amod") and t.head is not t:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
        return True  # "according to medics and investigators": a source
    return t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in verbs


def _names_armed(tok: Token) -> bool:
    """A victim word inside a phrase that names an armed or state actor ("armed men", "police personnel")."""
    left = tok.left_edge.i
    text = tok.doc[left:tok.i + 1].text
    for hit in lookup_text(text):
        if hit.category in ("named", "organ", "person"):
            return True
        if hit.category == "noun" and isinstance(hit.payload, NounClass) and hit.payload.name != "civilians":
            return True
    return False


def victims_in(sentence: Span, exclude: Iterable[Span] = ()) -> Victims:
    """People or civilian things a violent sentence says were hit (actors_victims.csv), outside the phrases that
    name the attackers (`exclude`). "wounding three foreign workers", "struck a house in Sderot", "raped a woman"
    (group women), "at Abu Shouk IDP camp" (group refugees); not "residents said" nor "armed men"."""
    phrases, verbs, longest, leaving = _victim_table()
    skip = {t.i for s in exclude for t in s}
    toks = list(sentence)
    persons = prop = people = False
    groups: list[str] = []
    i = 0
    while i < len(toks):
        found = None
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = tuple(t.lower_ for t in toks[i:i + n])
            if key in phrases:
                found = (n, *phrases[key])
                break
        if not found:
            i += 1
            continue
        n, kind, group = found
        words = toks[i:i + n]
        head = words[-1]
        i += n
        people = people or kind == "person"
        if any(t.i in skip for t in words) or _speaks_or_flees(head, verbs) or _names_armed(head):
            continue
        if kind == "person" and head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        if kind == "person":
            persons = True
            groups.extend(g for g in identity_classes(head) if g not in groups)  # "ethnic Amhara villagers"
        else:
            prop = True
        if group == "women" and (head.conjuncts or any(c.dep_ == "conj" for c in head.children)):
            continue  # "mostly women and children": civilians at large, not women as such
        if group and group not in groups:
            groups.append(group)
    displaced = people and any(t.lemma_.lower() in leaving for t in toks)
    return Victims(persons, prop, tuple(groups), displaced)


@lru_cache(maxsize=1)
def _harm_verbs() -> frozenset[str]:
    with open(DATA_DIR / "actors_victims.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return frozenset(r["phrase"].lower() for r in rows if r["kind"] == "harm_verb")


def harmed_phrases(sentence: Span, exclude: Iterable[Span] = ()) -> list[Span]:
    """The patients of the sentence's harm verbs (actors_victims.csv kind harm_verb), outside `exclude`: "ten
    police personnel ... were killed", "killing two soldiers". Each conjunct is its own phrase."""
    skip = {t.i for s in exclude for t in s}
    out: list[Span] = []
    for tok in sentence:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in _harm_verbs():
            continue
        for child in tok.children:
            if child.dep_ not in ("nsubjpass", "dobj") or child.i in skip:
                continue
            for head in [child, *child.conjuncts]:
                left = min([head.i] + [c.left_edge.i for c in head.children if c.i < head.i and c.dep_ != "cc"])
                right = max([head.i] + [c.right_edge.i for c in head.children
                                        if c.i > head.i and c.dep_ == "prep" and c.lower_ == "of"])
                out.append(sentence.doc[left:right + 1])
    return out
