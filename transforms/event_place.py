"""The event's place: every place mention of the event's sentence resolved and weighed, with fallbacks to the
paragraph and to the document's focus; and the countries a document is about.

Why a module of its own: it is the one place module that uses the candidate and event models
(`transforms.place_candidates`, `transforms.place_model`); it sits above them and they import nothing from it,
so no import has to wait inside a function.
"""
from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from transforms import place_model
from transforms.event_lexicon import load_trigger_rules
from transforms.gazetteer import _ascii, _gazetteer, fold, name_key, place_words
from transforms.place_candidates import (DIRECTIONS, Candidate, Focus, Mention, _km, best_candidate, document_focus,
                                         event_features, prior_best, resolve_mentions, sentence_mentions)
from transforms.place_lookup import (_NOT_PLACES, Place, _admin1_place, _city_place, _clean_mention, _with_precision,
                                     country_of, country_place)
from transforms.place_text import _LOCATIVE_PREPS, _NOT_NAMES


def _paragraph_of(doc: Doc, index: int) -> tuple[int, int]:
    """Character bounds of the paragraph (blank-line or newline separated) holding character `index`."""
    text = doc.text
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, len(text) if end < 0 else end


def document_countries(doc: Doc, title: str = "") -> list[str]:
    """ISO2 codes of the countries a document is about, most salient first.

    Salience: each mention counts, mentions in the first sentences and in the title count more, a country
    named outright counts more than one implied by an adjective ("Russian jets") or a town. The full focus
    (with subdivisions) is `transforms.place_candidates.document_focus`, cached on the Doc for the choices of
    `choose_event_place`.
    """
    return document_focus(doc, title).country_list


def _focus_for(doc: Doc, context_iso2: Sequence[str]) -> Focus:
    """The document's focus; countries passed by the caller take precedence when they differ."""
    focus = document_focus(doc)
    context = [c for c in context_iso2 if c]
    if context and context[:1] != focus.country_list[:1]:
        shares = {c: 1.0 / (n + 1) for n, c in enumerate(context)}
        total = sum(shares.values())
        countries = {c: v / total for c, v in shares.items()}
        return Focus(countries, {k: v for k, v in focus.admin1.items() if k[0] in countries}, focus.anchors,
                     focus.grounded)
    return focus


_KIND_WORDS = place_words("settlement_kind_words")


def _without_kind_word(name: str) -> str:
    """The name without the word that says what kind of settlement it is ("Pazigyi village", "Myaung township"):
    ACLED's location is the name alone. Names of which the word is part ("Quezon City") keep it."""
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in _KIND_WORDS else name


# A subdivision with this share of the focus's subdivision mentions, in its main country, is where the article's
# unplaced names lie.
DOMINANT_SUBDIVISION_SHARE = 0.6


def _dominant_subdivision(focus: Focus) -> tuple[str, str] | None:
    """(iso2, admin1) of the subdivision the document is about, when one dominates its main country's mentions."""
    top = focus.top_admin1()
    if top is not None and top[1] >= DOMINANT_SUBDIVISION_SHARE and focus.country_list and (
            top[0][0] == focus.country_list[0]):
        return top[0]
    return None


def _unknown_place(name: str, mention: Mention, mentions: list[Mention], focus: Focus) -> Place | None:
    """A proper-noun place the gazetteer lacks keeps its name; its subdivision and country come from the words
    around it ("X village in Hama countryside": Hama, Syria) or, failing that, from the document's focus.
    Precision (codebook): 1 inside a known town, 2 when only the subdivision (or "near") is known, 3 when only
    the country is."""
    gaz = _gazetteer()
    location = _without_kind_word(_clean_mention(name))
    container = mentions[mention.container] if mention.container is not None else None
    outer = prior_best(container, focus) if container is not None else None
    if outer is not None and outer.kind == "city" and outer.index is not None:
        place = _city_place(outer.index, location, 2 if mention.near else 1)
        return Place(location, place.admin1, place.admin2, place.country, place.iso, place.region, place.latitude,
                     place.longitude, place.geo_precision, place.iso2)
    code = mention.admin_hint
    if code is None and outer is None:
        code = _dominant_subdivision(focus)
    iso2 = code[0] if code else (outer.iso2 if outer is not None else mention.country_hint)
    if iso2 is None and focus.country_list and focus.countries[focus.country_list[0]] >= 0.3:
        iso2 = focus.country_list[0]
    if iso2 is None or iso2 not in gaz.countries:
        return None
    if code is not None and code in gaz.admin1_names:
        region = _admin1_place(code)
        return Place(location, region.admin1, None, region.country, region.iso, region.region, region.latitude,
                     region.longitude, 2, iso2)
    country = country_place(iso2)
    return Place(location, None, None, country.country, country.iso, country.region, country.latitude,
                 country.longitude, 3, iso2)


def _candidate_place(mention: Mention, cand: Candidate) -> Place:
    """The Place of a resolved mention, with the precision its words give ("near X", "X countryside": 2)."""
    if cand.kind == "country":
        return country_place(cand.iso2)
    if cand.kind == "admin1":
        return _admin1_place((cand.iso2, cand.admin1))
    precision = 2 if mention.near or mention.admin_cue else 1
    name = _without_kind_word(mention.text)
    head, _, rest = name.partition(" ")
    if rest and country_of(re.sub(r"(?:'s|’s|s|')$", "", head)):
        name = rest  # "Syria's Idlib", "Syrias Idlib" -> "Idlib"
    if mention.admin_cue:
        name = _ascii(_gazetteer().cities[cand.index].name)
    return _city_place(cand.index, name, precision)


_NOT_SITE_WORDS = place_words("not_site_words")


def _believable_unknown(m: Mention, in_known_place: bool = False, before_brackets: bool = False) -> bool:
    """A name the gazetteer lacks is kept as a place only when the text presents it as one: tagged as a place and
    introduced by a locative preposition, or named with a settlement/subdivision word ("X village", "the town of
    X", "X district"), or a site inside a known place ("Tahrir Square in Baghdad"), or a name the tagger took for
    a person or a group, introduced as a place and said to lie in a resolved place ("the Radhwaniyah area in
    southwestern Baghdad", "Hader in Quneitra province"; not an acronym or a numbered name), or a name followed by
    its subdivisions in brackets, the ACLED way ("regained control of Anefis (Kidal)")."""
    if not m.capitalised:
        return False
    words = set(fold(m.text).split())
    if words & _NOT_SITE_WORDS or fold(m.text) in _NOT_PLACES or fold(m.text) in _NOT_NAMES:
        return False
    if _only_common_words(m.text):
        return False
    if m.settlement_cue or m.admin_cue or before_brackets:
        return True
    if m.label in ("GPE", "LOC", ""):  # a place by its tag, or a bare proper noun the syntax introduced as one
        return m.prep in _LOCATIVE_PREPS - {"from"} or m.taken
    if m.label == "FAC" and m.container is not None:
        return True
    return (in_known_place and m.prep in (_LOCATIVE_PREPS - {"from"}) | {"of"}
            and not any(ch.isdigit() for ch in m.text) and not m.text.isupper())


def _only_common_words(name: str) -> bool:
    """A name made only of compass words and event words ("Southeast of the city of X", "killed in Russian
    Airstrikes on ..."): capitalised by a headline or a sentence's start, it names no place the gazetteer lacks."""
    triggers = load_trigger_rules()
    words = fold(name).lower().split()
    return bool(words) and all(w in DIRECTIONS or {w, w[:-1], w[:-2]} & triggers.keys() for w in words)


_TOWN_PART_WORDS = place_words("town_part_words")
_FACILITY_WORDS = place_words("facility_words")
# A place of this town's subdivision this close to it is a part of the town ("Douala's Bonaberi neighbourhood").
TOWN_PART_KM = 15.0


def _names_town_part(doc: Doc, m: Mention) -> bool:
    """Whether the words say the name is a part of a town or a site in it: "the Mashtal neighbourhood", "Karrada
    district", "the Naivasha market", "Tahrir Square" (a name ending with a site's noun; the tagger's FAC label
    alone is too often a village's)."""
    words = [t.lower_ for t in doc[m.start + 1:m.end]]
    return (m.facility or bool(set(words) & _TOWN_PART_WORDS)
            or _followed_by(doc, m, _TOWN_PART_WORDS | _FACILITY_WORDS))


def _followed_by(doc: Doc, m: Mention, words: frozenset[str]) -> bool:
    """Whether the word after the mention is one of `words` ("the Naivasha market")."""
    return m.end < len(doc) and doc[m.end].lower_ in words


def _town_of_site(doc: Doc, m: Mention, cand: Candidate | None, outer: Candidate | None) -> bool:
    """Whether a mention is a site or a quarter of the town that contains it, which ACLED codes as the town
    (codebook: the location is the town; "a grenade in Baghdad's Karrada district" is Baghdad, "protesters in
    Tahrir Square in Cairo" Cairo). A name the gazetteer lacks is one when its words say so or its town owns it
    ("Amman's Rabieh"); a known name only when its words or the possessive say so and its reading is the town's
    part (within `TOWN_PART_KM`) or a namesake in another subdivision ("Karrada" is also a town in Dhi Qar). A
    place "near" or "north of" a town keeps its own name ("Abu Shouk camp north of El Fasher"), except a site
    named by its building's or structure's noun ("the Nyakasanga bridge near Kasese"), which is coded to the town
    at precision 2."""
    if outer is None or outer.kind != "city":
        return False
    if m.beside:  # "the X bridge near Kasese" is coded to Kasese; "Abu Shouk camp north of El Fasher" is its own
        site = m.facility or _followed_by(doc, m, _FACILITY_WORDS)
        return cand is None and site and not m.settlement_cue
    part = _names_town_part(doc, m)
    if cand is None:
        return part or (m.possessed and not m.near)
    if m.near or not (part or m.possessed) or cand.kind != "city":
        return False
    if (cand.iso2, cand.admin1) != (outer.iso2, outer.admin1):
        return True
    return _km(cand.latitude, cand.longitude, outer.latitude, outer.longitude) <= TOWN_PART_KM


# A country with less of the document's focus than this is named in passing ("the Britain-based Observatory",
# "its ally Russia"): it lends no belief to a same-named town, and a sentence naming it is not placed there.
MIN_FOCUS_SHARE = 0.15


# A town said to lie beside a town ("X, north of Y", "X near Y") lies within this distance of it.
BESIDE_KM = 100.0


def _holds(outer: Candidate, town: Candidate) -> bool:
    """Whether a reading of a containing place can hold a town: its country, its subdivision, or a town of
    its country ("X, north of Y" may cross a subdivision's border)."""
    if outer.kind == "admin1":
        return (outer.iso2, outer.admin1) == (town.iso2, town.admin1)
    return outer.iso2 == town.iso2


def _abroad_namesake(doc: Doc, m: Mention, cand: Candidate, mentions: list[Mention], focus: Focus) -> bool:
    """Whether a town candidate only shares the mention's name with a town elsewhere: it is said to lie in a
    subdivision, a country or a town of the document's focus that cannot hold it ("Mansoura in rural Aleppo" is
    not Egypt's Mansoura, "Hader in Quneitra province" not Aleppo's Hader), or, with no such place, it is a small
    town (under 100,000) of a country the document names only in passing ("Rityan" is not an English hamlet
    because the Observatory is Britain-based) while it names places of its own (a focus of nationalities alone,
    "Russian forces captured Lysychansk", does not say where the town is). A quarter named with no town around
    it ("al-Sulimaniah neighborhood in the city") is a quarter of the town the article is about: a candidate
    outside the document's dominant subdivision is a village that shares its name, and so is a town far from the
    town it is said to lie beside ("southeast of Deir Ezzor city"). A town found only by the consonants of its
    name is believed in the document's main country alone."""
    outer = mentions[m.container] if m.container is not None else None
    if outer is None and _names_town_part(doc, m):
        top = _dominant_subdivision(focus)
        if top is not None and (cand.iso2, cand.admin1) != top:
            return True
    best = prior_best(outer, focus) if outer is not None else None
    credible = best is not None and (best.kind in ("admin1", "country")
                                     or focus.countries.get(best.iso2, 0.0) >= MIN_FOCUS_SHARE)
    if credible and not any(_holds(c, cand) for c in outer.candidates):
        return True
    if (credible and m.beside and best.kind == "city"
            and _km(cand.latitude, cand.longitude, best.latitude, best.longitude) > BESIDE_KM):
        return True  # "Al-Quriyah southeast of Deir Ezzor city" is not the Qarah 400 km away near Damascus
    if m.country_hint == cand.iso2:
        return False
    if cand.skeleton and focus.country_list[:1] != [cand.iso2]:
        return True  # a spelling match only ("Taloul" ~ Tula): believed in the country the document is about alone
    return (focus.grounded and bool(focus.countries) and focus.countries.get(cand.iso2, 0.0) < MIN_FOCUS_SHARE
            and cand.population < 100_000)


Placed = tuple[Mention, Candidate | None, float, Place]


def placed_mentions(span: Span, focus: Focus) -> list[Placed]:
    """(mention, candidate or None, candidate probability, Place) for every place mention of a span.

    A small town abroad that only shares its name with the mention (no country named next to it, outside the
    document's focus) is not believed: the name is kept as an unknown place of the focus instead. A name the
    document places once by the words around it ("Al-Quriyah southeast of Deir Ezzor city", "the al-Midan
    neighborhood of Damascus") is that place wherever else the document writes it bare: one name, one place per
    article (the bare "Al Quriyah" had been a namesake near Damascus, a bare "Hasakeh" a village in Iraq), and so
    is a mention whose own words placed it in the country alone."""
    readings = _document_readings(span.doc, focus)
    out = []
    for m, cand, p, place in _placed_in(span, focus):
        other = readings.get(name_key(m.text))
        if (other is not None and _where(other[2]) != _where(place)
                and (not _placed_by_its_words(m) or place.admin1 is None)):
            cand, p, place = other
        out.append((m, cand, p, place))
    return out


def _placed_by_its_words(m: Mention) -> bool:
    """Whether the words around a mention say where it lies: a place containing it or beside it, a possessor, a
    bracketed subdivision, a possessive country."""
    return m.container is not None or m.possessed or m.bracketed or m.owner is not None


def _where(place: Place) -> tuple[str | None, str | None, str | None]:
    return place.location, place.admin1, place.country


def _document_readings(doc: Doc, focus: Focus) -> dict[str, tuple[Candidate | None, float, Place]]:
    """Name key -> (candidate, probability, Place) of the names the document places in a subdivision by the words
    around them, when all such mentions of the name agree on the subdivision and country (the first one's reading
    is kept). Cached on the Doc for its focus."""
    cached = doc.user_data.get(("places", "readings"))
    if cached is not None and cached[0] is focus:
        return cached[1]
    found: dict[str, list[tuple[Candidate | None, float, Place]]] = {}
    for sent in doc.sents:
        for m, cand, p, place in _placed_in(sent, focus):
            if _placed_by_its_words(m) and place.admin1 is not None:
                found.setdefault(name_key(m.text), []).append((cand, p, place))
    readings = {key: seen[0] for key, seen in found.items()
                if key and len({_where(r[2])[1:] for r in seen}) == 1}  # one subdivision and country
    doc.user_data[("places", "readings")] = (focus, readings)
    return readings


def _placed_in(span: Span, focus: Focus) -> list[Placed]:
    """`placed_mentions` of one span read alone, without the rest of the document."""
    mentions = sentence_mentions(span)
    resolve_mentions(mentions, focus)
    resolved = []
    for m in mentions:
        cand, p = best_candidate(m, focus)
        if cand is not None and cand.kind != "country" and _abroad_namesake(span.doc, m, cand, mentions, focus):
            cand = None
        resolved.append((cand, p))
    out = []
    for m, (cand, p) in zip(mentions, resolved):
        outer, outer_p = resolved[m.container] if m.container is not None else (None, 0.0)
        if _town_of_site(span.doc, m, cand, outer):
            town = _with_precision(_candidate_place(mentions[m.container], outer), 2 if m.near or m.beside else 1)
            out.append((m, outer, outer_p, town))
            continue
        if (cand is not None and cand.kind == "country" and focus.countries.get(cand.iso2, 0.0) < MIN_FOCUS_SHARE
                and m.prep not in _LOCATIVE_PREPS - {"from"}):
            continue  # a foreign country named in passing ("its ally Russia"), not where the event happened
        if cand is not None:
            out.append((m, cand, p, _candidate_place(m, cand)))
            continue
        in_known_place = m.container is not None and resolved[m.container][0] is not None
        before_brackets = m.container is not None and mentions[m.container].bracketed
        if not _believable_unknown(m, in_known_place, before_brackets):
            continue
        place = _unknown_place(m.text, m, mentions, focus)
        if place is not None:
            out.append((m, None, 0.0, place))
    return out


def choose_event_place(sentence: Span, trigger: Token | None, doc: Doc,
                       context_iso2: Sequence[str] = ()) -> Place | None:
    """The place where the trigger's event happened (see `choose_event_place_with_source`)."""
    return choose_event_place_with_source(sentence, trigger, doc, context_iso2)[0]


# Where an event's place came from: its own sentence, or (the sentence names none) the sentences before it or the
# document's focus. Coreference lets a telling of the second kind take the place its event's other tellings state.
SENTENCE, CONTEXT = "sentence", "context"


def choose_event_place_with_source(sentence: Span, trigger: Token | None, doc: Doc,
                                   context_iso2: Sequence[str] = ()) -> tuple[Place | None, str]:
    """The place where the trigger's event happened, and whether the sentence itself names it (SENTENCE) or it
    was inherited (CONTEXT).

    Every place mention of the sentence is resolved (candidate model) and weighed as the event's place (event
    model, `transforms.place_model`), except the place of who said it ("police in Puntland said"); failing any,
    the last place named earlier in the same paragraph (for a paragraph's first sentence, in the last sentence
    before it); failing that, the place of who said it; failing that, the document's focus: its main subdivision
    when one dominates, else its main country (precision 3). Returns None only when the document names no place
    at all.
    """
    focus = _focus_for(doc, context_iso2)
    placed = placed_mentions(sentence, focus)
    # "police in Somalia's Puntland region said": where the source sits, used only when nothing else says where
    told = [p for p in placed if not _in_speaker(doc[p[0].start])]
    if told:
        return _most_likely(told, trigger, doc, focus), SENTENCE
    earlier = _told_before(sentence, doc, focus)
    if earlier is not None:
        return earlier, CONTEXT
    if placed:
        return _most_likely(placed, trigger, doc, focus), SENTENCE
    return _dominant_place(doc, focus) or focus_place(focus), CONTEXT


def _most_likely(placed: list[tuple[Mention, Candidate | None, float, Place]], trigger: Token | None, doc: Doc,
                 focus: Focus) -> Place:
    """The placed mention the event model finds likeliest to be the event's place."""
    mentions = [m for m, *_ in placed]
    scored = [(place_model.probability("event", event_features(m, mentions, c, p, trigger, doc, focus)), -n, pl)
              for n, (m, c, p, pl) in enumerate(placed)]
    chosen = max(scored, key=lambda s: (s[0], s[1]))[2]
    if chosen.geo_precision == 3 and focus.country_list and chosen.iso2 == focus.country_list[0]:
        # "in Nigeria" in an article about Dapchi: the article's own town says more than its country
        return _dominant_place(doc, focus) or chosen
    return chosen


def _told_before(sentence: Span, doc: Doc, focus: Focus) -> Place | None:
    """The most precise place of the focus named in the last sentences of the paragraph before `sentence`; for a
    paragraph's first sentence, a town or subdivision named in the sentence just before it ("The group said its
    fighters overran the headquarters on the edge of the town": the town the lead named; a country named there
    says no more than the document's focus)."""
    para_start, _ = _paragraph_of(doc, sentence.start_char)
    previous = [s for s in doc.sents if para_start <= s.start_char < sentence.start_char]
    finest = 3  # within the paragraph a country will do
    if not previous:
        previous, finest = [s for s in doc.sents if s.end_char <= para_start][-1:], 2
    for sent in reversed(previous[-3:]):
        found = [pl for _m, _c, _p, pl in placed_mentions(sent, focus)
                 if (not focus.countries or pl.iso2 in focus.countries) and pl.geo_precision <= finest]
        if found:
            return min(found, key=lambda p: p.geo_precision)
    return None


_SPEECH_VERBS = place_words("speech_verbs")


def _in_speaker(tok: Token) -> bool:
    """Whether a word belongs to the phrase naming who said the sentence ("police in Puntland said", "a
    spokesman for the Kaduna state government said"): a place there says where the source sits."""
    while tok.head.i != tok.i:
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _SPEECH_VERBS:
            return True
        tok = tok.head
    return False


def _dominant_place(doc: Doc, focus: Focus) -> Place | None:
    """The document's most-mentioned town of its dominant subdivision (the subdivision itself when no town of
    it is named twice), when one subdivision holds at least half of the main country's place mentions."""
    key = ("places", "dominant", tuple(focus.country_list[:1]))
    if key in doc.user_data:
        return doc.user_data[key]
    place = None
    top = focus.top_admin1()
    countries = focus.country_list
    if top is not None and countries and top[0][0] == countries[0] and top[1] >= 0.5:
        place = main_place(doc, countries)
    doc.user_data[key] = place
    return place


def focus_place(focus: Focus) -> Place | None:
    """The place of an event the text does not locate: the document's dominant subdivision (precision 2), else
    its main country (precision 3)."""
    countries = focus.country_list
    if not countries or countries[0] not in _gazetteer().countries:
        return None
    top = focus.top_admin1()
    if top is not None and top[0][0] == countries[0] and top[1] >= 0.5 and top[0] in _gazetteer().admin1_names:
        return _admin1_place(top[0])
    return country_place(countries[0])


def main_place(doc: Doc, context_iso2: Sequence[str] = ()) -> Place | None:
    """The document's most talked-about place below country level, in its main country: its dominant
    subdivision's most-mentioned place (None when the document names none)."""
    focus = _focus_for(doc, context_iso2)
    top = focus.top_admin1()
    if top is None:
        return None
    best: dict[str, tuple[int, Place]] = {}
    for sent in doc.sents:
        for _m, cand, _p, place in placed_mentions(sent, focus):
            if cand is not None and (cand.iso2, cand.admin1) == top[0] and cand.kind != "country":
                count = best.get(place.location, (0, place))[0]
                best[place.location] = (count + 1, place)
    if not best or max(v[0] for v in best.values()) < 2:
        return _admin1_place(top[0]) if top[0] in _gazetteer().admin1_names else None
    return max(best.values(), key=lambda v: v[0])[1]
