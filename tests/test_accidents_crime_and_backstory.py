"""What ACLED does not code, on sentences written for these tests: accidents told with a weapon's words, police work
against ordinary crime, and the backstory an article recalls. Each rule has its counterpart that must stay an
event."""
from __future__ import annotations

from datetime import date

import article_reports
from transforms.coreference import DATE_SOURCE, corefer

reports, first = article_reports.published_on("2025-03-06")


def test_an_explosion_named_an_accident_is_no_event_even_told_again_as_the_blast(nlp) -> None:
    text = ("A gas explosion tore through an apartment block in the city of Kutaisi on Wednesday, killing four "
            "people, officials said. The blast brought down part of an outer wall.")
    assert reports(nlp, text) == []


def test_a_bomb_blast_is_still_an_explosion_event(nlp) -> None:
    text = ("A roadside bomb exploded under an army truck near Kidal on Wednesday, killing four soldiers. "
            "The blast destroyed the vehicle.")
    assert {r["sub_event_type"] for r in reports(nlp, text)} == {"Remote explosive/landmine/IED"}


def test_a_crash_a_collapse_and_a_factory_fire_are_no_events(nlp) -> None:
    crash = ("Twelve people were killed and 20 injured when a minibus collided with a truck near Mbale on Tuesday, "
             "police said.")
    collapse = "A five-storey building collapsed in the city of Lagos on Monday evening, killing seven people."
    fire = "A fire tore through a garment factory on the outskirts of Karachi on Tuesday, killing 11 workers."
    assert reports(nlp, crash) == [] and reports(nlp, collapse) == [] and reports(nlp, fire) == []


def test_gunfire_of_a_side_and_a_mine_struck_stay_events(nlp) -> None:
    fire = first(nlp, "Israeli fire killed three people in Khan Younis on Tuesday, medics said.")
    mine = first(nlp, "Two soldiers were killed when their vehicle struck a landmine near Kidal on Tuesday.")
    assert fire["event_type"] != "Strategic developments" and mine["sub_event_type"] == (
        "Remote explosive/landmine/IED")
    bus = first(nlp, "Suspected militants opened fire on a bus carrying pilgrims in Reasi district on Tuesday, "
                     "sending it plunging into a gorge and killing nine people, police said.")
    assert bus["sub_event_type"] == "Attack"  # the crash came of the attack
    arson = first(nlp, "A holiday home near Calvi in Corsica was destroyed by fire early on Sunday, and "
                       "investigators found traces of accelerant at the scene, prosecutors said.")
    assert arson["sub_event_type"] == "Looting/property destruction"


def test_arrests_for_a_robbery_or_a_drug_haul_are_no_event(nlp) -> None:
    robbery = "Police in Lyon have arrested four men suspected of robbing a jewellery store at gunpoint on Monday."
    haul = "Greek police seized two tonnes of cocaine at the port of Piraeus and arrested six people on Tuesday."
    assert reports(nlp, robbery) == [] and reports(nlp, haul) == []


def test_an_arrest_in_a_story_that_opened_with_a_domestic_killing_is_no_event(nlp) -> None:
    text = ("Police in Gaborone are hunting a man suspected of killing his wife after a domestic dispute, a police "
            "spokesman said on Wednesday. The suspect was arrested on Tuesday evening at a cattle post outside "
            "the city.")
    assert reports(nlp, text) == []


def test_arrests_of_activists_stay_an_event_even_beside_a_crime_word(nlp) -> None:
    text = ("Police in Harare arrested 12 opposition activists on Tuesday, accusing them of fraud over a "
            "fundraising drive.")
    assert first(nlp, text)["sub_event_type"] == "Arrests"


def test_the_backstory_an_article_recalls_is_not_published_beside_its_news(nlp) -> None:
    text = ("Gunmen killed five farmers in the village of Kadai in Niger state on Tuesday, police said. "
            "In March 2023, bandits killed 30 villagers in an attack on the same district.")
    found = reports(nlp, text)
    assert [r["event_date"] for r in found] == [date(2025, 3, 4)]


def test_an_old_event_recalled_after_the_lead_paragraph_is_backstory_even_alone(nlp) -> None:
    text = ("Survivors and relatives laid flowers at the monument on Legian Street in Kuta on Sunday as the names "
            "of the dead were read out at a memorial service.\n\n"
            "On Oct. 12, 2002, a suicide bomber and a car bomb tore through two nightclubs in Kuta, killing 202 "
            "people.")
    assert reports(nlp, text) == []


def test_an_old_event_the_lead_paragraph_tells_is_what_the_article_is_about(nlp) -> None:
    text = ("Journalist Agba Okon, who was arrested by police in Calabar on August 22, 2023, was freed on Tuesday "
            "after 18 months in detention, his lawyer said.\n\nThe court said his detention had been unlawful.")
    lead = max(reports(nlp, text), key=lambda r: r["confidence"])
    assert (lead["sub_event_type"], lead["event_date"]) == ("Arrests", date(2023, 8, 22))


def test_an_undated_headline_is_the_day_s_news_not_part_of_an_old_event_of_the_same_kind(nlp) -> None:
    text = ("Kazakh police detain 12 at jobs protest in Zhanaozen\n\nPolice officers pushed the crowd away from "
            "the entrance, activists said.\n\nIn January 2022, protests against a rise in fuel prices that began "
            "in Zhanaozen spread across Kazakhstan and turned violent.")
    found = article_reports.reports(nlp, text, "2025-02-18")
    assert [(r["sub_event_type"], r["event_date"]) for r in found] == [("Protest with intervention",
                                                                          date(2025, 2, 18))]


def test_a_sentence_or_a_charge_over_an_old_attack_is_no_event(nlp) -> None:
    sentence = ("An anti-terrorism court in Peshawar on Thursday sentenced three men to death for helping to "
                "organise a 2023 suicide bombing at a political rally that killed 63 people.")
    charge = ("Prosecutors in Kampala on Monday charged four men with murder and terrorism over the June 2023 "
              "attack on a school in Kasese district that killed 42 people.")
    assert reports(nlp, sentence) == [] and reports(nlp, charge) == []
    arrest = first(nlp, "On Tuesday, police arrested opposition leader Amani Juma in Songea shortly after he "
                        "addressed a rally calling for electoral reforms; he was later charged with treason.")
    assert arrest["sub_event_type"] == "Arrests"  # the arrest comes first; the charge follows it


def test_when_the_most_confident_event_is_backstory_the_day_s_news_is_kept(nlp) -> None:
    text = ("Soldiers clashed with militants near the village of Dargai in the Swat valley on Thursday, a local "
            "official said, without giving details.\n\n"
            "In February 2024, a suicide bomber killed 40 people at a crowded market in Peshawar, the deadliest "
            "attack in the province that year.")
    found = article_reports.reports(nlp, text, "2025-06-05")  # February 2024 is over a year back
    assert [(r["sub_event_type"], r["event_date"]) for r in found] == [("Armed clash", date(2025, 6, 5))]


def _report(day: date, confidence: float) -> dict:
    return {"event_type": "Battles", "sub_event_type": "Armed clash", "disorder_type": "Political violence",
            "action": "clash", "civilian_targeting": False, "actor1": None, "inter1": None, "assoc_actor_1": None,
            "actor2": None, "inter2": None, "assoc_actor_2": None, "event_date": day, "time_precision": 1,
            "year": day.year, "country": "Syria", "admin1": "Aleppo", "location": "Aleppo", "geo_precision": 1,
            "doc_id": "d", "confidence": confidence, DATE_SOURCE: "sentence"}


def test_only_the_lead_event_may_be_older_than_the_background_window() -> None:
    published = date(2021, 6, 30)
    old_lead = _report(date(2019, 5, 2), 0.9)
    old_other = {**_report(date(2020, 1, 10), 0.8), "event_type": "Riots", "sub_event_type": "Mob violence"}
    recent = {**_report(date(2021, 6, 1), 0.7), "event_type": "Protests", "sub_event_type": "Peaceful protest"}
    kept = corefer([old_lead, old_other, recent], 0.6, 0.08, published, 365)
    assert [r["event_date"] for r in kept] == [date(2019, 5, 2), date(2021, 6, 1)]
    assert len(corefer([old_lead, old_other, recent], 0.6, 0.08, published, None)) == 3  # no window: all kept


def test_after_a_backstory_lead_told_late_the_next_lead_needs_the_higher_bar() -> None:
    published = date(2021, 6, 30)
    old = {**_report(date(2019, 5, 2), 0.9), "char_start": 900}
    news = {**_report(date(2021, 6, 29), 0.55), "event_type": "Protests", "sub_event_type": "Peaceful protest",
            "char_start": 0}
    weak = {**news, "confidence": 0.3}
    assert [r["confidence"] for r in corefer([old, news], 0.6, 0.08, published, 365, 400, 0.5)] == [0.55]
    assert corefer([old, weak], 0.6, 0.08, published, 365, 400, 0.5) == []
    assert [r["confidence"] for r in corefer([weak], 0.6, 0.08, published, 365, 400, 0.5)] == [0.3]  # first lead


def test_an_event_older_than_a_month_that_only_a_later_paragraph_tells_is_context() -> None:
    published = date(2021, 6, 30)
    lead = {**_report(date(2021, 6, 29), 0.8), "char_start": 0}
    months_ago = {**_report(date(2021, 3, 2), 0.9), "event_type": "Riots", "sub_event_type": "Mob violence",
                  "char_start": 700}
    last_week = {**months_ago, "event_date": date(2021, 6, 20)}
    assert [r["event_date"] for r in corefer([months_ago, lead], 0.6, 0.08, published, 365, 400, 0.5, 30)] == [
        date(2021, 6, 29)]
    assert len(corefer([last_week, lead], 0.6, 0.08, published, 365, 400, 0.5, 30)) == 2  # recent news stays
    told_first = {**months_ago, "char_start": 0}  # the lead paragraph tells it: what the article is about
    assert len(corefer([told_first, lead], 0.6, 0.08, published, 365, 400, 0.5, 30)) == 2
    assert len(corefer([months_ago, lead], 0.6, 0.08, published, 365, None, 0.5, 30)) == 2  # no paragraphs
