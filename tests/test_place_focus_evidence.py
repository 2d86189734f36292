"""What may and may not say which country a document is about, and which town a name is: airport codes among a
town's alternate names ("PNG" is not Paranagua), a world city's spelling variant (Mombasa is also written
"Mambasa", the name of a town in Ituri), "Congo" alone, a name read through a direction word ("Eastern Samar"
is not Samara), an organisation's seat and a treaty's name, a force's name ("the Philippine army"). Sentences
written for these tests; found on fresh written articles (data/devsets/written_articles.jsonl, tune only)."""
from __future__ import annotations

import article_reports
from transforms.place_candidates import candidates_for, document_focus
from transforms.place_lookup import resolve_place

reports, first = article_reports.published_on("2024-09-24")  # the publication date the sentences below assume


def test_an_airport_code_is_no_town_but_a_country_code_is_the_country(nlp) -> None:  # noqa: ANN001
    assert resolve_place("MBA") is None  # Mombasa's airport code
    assert [(c.kind, c.iso2) for c in candidates_for("PNG")] == [("country", "PG")]
    assert resolve_place("GAO") is not None and resolve_place("GAO").country == "Mali"  # a town's own name
    r = first(nlp, "PNG soldiers clashed with tribal fighters near Tari in Hela province on Monday, killing two, "
                   "police said.")
    assert (r["location"], r["country"]) == ("Tari", "Papua New Guinea")


def test_a_world_city_spelt_like_a_town_does_not_hide_the_town(nlp) -> None:  # noqa: ANN001
    assert "CD" in {c.iso2 for c in candidates_for("Mambasa", ["CD"])}
    r = first(nlp, "Gunmen killed five farmers near Mambasa on Tuesday, the Ituri provincial governor said.")
    assert (r["location"], r["country"]) == ("Mambasa", "Democratic Republic of Congo")


def test_congo_alone_is_the_democratic_republic(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Rebels attacked a village in eastern Congo on Friday, killing 12 civilians, the army said.")
    assert r["country"] == "Democratic Republic of Congo"


def test_a_name_read_through_a_direction_word_stays_in_the_documents_country(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A landmine killed two soldiers in Northern Samar on Monday, the Philippine army said.")
    assert (r["location"], r["country"]) == ("Northern Samar", "Philippines")
    r = first(nlp, "Regime jets struck eastern Aleppo on Monday, killing 12 civilians.")  # the direction reading
    assert (r["location"], r["country"]) == ("Aleppo", "Syria")


def test_a_seat_abroad_and_a_treaty_name_say_nothing_of_where(nlp) -> None:  # noqa: ANN001
    doc = nlp("Communist rebels ambushed an army patrol near Catarman in the Philippines on Monday, killing two "
              "soldiers. The rebels' political wing, whose leaders are based in Utrecht in the Netherlands, did not "
              "comment. The army condemned the use of landmines, which are banned under the Ottawa treaty.")
    focus = document_focus(doc)
    assert focus.country_list[0] == "PH"
    assert "NL" not in focus.countries and "CA" not in focus.countries


def test_the_place_of_who_said_it_yields_to_the_place_of_the_event(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "An attacker threw a grenade into a shop in the port city of Bosaso on Saturday, killing one man, "
                   "police in Somalia's Puntland region said.")
    assert (r["location"], r["country"]) == ("Bosaso", "Somalia")
    r = first(nlp, "Gunmen killed three farmers on Sunday, police in Kaduna state said.")  # the only place named
    assert (r["admin1"], r["country"]) == ("Kaduna", "Nigeria")


def test_the_village_an_attack_was_on_is_the_place_even_unknown_to_the_gazetteer(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Gunmen on motorbikes killed nine villagers in an attack on Kandoukara in Niger's western "
                   "Tillaberi region on Sunday, a local official said.")
    assert (r["location"], r["admin1"], r["country"]) == ("Kandoukara", "Tillaberi", "Niger")
    group = first(nlp, "Israeli warplanes carried out an air strike on Hezbollah in southern Lebanon on Sunday.")
    assert group["location"] != "Hezbollah" and group["country"] == "Lebanon"  # a known group is no village
