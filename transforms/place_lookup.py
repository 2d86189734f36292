"""One place name to a `Place`: countries, towns and first-level subdivisions in the gazetteer.

Why a module of its own: resolving a bare name (`resolve_place`, `country_of`, `country_place`) needs no parsed
text, and everything that reads text builds on it (`transforms.place_text`, `transforms.place_candidates`,
`transforms.event_place`). `Place` is the record every place module returns, in the columns ACLED exports.
"""
from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from transforms.gazetteer import (DATA, _GENERIC_PREFIX, _GENERIC_SUFFIX, _ascii, _City, _gazetteer, fold,
                                  name_key, place_words, skeleton)


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


# A city this big whose own name is the mention is what the name means, wherever the document is: a namesake a
# hundredth its size is no reading of it, even inside the document's countries ("Baghdad" in an article about
# "Iran-backed" militias is not Iran's hamlet of 1,800; "Tripoli" in Lebanon stays Lebanon's, a fifth of Libya's).
WORLD_CITY_POPULATION = 1_000_000
WORLD_CITY_NAMESAKE_SHARE = 0.01


def without_world_city_namesakes(populations: Sequence[int], own_name: Sequence[bool]) -> list[bool]:
    """Which of a name's town readings to keep: all, unless one bearing the name as its own is a world city, in
    which case the namesakes under a hundredth of its size go."""
    world = max((p for p, own in zip(populations, own_name) if own), default=0)
    if world < WORLD_CITY_POPULATION:
        return [True] * len(populations)
    return [p >= world * WORLD_CITY_NAMESAKE_SHARE for p in populations]


def _best_city(key: str, context_iso2: Sequence[str]) -> int | None:
    variants = key_variants(key)
    candidates = list(dict.fromkeys(i for k in variants for i in _gazetteer().city_keys.get(k, [])[:60]))
    if not candidates:
        return None
    cities = _gazetteer().cities
    keep = without_world_city_namesakes([cities[i].population for i in candidates],
                                        [name_key(cities[i].name) in variants for i in candidates])
    candidates = [i for i, k in zip(candidates, keep) if k]
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


@lru_cache(maxsize=1)
def _admin1_parts() -> dict[tuple[int, str, str], str]:
    """(ISO numeric, admin1 name, district) -> ACLED's name of the part of the subdivision the district lies in
    ("Shan-North"): `places_admin1_parts.csv`."""
    gaz = _gazetteer()
    with open(DATA / "places_admin1_parts.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {(gaz.countries[r["iso2"]].isonumeric, gaz.admin1_names[(r["iso2"], r["admin1_code"])], r["admin2"]):
            r["acled_admin1"] for r in rows}


@lru_cache(maxsize=1)
def _district_admin1_isos() -> frozenset[int]:
    """ISO numeric codes of the countries ACLED codes by district (`district_admin1_countries`): Uganda, where
    GeoNames' first level is four regions."""
    by_district = place_words("district_admin1_countries")
    return frozenset(c.isonumeric for iso2, c in _gazetteer().countries.items() if iso2.lower() in by_district)


def acled_admin_levels(report: dict) -> dict:
    """An event's place columns at ACLED's levels: Uganda's admin1 is the district, Myanmar's Shan State is
    Shan-North/-South/-East by district. Applied to the events `merge` writes: reports and the clusters built
    from them keep GeoNames' first level, which is what the rules that compare places (is a region-level telling
    the same event as a town's?) read."""
    iso, admin2 = report.get("iso"), report.get("admin2")
    if not admin2:
        return report
    if iso in _district_admin1_isos():
        return {**report, "admin1": admin2, "admin2": None}
    part = _admin1_parts().get((iso, report.get("admin1"), admin2))
    return {**report, "admin1": part} if part else report


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
    location = _as_written(mention) or _ascii(city.name)
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


def _as_written(mention: str) -> str:
    """The town's name as the article spells it, in the case a table shows it: a dateline's or headline's capitals
    ("KHAN SHEIKHUN Syria") are title-cased, as the dateline reader does, so that the same town told twice is one
    location and not two."""
    name = _clean_mention(mention)
    return name.title() if name.isupper() and len(name) > 3 else name


def _clean_mention(text: str) -> str:
    """The name a mention gives: no leading article, possessive or trailing punctuation, and nothing after an
    opening bracket the entity span swallowed without its close ("Ganja (Ganja": the town, then its
    subdivision)."""
    if "(" in text and ")" not in text:
        text = text.split("(", 1)[0]
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


def possessor_country(mention: str) -> tuple[str | None, str]:
    """The country a mention's first word names as owner of the rest, and that rest: "Syria's Idlib" and "Syrias
    Aleppo" (apostrophe lost in scraping) -> (SY, "Idlib"). None where there is none, where the rest is only an
    admin word ("Niger State" is a subdivision's name, not Niger's "State") or where the whole is a name of its own
    that begins with a nationality ("British Columbia", "Indian Wells")."""
    head, _, rest = mention.partition(" ")
    if not rest or _ADMIN_WORDS.fullmatch(rest):
        return None, rest
    owner = country_of(re.sub(r"(?:'s|’s|s|')$", "", head))
    if owner is None:
        return None, rest
    gaz = _gazetteer()
    whole = name_key(mention)
    return (None if whole in gaz.admin1_keys or whole in gaz.city_keys else owner), rest


_ACRONYM = re.compile(r"[A-Z]{2,4}")


def is_acronym(text: str) -> bool:
    """Whether a name is written as two to four capitals ("PNG", "MBA"). GeoNames lists airport codes among a
    town's alternate names (Paranagua's "PNG", Mombasa's "MBA"), so such a mention may match a town only by the
    town's own name ("GAO, Mali" is Gao): "PNG army" is Papua New Guinea's, not a Brazilian port's."""
    return bool(_ACRONYM.fullmatch(text.strip()))


def own_name(index: int, key: str) -> bool:
    """Whether the town's own name (not one of its alternate names) is the key or a spelling variant of it."""
    return name_key(_gazetteer().cities[index].name) in key_variants(key)


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
    owner, rest = possessor_country(mention)
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
    acronym = is_acronym(mention)
    if acronym and city is not None and not own_name(city, key):
        city = None
    admins = gaz.admin1_keys.get(key, [])
    if city is None and not admins and not acronym:
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
