"""Reading places in parsed text: which spans of a spaCy Doc name a place, and which countries a document is about.

Why a module of its own: the words around a name decide whether it is a place at all ("Washington said" is a
government speaking, "Mr. Jalingo" a person, "captured Mazar-e-Sharif" a town the tagger called a group), and
those rules need the parse but neither the candidates nor the models of `transforms.place_candidates`. The
country salience here (`_document_country_scores`) is where a document's focus starts
(`transforms.place_candidates.document_focus`).
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from transforms.gazetteer import _GENERIC_SUFFIX, _gazetteer, fold, name_key, place_words
from transforms.place_lookup import (_DEMONYM_TAIL, _TERRITORY_OF, Place, _best_city, country_of, resolve_place)


# ---------------------------------------------------------------------------------------------------------------
# Reading places in parsed text


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SPEECH_VERBS = place_words("speech_verbs")
_GOVERNMENT_NOUNS = place_words("government_nouns")
_LOCATIVE_PREPS = place_words("locative_preps")
_NEAR_CUES = place_words("near_cues")
_ADMIN_CUES = place_words("admin_cues")
_SEAT_WORDS = place_words("seat_words")


def names_seat(ent: Span) -> bool:
    """True for where an organisation sits or is outlawed: "the Britain-based Observatory", "a group based in
    London", "(Daesh, outlawed in Russia)". That says nothing about where the events it reports happened, so
    such a name is neither an event's place nor evidence of the document's country."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text in ("-", "–") and doc[ent.end + 1].lower_ in _SEAT_WORDS:
        return True
    return _in_seat(ent.root)


def _in_seat(tok: Token) -> bool:
    """"based in London", and the places that say where that is: "based in Utrecht in the Netherlands"."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "by"):
        return False
    above = tok.head.head
    return above.lower_ in _SEAT_WORDS or _in_seat(above)


_DOCUMENT_NOUNS = place_words("document_nouns")


def names_document(ent: Span) -> bool:
    """True for a name that only names a treaty, a convention or a process: "the Ottawa treaty", "the Minsk
    agreements", "the Astana format". Where it was signed long ago is not where today's events happen."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in _DOCUMENT_NOUNS and ent.root.dep_ in ("compound", "nmod")


_MEDIA_WORDS = place_words("media_words")
_MEDIA_MODIFIERS = place_words("media_modifier_words")  # between the name and the outlet's noun: "state", "news"


def names_media_outlet(ent: Span) -> bool:
    """True for a name that begins a broadcaster's or a paper's name: "Rossiya 24 state television", "Damascus
    radio", "Aleppo 24 news channel". The outlet told the news; its name is not where it happened. A nationality
    before one ("Syrian state television") only says whose outlet it is, so it is no evidence of the document's
    country either."""
    doc = ent.doc
    i = ent.end
    if i < len(doc) and doc[i].like_num:
        i += 1
    while i < len(doc) and doc[i].lower_ in _MEDIA_MODIFIERS:
        i += 1
    return i < len(doc) and doc[i].lower_ in _MEDIA_WORDS


_KIN_GROUP_NOUNS = place_words("kin_group_nouns")


def names_kin_group(ent: Span) -> bool:
    """A name that qualifies a tribe or clan ("between Turi and Bangash tribesmen", "Marehan clansmen"): the
    people, not a town of that name (Turi, Italy)."""
    root = ent.root
    return (root.dep_ in ("compound", "amod", "nmod") and root.head.i >= ent.end
            and root.head.lower_ in _KIN_GROUP_NOUNS)


def is_actor_metonym(ent: Span) -> bool:
    """True when a capital or country stands for its government: "Washington said", "Moscow's decision",
    "the Damascus government", "Kremlin officials" — those are actors, not where an event happened."""
    root = ent.root
    if has_place_appositive(ent):
        return False  # "recaptured Wad Madani, capital of Al Jazirah" (parsed as the subject): the text says a town
    for _ in range(8):  # "the US and Russia announced a deal": each conjunct of the subject is a doer
        if root.dep_ != "conj" or root.head.i == root.i:
            break
        root = root.head
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in _SPEECH_VERBS:
        return True
    if root.dep_ == "nsubj" and head.pos_ == "VERB":  # "Moscow forged the deal": the doer, not the place
        return True
    if root.dep_ == "pobj" and head.dep_ == "agent":  # "forged by Moscow"
        return True
    if root.dep_ == "poss" and head.lemma_.lower() in _GOVERNMENT_NOUNS | {
            "decision", "position", "policy", "stance", "move", "support", "crackdown"}:  # "Tehran's crackdown"
        return True
    if root.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in _GOVERNMENT_NOUNS:
        return True
    return ent.text in ("Kremlin", "Pentagon", "White House", "the Kremlin", "the Pentagon", "the White House")


_PERSON_TITLES = place_words("person_titles")


def titled_person_names(doc: Doc) -> frozenset[str]:
    """Names the document gives a person's title somewhere ("Mr. Jalingo"): one sense per document, so the same
    name tagged a place elsewhere ("charged Jalingo with terrorism") is that person. Cached on the Doc."""
    key = ("places", "titled_persons")
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(
            fold(doc[t.i + 1].text) for t in doc[:-1]
            if t.lower_ in _PERSON_TITLES and doc[t.i + 1].is_title and doc[t.i + 1].pos_ == "PROPN")
    return doc.user_data[key]


def _is_titled_person(ent: Span) -> bool:
    """A name the document titles as a person, not introduced here by a locative preposition ("in Jalingo" is
    still the town)."""
    return fold(ent.text) in titled_person_names(ent.doc) and _attachment(ent)[0] not in _LOCATIVE_PREPS


def place_entities(span: Span) -> list[Span]:
    """GPE/LOC/FAC entities of a span that are not governments speaking or acting, nor a person's name; one the
    tagger cut at a hyphen or a particle is taken whole ("Mazar" of "Mazar-i-Sharif": the rest had become a place
    "Sharif"; "Valle" of "Valle del Cauca")."""
    doc = span.doc
    out: list[Span] = []
    for ent in span.ents:
        if ent.label_ not in _PLACE_LABELS or is_actor_metonym(ent) or _is_titled_person(ent):
            continue
        if out and ent.start < out[-1].end:
            continue  # already part of the name before it ("Cauca" of "Valle del Cauca")
        end = _particle_end(doc, ent.start, _hyphen_end(doc, ent.end, span.end), span.end)
        out.append(Span(doc, ent.start, end, label=ent.label_))
    return out


def _particle_end(doc: Doc, start: int, end: int, limit: int) -> int:
    """The end of a known name the tagger cut at a particle: "Valle" + "del Cauca" (the gazetteer has "Valle del
    Cauca"; "Valle" alone is a Honduran department)."""
    gaz = _gazetteer()
    while (end + 1 < limit and doc[end].lower_ in _NAME_PARTICLES and len(doc[end]) > 1 and doc[end + 1].is_title):
        key = name_key(fold(doc[start:end + 2].text))
        if key not in gaz.admin1_keys and key not in gaz.city_keys:
            break
        end += 2
    return end


def _hyphen_end(doc: Doc, end: int, limit: int) -> int:
    """The end of a name that goes on after a hyphen with no space around it: "Mazar" + "-i-Sharif"."""
    while (end + 1 < limit and not doc[end - 1].whitespace_ and doc[end].text in ("-", "–")
           and (doc[end + 1].is_title or doc[end + 1].lower_ in _NAME_PARTICLES)):
        end += 2
    return end


_MISLABELED = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
_SUBDIVISION_WORDS = place_words("subdivision_words")  # after a subdivision's name: "Sagaing region", "Niger state"


def names_subdivision(name: str, following: str) -> bool:
    """"Sagaing region", "Niger state": a name followed by a subdivision word, where a subdivision of that name
    exists (then the words name it, whatever the NER model called the name)."""
    return following.lower() in _SUBDIVISION_WORDS and name_key(fold(name)) in _gazetteer().admin1_keys
_SITE_NOUNS = place_words("site_nouns")
_PART_NOUNS = place_words("part_nouns")  # "the centre of X", "the vicinity of X", "X's outskirts": X is a place
# "the main square of X", "the port of X": a site of a town, so X is a town
_SITE_OF_TOWN_NOUNS = place_words("site_of_town_nouns")
# "X, capital of Y state", "X, a town in Y": an appositive that says X is a place
_PLACE_APPOSITIVE_NOUNS = place_words("place_appositive_nouns")


_TAKING_VERBS = place_words("taking_verbs")
_ASSAULT_NOUNS = place_words("assault_nouns")
_NOT_NAMES = place_words("not_names")


def has_place_appositive(span: Span) -> bool:
    """Whether an appositive says the name is a town ("Wad Madani, capital of Al Jazirah state", "Sudzha, a town of
    about 5,000 people")."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in _PLACE_APPOSITIVE_NOUNS for c in span.root.children)


def _introduced_as_place(span: Span) -> bool:
    """'in X', 'near X', 'the town of X', 'X's streets', 'X district', 'captured X', 'the siege on X': the words
    around a name say it is a place even when the named-entity model called it a person or an organisation
    (small models often do with Arabic names)."""
    if fold(span.text) in _NOT_NAMES:
        return False
    prep, _near = _attachment(span)
    if prep in _LOCATIVE_PREPS - {"from", "on"}:
        return True
    head = span.root.head
    if prep == "of" and head.head.lower_ in _SITE_NOUNS | _PART_NOUNS | _SITE_OF_TOWN_NOUNS:
        return True
    if has_place_appositive(span):
        return True  # "Wad Madani, capital of Al Jazirah state"
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    last = span[-1].lower_
    if len(span) > 1 and last in _SUBDIVISION_WORDS and names_subdivision(span[:-1].text, last):
        return True  # "in the Homs Governorate's eastern countryside": the name says it is a subdivision
    if following in _SITE_NOUNS and following not in ("area", "region"):
        return True  # "Khanasir town", "the Aziziyah district"
    if names_subdivision(span.text, following):
        return True  # "Sagaing region", "Niger state": a known subdivision named as one
    known = resolve_place(span.text) is not None
    if (prep == "on" and following == "in" and head.head.lemma_.lower() in _ASSAULT_NOUNS
            and not any(t.ent_id_ for t in span)):
        return True  # "an attack on Tondikiwindi in Niger's Tillaberi region": a place inside a place, not a group
    if prep in ("on", "from", "between") and known:
        return True  # "the siege on Manbij", "fled from Aleppo", "the road between Djibo and Bourzanga"
    if (span.root.dep_ in ("dobj", "obj") and head.lemma_.lower() in _TAKING_VERBS
            and (known or span.root.pos_ == "PROPN")):
        return True  # "captured Mazar-e-Sharif"
    return span.root.dep_ == "poss" and head.lower_ in _PART_NOUNS


_BARE_POSSESSIVE = re.compile(r"(?:'s|’s|s)$")  # "Syria's", "Syrias" (apostrophe lost), "Syria"


def _without_trailing_country(name: Span) -> Span:
    """The name without a country named after it inside the same entity: "bombed eastern sectors of Aleppo Syrias
    divided second city" (a source that lost its apostrophes; the model read "Aleppo Syrias" as a person) is
    Aleppo. Kept whole when the whole is a place or what is left is not one."""
    if len(name) < 2 or resolve_place(name.text) is not None:
        return name
    if country_of(_BARE_POSSESSIVE.sub("", name[-1].text)) and resolve_place(name[:-1].text) is not None:
        return name[:-1]
    return name


def _named_a_town(span: Span) -> bool:
    """Whether the words around a name say in so many words that it is a town: "the town of X", "the highland
    town of X", "X, a village in ...", "X town". Only these strong cues make a place of a name the entity model
    called a nationality ("Sabiid", "Sugapa"); "in Kurdish areas" does not."""
    prep, _near = _attachment(span)
    if prep == "of" and span.root.head.head.lower_ in _SITE_NOUNS and span.root.head.head.lower_ not in (
            "area", "region"):
        return True
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    return has_place_appositive(span) or (following in _SITE_NOUNS and following not in ("area", "region"))


_NAME_PARTICLES = place_words("name_particles")


def _name_runs(span: Span, covered: set[int]) -> list[Span]:
    """Runs of capitalised proper nouns not inside an entity, hyphenated names kept whole ("Mazar-e-Sharif",
    "Ras al-Ain")."""
    doc = span.doc
    runs, i = [], span.start
    while i < span.end:
        token = doc[i]
        named_site = (token.is_title and not token.is_sent_start and i + 1 < len(doc)
                      and doc[i + 1].lower_ in _SITE_NOUNS)  # "Sagaing region" (tagged a verb by its -ing)
        hyphenated = (not token.whitespace_ and i + 2 < span.end and doc[i + 1].text in ("-", "–")
                      and doc[i + 2].lower_ in _NAME_PARTICLES)  # "Deir-ez-Zor", tagged a noun
        if not ((token.pos_ == "PROPN" or named_site or hyphenated) and token.is_title and token.i not in covered):
            i += 1
            continue
        j = i + 1
        while j < span.end and doc[j].i not in covered:
            t = doc[j]
            if t.pos_ == "PROPN" and t.is_title:
                j += 1
            elif t.text in ("-", "–") and j + 1 < span.end and not doc[j - 1].whitespace_ and (
                    doc[j + 1].is_title or doc[j + 1].lower_ in _NAME_PARTICLES):
                j += 2
            elif t.lower_ in _NAME_PARTICLES and j + 1 < span.end and doc[j + 1].text in ("-", "–"):
                j += 1
            else:
                break
        runs.append(doc[i:j])
        i = j
    return runs


def _is_well_known_place(text: str) -> bool:
    """A subdivision or a town of 50,000+ people: safe to take as a place even when mistagged as a group."""
    place = resolve_place(text)
    if place is None or place.geo_precision == 3:
        return False
    if place.location == place.admin1:
        return True
    index = _best_city(name_key(_GENERIC_SUFFIX.sub("", fold(text))), [place.iso2])
    return index is not None and _gazetteer().cities[index].population >= 50_000


def place_mentions(span: Span) -> list[Span]:
    """Place names of a span: place entities, plus names the entity model mislabeled or missed that the syntax
    introduces as places ("were killed in Manbij", "the outskirts of Karachi", "captured Mazar-e-Sharif")."""
    found = place_entities(span)
    covered = {i for ent in [*span.ents, *found] for i in range(ent.start, ent.end)}
    doc = span.doc
    for ent in span.ents:
        if ent.label_ in _MISLABELED or (ent.label_ == "DATE" and country_of(ent.text)):  # "in Niger" (DATE)
            start, end = ent.start, ent.end  # "Tell Dahab" (PERSON) + "Saghir", "Sheikh" + "Najjar": one name
            while end < span.end and doc[end].pos_ == "PROPN" and doc[end].is_title and end not in covered:
                end += 1
            while (start > span.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title
                   and start - 1 not in covered):
                start -= 1
            name = doc[start:end] if (start, end) != (ent.start, ent.end) else ent
            if _introduced_as_place(name) and not is_actor_metonym(ent):
                found.append(_without_trailing_country(name))
                covered.update(range(start, end))
        elif ent.label_ == "NORP" and country_of(ent.text) is None:
            # "Aleppo" tagged as a nationality; drop a trailing demonym ("Aleppo Syrian")
            end = ent.end
            while end > ent.start and country_of(span.doc[end - 1].text):
                end -= 1
            name = span.doc[ent.start:end]
            if len(name) and (_is_well_known_place(name.text) or _named_a_town(name)):
                found.append(name)
    for candidate in _name_runs(span, covered):
        if _introduced_as_place(candidate):
            found.append(candidate)
    return sorted(found, key=lambda e: e.start)


_PLACE_DATELINE = re.compile(r"^\s*([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?:,\s*([A-Z][A-Za-z .]+?))?"
                             r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
                             r"\s*(?:\([A-Za-z .]+\)\s*)?[-–—:]\s")


def dateline_end(text: str) -> int:
    """Where the upper-case dateline that opens a text ends (0 without one): its words are no part of the first
    sentence's clause ("KYIV, Ukraine (AP) — Russian forces have taken ...")."""
    match = _PLACE_DATELINE.match(text[:120])
    return match.end() if match is not None else 0


def place_dateline(text: str) -> tuple[str | None, str | None]:
    """(place, country as written) of an upper-case dateline at the very start of a text ("ADDIS ABABA -",
    "KABUL (Reuters) -", "BEIRUT, Lebanon -", "YANGON, Dec 9 (Reuters) -", "GOMA, Congo, March 3 (Reuters) -"),
    the place title-cased; (None, None) without one."""
    match = _PLACE_DATELINE.match(text[:120])
    if match is None or len(match.group(1)) < 3:
        return None, None
    country = match.group(2).strip() if match.group(2) and country_of(match.group(2).strip()) else None
    return match.group(1).title(), country


# ---------------------------------------------------------------------------------------------------------------
# Countries a document is about


_BORDER_NOUNS = frozenset({"border", "borders", "frontier", "frontiers", "boundary"})


def _across_border(ent: Span) -> bool:
    """"the border with Turkey", "Armenia's frontiers with Turkey and Iran": the country across a border."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return (root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.lower_ in _BORDER_NOUNS)


def _document_country_scores(doc: Doc, title: str = "") -> dict[str, float]:
    """Salience of each country a document is about (what `document_countries` ranks).

    Salience: each mention counts, mentions in the first sentences and in the title count more, a country
    named outright counts more than one implied by an adjective ("Russian jets"), a force's name ("the
    Philippine army") or a town.
    """
    scores: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    early_end = min(len(doc.text), 400)
    towns: list[tuple[str, float, int]] = []
    for ent in doc.ents:
        if ent.label_ == "ORG" and len(ent) > 1:  # "the Philippine army", "Kenya Defence Forces": whose forces
            iso2 = country_of(ent[0].text) if ent[0].is_title else None
            if iso2:
                scores[iso2] += 0.3 * (2.0 if ent.start_char < early_end else 1.0)
                first_seen.setdefault(iso2, ent.start_char)
            continue
        if (ent.label_ not in ("GPE", "LOC", "NORP", "FAC") or names_seat(ent) or names_media_outlet(ent)
                or names_document(ent)):
            continue
        weight = 2.0 if ent.start_char < early_end else 1.0
        iso2 = country_of(ent.text)
        iso2 = _TERRITORY_OF[iso2][0] if iso2 in _TERRITORY_OF else iso2
        if iso2:
            # "Russian jets", "US-led strikes", "Syrian army": an actor's nationality, not where things happen
            following = doc[ent.end].text if ent.end < len(doc) else ""
            if (ent.label_ == "NORP" or ent.root.dep_ in ("amod", "compound", "nmod", "npadvmod")
                    or _DEMONYM_TAIL.search(ent.text) or following.startswith("-")):
                weight *= 0.3
            elif _across_border(ent):
                weight *= 0.3  # "the border with Turkey": the neighbour, seen from the country the text is in
            elif _attachment(ent)[0] in _LOCATIVE_PREPS:
                weight *= 1.5  # "in Syria"
            if is_actor_metonym(ent):
                weight *= 0.3
            scores[iso2] += weight
            first_seen.setdefault(iso2, ent.start_char)
        elif (ent.label_ != "NORP" and not is_actor_metonym(ent) and not _is_titled_person(ent)
              and not names_kin_group(ent)):
            towns.append((_with_admin_cue(ent), weight, ent.start_char))
        elif ent.label_ == "NORP" and _is_well_known_place(ent.text):  # "Aleppo" mistagged as a group
            towns.append((ent.text, weight, ent.start_char))
    # "ADDIS ABABA -", "BEIRUT, Lebanon (Reuters) -": where the report was filed
    for name in (n for n in place_dateline(doc.text) if n):
        iso2 = country_of(name)
        if iso2:
            scores[iso2] += 2.0
            first_seen.setdefault(iso2, -1)
        else:
            towns.append((name, 2.0, -1))
    for text in title and [title] or []:
        for word in re.findall(r"[A-Z][\w'.-]+(?: [A-Z][\w'.-]+)*", text):
            iso2 = country_of(word)
            iso2 = _TERRITORY_OF[iso2][0] if iso2 in _TERRITORY_OF else iso2
            if iso2:
                scores[iso2] += 2.0
                first_seen.setdefault(iso2, -1)
            else:
                towns.append((word, 1.5, -1))
    context = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    for text, weight, start in towns:
        place = resolve_place(text, context)
        if place is None or place.geo_precision == 3:
            continue
        # a town abroad only counts if big or in a country the document already names
        if place.iso2 in scores or _is_notable(text, place):
            scores[place.iso2] += weight
            first_seen.setdefault(place.iso2, start)
    order = sorted(scores, key=lambda c: (-scores[c], first_seen[c]))
    return {c: scores[c] for c in order}


def _with_admin_cue(ent: Span) -> str:
    """The name with the subdivision noun written after it ("Chin state", "Shan state") when the name alone means
    a place outside any subdivision of that name: "Chin" alone is the alternate name of a Chinese city of a
    million and would pull a Myanmar article into China. "Bolivar state" stays "Bolivar", whose town lies in a
    Bolivar state already (Venezuela's; the subdivision alone is also Colombia's)."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is None or following.lower_ not in _ADMIN_CUES or following.lower_ in ent.text.lower():
        return ent.text
    bare = resolve_place(ent.text, [])
    if bare is not None and bare.admin1 and name_key(fold(bare.admin1)) == name_key(fold(ent.text)):
        return ent.text
    return f"{ent.text} {following.text}"


def _is_notable(text: str, place: Place) -> bool:
    """A country, a subdivision, or a town of 100,000+: known enough to be meant even when the document
    names no other place in its country."""
    if place.geo_precision == 3 or place.location == place.admin1:
        return True
    gaz = _gazetteer()
    index = _best_city(name_key(_GENERIC_SUFFIX.sub("", fold(text))), [place.iso2])
    if index is None:  # read through a direction word ("Eastern Samar" as Samar): the town it was read as
        index = _best_city(name_key(fold(place.admin2 or place.location)), [place.iso2])
    return index is not None and gaz.cities[index].population >= 100_000


# ---------------------------------------------------------------------------------------------------------------
# Where a name sits in the parse


def _tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of the same sentence."""
    ancestors_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return n + ancestors_a[t.i]
    return 50


def _attachment(ent: Span) -> tuple[str | None, bool]:
    """The preposition that introduces a place ("in", "near", "outskirts of") and whether it means 'near'."""
    token = ent.root
    near = False
    hops = 0
    while token.dep_ in ("pobj", "compound", "appos", "conj", "poss", "nmod", "amod") and hops < 4:
        token = token.head
        hops += 1
        if token.lower_ in _NEAR_CUES:
            near = True
        if token.dep_ == "prep" or token.pos_ == "ADP":
            if token.lower_ == "of" and token.head.lower_ in _NEAR_CUES:
                near = True
            elif token.lower_ in ("near", "outside", "around"):
                near = True
            return token.lower_, near
    left = ent.doc[ent.start - 1] if ent.start > 0 else None
    if left is not None and left.lower_ in ("near", "outside", "around"):
        return left.lower_, True
    return None, near
