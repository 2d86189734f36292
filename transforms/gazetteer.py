"""The gazetteer: the place data files, read once per process, and the name keys they are looked up by.

Why a module of its own: every other place module reads these tables (`_gazetteer`), and the town keys stored in
gazetteer_cities.csv.gz are made by `name_key` here (scripts/build_gazetteer.py imports it), so the keys used at
build time and at run time stay one definition. It also loads the place rules' word lists (`place_words`). What
each data file holds is listed in `transforms.places`; looking a name up is `transforms.place_lookup`.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _place_word_lists() -> dict[str, list[str]]:
    with open(DATA / "places_words.json", encoding="utf-8") as f:
        return json.load(f)


def place_words(name: str) -> frozenset[str]:
    """One word list of the place rules (`transforms/data/places_words.json`): rules as data a user can read and
    extend; what each list is for is said where it is used."""
    return frozenset(_place_word_lists()[name])


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
                # Arabic names end "-ah" or "-a" as the writer transliterates: "Shabwah" is also "Shabwa"
                for k in {key, key[:-1]} if key.endswith("ah") and len(key) > 5 else {key}:
                    if k and code not in admin1_keys[k]:
                        admin1_keys[k].append(code)
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
