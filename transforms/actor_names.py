"""Named organisations the tables lack, kept under their own name, and the report of what the tables miss.

Why a module of its own: a new armed group or party appears in the news before anyone adds it to
`actors.csv`. Its words make it an organised actor ("Liwa al-Fatah Brigade", "CODECO militiamen", "Democratic
Union Party") and decide its inter code (`actors_cues.csv`); replacing it with a generic actor would lose who
acted. `unmatched_actor_report` lists such names so the tables can grow.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from spacy.tokens import Token

from transforms.actor_phrases import ORG_HEADS, PARTITIVES, is_holder, is_patron
from transforms.actor_tables import (ORG_SEAT_HEADS, Actor, Hit, NounClass, blank_tokenizer, common_words, cues, lexicon,
                                     lookup_text, templated_actor)
from transforms.rule_words import RULES

_WORDS = RULES.actors  # transforms/data/actors_words.json

# Words that join the parts of a name as written ("Liwa al-Fatah", "Army of Conquest", "Ahrar ash-Sham").
NAME_LINKS = _WORDS["name_links"]
# Words of a state's own forces' names: with a country word and nothing else distinctive, the name is the state's
# ("Syrian Arab Army", "Iraqi Special Operations Forces"), not a group the tables lack.
WEAK_NAME_WORDS = _WORDS["weak_name_words"]
STATE_UNIT_WORDS = _WORDS["state_unit_words"]


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _name_of(head: Token) -> list[Token]:
    """The proper name a capitalised head word ends or opens, as written: its capitalised left modifiers with their
    links ("Liwa al-Fatah Brigade") and an "of"/"for" tail of capitalised words ("Army of Conquest")."""
    doc = head.doc
    left = head.left_edge.i
    start = head.i
    for j in range(head.i - 1, left - 1, -1):
        t = doc[j]
        if _capitalised(t) or t.lower_ in NAME_LINKS or t.text in ("-", "'", "\u2019") or t.like_num:
            start = j
        else:
            break
    end = head.i + 1
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == head.i + 1:
            tail = doc[child.i + 1:child.right_edge.i + 1]
            if tail and all(_capitalised(t) or t.lower_ in NAME_LINKS or t.text in ("-", "'", "\u2019") for t in tail):
                end = child.right_edge.i + 1
    toks = list(doc[start:end])
    while toks and toks[0].is_sent_start and toks[0].i != head.i and toks[0].lower_ in common_words():
        toks = toks[1:]  # "Regime Brigade ..." no; "Opposition Hamza Division": a capital that only opens a sentence
    while toks and (toks[0].lower_ in NAME_LINKS or not any(c.isalnum() for c in toks[0].text) or toks[0].like_num):
        toks = toks[1:]
    while toks and not any(c.isalnum() for c in toks[-1].text):
        toks = toks[:-1]
    return toks


def _name_text(toks: Sequence[Token]) -> str:
    text = toks[0].doc.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"[\u2019']s$", "", text).strip(" ,.;:\"'\u2019-")
    return re.sub(r"\s+", " ", text)


def org_inter(code: str, setting: str | None) -> int | None:
    """An org word's inter code in a setting (see actors_cues.csv)."""
    if code.isdigit():
        return int(code)
    if code == "violent":
        return 2 if setting == "violent" else None
    if code == "movement":  # "Tavush for the Homeland movement" leads a protest, "Movement for Justice" fights
        return {"violent": 2, "protest": 6, "riot": 5}.get(setting or "")
    if code == "party":
        return {"violent": 3, "protest": 6, "riot": 5}.get(setting or "", 7)
    if code == "civil":  # outside crowds and violence "X Association" is mostly a source ("Press Association")
        return {"protest": 6, "riot": 5, "violent": 7}.get(setting or "")
    return None


def unknown_org(name_tokens: Sequence[Token] | Sequence[str], setting: str | None = "violent") -> tuple[str, int] | None:
    """(inter code, for a capitalised name the tables may lack) when its words make it an organised actor.

    Works on tokens or plain words. The words that decide are in actors_cues.csv: an org word ("Brigade", "Front",
    "Party", "Union"), a leading word ("Liwa", "Jaish", "Army of"). A name must also have a word of its own beyond
    org words, links and country words ("Sultan Murad Division", "Liberation Front"), and a country word with a
    state unit word and nothing else ("Syrian Arab Army", "Iraqi Special Forces") is the state's, not a new group.
    """
    words = [t if isinstance(t, str) else t.text for t in name_tokens]
    low = [w.lower().replace("\u2019", "'") for w in words]
    alpha = [(w, lw) for w, lw in zip(words, low) if any(c.isalpha() for c in w) and lw not in NAME_LINKS]
    if not alpha:
        return None
    c = cues()
    codes: list[str] = []
    if alpha[0][1] in c.lead_words:
        codes.append(c.lead_words[alpha[0][1]])
    first = low.index(alpha[0][1])
    if first + 1 < len(low) and f"{low[first]} {low[first + 1]}" in c.lead_words:  # "Army of Conquest"
        codes.insert(0, c.lead_words[f"{low[first]} {low[first + 1]}"])
    org_hits = [(w, lw) for w, lw in alpha if lw in c.org_words and w[:1].isupper()]
    # the head word of an English name is its last word, or the word before an "of"/"for" tail ("Congress of
    # South African Trade Unions"): only the head's org word decides ("Union Buildings" is no union)
    tail = next((i for i, lw in enumerate(low) if lw in ("of", "for") and i > 0), None)
    head_word = low[tail - 1] if tail is not None else alpha[-1][1]
    codes.extend(c.org_words[lw] for _, lw in org_hits if lw == head_word)
    if not codes:
        return None
    countries = {lw for w, lw in alpha if any(h.category == "country" for h in lexicon().lookup(w))}
    cue_words = {lw for _, lw in org_hits} | ({alpha[0][1]} if alpha[0][1] in c.lead_words else set())
    own = [lw for w, lw in alpha if lw not in cue_words and lw not in countries and lw not in WEAK_NAME_WORDS
           and w[:1].isupper()]
    if not own and len(cue_words) < 2:
        return None
    if countries and (alpha[0][1] in countries) and not own and cue_words <= STATE_UNIT_WORDS:
        return None
    inters = [org_inter(code, setting) for code in codes]
    if "party" in codes:  # "Democratic Union Party": the party decides
        inters = [org_inter("party", setting)]
    inter = next((i for i in inters if i is not None), None)
    if inter is None:
        return None
    if inter in (2, 3) and any(lw in c.identity_words for lw in low):
        inter = 4
    return _name_text(name_tokens) if not isinstance(name_tokens[0], str) else " ".join(words), inter


def unknown_org_in_phrase(toks: Sequence[Token], hits: Sequence[Hit], root: Token, setting: str | None,
                 country: str | None) -> Actor | None:
    """A named organisation the tables lack, under its own name: "the Liwa al-Fatah Brigade attacked ..." ->
    "Liwa al-Fatah Brigade" (Rebel group), "fighters of the Hamza Division" -> "Hamza Division"."""
    heads = [root]
    for _ in range(2):  # "fighters of the Hamza Division", "hundreds of members of the Zamba Youth Movement"
        heads = [p for h in heads for p in (
            [p for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            if h.lower_ in PARTITIVES or h.lower_ in ORG_HEADS or h.lower_ in ORG_SEAT_HEADS or is_holder(h)
            else [h])]
    members = {t.i for t in toks}
    militia = _people_before_armed_noun(root)
    if militia is not None:
        return templated_actor(militia, 4, country)
    named_before = _name_before_armed_noun(toks, hits, root, members, setting)
    if named_before is not None:
        return Actor(named_before[0], named_before[1], country)
    for head in heads:
        if head.i not in members or not _capitalised(head):
            continue
        name = _name_of(head)
        if len(name) < 2 or not all(t.i in members for t in name):
            continue
        ids = {t.i for t in name}
        inside = [h for h in hits if h.category in ("named", "person", "organ")
                  and any(t.i in ids for t in toks[h.start:h.end])]
        # a table name that opens the name ("Qassam Brigades", "Hezbollah fighters") is the table's actor; one
        # inside it after a word of the name's own ("Liwa al-Fatah Brigade", "Jaish al-Fatah") is not
        if any(toks[h.start].i <= name[0].i for h in inside):
            continue
        found = unknown_org(name, setting)
        if found:
            text, inter = found
            own = next((str(h.payload) for h in hits if h.category == "country"
                        and any(t.i in ids for t in toks[h.start:h.end]) and not is_patron(toks, h)), None)
            return Actor(text, inter, own or country)
    return None


def _people_before_armed_noun(root: Token) -> str | None:
    """A people or clan written just before an armed noun names its militia as ACLED does (actors_cues.csv
    ethnic_group / clan): "Kuki militants" -> "Kuki Ethnic Militia ({country})", "Abgaal militiamen" ->
    "Abgaal Clan Militia ({country})". A template, filled with the event's country by the caller. Read off the
    words, not the parse: a name opening a sentence is often parsed apart from its noun."""
    c = cues()
    if root.lower_ not in c.armed_nouns:
        return None
    doc = root.doc
    for n in (3, 2, 1):  # longest first: "Lou Nuer", "Habar Gidir"
        words = doc[max(root.i - n, root.sent.start):root.i]
        name = " ".join(t.text for t in words)
        kind = c.militia_peoples.get(name.lower())
        if kind and len(words) == n and name[:1].isupper():
            return f"{name} {kind} Militia ({{country}})"
    return None


def _name_before_armed_noun(toks: Sequence[Token], hits: Sequence[Hit], root: Token,
                            members: set[int], setting: str | None) -> tuple[str, int] | None:
    """An acronym or proper name the tables lack before a generic armed noun (actors_cues.csv armed_noun) names
    the group ("CODECO militiamen" -> "CODECO", Political militia); so does one before an organisation word
    written in lower case ("the Gran Grif gang", "the APEOESP union", "the Reichsburger movement"), its inter
    code by the setting as for a capitalised one. Nationality words ("Kurdish fighters") and table names do not."""
    c = cues()
    inter = c.armed_nouns.get(root.lower_)
    if inter is None and root.text.islower() and root.lower_ in c.org_words:
        inter = org_inter(c.org_words[root.lower_], setting)
    if inter is None:
        return None
    # "On Monday HLF fighters": a date the parser hangs on the noun is no part of the name
    mods = [c for c in root.children if c.dep_ in ("compound", "nmod") and c.i < root.i and c.i in members
            and c.ent_type_ != "DATE"]
    if not mods:
        return None
    name = [t for t in root.doc[min(m.left_edge.i for m in mods):root.i] if t.dep_ != "det"]
    known = {t.i for h in hits if h.category != "noun" for t in toks[h.start:h.end]}
    words = [t for t in name if any(c.isalpha() for c in t.text)]
    if not words or any(t.i in known for t in name) or any(t.ent_type_ in ("NORP", "GPE", "DATE") for t in name):
        return None
    acronym = len(words) == 1 and words[0].text.isupper() and len(words[0].text) >= 2
    proper = all(t.pos_ == "PROPN" and _capitalised(t) and not (t.is_sent_start and t.lower_ in common_words())
                 for t in words if t.lower_ not in NAME_LINKS)  # "Jaish al-Adl": the link word is written small
    if not (acronym or proper):
        return None
    return _name_text(name), inter


def state_noun_kind(toks: Sequence[Token], hits: Sequence[Hit], root: Token) -> str | None:
    """The kind of a state noun class heading the phrase ("forces" in "Assad's forces" -> military)."""
    for h in hits:
        if h.category == "noun" and root.i in {t.i for t in toks[h.start:h.end]}:
            cls = h.payload
            if isinstance(cls, NounClass) and cls.kind in ("military", "police"):
                return cls.kind
    return None


def _covers_head(text: str) -> bool:
    """True when a table entry covers the last word of an entity string (its head in English noun phrases):
    "Russian" and "Quds Force commander" are covered, "Syrian Observatory" is not."""
    tokens = [t for t in blank_tokenizer()(text) if any(c.isalnum() for c in t.text)]
    if not tokens:
        return True
    last = tokens[-1].i
    hits = lookup_text(text)
    if any(h.start == 0 and h.category in ("named", "person", "organ") for h in hits):
        return True
    if unknown_org([t.text for t in blank_tokenizer()(text)]):  # "Sultan Murad Division": a group the tables lack
        return False
    return any(h.start <= last < h.end for h in hits)


def unmatched_actor_report(
    entities: Iterable[tuple[str, str]], labels: Iterable[str] = ("ORG", "NORP", "PERSON"), top: int | None = 50,
) -> list[tuple[str, str, int]]:
    """Most frequent entity strings (text, label) that match nothing in the tables: what to add next. Names that
    the pipeline kept as unknown organised actors ("Sultan Murad Division", "Liwa al-Fatah Brigade") are listed
    even though a generic word of theirs ("Division") is in the tables.

    Input: (text, label) pairs, e.g. `(e.text, e.label_) for doc in docs for e in doc.ents`.
    Output: [(text, label, count)] ranked by count, at most `top`.
    """
    wanted = set(labels)
    counts: Counter[tuple[str, str]] = Counter()
    for text, label in entities:
        text = re.sub(r"^(the|The)\s+", "", text.strip())
        if label in wanted and text and not _covers_head(text):
            counts[(text, label)] += 1
    return [(text, label, n) for (text, label), n in counts.most_common(top)]
