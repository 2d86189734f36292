"""Place mentions, their gazetteer candidates, the document's geographic focus, and the features of the place model.

Reading a place like an analyst:
1. find the place names of a sentence, but not the words that only look like places: nationality adjectives and
   countries used as actors ("US warplanes", "Iranian militias", "Syria's army"), actor names, buildings
   ("... House", "... Hospital": a site, never a town or a country of that name);
2. list what each name could mean in the gazetteer (countries, subdivisions, towns: every same-named entry);
3. know what the document is about (its *focus*: the countries and subdivisions its datelines, place names and
   actors point to) so that an ambiguous name resolves inside the focus unless the text says otherwise
   ("Tripoli, Lebanon");
4. describe each (mention, candidate) pair by the facts in `transforms.place_model.CANDIDATE_FEATURES` and let
   the fitted model pick; describe each mention of an event sentence by `EVENT_FEATURES` to pick the event's
   place.

Everything here is deterministic and cached per spaCy Doc (in `doc.user_data`).
"""
from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from transforms import place_model
from transforms import gazetteer as G
from transforms import place_lookup as L
from transforms import place_text as T
from transforms.place_capitals import capital_phrases
from transforms.actor_identity import identity_words, people_words

FACILITY_WORDS = L.FACILITY_WORDS
# Words next to a name that say what kind of place it is.
SETTLEMENT_CUES = G.place_words("settlement_cues")
ADMIN_CUES = G.place_words("admin_cues")
# "the X town of Y", "the X state village of Y": the word before "of" that says Y is a settlement inside X.
_NAMED_INSIDE_CUES = G.place_words("named_inside_cues")
NEAR_WORDS = G.place_words("near_words")
DIRECTIONS = G.place_words("directions")
# Nouns a country name modifies when it stands for its state or its people, not for a place.
_ACTOR_HEADS = G.place_words("actor_heads")


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may mean."""

    kind: str  # "country" | "admin1" | "city"
    iso2: str
    admin1: str | None  # GeoNames admin1 code
    index: int | None  # city index in the gazetteer
    population: int
    latitude: float
    longitude: float
    exact: bool  # the mention is the entry's own name (or a curated alias), not an alternate name
    skeleton: bool  # found only by consonant skeleton
    capital: bool  # a country's capital or the biggest town of its subdivision


@dataclass
class Mention:
    """One place name in the text, with the words around it."""

    start: int  # token offsets in the Doc
    end: int
    text: str  # cleaned name, as written
    label: str  # NER label (also a wrong one: "ORG" for a village), "" when found by syntax alone
    prep: str | None
    near: bool
    settlement_cue: bool
    admin_cue: bool
    facility: bool
    capitalised: bool
    country_hint: str | None = None  # a country named next to it
    admin_hint: tuple[str, str] | None = None  # a subdivision named next to it ("X in Hama countryside")
    container: int | None = None  # index (in its sentence's list) of a mention said to contain it ("X in Y")
    contained: bool = False  # another mention lies inside this one
    taken: bool = False  # object of a verb of taking or striking ("captured X", "shelled X")
    bracketed: bool = False  # a subdivision in brackets after a town, the ACLED way: "Douma (Rural Damascus)"
    owner: str | None = None  # the country whose possessive precedes it ("Cameroon's North-West"): ISO2
    owned_by_name: bool = False  # the owner is a nationality before its settlement word ("the Chadian town of X")
    possessed: bool = False  # its container is a possessor just before it ("Baghdad's Karrada district")
    beside: bool = False  # its container is said to be near it, not around it ("X camp north of Y", "X near Y")
    candidates: list[Candidate] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------ candidates
@lru_cache(maxsize=1)
def _alias_keys() -> dict[str, set[str]]:
    """name_key of every curated alias (places_aliases.csv) -> its countries: such matches count as exact."""
    out: dict[str, set[str]] = defaultdict(set)
    with open(G.DATA / "places_aliases.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if not row["alias"].startswith("#"):
                out[G.name_key(row["alias"])].add(row["iso2"])
    return dict(out)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[int]:
    """City indexes of country capitals and of the biggest town of each subdivision."""
    gaz = G._gazetteer()
    out = set(gaz.admin1_seat.values())
    for country in gaz.countries.values():
        if country.capital:
            idx = L._best_city(G.name_key(country.capital), [country.iso2])
            if idx is not None and gaz.cities[idx].iso2 == country.iso2:
                out.add(idx)
    return frozenset(out)


def _is_exact(key: str, name: str, iso2: str) -> bool:
    own = G.name_key(name)
    if own == key or (len(key) >= 4 and G.skeleton(own) == G.skeleton(key)):
        return True
    return iso2 in _alias_keys().get(key, set())


def _country_candidate(iso2: str) -> Candidate:
    gaz = G._gazetteer()
    place = L.country_place(iso2)
    return Candidate("country", iso2, None, None, gaz.countries[iso2].population, place.latitude, place.longitude,
                     True, False, False)


def _admin1_candidate(code: tuple[str, str], key: str) -> Candidate:
    gaz = G._gazetteer()
    seat = gaz.admin1_seat.get(code)
    if seat is not None:
        city = gaz.cities[seat]
        lat, lon, pop = city.latitude, city.longitude, max(city.population, 200_000)
    else:
        place = L.country_place(code[0])
        lat, lon, pop = place.latitude, place.longitude, 200_000
    exact = _is_exact(key, gaz.admin1_names[code], code[0])
    return Candidate("admin1", code[0], code[1], None, pop, lat, lon, exact, False, False)


def _city_candidate(index: int, key: str, skeleton_only: bool = False) -> Candidate:
    city = G._gazetteer().cities[index]
    return Candidate("city", city.iso2, city.admin1_code, index, city.population, city.latitude, city.longitude,
                     _is_exact(key, city.name, city.iso2), skeleton_only, index in _capitals())


_POSSESSIVE = re.compile(r"(?:'s|’s|s|')$")  # "Syria's", "Syrias" (apostrophe lost), "Idlib'"


def core_key(text: str) -> tuple[str, bool]:
    """Lookup key of a mention without generic words ("Homs province" -> "homs"), and whether a direction word
    was dropped ("eastern Aleppo" -> "aleppo", True)."""
    folded = G.fold(L._clean_mention(text))
    core = G._GENERIC_PREFIX.sub("", G._GENERIC_SUFFIX.sub("", folded))
    core = re.sub(r"\s+(?:countryside|province|governorate|city|town|village|district|area)$", "", core)
    gaz = G._gazetteer()
    key = G.name_key(core)
    if key in gaz.city_keys or key in gaz.admin1_keys:
        return key, False
    words = core.split(" ", 1)
    if len(words) == 2 and words[0] in DIRECTIONS:
        return G.name_key(words[1]), True
    head, _, last = core.rpartition(" ")
    if head and last in DIRECTIONS:  # "Aleppo Northern Countryside", as headlines capitalise "northern Aleppo"
        return G.name_key(head), True
    return key, False


def candidates_for(text: str, focus_iso2: Sequence[str] = (), facility: bool = False) -> list[Candidate]:
    """Every gazetteer entry a name may mean: its country, or its subdivisions and towns (biggest 40), or, when
    nothing matches and the document has a focus, towns of the focus countries with the same consonant skeleton.
    A building's name ("Chatham House") has none."""
    mention = L._clean_mention(text)
    if not mention or len(mention) < 2 or G.fold(mention) in L._NOT_PLACES or facility or G.fold(mention) in T._NOT_NAMES:
        return []
    iso2 = L.country_of(mention)
    gaz = G._gazetteer()
    if iso2 and L.is_territory(iso2):
        seat = L._best_city(G.name_key(gaz.countries[iso2].capital), [iso2])
        return [_city_candidate(seat, G.name_key(mention))] if seat is not None else []
    if iso2 is None:  # "Syria's", or "Syrias" where the source lost its apostrophes: the country, not a town
        iso2 = L.country_of(_POSSESSIVE.sub("", mention)) if _POSSESSIVE.search(mention) else None
    if iso2 and iso2 in gaz.countries:
        return [_country_candidate(iso2)]
    owner, rest = L.possessor_country(mention)
    if owner:  # "Syria's Idlib": only entries of that country
        return [c for c in candidates_for(rest, [owner]) if c.iso2 == owner]
    key, direction = core_key(mention)
    if not key or key in L._NOT_PLACES:
        return []
    out: list[Candidate] = []
    for code in gaz.admin1_keys.get(key, []):
        if code[0] in gaz.countries:
            out.append(_admin1_candidate(code, key))
    seen_admin = {(c.iso2, c.admin1) for c in out}
    acronym = L.is_acronym(mention)
    for variant in L.key_variants(key):  # "St Petersburg" is also looked up as "saint petersburg"
        for index in gaz.city_keys.get(variant, [])[:40]:
            city = gaz.cities[index]
            if city.iso2 not in gaz.countries and not L.is_territory(city.iso2):
                continue
            if acronym and not L.own_name(index, key):
                continue  # an airport code among a town's alternate names ("PNG" is not Paranagua)
            out.append(_city_candidate(index, variant))
    if not out and len(key) >= 5 and focus_iso2:
        skel = G.skeleton(key)
        for index in L._skeleton_index().get(skel, []):
            if gaz.cities[index].iso2 in focus_iso2[:3]:
                out.append(_city_candidate(index, key, skeleton_only=True))
    del seen_admin
    if direction:  # "Eastern Samar" read as "Samar": a town of that very name, in the document's countries
        out = [c for c in out if (c.kind != "city" or L.own_name(c.index, key))
               and (not focus_iso2 or c.iso2 in focus_iso2[:3])]
    # one entry per (country, subdivision) and kind, the biggest first (same-named hamlets add nothing)
    unique: dict[tuple, Candidate] = {}
    for cand in out:
        unique.setdefault((cand.kind, cand.iso2, cand.admin1), cand)
    cands = list(unique.values())
    # a world city removes namesakes only when the mention is its own name: "Mambasa" (Ituri) is a spelling of
    # Mombasa in GeoNames, and the same skeleton is no reason to drop the town that bears the name
    keep = L.without_world_city_namesakes([c.population if c.kind == "city" else 0 for c in cands],
                                          [c.kind == "city" and L.own_name(c.index, key) for c in cands])
    return [c for c, k in zip(cands, keep) if k or c.kind != "city"]


def _collapse_admin_and_seat(mention: Mention, cands: list[Candidate]) -> list[Candidate]:
    """A subdivision and a town of the same name inside it (Homs, Hama, Idlib) mean the same area: keep the
    subdivision when the text says "province/countryside/governorate", the town otherwise."""
    admins = {(c.iso2, c.admin1) for c in cands if c.kind == "admin1"}
    towns = {(c.iso2, c.admin1) for c in cands if c.kind == "city"}
    both = admins & towns
    if not both:
        return cands
    drop = "city" if mention.admin_cue else "admin1"
    return [c for c in cands if not ((c.iso2, c.admin1) in both and c.kind == drop)]


# ------------------------------------------------------------------------------------------------- mentions
def _is_actor_word(ent: Span) -> bool:
    """A nationality or a country standing for its state or people, or a people named by its plural ("Hazaras"):
    "US warplanes", "Iranian militias", "the Syrian army", "Mexico's army", "Russian-backed" — an actor, never the
    place of an event."""
    text = ent.text.strip()
    if ent.label_ == "NORP" or text.lower() in people_words():  # "killed five Hazaras at a coal mine": people
        return True
    if text.lower() in identity_words() and L.resolve_place(text) is None:
        return True  # "raids on Assyrian Christian villages": whose villages, not a village named Christian
    if getattr(ent, "ent_id_", "") and ent.label_ in ("ORG", "NORP", "PERSON"):
        return True  # the actor tables' entity ruler named it
    root = ent.root
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.text in ("-", "–") and ent.end + 1 < len(ent.doc):
        return True  # "US-led", "Saudi-backed"
    if L._DEMONYM_TAIL.search(text):
        return True
    head = root.head
    if T.names_kin_group(ent):
        return True  # "between Turi and Bangash tribesmen", "Marehan clansmen": a tribe, not the town Turi
    if T.names_seat(ent):
        return True  # "the Observatory based in Britain", "(Daesh outlawed in Russia)": not where events happen
    if root.dep_ == "pobj" and head.lower_ == "by":
        return True  # "the use of force by the United States": an actor
    iso2 = L.country_of(text)
    if iso2 is None:
        return False
    if L.is_territory(iso2):
        return False  # "Hong Kong police arrested ...": a territory ACLED codes as a subdivision, like a town's police
    if re.search(r"(?:ian|ean|ese|ish|ic|i)$", text) and G.fold(text) != G.fold(L.country_name(iso2) or ""):
        # an adjective form ("Syrian", "Iraqi", "Lebanese") unless it is also the country's name
        if root.tag_ in ("JJ", "NNPS") or root.dep_ in ("amod", "compound"):
            return True
    if root.head.i == ent.end and T.names_subdivision(text, root.head.text):
        return False  # "Niger state": the subdivision, not the country's state
    if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.i >= ent.end:
        head = root.head
        if head.lower_ in _ACTOR_HEADS or head.lemma_.lower() in _ACTOR_HEADS:
            return True
        if head.pos_ == "NOUN":
            return True  # "US warplanes", "Syria's army", "Turkish border guards"
    return False


# A stretch of text with at least this share of its words capitalised is title-cased (a headline): its capitals say
# nothing about names.
TITLE_CASE_SHARE = 0.6


def _is_headline_word(ent: Span) -> bool:
    """A one-word name in a title-cased sentence that the same article writes in lower case elsewhere ("... Army
    Operations across Country", then "across the Arab country"): a common word the headline capitalised, not the
    village of that name."""
    if len(ent) != 1 or not ent[0].is_title:
        return False
    words = [t for t in ent.sent if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.is_title or t.is_upper for t in words) < TITLE_CASE_SHARE * len(words):
        return False
    return re.search(rf"\b{re.escape(ent[0].lower_)}\b", ent.doc.text) is not None


def _cue_words(doc: Doc, start: int, end: int, text: str) -> tuple[bool, bool, bool]:
    """(settlement cue, admin cue, near cue) from the mention's own words and its neighbours."""
    words = [t.lower_ for t in doc[start:end]]
    after = [t.lower_ for t in doc[end:end + 2]]
    before = [t.lower_ for t in doc[max(0, start - 4):start]]
    settle = any(w in SETTLEMENT_CUES for w in words[1:] + after[:1]) or (
        len(before) >= 2 and before[-1] == "of" and before[-2] in SETTLEMENT_CUES)
    admin = any(w in ADMIN_CUES for w in words[1:] + after[:1]) or (
        len(before) >= 2 and before[-1] == "of" and before[-2] in ADMIN_CUES)
    near = any(w in NEAR_WORDS for w in before[-3:]) or (after[:1] == ["countryside"]) or (
        words and words[0] in DIRECTIONS) or any(w in DIRECTIONS for w in before[-2:])
    return settle, admin, near


def _with_admin_word(doc: Doc, start: int, end: int, limit: int) -> int:
    """The mention's end, one token further when a country's name is followed by an admin word that NER left
    out and a subdivision of that name exists: Nigerian papers write "Niger state" (the state, not the country),
    as they write "Kano state"."""
    text = doc[start:end].text
    if end < limit and L.country_of(text) is not None and T.names_subdivision(text, doc[end].text):
        return end + 1
    return end


_INNER_NAME_PARTICLES = G.place_words("inner_name_particles")


def _with_rest_of_name(doc: Doc, start: int, end: int, limit: int) -> int:
    """The end of a name the entity model cut at a lower-case particle ("Foz" of "Foz do Iguacu", "Mato Grosso"
    of "Mato Grosso do Sul") or split in two ("Preah" + "Vihear"), when the gazetteer knows the whole name;
    else `end` unchanged."""
    gaz = G._gazetteer()
    while end < limit:
        step = 2 if doc[end].lower_ in _INNER_NAME_PARTICLES else 1  # "Foz do Iguacu"; "Preah" + "Vihear"
        if end + step > limit or not doc[end + step - 1].is_title:
            break
        key = G.name_key(G.fold(doc[start:end + step].text))
        if key not in gaz.city_keys and key not in gaz.admin1_keys:
            break
        end += step
    return end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article/direction and a trailing generic word that NER put inside the name."""
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return start, end


# "Hombori (Douentza, Mopti)", "near Seytenga (Seno, Sahel)", "the Monguno-Baga road (Borno)": a place followed by
# its subdivisions in brackets, the last one a first-level subdivision (how ACLED notes and many wires write it).
_NAME = (r"[A-Z][\w'’.]*(?:[ -](?:(?:al|el|ad|an|as|ash|at|az|ar|ez|es|ed|et|er|de|del|la|le|du|des|di|da|do|dos|"
         r"das|bin|ibn|abu|au|aux|sur|en|e|i)[ -])?[A-Z][\w'’.]*){0,3}")
_ADMIN_NAME = _NAME.replace("(?:al|", "(?:and|al|")  # "(Poonch, Jammu and Kashmir)": "and" inside a subdivision
_BRACKETED = re.compile(rf"(?:(?P<town>{_NAME})\s*)?\((?P<inner>{_NAME}(?:,\s*{_ADMIN_NAME}){{0,2}})"
                        r"(?:\s+(?:province|governorate|region|state|district))?\)")  # "Maharda (Hama province)"


def _country_of_inner_town(parts: list[str]) -> str | None:
    """ISO2 of the country where a bracketed town lies inside the bracketed subdivision named after it
    ("(Lahore, Punjab)": Pakistan, whose Punjab holds a Lahore; India's does not), else None."""
    gaz = G._gazetteer()
    admins = set(gaz.admin1_keys.get(G.name_key(G._GENERIC_SUFFIX.sub("", G.fold(parts[-1]))), []))
    for part in parts[:-1]:
        for index in gaz.city_keys.get(G.name_key(G.fold(part)), [])[:40]:
            city = gaz.cities[index]
            if (city.iso2, city.admin1_code) in admins:
                return city.iso2
    return None


def _districts(key: str) -> list[int]:
    """Gazetteer indexes of the districts (second-level units) a bracketed name may be: "Bunagana (Kisoro)" names
    Kisoro district, which is how ACLED notes write towns of countries it codes by district (Uganda)."""
    gaz = G._gazetteer()
    return [i for i in gaz.city_keys.get(key, []) if gaz.cities[i].district]


def _bracketed_mentions(span: Span) -> list[Mention]:
    """The town and its bracketed first-level subdivision as two linked mentions, when the last bracketed name
    is a known subdivision (first-level, or a district: "Bunagana (Kisoro)"): the subdivision then says where the
    town is ("Tierralta (Cordoba)" is in Colombia's Cordoba, not Argentina's) and keeps its country when the
    gazetteer lacks the town ("Niem (Nana-Mambere)")."""
    doc, out = span.doc, []
    gaz = G._gazetteer()
    for match in _BRACKETED.finditer(span.text):
        parts = [p.strip() for p in match.group("inner").split(",")]
        key = G.name_key(G._GENERIC_SUFFIX.sub("", G.fold(parts[-1])))
        if key not in gaz.admin1_keys and not _districts(key):
            continue
        base = span.start_char
        last_start = base + match.start("inner") + match.group("inner").rfind(parts[-1])
        admin = doc.char_span(last_start, last_start + len(parts[-1]), alignment_mode="expand")
        if admin is None:
            continue
        admin_m = Mention(admin.start, admin.end, parts[-1], "", "(", False, False, True, False, True, bracketed=True,
                          country_hint=_country_of_inner_town(parts))
        town_text = match.group("town")
        town = (doc.char_span(base + match.start("town"), base + match.end("town"), alignment_mode="expand")
                if town_text else None)
        if town is not None and G.fold(town_text) not in T._NOT_NAMES and L.country_of(town_text) is None:
            before = [t.lower_ for t in doc[max(span.start, town.start - 3):town.start]]
            near = any(w in NEAR_WORDS or w in DIRECTIONS for w in before)
            settle = any(w in SETTLEMENT_CUES for w in before)
            out.append(Mention(town.start, town.end, L._clean_mention(town_text), "", before[-1] if before else None,
                               near, settle, False, L.is_facility_name(town_text), True))
        inner_start = base + match.start("inner")
        if (town is None or L.is_facility_name(town_text)) and len(parts) > 1 and admin_m.country_hint:
            # "outside the Lahore Press Club (Lahore, Punjab)": no town before the brackets, the first bracketed
            # name is the town (it lies in the subdivision: `_country_of_inner_town`)
            first = doc.char_span(inner_start, inner_start + len(parts[0]), alignment_mode="expand")
            if first is not None:
                out.append(Mention(first.start, first.end, parts[0], "", "(", False, False, False, False, True))
                inner_start = base + match.start("inner") + match.group("inner").find(",") + 1
        out.append(admin_m)
        # the other bracketed names (second-level units such as "Seno", "Douentza") are no mentions of their own
        skipped = doc.char_span(inner_start, last_start, alignment_mode="expand")
        if skipped is not None and len(skipped):
            out.append(Mention(skipped.start, skipped.end, "", "", None, False, False, False, False, False))
    return out


def sentence_mentions(span: Span) -> list[Mention]:
    """The place mentions of a sentence (or of any span), in order, with hints between them."""
    doc = span.doc
    out: list[Mention] = _bracketed_mentions(span)
    for phrase in capital_phrases(span):  # "the Syrian capital": the capital, by its name, in its country
        prep, near = T._attachment(doc[phrase.start:phrase.end])
        capital = Mention(phrase.start, phrase.end, phrase.name, "", prep, near, False, False, False, True)
        capital.owner = phrase.iso2
        out.append(capital)
    taken_tokens = {i for m in out for i in range(m.start, m.end)}
    out = [m for m in out if m.text]
    for ent in T.place_mentions(span):
        if (_is_actor_word(ent) or T.names_media_outlet(ent) or T.names_document(ent) or _is_headline_word(ent)
                or taken_tokens.intersection(range(ent.start, ent.end))):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        end = _with_rest_of_name(doc, start, end, span.end)
        taken_tokens.update(range(ent.end, end))  # the rest of a name split in two is no mention of its own
        end = _with_admin_word(doc, start, end, span.end)
        text = L._clean_mention(doc[start:end].text)
        if not text or not any(ch.isalpha() for ch in text):
            continue
        facility = L.is_facility_name(text)
        if facility:
            town_end = _town_named_by_site(doc, start, end)
            if town_end is not None:  # "Timbuktu airport", "Mogadishu port": the town the site is named after
                end, facility = town_end, False
                text = L._clean_mention(doc[start:end].text)
        settle, admin, _near = _cue_words(doc, start, end, text)
        settle = settle or T.has_place_appositive(doc[start:end])  # "Sudzha, a town of about 5,000 people"
        prep, near = T._attachment(ent)
        cue_near = _near or near
        capitalised = any(w[:1].isupper() for w in re.split(r"[\s\-]+", text) if w)
        label = ent.label_ if isinstance(ent, Span) and ent.label_ else ""
        m = Mention(start, end, text, label, prep, cue_near, settle,
                    admin, facility, capitalised)
        root = doc[start:end].root
        m.taken = root.dep_ in ("dobj", "obj") and root.head.lemma_.lower() in T._TAKING_VERBS
        owner = _possessor(doc, start)
        if owner is not None:  # "Cameroon's North-West region", "Cameroon's restive North-West region"
            m.owner = L.country_of(doc[owner].text)
        else:  # "the eastern Chadian town of Adre", "the central Philippine province of Samar"
            m.owner = _demonym_owner(doc, start)
            m.owned_by_name = m.owner is not None
        out.append(m)
    out.sort(key=lambda m: m.start)
    _link(doc, out)
    return out


_TOWN_NAMED_SITE_WORDS = G.place_words("town_named_site_words")
TOWN_NAMED_SITE_MIN_POPULATION = 10_000  # a smaller namesake is more likely the site's own name ("Evin prison")


def _town_named_by_site(doc: Doc, start: int, end: int) -> int | None:
    """The end of the town's name in a site named after its town ("Timbuktu airport", "Kandahar airbase",
    "Sednaya prison"), when what is left is a town of some size; None otherwise ("Chatham House" is no town's
    house, "Tahrir Square" no town's square)."""
    town_end = end
    while town_end > start + 1 and doc[town_end - 1].lower_ in _TOWN_NAMED_SITE_WORDS:
        town_end -= 1
    if town_end == end:
        return None
    index = L._best_city(G.name_key(G.fold(doc[start:town_end].text)), [])
    if index is None or G._gazetteer().cities[index].population < TOWN_NAMED_SITE_MIN_POPULATION:
        return None
    return town_end


def _possessor(doc: Doc, start: int) -> int | None:
    """The last token of a possessor just before a place, over up to two lower-case modifiers ("Cameroon's restive
    North-West region", "Nigeria's northwestern Zamfara state"), or None."""
    i = start - 1
    while i > 0 and start - i <= 2 and doc[i].text.islower() and doc[i].pos_ in ("ADJ", "ADV") \
            and doc[i].text not in ("'s", "’s"):
        i -= 1
    return i - 1 if i >= 1 and doc[i].text in ("'s", "’s") else None


def _demonym_owner(doc: Doc, start: int) -> str | None:
    """ISO2 of the nationality that calls the place after "of" its town or province ("the Rwandan town of
    Gisenyi", "the eastern Chadian town of Adre"): the text says which country holds it, so a same-named town
    abroad is no reading. Only plain words may stand between the nationality and "town" ("the Russian-held town
    of X" names who holds it, not where it is)."""
    if start < 3 or doc[start - 1].lower_ != "of" or doc[start - 2].lower_ not in _NAMED_INSIDE_CUES | ADMIN_CUES:
        return None
    i = start - 3
    while i > 0 and start - 3 - i < 2 and doc[i].is_lower and doc[i].is_alpha:
        i -= 1  # "the Rwandan border town of", "the Chadian eastern town of"
    return L.country_of(doc[i].text) if doc[i].is_title or doc[i].is_upper else None


def _link(doc: Doc, mentions: list[Mention]) -> None:
    """'X village in Hama countryside', 'Tripoli, Lebanon', 'X, north of Y', 'X (Y)': the later mention contains X.
    A possessor just before a place contains it first ("Amman's Rabieh district in solidarity with Gaza": Amman)."""
    # "Baghdad's Tahrir Square", "Aleppo's Sheikh Maqsoud district": the possessor contains the place
    for i, m in enumerate(mentions):
        owner = _possessor(doc, m.start)
        if i > 0 and owner is not None and mentions[i - 1].end == owner + 1:
            m.container = i - 1
            m.possessed = True
            mentions[i - 1].contained = True
    for i, m in enumerate(mentions):
        if m.container is not None:
            continue
        for j in range(i + 1, min(len(mentions), i + 3)):
            other = mentions[j]
            if other.bracketed and "(" in (t.text for t in doc[m.end:other.start]):
                m.container = j  # "Hombori (Douentza, Mopti)": Mopti contains Hombori
                other.contained = True
                break
            between = [t.lower_ for t in doc[m.end:other.start]]
            if (len(between) >= 2 and between[-1] == "of" and between[-2] in _NAMED_INSIDE_CUES
                    and all(w in ADMIN_CUES for w in between[:-2])):
                other.container = i  # "the Idlib town of Saraqeb", "the Rakhine state town of Maungdaw": inside X
                other.settlement_cue = True
                m.contained = True
                break
            while between and (between[0] in SETTLEMENT_CUES or between[0] in ADMIN_CUES or between[0] in FACILITY_WORDS
                               or between[0] in ("area", "'s")):
                between = between[1:]  # "X village in ...", "X neighbourhood in ...", "the X market in ..."
            while len(between) > 1 and between[-1] in DIRECTIONS | {"the"}:
                between = between[:-1]  # "... in central Damascus", "... in the southern ..."

            if len(between) > 7 or any(t in _LINK_BREAK_WORDS for t in between):
                break  # a new clause, or "X, in Apure state on the border with Colombia": beside Colombia, not in it
            directional = any(a in DIRECTIONS and b == "of" for a, b in zip(between, between[1:]))
            if not between or (between[0] not in ("in", ",", "of", "near", "on", "at", "-", "(", "inside", "within")
                               and not (between[0] in DIRECTIONS and directional)):
                continue  # "X north of Y", "X southeast of Y" go on
            if between[0] in (",", "-", "(") and not directional and not _is_region_like(doc, other):
                continue  # "Damascus, Homs and Aleppo": a list, not "Tripoli, Lebanon" or "Taji, north of Baghdad"
            if between[0] == "," and not directional and len(between) > 1 and between[1] not in _COMMA_CONTAINER_WORDS:
                continue  # "the bombardment of Gaza, chanting slogans against Israel": a new phrase, not "Gaza, Israel"
            m.container = j
            m.beside = directional or between[0] == "near"
            other.contained = True
            break
    # "the south Baghdad neighbourhood of Al-Bayaa", "Baghdad's southern district of Saiydiah": Y contains X
    for i, m in enumerate(mentions):
        if m.container is not None or m.start < 2 or doc[m.start - 1].lower_ != "of":
            continue
        cue = doc[m.start - 2].lower_
        if cue not in SETTLEMENT_CUES - {"city", "town", "village"}:
            continue
        for j in range(i - 1, -1, -1):
            if mentions[j].container == i and _town_size(m.text) >= _town_size(mentions[j].text):
                break  # "the Salhiya district of Hasakeh": the bigger town holds the quarter, not the other way
            if 0 <= m.start - 2 - mentions[j].end <= 3:
                if mentions[j].container == i:  # "the south Baghdad neighbourhood of Al-Bayaa": undo Baghdad-in-X
                    mentions[j].container, mentions[j].beside = None, False
                    m.contained = any(k != j and other.container == i for k, other in enumerate(mentions))
                m.container = j
                mentions[j].contained = True
                m.settlement_cue = True
                break


_LARGER_THAN_ANY_TOWN = 10**10


def _town_size(name: str) -> int:
    """Population of the biggest gazetteer town of that name (0 for none; a country or a subdivision is bigger than
    any town): which of "the X district of Y" is the place and which its part."""
    gaz = G._gazetteer()
    key = G.name_key(G.fold(name))
    if L.country_of(name) is not None or key in gaz.admin1_keys:
        return _LARGER_THAN_ANY_TOWN
    index = L._best_city(key, [])
    return 0 if index is None else gaz.cities[index].population


# After "X," the words that go on to say where X lies ("Kyaukme, a trading town in Shan state", "Florencia,
# capital of the state of Caqueta").
_COMMA_CONTAINER_WORDS = G.place_words("comma_container_words") | T._PLACE_APPOSITIVE_NOUNS
# Words between two names that end the search for a container: a new clause, or a border between them.
_LINK_BREAK_WORDS = G.place_words("link_break_words")


def _is_region_like(doc: Doc, m: Mention) -> bool:
    """A country or a subdivision (by name or by its cue word): what may follow a town after a comma."""
    if m.admin_cue or L.country_of(m.text):
        return True
    key, _ = core_key(m.text)
    return key in G._gazetteer().admin1_keys and key not in G._gazetteer().city_keys


def resolve_mentions(mentions: list[Mention], focus: "Focus") -> None:
    """Fill each mention's candidates (filtered by hints) in place."""
    gaz = G._gazetteer()
    for m in mentions:
        m.candidates = _collapse_admin_and_seat(m, candidates_for(m.text, focus.country_list, m.facility))
        if m.owner:  # a nationality's town has no namesake abroad; a possessive may name who holds a place
            m.candidates = [c for c in m.candidates if c.iso2 == m.owner] or ([] if m.owned_by_name else m.candidates)
        if m.bracketed:  # a subdivision by position, even when its name is also a common word ("Sahel")
            key = G.name_key(G._GENERIC_SUFFIX.sub("", G.fold(m.text)))
            m.candidates = [c for c in m.candidates if c.kind == "admin1"] or [
                _admin1_candidate(code, key) for code in gaz.admin1_keys.get(key, []) if code[0] in gaz.countries] or [
                _city_candidate(i, key) for i in _districts(key)]  # "(Kisoro)": a district
            if m.country_hint:  # "(Lahore, Punjab)": the Punjab that holds Lahore
                m.candidates = [c for c in m.candidates if c.iso2 == m.country_hint] or m.candidates
    for m in mentions:  # "Tierralta (Cordoba)": only the towns inside the bracketed subdivision, and the other way
        outer = mentions[m.container] if m.container is not None else None
        if outer is None or not outer.bracketed or not outer.candidates:
            continue
        inside = {(c.iso2, c.admin1) for c in outer.candidates}
        m.candidates = [c for c in m.candidates if (c.iso2, c.admin1) in inside and c.kind != "country"]
        held = {(c.iso2, c.admin1) for c in m.candidates}
        if held:
            outer.candidates = [c for c in outer.candidates if (c.iso2, c.admin1) in held]
    # hints from containers, resolved by prior first (a container is usually a country or a big place)
    for m in mentions:
        if m.container is None:
            continue
        outer = mentions[m.container]
        best = prior_best(outer, focus)
        if best is None:
            continue
        m.country_hint = best.iso2
        if best.kind in ("admin1", "city") and best.admin1:
            m.admin_hint = (best.iso2, best.admin1)
        # "Kani township, Sagaing region": a town said to lie in a place is one of that country's towns, or a
        # town the gazetteer lacks (kept by name in its container), never a same-named town abroad
        if best.kind in ("admin1", "country") and not any(c.kind == "country" for c in m.candidates):
            m.candidates = [c for c in m.candidates if c.iso2 == best.iso2]  # not "Russia, Iraq, Iran": a list
    del gaz


# ---------------------------------------------------------------------------------------------------- focus
@dataclass
class Focus:
    """The document's geographic focus: countries and subdivisions with their shares (0..1)."""

    countries: dict[str, float]
    admin1: dict[tuple[str, str], float]
    anchors: list[tuple[str, float, float]]  # (mention key, lat, lon) of the document's places, resolved by prior
    # whether the document names where it is (a country or a town of the focus), not only whose actors act
    # ("Russian forces captured X" says nothing about where X is)
    grounded: bool = True

    @property
    def country_list(self) -> list[str]:
        return sorted(self.countries, key=lambda c: -self.countries[c])

    def top_admin1(self) -> tuple[tuple[str, str], float] | None:
        if not self.admin1:
            return None
        code = max(self.admin1, key=lambda c: self.admin1[c])
        return code, self.admin1[code]


def prior_best(m: Mention, focus: Focus) -> Candidate | None:
    """The candidate a simple prior picks (in the focus first, then by size): what the focus itself is built
    from, so that the focus never depends on the fitted model."""
    if not m.candidates:
        return None
    order = focus.country_list

    def score(c: Candidate) -> float:
        s = math.log10(c.population + 10) + (1.0 if c.exact else 0.0)
        if c.iso2 in focus.countries:
            s += 5 + 3 * focus.countries[c.iso2] + (1.0 if order and c.iso2 == order[0] else 0.0)
        if c.kind == "admin1" and not m.admin_cue:
            s -= 0.5
        return s

    return max(m.candidates, key=score)


def document_focus(doc: Doc, title: str = "") -> Focus:
    """Countries (datelines, place names, actors' nationalities at a lower weight) and subdivisions (towns and
    provinces named, in the main country) the document is about. Cached on the Doc."""
    cached = doc.user_data.get(("places", "focus"))
    if cached is not None and (not title or cached[0] == title):
        return cached[1]
    ranked = T._document_country_scores(doc, title)
    total = sum(ranked.values()) or 1.0
    countries = {c: v / total for c, v in ranked.items()}
    focus = Focus(countries, {}, [])
    sentences = [sentence_mentions(sent) for sent in doc.sents]
    # names the entity model did not call places ("Hama countryside" tagged ORG) vote for their country too
    extra: dict[str, float] = defaultdict(float)
    for mentions in sentences:
        resolve_mentions(mentions, focus)
        for m in mentions:
            best = prior_best(m, focus)
            if m.label in T._PLACE_LABELS or best is None or best.kind == "country":
                continue
            if best.iso2 in countries or best.population >= 100_000 or m.admin_cue or best.kind == "admin1":
                extra[best.iso2] += 1.0
    if extra:
        merged = defaultdict(float, ranked)
        for c, v in extra.items():
            merged[c] += v
        total = sum(merged.values())
        focus = Focus({c: v / total for c, v in sorted(merged.items(), key=lambda kv: -kv[1])}, {}, [])
        countries = focus.countries
    votes: dict[tuple[str, str], float] = defaultdict(float)
    anchors = []
    top = focus.country_list[0] if countries else None
    for n, mentions in enumerate(sentences):
        resolve_mentions(mentions, focus)
        for m in mentions:
            best = prior_best(m, focus)
            if best is None or best.kind == "country":
                continue
            if best.iso2 not in countries and best.population < 100_000:
                continue
            anchors.append((G.name_key(m.text), best.latitude, best.longitude))
            if best.iso2 == top and best.admin1:
                votes[(best.iso2, best.admin1)] += 1.5 if n < 3 else 1.0
    total_votes = sum(votes.values()) or 1.0
    focus.admin1 = {c: v / total_votes for c, v in votes.items()}
    focus.anchors = anchors
    focus.grounded = bool(anchors) or any(
        ent.label_ in ("GPE", "LOC") and L.country_of(ent.text) is not None for ent in doc.ents)
    doc.user_data[("places", "focus")] = (title, focus)
    return focus


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


# ------------------------------------------------------------------------------------------------- features
def candidate_features(m: Mention, cand: Candidate, focus: Focus) -> list[float]:
    """The candidate model's facts (`place_model.CANDIDATE_FEATURES`, same order)."""
    order = focus.country_list
    key = G.name_key(m.text)
    dists = [_km(cand.latitude, cand.longitude, lat, lon) for k, lat, lon in focus.anchors if k != key]
    near_other = math.exp(-min(dists) / 250.0) if dists and cand.kind != "country" else 0.0
    is_city = cand.kind == "city"
    return [
        1.0,
        math.log10(cand.population + 10) / 7.0,
        float(cand.kind == "admin1"),
        float(cand.kind == "country"),
        float(cand.capital),
        focus.countries.get(cand.iso2, 0.0),
        float(bool(order) and cand.iso2 == order[0]),
        focus.admin1.get((cand.iso2, cand.admin1 or ""), 0.0),
        near_other,
        float(cand.exact),
        float(cand.skeleton),
        float(m.capitalised),
        float(m.settlement_cue and is_city),
        float(m.admin_cue and cand.kind == "admin1"),
        float(m.admin_cue and is_city),
        float(m.country_hint is not None and cand.iso2 == m.country_hint),
        float(m.country_hint is not None and cand.iso2 != m.country_hint),
        float(m.admin_hint is not None and (cand.iso2, cand.admin1) == m.admin_hint),
        math.log1p(len(m.candidates)),
    ]


def best_candidate(m: Mention, focus: Focus) -> tuple[Candidate | None, float]:
    """The candidate the model prefers, with its probability."""
    if not m.candidates:
        return None, 0.0
    scored = [(place_model.probability("candidate", candidate_features(m, c, focus)), -i, c)
              for i, c in enumerate(m.candidates)]
    p, _i, cand = max(scored, key=lambda s: (s[0], s[1]))
    return cand, p


def _tree_distance(a: Token, b: Token) -> int:
    return T._tree_distance(a, b)


def event_features(m: Mention, mentions: list[Mention], cand: Candidate | None, cand_p: float,
                   trigger: Token | None, doc: Doc, focus: Focus) -> list[float]:
    """The event model's facts (`place_model.EVENT_FEATURES`, same order) for one mention of the sentence."""
    root = doc[m.start:m.end].root
    prep = m.prep
    locative = prep in T._LOCATIVE_PREPS and prep != "from"
    before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
    site_of = prep == "of" or (len(before) >= 2 and before[-1] == "of" and (
        before[-2] in SETTLEMENT_CUES | ADMIN_CUES | {"outskirts", "suburbs", "countryside", "centre", "center"}))
    if trigger is not None:
        tree = min(T._tree_distance(trigger, root), 12) / 10.0
        tokens = min(abs(trigger.i - root.i), 30) / 30.0
        before_trigger = float(m.end <= trigger.i)
        obj = float(root.dep_ in ("dobj", "obj") and root.head.i == trigger.i)
    else:
        tree, tokens, before_trigger, obj = 1.2, 1.0, 0.0, 0.0
    kind = cand.kind if cand is not None else "unknown"
    in_focus = cand is not None and cand.iso2 in focus.countries and focus.countries[cand.iso2] >= 0.15
    return [
        1.0,
        float(locative),
        float(prep == "from"),
        float(site_of),
        float(prep is None and not site_of),
        tree,
        tokens,
        before_trigger,
        obj,
        float(root.dep_ in ("nsubj", "nsubjpass")),
        float(kind == "country"),
        float(kind == "admin1"),
        float(kind == "unknown"),
        float(in_focus),
        float(m.near),
        float(m.settlement_cue),
        cand_p if cand is not None else 1.0,
        float(m.container is not None),
        float(m.contained),
    ]
