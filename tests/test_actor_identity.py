"""Identity groups beside the people hit and the crowd (transforms/actor_identity.py, actors_identity.csv): ACLED
codes "ethnic Tigrayan farmers" killed by gunmen as Civilians with "Tigray Ethnic Group", "Hindu mobs" as Rioters
with "Hindu Group". A region or a force named after a people names no victims. Sentences written for these tests."""
from __future__ import annotations

import pytest

import article_reports
from transforms.actor_identity import identity_classes

_, one = article_reports.published_on("2023-08-02")  # the publication date the sentences below assume


def test_the_ethnic_group_of_the_people_killed_is_an_associate_of_the_civilians(nlp) -> None:  # noqa: ANN001
    r = one(nlp, "Gunmen killed 31 ethnic Tigrayan farmers near Humera in Ethiopia on Friday, local officials said.")
    assert r["actor2"] == "Civilians (Ethiopia)"
    assert r["assoc_actor_2"] == "Tigray Ethnic Group (Ethiopia)"


def test_the_identity_of_a_mob_joins_the_rioters_not_their_victims(nlp) -> None:  # noqa: ANN001
    r = one(nlp, "Hindu mobs torched shops and houses in Nuh on Tuesday after a Hindu procession was attacked, "
                 "police said.")
    assert (r["actor1"], r["assoc_actor_1"]) == ("Rioters (India)", "Hindu Group (India)")
    assert "Hindu" not in (r["assoc_actor_2"] or "")


def test_a_narrower_faith_replaces_the_broader_one(nlp) -> None:  # noqa: ANN001
    r = one(nlp, "Gunmen opened fire on Shi'ite Muslim worshippers leaving a mosque in Peshawar on Friday, "
                 "killing six.")
    assert r["assoc_actor_2"] == "Shia Muslim Group (Pakistan)"
    doc = nlp("Gunmen opened fire on Shi'ite Muslim worshippers.")
    assert identity_classes(next(t for t in doc if t.text == "worshippers")) == ["shia"]


@pytest.mark.parametrize("text", [
    "Unidentified gunmen ambushed a bus in the Amhara region of Ethiopia on Sunday, killing eight passengers.",
    "Kurdish-led fighters shelled a village near Manbij in Syria on Monday, killing three civilians.",
])
def test_a_region_or_a_force_named_after_a_people_names_no_victims(nlp, text: str) -> None:  # noqa: ANN001
    r = one(nlp, text)
    assert "Ethnic Group" not in " ".join(filter(None, (r["assoc_actor_1"], r["assoc_actor_2"]))), r


def test_a_people_named_by_its_plural_are_the_people_hit_and_never_a_place(nlp) -> None:  # noqa: ANN001
    """One list (actors_identity.csv, column people) makes "Hazaras" people hit, with their group beside the
    civilians, and keeps the tagger's FAC reading of the word out of `location`."""
    r = one(nlp, "Gunmen killed five Hazaras at a coal mine in Balochistan on Sunday, police said.")
    assert (r["actor2"], r["assoc_actor_2"]) == ("Civilians (Pakistan)", "Hazara Ethnic Group (Pakistan)")
    assert r["location"] != "Hazaras" and r["admin1"] == "Balochistan"
    r = one(nlp, "Gunmen shot dead four Buddhists near a temple in Yala province on Sunday, police said.")
    assert (r["actor2"], r["assoc_actor_2"]) == ("Civilians (Thailand)", "Buddhist Group (Thailand)")
