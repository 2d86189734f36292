"""Personal and criminal violence, accidents told by their cause, and how a bomb was delivered, on sentences
written for these tests: a quarrel's killing is no event but a political killing over land is; a blast blamed on a
short circuit is no bombing; a bomb thrown by hand is a grenade and one strapped to the body a suicide bomb; the
table of what ACLED does not code refuses a row it cannot read."""
from __future__ import annotations

import article_reports
import pytest

from transforms.non_events import OUTSIDE_ACLED_FILE, load_outside_rules

reports, first = article_reports.published_on("2025-06-05")


def test_a_killing_in_a_quarrel_or_a_robbery_is_no_event(nlp) -> None:
    quarrel = "A farmer shot his cousin dead after an argument over irrigation water near Multan on Monday, police said."
    robbery = ("Three men held two cashiers hostage for an hour during a failed robbery at a bank in Rosario on "
               "Tuesday before surrendering, police said.")
    assert reports(nlp, quarrel) == [] and reports(nlp, robbery) == []


def test_gunmen_who_kill_over_land_are_still_an_attack(nlp) -> None:
    land = first(nlp, "Gunmen killed a village chief and two farmers in a dispute over land in Benue state on Monday, "
                      "police said.")
    assert land["sub_event_type"] == "Attack"


def test_a_blast_blamed_on_a_short_circuit_is_no_bombing(nlp) -> None:
    text = ("An explosion at a fireworks workshop killed five workers in Sivakasi on Sunday, officials said, "
            "adding that a short circuit had caused it.")
    assert reports(nlp, text) == []


def test_a_bomb_thrown_by_hand_is_a_grenade(nlp) -> None:
    thrown = first(nlp, "Two men on a scooter hurled a bomb at a bank branch in Guwahati on Friday, wounding four "
                        "guards, police said.")
    assert thrown["sub_event_type"] == "Grenade"


def test_a_bomb_strapped_to_the_body_is_a_suicide_bomb(nlp) -> None:
    worn = first(nlp, "A man detonated explosives strapped to his body at a checkpoint outside Mosul on Thursday, "
                      "killing three soldiers, officials said.")
    assert worn["sub_event_type"] == "Suicide bomb"


def test_a_roadside_bomb_stays_a_remote_explosive(nlp) -> None:
    roadside = first(nlp, "A roadside bomb killed three soldiers near Gao on Monday, the army said.")
    assert roadside["sub_event_type"] == "Remote explosive/landmine/IED"


def test_a_killing_an_inquiry_or_a_sentence_is_about_is_no_report_of_it(nlp) -> None:
    inquiry = ("The national human rights commission has opened an inquiry into reports that police killed four "
               "villagers near Bouake in March, its chairman said on Friday.")
    upheld = "A court in Osaka upheld the death sentence on Thursday for a man who stabbed 19 people at a care home."
    assert reports(nlp, inquiry) == [] and reports(nlp, upheld) == []


def test_a_killing_told_before_the_inquiry_into_it_is_reported(nlp) -> None:
    killing = first(nlp, "Police shot dead four villagers near Bouake on Tuesday, residents said, and the human "
                         "rights commission opened an inquiry on Wednesday.")
    assert killing["event_type"] in ("Violence against civilians", "Battles")


def test_gunmen_firing_on_a_rally_attack_it_and_police_use_excessive_force(nlp) -> None:
    gunmen = first(nlp, "Gunmen shot dead a man who chanted slogans at a rally of the ruling party in Lagos on Monday.")
    police = first(nlp, "Police shot dead two protesters at a rally in Nairobi on Tuesday.")
    assert gunmen["sub_event_type"] == "Attack" and police["sub_event_type"] == "Excessive force against protesters"


def test_people_detained_while_they_chanted_are_a_protest_with_intervention(nlp) -> None:
    chanting = first(nlp, "Police detained dozens of people in central Almaty on Sunday as the crowd chanted for the "
                          "government to resign, witnesses said.")
    assert chanting["sub_event_type"] == "Protest with intervention"


def test_the_outside_acled_table_names_a_bad_row(tmp_path) -> None:
    """A type or word list misspelt in transforms/data/outside_acled.csv stops the load with the row's kind."""
    good = OUTSIDE_ACLED_FILE.read_text(encoding="utf-8")
    assert {r.kind for r in load_outside_rules()} >= {"ordinary crime", "commemoration"}
    bad = tmp_path / "outside_acled.csv"
    bad.write_text(good.replace("Peaceful protest,commemoration_words", "Peaceful protests,commemoration_words"),
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"outside_acled.csv, row 'commemoration': unknown \['Peaceful protests'\]"):
        load_outside_rules(bad)
