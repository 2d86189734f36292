"""A country's capital said without its name: "the Syrian capital", "Syria's capital", "the capital of Syria", and
in an article about one country, "the capital".

Wires name the capital once and then say "the capital"; ACLED codes such an event at the capital itself. Without
this reading the event kept only its country (or took a place from another sentence). A capital that is named
("the capital Damascus", "Damascus, the Syrian capital") is read from its name, not from here; a capital of
something else ("the provincial capital", "the commercial capital", "capital punishment") is no country's
capital.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms import gazetteer as G
from transforms import place_lookup as L
from transforms import place_text as T

# The nouns that name a country's seat of government, and the only modifiers that keep that meaning ("the national
# capital"); any other modifier makes it another kind of capital ("provincial", "commercial", "rebel").
CAPITAL_WORDS = G.place_words("capital_words")
CAPITAL_MODIFIERS = G.place_words("capital_modifiers")
# Possessors that stand for the country the article is about ("the country's capital").
CAPITAL_OWNER_NOUNS = G.place_words("capital_owner_nouns")


@dataclass(frozen=True)
class CapitalPhrase:
    """Tokens [start, end) that say a country's capital, the capital's name and the country (ISO2)."""

    start: int
    end: int
    name: str
    iso2: str


def _document_country(doc: Doc) -> str | None:
    """The country a document is most about (cached on the Doc): the country of a bare "the capital". Read from
    `place_text._document_country_scores`, not from `document_countries`/`document_focus`: the focus is built from
    the sentence mentions this module feeds, so asking it here would recurse."""
    key = ("places", "capital_country")
    if key not in doc.user_data:
        scores = T._document_country_scores(doc)
        doc.user_data[key] = max(scores, key=lambda c: scores[c]) if scores else None
    return doc.user_data[key]


def _after(doc: Doc, i: int, end: int) -> tuple[bool, str | None, int]:
    """What follows the capital word at `i`: (a name is given, the country of an "of <country>" tail, the end of
    the phrase)."""
    j = i + 1
    if j < end and doc[j].lower_ == "city":  # "the capital city of Syria"
        j += 1
    if j < end and doc[j].lower_ == "of" and j + 1 < end:
        for width in (1, 2):  # "of Syria", "of the Philippines"
            if j + 1 + width <= end and (country := L.country_of(doc[j + 1:j + 1 + width].text)):
                return False, country, j + 1 + width
        return doc[j + 1].pos_ == "PROPN", None, j
    if j < end and doc[j].text == "," and j + 1 < end:
        return doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_title, None, j
    return j < end and doc[j].pos_ == "PROPN" and doc[j].is_title, None, j


def _name_end(doc: Doc, j: int, end: int, capital: str) -> int | None:
    """The end of the capital's own name written right after the phrase ("the Syrian capital Damascus"), or None
    when the name there is another place's ("the capital Naypyidaw" of a country whose table says Yangon)."""
    k = j
    while k < end and doc[k].pos_ == "PROPN" and doc[k].is_title:
        k += 1
    return k if k > j and G.name_key(G.fold(doc[j:k].text)) == G.name_key(G.fold(capital)) else None


def _named_before(doc: Doc, start: int, tok: Token) -> bool:
    """A name the phrase stands beside: "Damascus, the Syrian capital" (an apposition of a proper name)."""
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        return True
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN"


def capital_phrases(span: Span) -> list[CapitalPhrase]:
    """The capitals a span says without naming them, each with the tokens that say it."""
    doc = span.doc
    out = []
    for tok in span:
        if tok.lower_ not in CAPITAL_WORDS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ == "compound" and tok.head.lower_ != "city":  # "capital punishment", "capital flight"
            continue
        country: str | None = None
        i = tok.i - 1
        while i >= span.start and doc[i].lower_ not in ("the", "'s", "’s"):
            iso2 = L.country_of(doc[i].text)
            if iso2 is not None and country is None:
                country = iso2
            elif doc[i].lower_ not in CAPITAL_MODIFIERS:
                break
            i -= 1
        if i < span.start:
            continue
        if doc[i].lower_ in ("'s", "’s"):  # "Syria's capital"
            before = doc[i - 1] if i - 1 >= span.start else None
            owner = None if before is None else (
                _document_country(doc) if before.lower_ in CAPITAL_OWNER_NOUNS else L.country_of(before.text))
            if owner is None or country not in (None, owner):
                continue
            country, start = owner, i - 1
        elif doc[i].lower_ == "the":
            start = i
        else:
            continue
        named, of_country, end = _after(doc, tok.i, span.end)
        if _named_before(doc, start, tok) or (of_country and country and of_country != country):
            continue
        country = country or of_country or _document_country(doc)
        record = G._gazetteer().countries.get(country) if country else None
        if record is None or not record.capital:
            continue
        if named:  # the phrase takes the capital's name along (the parser may have made the name a subject)
            name_end = _name_end(doc, end, span.end, record.capital)
            if name_end is None:
                continue
            end = name_end
        out.append(CapitalPhrase(start, end, record.capital, country))
    return out
