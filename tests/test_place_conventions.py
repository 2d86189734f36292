"""ACLED's place conventions and the words that say which country holds a town (sentences written for these tests,
run through the real spaCy pipeline and the packaged gazetteer):
- ACLED's admin1 names where GeoNames writes another form ("Zaporizhia", "Hrodna", "Matrouh"), Uganda's districts
  as its admin1 and Shan State's parts ("Shan-North");
- a town's bracketed district ("Bunagana (Kisoro)") and a bracketed subdivision with "and" in its name
  ("(Poonch, Jammu and Kashmir)");
- a nationality before "town of" ("the eastern Chadian town of Adre") rules out namesakes abroad;
- a name that qualifies a tribe or clan ("Turi and Bangash tribesmen") is no town."""
from __future__ import annotations

from tests.test_coreference import events_of
from tests.test_places import _event_place
from transforms.place_lookup import resolve_place


def test_acled_admin1_names_replace_geonames_forms_which_stay_aliases() -> None:
    """An analyst joins the dataset with ACLED on admin1: these rows used GeoNames' forms."""
    assert resolve_place("Zaporizhzhia oblast", ["UA"]).admin1 == "Zaporizhia"
    assert resolve_place("Grodno region", ["BY"]).admin1 == "Hrodna"
    assert resolve_place("Mogilev region", ["BY"]).admin1 == "Mahilyow"
    assert resolve_place("Matruh governorate", ["EG"]).admin1 == "Matrouh"
    assert resolve_place("Mitrovica District", ["XK"]).admin1 == "Mitrovice"
    assert resolve_place("Autonomous Region in Muslim Mindanao", ["PH"]).admin1 == (
        "Bangsamoro Autonomous Region in Muslim Mindanao")
    assert resolve_place("Kharkiv oblast", ["UA"]).admin1 == "Kharkiv"  # unchanged where the names agree


def test_ugandas_admin1_is_its_district_and_shan_is_split(nlp) -> None:
    """ACLED codes Uganda by districts (GeoNames' first level is four regions) and Myanmar's Shan State by its
    northern, southern and eastern parts: the published event says so."""
    [event] = events_of(nlp, "Soldiers shot dead two men in Nansana, Wakiso district, on Friday.")
    assert (event["location"], event["admin1"], event["admin2"], event["country"]) == (
        "Nansana", "Wakiso", None, "Uganda")
    [event] = events_of(nlp, "Myanmar army jets bombed a village near Lashio on Sunday, killing five civilians.")
    assert (event["admin1"], event["country"]) == ("Shan-North", "Myanmar")
    [event] = events_of(nlp, "Soldiers shot dead two farmers near Taunggyi on Monday.")
    assert event["admin1"] == "Shan-South"
    # elsewhere admin1 stays the first level
    [event] = events_of(nlp, "Police fired tear gas at traders protesting in Eldoret on Monday.")
    assert (event["admin1"], event["country"]) == ("Uasin Gishu", "Kenya")


def test_a_region_level_telling_still_joins_the_towns_telling_in_uganda(nlp) -> None:
    """The tellings are compared at GeoNames' level (the region) before the event takes ACLED's (the district):
    a telling placed only in the article's region must still join the same event told in a town of it."""
    text = ("Police in Uganda's Eastern Region abducted the activist John Okello on Monday, his lawyer said. "
            "On Monday police abducted Okello from his home in Iganga and drove him away.")
    events = events_of(nlp, text, "2021-12-30")
    abductions = [e for e in events if e["sub_event_type"] == "Abduction/forced disappearance"]
    assert len(abductions) == 1 and abductions[0]["admin1"] == "Iganga", events


def test_a_bracketed_district_places_the_town_in_its_country(nlp) -> None:
    """"Bunagana (Kisoro)": there is a Bunagana on each side of the border; the district says Uganda's."""
    [event] = events_of(nlp, "On 13 June 2022, M23 rebels shelled Bunagana (Kisoro) from across the border, killing "
                        "two civilians.", "2022-06-14")
    assert (event["location"], event["admin1"], event["country"]) == ("Bunagana", "Kisoro", "Uganda")


def test_a_bracketed_subdivision_may_have_and_in_its_name(nlp) -> None:
    """"(Poonch, Jammu and Kashmir)" was read as two names, and the town went to Pakistan's Poonch."""
    place = _event_place(nlp, "On 7 May 2025, Pakistani troops shelled Poonch town (Poonch, Jammu and Kashmir) "
                         "with artillery, killing 12 civilians.", "shelled")
    assert (place.location, place.admin1, place.country) == ("Poonch", "Jammu and Kashmir", "India")


def test_a_nationality_before_town_of_rules_out_namesakes_abroad(nlp) -> None:
    text = ("Communist rebels burned two bulldozers at a road construction site in Gandara, in the central "
            "Philippine province of Samar, on Wednesday.")
    place = _event_place(nlp, text, "burned")
    assert place.country == "Philippines" and place.admin1 != "Samara"  # not Russia's Samara
    # who holds a town is not where it is
    place = _event_place(nlp, "Ukrainian forces shelled the Russian-held town of Nova Kakhovka on Monday.",
                         "shelled")
    assert (place.location, place.country) == ("Nova Kakhovka", "Ukraine")


def test_a_name_qualifying_tribesmen_is_no_town(nlp) -> None:
    """"Turi" (a Pakistani tribe) had matched Turi in Italy and pulled the whole note's focus there."""
    place = _event_place(nlp, "Clashes between Turi and Bangash tribesmen in Parachinar killed five people on "
                         "Monday.", "killed")
    assert (place.location, place.country) == ("Parachinar", "Pakistan")
    place = _event_place(nlp, "Fighting between Garre and Marehan clansmen near Beled Hawo killed four.", "killed")
    assert place.country == "Somalia"


def test_a_name_cut_at_its_particle_is_read_whole(nlp) -> None:
    """The entity model stops "Foz do Iguacu" at "Foz" and "Preah Vihear" at "Preah"; the gazetteer knows the
    whole name."""
    place = _event_place(nlp, "Federal police seized 43 assault rifles on a highway near Foz do Iguacu on Tuesday.",
                         "seized")
    assert (place.location, place.admin1, place.country) == ("Foz do Iguacu", "Parana", "Brazil")
    place = _event_place(nlp, "Gunmen shot dead an indigenous leader outside Caarapo, in Mato Grosso do Sul, on "
                         "Friday.", "shot")
    assert (place.location, place.admin1) == ("Caarapo", "Mato Grosso do Sul")
    place = _event_place(nlp, "Thai and Cambodian troops exchanged fire in Choam Ksan district of Cambodia's Preah "
                         "Vihear province on Wednesday.", "exchanged")
    assert (place.admin1, place.country) == ("Preah Vihear", "Cambodia")


def test_malawis_regions_are_named() -> None:
    """GeoNames' admin1 list lacked Malawi's regions although its towns carry their codes: admin1 was empty."""
    assert resolve_place("Blantyre", ["MW"]).admin1 == "Southern"
    assert resolve_place("Lilongwe", ["MW"]).admin1 == "Central"


def test_qaboun_is_a_quarter_of_damascus(nlp) -> None:
    """GeoNames lacks it; by its consonants "Qaboun" had matched Ayn al-Arab (Kobani), 400 km away in Aleppo."""
    place = _event_place(nlp, "Regime warplanes struck the Qaboun neighbourhood on Monday, killing four civilians, "
                         "activists said.", "struck")
    assert (place.admin1, place.country) == ("Damascus", "Syria")


def test_gaza_is_the_palestinian_city_in_an_article_about_israel(nlp) -> None:
    """GeoNames lists a "Gaza" sub-district in Israel's Southern District; an article naming Israel more than
    Gaza put the bombardment of Gaza there."""
    text = ("Israel said on Monday that Israel would press on. Israeli jets bombed Gaza on Monday, killing 12 people, "
            "Israel's army said.")
    place = _event_place(nlp, text, "bombed")
    assert (place.location, place.country) == ("Gaza", "Palestine")
