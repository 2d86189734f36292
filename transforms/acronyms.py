"""Acronyms an article defines, so a group the tables lack is named as ACLED names it: "ACRONYM: Full Name".

Why: a wire report names a new group once in full with its acronym ("the National Resistance Front (NRF)") and
then by the acronym alone ("NRF fighters clashed ..."). The event sentence gives only "NRF"; ACLED's actor name
is "NRF: National Resistance Front", and an analyst joining on names needs the full one. The definitions are
found by the Schwartz-Hearst rule (Schwartz & Hearst 2003): the acronym's letters, read right to left, appear in
order in the words before the bracket, its first letter opening a word. Applied where a name the tables lack
becomes an actor (`actors._decide`), so events and interactions name the group alike; table actors keep their names.
"""
from __future__ import annotations

import re
from typing import Mapping

from spacy.tokens import Doc

from transforms.actor_tables import Actor

# "Full Name (ACR)" and "ACR (Full Name)": an acronym is 2-10 capitals, digits, "/" or "-", opening with a capital.
_ACRONYM = r"[A-Z][A-Z0-9/\-]{1,9}"
_LONG_THEN_SHORT = re.compile(rf"((?:[\w'\u2019\-]+\s+){{1,12}}?)\(({_ACRONYM})\)")
_SHORT_THEN_LONG = re.compile(rf"\b({_ACRONYM})\s+\(((?:[A-Z][\w'\u2019\-]*|of|for|the|and|al|wal)"
                              rf"(?:\s+(?:[A-Z][\w'\u2019\-]*|of|for|the|and|al|wal|de|la|du|des)){{1,11}})\)")
_LEADING_SMALL = re.compile(r"^(?:(?:the|a|an|by|of|from|with|and|to|in|on|at|against|said|that)\s+)+", re.I)


def _long_form(short: str, words: str) -> str | None:
    """The end of `words` that spells `short` (Schwartz-Hearst), written with a capital, or None."""
    letters = [c.lower() for c in short if c.isalnum()]
    text = words.rstrip()
    i = len(text) - 1
    for k in range(len(letters) - 1, -1, -1):
        c = letters[k]
        while i >= 0 and (text[i].lower() != c or (k == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    start = text.rfind(" ", 0, i + 1) + 1
    long = _LEADING_SMALL.sub("", text[start:]).strip(" ,;:")
    if len(long.split()) < 2 or not long[:1].isupper() or len(long.split()) > len(letters) + 5:
        return None
    return long


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronym -> full name, for each acronym the text spells out ("National Resistance Front (NRF)")."""
    found: dict[str, str] = {}
    for m in _LONG_THEN_SHORT.finditer(text):
        long = _long_form(m.group(2), m.group(1))
        if long:
            found.setdefault(m.group(2), long)
    for m in _SHORT_THEN_LONG.finditer(text):
        if _long_form(m.group(1), m.group(2)) == m.group(2).strip():
            found.setdefault(m.group(1), m.group(2).strip())
    return found


def document_acronyms(doc: Doc) -> Mapping[str, str]:
    """The definitions of a parsed article, computed once per document."""
    if "acronyms" not in doc.user_data:
        doc.user_data["acronyms"] = acronym_definitions(doc.text)
    return doc.user_data["acronyms"]


def with_acled_name(actor: Actor, definitions: Mapping[str, str]) -> Actor:
    """A group the tables lack, named by an acronym or a full name the article defines, as "ACR: Full Name"."""
    if not definitions or ":" in actor.name:
        return actor
    if actor.name in definitions:
        return Actor(f"{actor.name}: {definitions[actor.name]}", actor.inter, actor.country)
    short = next((s for s, long in definitions.items() if long.lower() == actor.name.lower()), None)
    if short is not None:
        return Actor(f"{short}: {actor.name}", actor.inter, actor.country)
    return actor
