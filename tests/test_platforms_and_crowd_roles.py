"""Actor and place rules of session 16: whose aircraft or launcher struck when the parse hung it away from the
event (transforms/sides.py, `_platform_spans`); the side driven out of a place taken is the take-over's other side;
a crowd event's sides in ACLED's order; an associate stays with its actor when tellings merge; a "movement" leads
a protest; a name before "state" that alone means a town abroad is read with its "state". Positive and negative
cases, in sentences written for these tests."""
from __future__ import annotations

import article_reports
from transforms.actor_names import unknown_org

reports, first = article_reports.published_on("2024-05-20")  # the publication date the sentences below assume


# ---------------------------------------------------------------------------------------------- aircraft, launchers


def test_whose_drone_dropped_the_explosive_struck(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A minibus was hit by an explosive dropped from a Russian drone in Nikopol on Friday morning, "
                   "killing one passenger.")
    assert r["actor1"] == "Military Forces of Russia (2000-)"
    assert r["actor2"] == "Civilians (Ukraine)"


def test_a_drone_of_nobody_named_is_no_state_force(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A minibus was hit by an explosive dropped from a drone in Nikopol on Friday morning, killing one "
                   "passenger.")
    assert r["actor1"] == "Unidentified Armed Group (Ukraine)"


def test_a_regime_helicopter_drops_a_chemical_barrel_bomb(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A barrel bomb thought to contain chlorine was dropped by a regime helicopter on Kafr Zita in the "
                   "Hama countryside on Monday, injuring 20 people.")
    assert r["sub_event_type"] == "Chemical weapon"
    assert r["actor1"] == "Military Forces of Syria (2000-2024)"


def test_rocket_launchers_are_a_state_force(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Ukrainian multiple rocket launchers fired on the centre of Shebekino on Sunday, killing three "
                   "people.")
    assert r["actor1"] == "Military Forces of Ukraine (2019-)"


# ---------------------------------------------------------------------------------------------- take-overs


def test_the_side_driven_out_is_the_other_side_of_a_take_over(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Government troops retook the town of Um Rawaba on Friday, driving out RSF fighters who had held "
                   "it for a month.")
    assert r["actor1"] == "Military Forces of Sudan (2019-)"
    assert r["actor2"] == "RSF: Rapid Support Forces"


def test_a_withdrawal_told_with_a_take_over_is_not_a_second_event(nlp) -> None:  # noqa: ANN001
    rs = reports(nlp, "Syrian army units took control of Kafr Nabl in Idlib province on Friday after an offensive "
                      "against HTS fighters, who withdrew towards Saraqeb.")
    assert len(rs) == 1
    assert rs[0]["actor2"] == "HTS: Hayat Tahrir al Sham"


# ---------------------------------------------------------------------------------------------- crowds


def test_a_protest_the_police_broke_up_lists_the_protesters_first(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Riot police dispersed a rally of teachers in Abuja with tear gas on Monday.")
    assert r["sub_event_type"] == "Protest with intervention"
    assert (r["actor1"], r["actor2"]) == ("Protesters (Nigeria)", "Police Forces of Nigeria (2023-)")


def test_excessive_force_lists_the_force_first(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Police shot dead three protesters during a march in Abuja on Monday.")
    assert r["sub_event_type"] == "Excessive force against protesters"
    assert (r["actor1"], r["actor2"]) == ("Police Forces of Nigeria (2023-)", "Protesters (Nigeria)")


def test_the_organiser_of_a_march_stays_with_the_marchers_when_tellings_merge(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Soldiers fired live rounds at opposition supporters marching in Sarh on Thursday, killing six "
                   "people, as demonstrations called by the New Dawn party spread across the country.",
              published="2022-10-21")
    assert r["actor1"].startswith("Military Forces of Chad")
    assert r["actor2"] == "Protesters (Chad)"
    assert "New Dawn" in (r["assoc_actor_2"] or "")
    assert "New Dawn" not in (r["assoc_actor_1"] or "")


def test_a_movement_leads_a_protest_and_fights_in_violence_but_is_nothing_elsewhere() -> None:
    assert unknown_org(["Bright", "Dawn", "Movement"], "protest") == ("Bright Dawn Movement", 6)
    assert unknown_org(["Bright", "Dawn", "Movement"], "violent") == ("Bright Dawn Movement", 2)
    assert unknown_org(["Bright", "Dawn", "Movement"], None) is None


def test_members_of_a_movement_protesting_name_it_as_the_protesters_associate(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Hundreds of members of the Bright Dawn Movement protested outside the courthouse in Lusaka on "
                   "Monday.")
    assert (r["actor1"], r["assoc_actor_1"]) == ("Protesters (Zambia)", "Bright Dawn Movement")


# ---------------------------------------------------------------------------------------------- places


def test_a_state_named_like_a_town_abroad_is_read_with_its_state(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Junta troops shelled a village near Hakha in Chin state on Sunday, killing two civilians.")
    assert (r["country"], r["admin1"]) == ("Myanmar", "Chin")
    assert r["actor1"] == "Military Forces of Myanmar (2021-)"


def test_a_state_whose_name_is_also_its_town_keeps_the_town(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Gunmen shot dead two miners near El Callao, in Bolivar state, on Saturday.")
    assert r["country"] == "Venezuela"


# ---------------------------------------------------------------------------------------------- more sides


def test_a_table_name_longer_than_the_parse_core_wins(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Two aid workers were kidnapped near Mudiyah in Abyan province on Friday, local officials said, "
                   "blaming al-Qaeda in the Arabian Peninsula, which is active in the area.")
    assert r["actor1"] == "AQAP: Al Qaeda in the Arabian Peninsula"


def test_a_group_saying_in_a_statement_that_its_members_acted_claims_the_act(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A bomb tore through a crowd at a shrine in Zahedan on Friday, killing 14 people. Jaish al-Fajr "
                   "said in a statement that two of its members had detonated the device.")
    assert r["actor1"] == "Jaish al-Fajr"


def test_a_bomber_is_no_civilian(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A woman strapped with explosives blew herself up at a cattle market in Gwoza on Friday, killing "
                   "9 people, police said. Officials blamed Boko Haram.")
    assert r["actor1"] == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    r = first(nlp, "A woman strapped with explosives blew herself up at a cattle market in Gwoza on Friday, killing "
                   "9 people, police said.")
    assert r["actor1"] == "Unidentified Armed Group (Nigeria)"


def test_what_an_attack_is_made_with_is_not_its_other_side(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Israeli forces shelled the outskirts of Kfar Kila with artillery on Monday, damaging a house.",
              published="2023-11-14")
    assert r["actor2"] != "Military Forces of Lebanon (2022-2025)"
    r = first(nlp, "Rebels clashed with army tanks near Goma on Monday.")
    assert r["actor2"] == "Military Forces of the Democratic Republic of Congo (2019-)"


def test_a_bandit_enclave_stands_for_the_bandits(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Air force jets bombed a bandit enclave near Gusau in Zamfara state on Tuesday, killing dozens of "
                   "fighters.")
    assert r["actor2"] == "Unidentified Armed Group (Nigeria)"


def test_an_arabic_subdivision_is_found_without_its_final_h() -> None:
    from transforms.places import resolve_place

    place = resolve_place("Shabwa", [])
    assert (place.country, place.admin1) == ("Yemen", "Shabwah")
