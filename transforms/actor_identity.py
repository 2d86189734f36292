"""The ethnic or religious group a report gives the people hit or the crowd: ACLED's identity associates.

Why a module of its own: ACLED codes "ethnic Amhara villagers" killed by gunmen as "Civilians (Ethiopia)" with
"Amhara Ethnic Group (Ethiopia)" beside them, and "Sinhalese mobs" as "Rioters (Sri Lanka)" with "Sinhalese Ethnic
Group (Sri Lanka)". Who was targeted is the first question an analyst of communal violence asks. Only the words
that modify (or are) the noun naming those people count, so "the Amhara region" or "Kurdish-led forces" name no
victims. Words in `transforms/data/actors_identity.csv`, their ACLED names in `actors_generic.csv`.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from spacy.tokens import Token

from transforms.actor_tables import DATA_DIR

MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@lru_cache(maxsize=1)
def _identity_words() -> dict[str, tuple[str, str]]:
    """actors_identity.csv: lower-case word -> (class, the broader class it replaces or "")."""
    with open(DATA_DIR / "actors_identity.csv", newline="", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {r["word"].strip().lower(): (r["class"].strip(), (r["replaces"] or "").strip()) for r in rows}


@lru_cache(maxsize=1)
def identity_words() -> frozenset[str]:
    """Every ethnic or religious identity word of the table ("christian", "kurdish", "hazaras"): the place
    finder reads "Assyrian Christian villages" as whose villages they are, not as a village named Christian."""
    return frozenset(_identity_words())


@lru_cache(maxsize=1)
def people_words() -> frozenset[str]:
    """The identity words that name people themselves ("hazaras", "christians"; column `people`): the victim
    table counts them as people hit, so the list lives here once."""
    with open(DATA_DIR / "actors_identity.csv", newline="", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return frozenset(r["word"].strip().lower() for r in rows if (r["people"] or "").strip() == "yes")


def identity_classes(head: Token) -> list[str]:
    """The identity classes (rows of actors_generic.csv) of the people a noun names: the noun itself ("Hazaras",
    "Christians") and the words that modify it before it ("ethnic Amhara villagers", "Tamil mothers", "a Kurdish
    woman", "Shi'ite Muslim worshippers"), in text order, a broader class dropped where a narrower one is there."""
    words = _identity_words()
    tokens = [head]
    stack = [c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i < head.i]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i)
    found = [words[t.lower_] for t in sorted(tokens, key=lambda t: t.i) if t.lower_ in words]
    replaced = {broader for _, broader in found if broader}
    out: list[str] = []
    for cls, _ in found:
        if cls not in replaced and cls not in out:
            out.append(cls)
    return out
