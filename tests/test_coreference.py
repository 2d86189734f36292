"""Within-article coreference: the tellings of one event in one article become one event, two events stay two."""
from __future__ import annotations

from datetime import date

from transforms.coreference import DATE_SOURCE, PLACE_SOURCE, corefer, group_reports, same_event
from transforms.extract import extract_document
from transforms.ingest import make_article
from transforms.merge import merge_events


def events_of(nlp, text: str, published: str = "2014-04-30") -> list[dict]:
    article = make_article("t", "t.txt", text, {"published_at": published, "source": "Test"}, 2_000_000, 0.05)
    return merge_events(extract_document(nlp(article.text), article))[0]


def test_headline_lead_and_toll_of_one_bombing_are_one_event(nlp) -> None:
    text = ("Car bomb kills 36 in Syria's Homs. A car bomb exploded in the Zahra neighbourhood of Homs on Tuesday, "
            "killing 36 people, the governor said. The bomb detonated near a crowded market, killing 36 people "
            "and wounding dozens.")
    [event] = events_of(nlp, text)
    assert event["sub_event_type"] == "Remote explosive/landmine/IED"
    assert event["event_date"] == date(2014, 4, 29)   # the lead's "Tuesday", not the undated headline's print day
    assert event["n_mentions"] == 3 and event["fatalities"] == 36


def test_two_events_of_one_article_stay_two(nlp) -> None:
    text = ("Syrian government warplanes bombed the town of Kafranbel in Idlib province on Monday, killing nine "
            "civilians. On Friday, hundreds of protesters marched in Damascus against rising prices.")
    events = events_of(nlp, text)
    assert sorted(e["sub_event_type"] for e in events) == ["Air/drone strike", "Peaceful protest"]


def test_a_telling_that_names_no_place_stays_with_its_event(nlp) -> None:
    # the last sentence names no place; the one before it lists where the evacuees were going, so the telling had
    # inherited Latakia and been coded as a second bombing there
    text = ("A suicide car bomb hit a convoy of buses in Rashideen on the western outskirts of Aleppo on Saturday, "
            "killing at least 100 people. The buses were carrying evacuees on their way to Latakia or Damascus, the "
            "monitor said. The bomber was driving a van supposedly carrying aid supplies when he detonated it near "
            "the buses, the monitor said.")
    [event] = events_of(nlp, text, "2017-04-16")
    assert (event["location"], event["admin1"], event["n_mentions"]) == ("Rashideen", "Aleppo", 2)


def test_inherited_places_fit_the_event_first_told_but_stated_places_still_split() -> None:
    lead = _report(char_start=0, confidence=0.6, location="Rashideen")
    quote = _report(char_start=200, confidence=0.4, location="Damascus", admin1="Damascus",
                    **{PLACE_SOURCE: "context"})
    elsewhere = _report(char_start=400, confidence=0.5, location="Homs", admin1="Homs")
    assert not same_event(lead, quote) and same_event(lead, quote, inherited_place_fits=True)
    assert not same_event(lead, elsewhere, inherited_place_fits=True)
    assert not same_event(lead, {**quote, "event_date": date(2016, 5, 1)}, inherited_place_fits=True)
    assert group_reports([lead, quote, elsewhere]) == [[0, 1], [2]]
    out = corefer([lead, quote, elsewhere])
    assert [r["location"] for r in out] == ["Rashideen", "Rashideen", "Homs"]
    assert all(PLACE_SOURCE not in r for r in out)
    # a firmer telling of an inherited place is not pulled into a weaker event (another arrest, another town)
    assert group_reports([lead, {**quote, "confidence": 0.9}]) == [[1], [0]]
    # an inherited place inside the stated one says more and is kept ("Syria" stated, "Raqqa" inherited)
    country = _report(char_start=0, confidence=0.9, location="Syria", admin1=None, geo_precision=3)
    town = _report(char_start=300, confidence=0.4, location="Raqqa", admin1="Raqqa", **{PLACE_SOURCE: "context"})
    assert [r["location"] for r in corefer([country, town])] == ["Syria", "Raqqa"]


def _report(**values) -> dict:
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "disorder_type": "Political violence",
            "action": "clash", "civilian_targeting": False, "actor1": None, "inter1": None, "assoc_actor_1": None,
            "actor2": None, "inter2": None, "assoc_actor_2": None, "event_date": date(2016, 5, 2),
            "time_precision": 1, "year": 2016, "country": "Syria", "admin1": "Aleppo", "location": "Aleppo",
            "geo_precision": 1, "iso": 760, "region": "Middle East", "admin2": None, "latitude": None,
            "longitude": None, "doc_id": "d", "published_at": date(2016, 5, 3), "confidence": 0.5,
            DATE_SOURCE: "sentence"}
    return {**base, **values}


def test_named_actors_fill_a_vague_telling_and_contradicting_actors_split() -> None:
    rebels = _report(actor1="Free Syrian Army", inter1="Rebel group", confidence=0.8)
    gunmen = _report(actor1="Unidentified Armed Group (Syria)", inter1="Political militia",
                     actor2="Military Forces of Syria (2000-2024)", inter2="State forces", confidence=0.4)
    isis = _report(actor1="Islamic State", inter1="Rebel group", actor2="Hezbollah", inter2="Political militia",
                   confidence=0.3)
    assert same_event(rebels, gunmen) and not same_event(rebels, isis)
    assert group_reports([rebels, gunmen, isis]) == [[0, 1], [2]]
    out = corefer([rebels, gunmen, isis])
    assert out[1]["actor1"] == "Free Syrian Army" and out[1]["actor2"] == "Military Forces of Syria (2000-2024)"
    assert out[0]["actor2"] == "Military Forces of Syria (2000-2024)"
    assert out[2]["actor1"] == "Islamic State"
    assert all(DATE_SOURCE not in r for r in out)


def test_different_days_places_or_types_are_different_events() -> None:
    monday = _report()
    assert not same_event(monday, _report(event_date=date(2016, 4, 20)))
    assert not same_event(monday, _report(location="Homs", admin1="Homs"))
    assert not same_event(monday, _report(event_type="Protests", sub_event_type="Peaceful protest"))
    # only the publication day: fits the day the article states, and takes it
    undated = _report(event_date=date(2016, 5, 3), **{DATE_SOURCE: "publication"}, confidence=0.9)
    assert same_event(monday, undated)
    out = corefer([monday, undated])
    assert out[1]["event_date"] == date(2016, 5, 2) and out[1]["confidence"] == 0.9


def test_an_event_less_likely_right_than_wrong_is_not_published() -> None:
    firm = _report(confidence=0.7)
    weak_telling = _report(confidence=0.3)                      # a weak telling of the firm event stays a mention
    doubtful = _report(location="Homs", admin1="Homs", confidence=0.4)
    kept = corefer([firm, weak_telling, doubtful], min_confidence=0.5)
    assert [r["confidence"] for r in kept] == [0.7, 0.3]
    # the article's lead event needs less: a news article reports at least one event
    assert [r["confidence"] for r in corefer([doubtful], 0.5, min_lead_confidence=0.25)] == [0.4]
    assert corefer([_report(confidence=0.2)], 0.5, min_lead_confidence=0.25) == []


def test_tellings_naming_the_actors_the_other_way_round_keep_two_sides() -> None:
    """"Somali troops clashed with al-Shabaab" then "al-Shabaab fighters attacked the troops": one event of two
    sides, never an army against itself."""
    army, shabaab = "Military Forces of Somalia (2022-)", "Al Shabaab"
    first = _report(actor1=army, inter1="State forces", confidence=0.7)
    second = _report(actor1=shabaab, inter1="Rebel group", actor2=army, inter2="State forces", confidence=0.6)
    out = corefer([first, second])
    assert len(out) == 2
    for report in out:
        assert (report["actor1"], report["actor2"]) == (army, shabaab)


def test_a_telling_that_joined_only_by_its_type_and_day_names_no_tactic() -> None:
    """"...condemned Wednesday's bombing", placed by the sentence before it in the capital and read as an air
    strike, joins the suicide bombing it recalls, but the bombing's tactic stays the one its own tellings name."""
    explosion = {"event_type": "Explosions/Remote violence", "disorder_type": "Political violence",
                 "action": "bomb"}
    bombing = _report(**explosion, sub_event_type="Suicide bomb", confidence=0.9, char_start=0,
                      location="Beledweyne", admin1="Hiraan")
    recalled = _report(**explosion, sub_event_type="Air/drone strike", confidence=0.15, char_start=900,
                       location="Mogadishu", admin1="Banadir", **{PLACE_SOURCE: "context"})
    assert group_reports([bombing, recalled]) == [[0, 1]]
    out = corefer([bombing, recalled])
    assert [(r["sub_event_type"], r["location"]) for r in out] == [("Suicide bomb", "Beledweyne")] * 2
