"""Place resolution on real news sentences (seeds, dev-set style), with the real spaCy pipeline."""
from __future__ import annotations


import pytest

from transforms.places import (
    Place,
    choose_event_place,
    country_of,
    country_place,
    document_countries,
    name_key,
    resolve_place,
)


def _trigger(doc, word: str):
    return next(t for t in doc if t.lower_ == word)


def test_gazetteer_loads_from_packaged_data() -> None:
    """The embedded gazetteer holds the towns the dev corpora need, with no network (timing is benchmarked)."""
    from transforms.places import _gazetteer

    _gazetteer.cache_clear()
    gaz = _gazetteer()
    assert {"SY", "IQ", "UA"} <= set(gaz.countries)
    assert len(gaz.cities) > 40000


@pytest.mark.parametrize(
    ("word", "iso2"),
    [("Syrian", "SY"), ("Iraq", "IQ"), ("U.S.", "US"), ("US", "US"), ("the United States", "US"),
     ("Russian-backed", "RU"), ("Britain", "GB"), ("DRC", "CD"), ("Burmese", "MM")],
)
def test_country_of_names_and_adjectives(word: str, iso2: str) -> None:
    assert country_of(word) == iso2


@pytest.mark.parametrize("word", ["us", "Aleppo", "Reuters", ""])
def test_country_of_rejects_non_countries(word: str) -> None:
    assert country_of(word) is None


def test_country_place_is_coded_to_the_capital_with_precision_3() -> None:
    place = country_place("SY")
    assert (place.country, place.iso, place.region, place.geo_precision) == ("Syria", 760, "Middle East", 3)
    assert place.latitude == pytest.approx(33.51, abs=0.05)  # Damascus
    assert country_place("US").iso == 840 and country_place("US").region == "North America"


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Aleppo", "Aleppo"), ("Idlib", "Idleb"), ("Deir Ezzor", "Deir-ez-Zor"), ("Deir al-Zour", "Deir-ez-Zor"),
     ("Hasakah", "Al-Hasakeh"), ("Daraa", "Dara"), ("Raqqa", "Ar-Raqqa"), ("Tartus", "Tartous"),
     ("Kafranbel", "Idleb"), ("Douma", "Rural Damascus"), ("Sweida", "As-Sweida"), ("Eastern Ghouta", "Rural Damascus")],
)
def test_syrian_spellings_resolve_to_acled_governorates(name: str, admin1: str) -> None:
    place = resolve_place(name, ["SY"])
    assert place is not None and place.country == "Syria" and place.admin1 == admin1


def test_same_named_town_is_disambiguated_by_document_country() -> None:
    assert resolve_place("Tripoli").country == "Libya"  # the bigger one without context
    lebanon = resolve_place("Tripoli", ["LB"])
    assert lebanon.country == "Lebanon" and lebanon.iso == 422


def test_province_mention_is_precision_2_and_common_words_are_not_places() -> None:
    province = resolve_place("Idlib province", ["SY"])
    assert (province.location, province.admin1, province.geo_precision) == ("Idleb", "Idleb", 2)
    assert resolve_place("the Gulf") is None
    assert resolve_place("Middle East") is None


def test_event_in_latakia(nlp) -> None:
    doc = nlp("Russia has been reinforcing its military presence in Syria, by deploying troops in Latakia.")
    sentence = next(doc.sents)
    place = choose_event_place(sentence, _trigger(doc, "deploying"), doc)
    assert isinstance(place, Place)
    assert (place.location, place.admin1, place.country, place.iso, place.geo_precision) == (
        "Latakia", "Lattakia", "Syria", 760, 1)


def test_government_speaking_is_not_the_place(nlp) -> None:
    doc = nlp("Washington said on Monday that an air strike killed 12 civilians in Raqqa.")
    place = choose_event_place(next(doc.sents), _trigger(doc, "killed"), doc)
    assert place is not None and place.location == "Raqqa" and place.country == "Syria"
    doc = nlp("Moscow warned that the talks would fail.")
    assert choose_event_place(next(doc.sents), _trigger(doc, "warned"), doc) is None


def test_near_a_town_is_precision_2(nlp) -> None:
    doc = nlp("Noor Jehan was shot five times and left for dead in a ditch on the outskirts of Karachi on April 18.")
    place = choose_event_place(next(doc.sents), _trigger(doc, "shot"), doc)
    assert place is not None and place.location == "Karachi" and place.country == "Pakistan"
    assert place.geo_precision == 2


def test_country_only_is_precision_3_at_the_capital(nlp) -> None:
    doc = nlp("Sassi was captured during the U.S.-led offensive in Afghanistan.")
    place = choose_event_place(next(doc.sents), _trigger(doc, "captured"), doc)
    assert place is not None and place.country == "Afghanistan" and place.geo_precision == 3
    assert place.latitude == pytest.approx(34.53, abs=0.1)  # Kabul


def test_place_from_previous_sentence_of_the_paragraph(nlp) -> None:
    doc = nlp("Government forces shelled the town of Saraqeb in Idlib province on Monday. "
              "At least seven civilians were killed, a monitor said.")
    sentences = list(doc.sents)
    place = choose_event_place(sentences[-1], _trigger(doc, "killed"), doc)
    assert place is not None and place.admin1 == "Idleb"


def test_document_countries_rank_the_place_of_events_over_foreign_actors(nlp) -> None:
    doc = nlp("Russian air strikes killed 12 civilians in Syria's Idlib on Tuesday, the Syrian Observatory said. "
              "US officials condemned the raids. The strikes hit a market in Maaret al-Numan in Syria.")
    assert document_countries(doc)[0] == "SY"


def test_name_key_folds_transliteration() -> None:
    assert name_key("Dar'ā") == name_key("Dar'a") == "dara"
    assert name_key("Al-Bab") == name_key("Bab")
    assert name_key("Maarat an-Numan") == name_key("Maarat al-Numan")
