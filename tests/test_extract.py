"""Assembling reports from real sentences: sides, generic actors, places and dates together."""
from __future__ import annotations

from datetime import date

import article_reports

reports, _ = article_reports.published_on("2016-11-21")  # the publication date the sentences below assume


def test_unnamed_perpetrator_is_an_unidentified_armed_group_of_the_event_country(nlp) -> None:
    [r] = [r for r in reports(nlp, "At least 19 people were killed overnight due to heavy shelling in the Syrian "
                                   "city of Aleppo.") if r["event_type"] == "Explosions/Remote violence"]
    assert r["actor1"] == "Unidentified Armed Group (Syria)"
    assert r["inter1"] == "Political militia"
    assert (r["location"], r["country"], r["fatalities"]) == ("Aleppo", "Syria", 19)
    assert r["event_date"] == date(2016, 11, 21)


def test_victims_of_violence_against_civilians_are_civilians_of_that_country(nlp) -> None:
    rs = reports(nlp, "Gunmen shot dead five villagers in Kafranbel in Idlib province on Monday.")
    vac = [r for r in rs if r["event_type"] == "Violence against civilians"]
    assert vac and vac[0]["actor2"] == "Civilians (Syria)"
    assert vac[0]["civilian_targeting"] is True
    assert vac[0]["event_date"] == date(2016, 11, 21)  # published on a Monday


def test_strategic_development_without_an_actor_is_not_given_one(nlp) -> None:
    rs = reports(nlp, "A ceasefire was agreed in Aleppo on Sunday.")
    assert [(r["sub_event_type"], r["actor1"], r["location"]) for r in rs] == [("Agreement", None, "Aleppo")]


def test_actor_tables_are_compiled_into_the_pipeline(nlp) -> None:
    """The entity ruler built from the actor tables tags actors the statistical NER misses or calls places."""
    doc = nlp("Nasrallah said Hezbollah and the IRGC would respond.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("IRGC", "ORG", "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps") in ents
    assert any(text == "Nasrallah" and label == "PERSON" for text, label, _ in ents)
    assert "actor_ruler" in nlp.pipe_names and nlp.pipe_names.index("actor_ruler") < nlp.pipe_names.index("ner")


def test_shelling_that_killed_civilians_stays_shelling_and_targets_civilians(nlp) -> None:
    [r] = reports(nlp, "Government artillery shelled a residential district of Idlib on Monday, killing four children.")
    assert (r["event_type"], r["sub_event_type"]) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert r["civilian_targeting"] is True
    assert r["actor2"] == "Civilians (Syria)"
    assert r["fatalities"] == 4


def test_an_air_strike_on_a_school_is_an_air_strike_with_civilian_targeting(nlp) -> None:
    [r] = reports(nlp, "Two children were killed when regime warplanes bombed a school in Saraqib on Monday.")
    assert r["sub_event_type"] == "Air/drone strike"
    assert r["civilian_targeting"] is True


def test_soldiers_killing_a_named_armed_group_is_an_armed_clash(nlp) -> None:
    """No combatant noun in the text ("members"), but the victims resolve to an armed group."""
    [r] = reports(nlp, "The army killed 12 Nusra Front members in Idlib province on Monday.")
    assert r["sub_event_type"] == "Armed clash"
    assert r["civilian_targeting"] is False


def test_villagers_killed_by_gunmen_stay_violence_against_civilians(nlp) -> None:
    [r] = reports(nlp, "Gunmen shot dead five villagers in Kafranbel in Idlib province on Monday.")
    assert r["sub_event_type"] == "Attack"


def test_territory_taken_by_a_foreign_army_is_non_state_overtakes(nlp) -> None:
    [foreign] = reports(nlp, "Russian troops captured the Syrian town of Palmyra from Islamic State fighters on "
                             "Sunday.")
    [own] = reports(nlp, "Syrian troops captured the town of Palmyra from Islamic State fighters on Sunday.")
    assert foreign["sub_event_type"] == "Non-state actor overtakes territory"
    assert own["sub_event_type"] == "Government regains territory"


def test_an_armed_groups_arrest_is_an_abduction(nlp) -> None:
    [r] = reports(nlp, "HTS fighters arrested a journalist in Idlib on Monday.")
    assert r["sub_event_type"] == "Abduction/forced disappearance"
    assert r["actor1"] == "HTS: Hayat Tahrir al Sham"


def test_an_arrest_without_a_named_arrester_is_coded_to_the_police(nlp) -> None:
    [r] = reports(nlp, "A journalist was arrested in Kampala on Monday.")
    assert r["sub_event_type"] == "Arrests"
    assert r["actor1"].startswith("Police Forces of Uganda")


def test_the_arrested_are_never_made_the_arresting_side(nlp) -> None:
    [r] = reports(nlp, "Five militants were arrested in Kano on Friday.")
    assert r["sub_event_type"] == "Arrests"
    assert r["actor1"].startswith("Police Forces of Nigeria")
    assert not r["actor2"].startswith("Police")


def test_a_town_the_tagger_called_a_group_is_still_taken_territory(nlp) -> None:
    """"captured Sievierodonetsk (Luhansk)": the tagger reads the town and its bracket as an organisation; the
    capture is still territory taken, by the subject, from the side fought with."""
    rs = reports(nlp, "On 25 June 2022, Russian troops captured Sievierodonetsk (Luhansk) after weeks of street "
                      "fighting with Ukrainian forces.", published="2022-06-26")
    assert [(r["sub_event_type"], r["actor1"], r["actor2"], r["location"], r["country"]) for r in rs] == [
        ("Non-state actor overtakes territory", "Military Forces of Russia (2000-)",
         "Military Forces of Ukraine (2019-)", "Sievierodonetsk", "Ukraine")]


def test_nationality_alone_does_not_move_a_town_to_the_actors_country(nlp) -> None:
    """"Russian forces captured Izium": the only country the note implies is the attacker's; Izium is a
    Ukrainian town all the same (a focus of nationalities alone does not reject towns outside it)."""
    [r] = reports(nlp, "Russian troops captured Izium on Friday.", published="2022-04-02")
    assert (r["location"], r["admin1"], r["country"]) == ("Izium", "Kharkiv", "Ukraine")
    assert r["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_weapon_in_containers_is_used_by_the_subject_on_the_target(nlp) -> None:
    """"dropped barrels of chlorine gas on RSF positions": the event noun hangs off a container noun, as off "a
    series of"; the verb's subject used it and the positions' holder was hit."""
    [r] = reports(nlp, "SAF aircraft dropped barrels of chlorine gas on RSF positions near Omdurman.",
                  published="2024-09-22")
    assert (r["sub_event_type"], r["actor1"], r["actor2"]) == (
        "Chemical weapon", "Military Forces of Sudan (2019-)", "RSF: Rapid Support Forces")
