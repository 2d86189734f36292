"""Where a site, a quarter or a namesake lies: ACLED's location is the town (sentences written for these tests, run
through the real spaCy pipeline and the packaged gazetteer)."""
from __future__ import annotations

import pytest

from tests.test_places import _event_place as _place  # the event place of a one-sentence document
from transforms.place_candidates import sentence_mentions
from transforms.places import choose_event_place, document_countries


def _place_in_article(nlp, text: str, trigger: str, after: int = 0):
    """The event place of the first `trigger` word at or after character `after`, read in its whole article."""
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger and t.idx >= after)
    return choose_event_place(token.sent, token, doc, document_countries(doc))


def _where(place) -> tuple:
    return (place.location, place.admin1, place.country, place.geo_precision) if place is not None else None


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a building or a square the gazetteer lacks, inside a named town
    ("Gunmen opened fire on worshippers outside the Al-Nour mosque in Kirkuk on Friday, killing three.", "opened",
     ("Kirkuk", "Kirkuk", "Iraq", 2)),  # "outside" it: precision 2
    ("Thousands of teachers rallied in Independence Square in Bishkek on Monday to demand higher pay.", "rallied",
     ("Bishkek", "Bishkek", "Kyrgyzstan", 1)),
    # a quarter named with its town's possessive, whose name is also a town elsewhere
    ("A drone hit a block of flats in Odesa's Kyivskyi district overnight, wounding five people.", "hit",
     ("Odesa", "Odesa", "Ukraine", 1)),
    # "the X neighbourhood of Y"
    ("Police said a grenade was thrown into a shop in the Kawangware neighbourhood of Nairobi on Sunday.", "thrown",
     ("Nairobi", "Nairobi", "Kenya", 1)),
])
def test_a_site_or_quarter_of_a_named_town_is_coded_to_the_town(nlp, text: str, trigger: str, expected) -> None:
    assert _where(_place(nlp, text, trigger)) == expected


def test_a_site_beside_a_town_is_coded_to_it_at_precision_2_but_a_camp_keeps_its_name(nlp) -> None:
    """Codebook: "near" a town is coded to the town at precision 2; a camp is a settlement of its own."""
    place = _place(nlp, "Farmers blocked the Nyakasanga bridge near Kasese with tractors on Tuesday.", "blocked")
    assert (place.location, place.country, place.geo_precision) == ("Kasese", "Uganda", 2)
    place = _place(nlp, "Militiamen shelled Kalma IDP camp east of Nyala on Thursday, killing four residents.",
                   "shelled")
    assert (place.location, place.country) == ("Kalma", "Sudan")


def test_a_village_in_a_town_named_subdivision_keeps_its_own_name(nlp) -> None:
    """"the village of X in Idlib": Idlib is the governorate here; the village is the location."""
    place = _place(nlp, "Rebels attacked the village of Kafr Nabl in Idlib, killing two civilians.", "attacked")
    assert (place.location, place.admin1, place.country) == ("Kafr Nabl", "Idleb", "Syria")


def test_a_world_city_is_not_a_hamlet_of_a_country_named_only_by_its_adjectives(nlp) -> None:
    """"Iran-backed" makes Iran the only named country; a town of 1,800 in Iran is still no reading of Baghdad."""
    place = _place(nlp, "Iran-backed militiamen fired rockets at the U.S. embassy in Baghdad on Sunday.", "fired")
    assert (place.location, place.country) == ("Baghdad", "Iraq")


def test_a_smaller_namesake_in_the_documents_country_still_wins_below_a_world_city(nlp) -> None:
    """Lebanon's Tripoli is a fifth of Libya's: in a Lebanese article it stays Lebanon's."""
    place = _place(nlp, "Lebanese soldiers clashed with gunmen in Tripoli on Monday, the Lebanese army said.",
                   "clashed")
    assert (place.location, place.country) == ("Tripoli", "Lebanon")


def test_a_site_named_after_its_town_is_the_town(nlp) -> None:
    """"Kandahar airport" is in Kandahar; "Chatham House" is no town's house."""
    place = _place(nlp, "Insurgents fired rockets at Kandahar airport on Wednesday night.", "fired")
    assert (place.location, place.country) == ("Kandahar", "Afghanistan")


def test_a_name_before_its_subdivisions_in_brackets_is_kept_whatever_introduces_it(nlp) -> None:
    """The ACLED way: "surrounded X (Admin2, Admin1)" names the town even without a locative preposition."""
    place = _place(nlp, "On 4 May 2024, JNIM militants surrounded Toroli Bagui (Koro, Mopti) and killed 12 "
                        "villagers.", "surrounded")
    assert (place.location, place.admin1, place.country) == ("Toroli Bagui", "Mopti", "Mali")


def test_an_appositive_says_a_name_is_a_town(nlp) -> None:
    """"X, capital of Y state": the appositive says X is a town even where the parser made X a subject."""
    place = _place(nlp, "The army said it had recaptured Wad Madani, capital of Al Jazirah state, from the "
                        "paramilitary Rapid Support Forces.", "recaptured")
    assert (place.location, place.admin1, place.country) == ("Wad Madani", "Al Jazirah", "Sudan")


def test_the_word_that_says_a_settlements_kind_is_not_part_of_its_name(nlp) -> None:
    place = _place(nlp, "Soldiers burned houses in Thayetchaung village in Sagaing region on Friday.", "burned")
    assert place.location == "Thayetchaung" and place.admin1 == "Sagaing"
    place = _place(nlp, "Police arrested two activists in Quezon City on Friday.", "arrested")
    assert place.location == "Quezon City"


def test_a_comma_and_a_new_phrase_do_not_make_a_container(nlp) -> None:
    """"the bombardment of Gaza, chanting slogans against Israel": Israel is not where Gaza lies."""
    doc = nlp("Crowds in Sanaa denounced the bombardment of Gaza, chanting slogans against Israel.")
    mentions = sentence_mentions(doc[:])
    gaza = next(m for m in mentions if m.text == "Gaza")
    assert gaza.container is None


def test_a_quarter_named_without_its_town_lies_in_the_subdivision_the_article_is_about(nlp) -> None:
    """"al-Sulimaniah neighborhood in the city", in an article about Aleppo: the gazetteer's al-Sulimaniah is a
    village in Idlib, which only shares the quarter's name."""
    lead = ("Rebel shells killed five people in Aleppo city on Monday, state media said. The shells hit residential "
            "neighbourhoods in western Aleppo. ")
    told = "Two other people were wounded when a rocket shell hit al-Sulimaniah neighborhood in the city."
    place = _place_in_article(nlp, lead + told, "hit", after=len(lead))
    assert (place.location, place.admin1, place.country) == ("al-Sulimaniah", "Aleppo", "Syria")


def test_a_headline_capitalising_a_word_the_article_writes_in_lower_case_names_no_place(nlp) -> None:
    """Gazetteers hold villages called "Country"; a title-cased headline is no evidence of a name when the
    article itself writes the word in lower case."""
    headline = "More than 100 Terrorists Killed in Syrian Army Operations across Country.\n"
    lower = nlp(headline + "More than 100 militants have been killed in two days of operations across the country, "
                           "state media said.")
    assert "Country" not in [m.text for m in sentence_mentions(next(lower.sents))]
    # without the article's own lower-case use, the capital is not discounted
    alone = nlp(headline + "More than 100 militants have been killed in two days of operations, state media said.")
    assert "Country" in [m.text for m in sentence_mentions(next(alone.sents))]


def test_compass_and_event_words_capitalised_by_a_headline_name_no_unknown_place(nlp) -> None:
    """"Killed in Syrian and Russian Airstrikes on ISIS Training Camp in Homs" had the location "Airstrikes", and
    "... are located Southeast of the city of Al Salamiyah" the location "Southeast"."""
    place = _place(nlp, "70 Killed in Syrian and Russian Airstrikes on ISIS Training Camp in Homs.", "killed")
    assert (place.location, place.admin1) == ("Homs", "Homs")
    text = ("The villages, which Islamic State fighters failed to capture on Monday, are located Southeast of the "
            "city of Al Salamiyah in Hama province.")
    assert _place(nlp, text, "capture").location != "Southeast"
    # a name the gazetteer lacks, introduced as a place, is still kept
    place = _place(nlp, "Regime warplanes struck Tell Dahab Saghir village in Hama countryside on Monday.", "struck")
    assert (place.location, place.admin1) == ("Tell Dahab Saghir", "Hama")


def test_a_town_found_only_by_its_consonants_is_believed_only_in_the_documents_country(nlp) -> None:
    """"the camp Taloul" in an article about Homs matched Tula, Russia, by its consonants (t-l) and the
    article's Russian airstrikes put the event in Russia."""
    text = ("Syrian and Russian jets struck an Islamic State training camp in eastern Homs on Wednesday. A large "
            "number of militants had been trained in the camp Taloul and were killed in the strikes.")
    place = _place_in_article(nlp, text, "killed")
    assert place.country == "Syria"
    assert (place.location, place.admin1) == ("Taloul", "Homs")


def test_a_town_said_to_lie_beside_a_town_is_no_namesake_far_away(nlp) -> None:
    """"the region of Al-Quriyah southeast of Deir Ezzor city": the gazetteer's Qarah lies near Damascus, 400 km
    away; "southeast of" (not only "south of") links the two names."""
    text = ("Three air raids on the region of Al-Quriyah southeast of Deir Ezzor city killed 58 civilians, the "
            "Syrian Observatory for Human Rights said.")
    mentions = sentence_mentions(next(nlp(text).sents))
    quriyah = next(m for m in mentions if "Quriyah" in m.text)
    assert quriyah.container is not None and quriyah.beside
    place = _place(nlp, text, "killed")
    assert (place.admin1, place.country) == ("Deir ez-Zor", "Syria")


def test_a_name_placed_once_by_its_words_is_that_place_wherever_the_article_writes_it_bare(nlp) -> None:
    """One name, one place per article: "Al-Quriyah southeast of Deir Ezzor city" places the town; the bare "Al
    Quriyah" of the sentence before had matched Qarah, a namesake near Damascus."""
    text = ("The death toll from Russian and Syrian strikes in the opposition-held city of Al Quriyah has risen to "
            "82 people, the Syrian Observatory for Human Rights said on Sunday. \"Three air raids on the region of "
            "Al-Quriyah southeast of Deir Ezzor city killed 58 civilians,\" the Observatory said.")
    place = _place_in_article(nlp, text, "strikes")
    assert (place.admin1, place.country) == ("Deir ez-Zor", "Syria")


def test_a_district_of_a_town_is_not_read_as_holding_the_town(nlp) -> None:
    """"the Salhiya district of Hasakeh" made each name the container of the other."""
    doc = nlp("The attacks targeted the Kurdish-held Salhiya district of Hasakeh on Sunday.")
    mentions = sentence_mentions(next(doc.sents))
    salhiya, hasakeh = (next(m for m in mentions if name in m.text) for name in ("Salhiya", "Hasakeh"))
    assert mentions[salhiya.container] is hasakeh
    assert hasakeh.container is None
    # and the other order: "the south Baghdad neighbourhood of Al-Bayaa" is a quarter of Baghdad
    mentions = sentence_mentions(next(nlp("In the south Baghdad neighbourhood of Al-Bayaa, a roadside bomb killed "
                                          "one civilian.").sents))
    baghdad, bayaa = (next(m for m in mentions if name in m.text) for name in ("Baghdad", "Bayaa"))
    assert mentions[bayaa.container] is baghdad
    assert baghdad.container is None
    # a subdivision holds a town: "Alwar district of Rajasthan"
    mentions = sentence_mentions(next(nlp("A man was beaten to death by a mob in Alwar district of Rajasthan on "
                                          "Monday.").sents))
    alwar, rajasthan = (next(m for m in mentions if name in m.text) for name in ("Alwar", "Rajasthan"))
    assert mentions[alwar.container] is rajasthan
    assert rajasthan.container is None



def test_a_quarter_the_gazetteer_lacks_told_after_its_town_keeps_its_name_in_the_towns_subdivision(nlp) -> None:
    """"the Conakry suburb of Ratoma": Ratoma lies inside Conakry (not each inside the other), so the event is in
    Ratoma, in Conakry's subdivision; event_location_gold marks the quarter itself ("the south Baghdad neighbourhood
    of Al-Bayaa"), which is why the quarter keeps its name."""
    place = _place(nlp, "Gendarmes fired on a peaceful march in the Conakry suburb of Ratoma on Tuesday, killing a "
                        "17-year-old.", "fired")
    assert (place.location, place.admin1, place.country) == ("Ratoma", "Conakry", "Guinea")
