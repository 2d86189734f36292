"""The article-level reading of who a generic group noun is, and what is routine rather than an event, on texts
written for these tests: "the insurgents" of an article that names one armed group are that group; a deployment
to dig out a landslide and a minute's silence on an anniversary are no events. Each rule has its counterpart."""
from __future__ import annotations

import article_reports
from transforms.document_groups import group_reference, named_groups

reports, first = article_reports.published_on("2025-06-05")

ONE_GROUP = ("MAIDUGURI, Nigeria (Reuters) - Islamic State West Africa Province (ISWAP) claimed an attack on a "
             "military base in Borno state last week.\n\n"
             "On Tuesday the insurgents ambushed an army convoy near the town of Monguno, killing four soldiers, "
             "military sources said.")


def test_the_insurgents_of_an_article_that_names_one_group_are_that_group(nlp) -> None:
    ambush = [r for r in reports(nlp, ONE_GROUP) if r["location"] == "Monguno"]
    assert ambush and ambush[0]["actor1"] == "Islamic State (West Africa)"


def test_two_named_groups_leave_the_generic_actor(nlp) -> None:
    text = ONE_GROUP.replace("claimed an attack on", "and Boko Haram both attacked")
    ambush = [r for r in reports(nlp, text) if r["location"] == "Monguno"]
    assert ambush and not ambush[0]["actor1"].startswith(("Islamic State", "Boko Haram"))


def test_unidentified_gunmen_stay_unidentified_in_an_article_that_names_a_group(nlp) -> None:
    text = ONE_GROUP.replace("the insurgents ambushed", "unidentified gunmen ambushed")
    ambush = [r for r in reports(nlp, text) if r["location"] == "Monguno"]
    assert ambush and ambush[0]["actor1"] == "Unidentified Armed Group (Nigeria)"


def test_named_groups_lists_the_armed_groups_the_tables_know_and_no_state_force(nlp) -> None:
    doc = nlp("Nigerian troops and the Civilian Joint Task Force fought Boko Haram fighters near Bama.")
    names = [g.name for g in named_groups(doc)]
    assert "Civilian Joint Task Force" in names and any(n.startswith("Boko Haram") for n in names)
    assert not any(n.startswith("Military Forces") for n in names)


def test_a_group_reference_says_which_kinds_of_group_it_may_mean(nlp) -> None:
    assert group_reference(nlp("The insurgents ambushed a convoy.")[:]) == frozenset({2})
    assert group_reference(nlp("Its fighters stormed the base.")[:]) == frozenset({2, 3})
    assert group_reference(nlp("Suspected militants stormed the base.")[:]) is None
    assert group_reference(nlp("Gunmen stormed the base.")[:]) is None


def test_soldiers_sent_to_dig_out_a_landslide_are_no_event(nlp) -> None:
    relief = ("The army sent 300 soldiers with excavators to dig through the debris and reopen roads cut by "
              "landslides in Lao Cai province on Sunday.")
    assert reports(nlp, relief) == []


def test_troops_sent_to_a_front_or_after_an_attack_stay_a_deployment(nlp) -> None:
    front = first(nlp, "Russia sent 500 more troops to the Zaporizhzhia front on Tuesday, Ukrainian officials said.")
    after = first(nlp, "The army deployed 2,000 troops to Cabo Delgado on Monday after insurgents attacked the "
                       "town of Mocimboa da Praia.")
    assert front["sub_event_type"] == after["sub_event_type"] == "Change to group/activity"


def test_a_minutes_silence_on_an_anniversary_is_no_protest(nlp) -> None:
    text = ("France marked the tenth anniversary of the Paris attacks on Friday. A minute's silence was observed "
            "across the country at noon.")
    assert [r for r in reports(nlp, text) if r["event_type"] == "Protests"] == []


def test_a_march_on_an_anniversary_that_demands_justice_is_a_protest(nlp) -> None:
    march = first(nlp, "Thousands marched through Srebrenica on Tuesday to commemorate the anniversary of the "
                       "massacre, demanding justice for the victims.")
    assert march["sub_event_type"] == "Peaceful protest"


def test_a_group_named_only_to_qualify_another_is_not_a_second_group(nlp) -> None:
    doc = nlp("The al Qaeda-linked JNIM said its fighters had attacked an army post near Boni.")
    assert [g.name for g in named_groups(doc)] == ["JNIM: Jama'at Nasr al-Islam wal Muslimin"]
