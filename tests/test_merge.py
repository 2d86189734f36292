"""Merging reports into events: ACLED's one-event rule, tolerance, and stable ids."""
from __future__ import annotations

from datetime import date

from transforms.merge import event_id_for, merge_events


def report(**kw) -> dict:
    base = dict(doc_id="d1", sentence="s", char_start=0, char_end=10, trigger="signed",
                event_date=date(2015, 9, 27), year=2015, time_precision=1, disorder_type="Strategic developments",
                event_type="Strategic developments", sub_event_type="Agreement", action="sign agreement",
                actor1="Government of Russia (2000-)", assoc_actor_1=None, inter1="State forces",
                actor2="Government of Iraq (2014-2018)", assoc_actor_2=None, inter2="State forces",
                civilian_targeting=False, country="Iraq", iso=368, region="Middle East", admin1="Baghdad",
                admin2=None, location="Baghdad", latitude=33.3406, longitude=44.4009, geo_precision=1,
                source="intelNews", fatalities=0, confidence=0.8, published_at=date(2015, 9, 30))
    base.update(kw)
    return base


def test_same_event_in_two_outlets_is_one_row_with_both_sources() -> None:
    a = report()
    b = report(doc_id="d2", source="Reuters", actor1="Government of Iraq (2014-2018)",
               actor2="Government of Russia (2000-)", confidence=0.9)
    events, mentions = merge_events([a, b])
    assert len(events) == 1
    assert events[0]["source"] == "Reuters; intelNews"
    assert (events[0]["n_sources"], events[0]["n_mentions"], events[0]["confidence"]) == (2, 2, 0.9)
    assert {m["doc_id"] for m in mentions} == {"d1", "d2"}


def test_coarser_date_and_place_merge_keeping_the_precise_values() -> None:
    a = report(event_date=date(2015, 9, 15), time_precision=3, location="Baghdad", admin1="Baghdad",
               geo_precision=3, doc_id="d0")
    b = report(doc_id="d2", char_start=40)
    [ev], _ = merge_events([a, b])
    assert (ev["event_date"], ev["time_precision"], ev["geo_precision"]) == (date(2015, 9, 27), 1, 1)


def test_differing_defining_fields_never_merge() -> None:
    a = report()
    other_day = report(doc_id="d2", event_date=date(2015, 9, 20))
    other_type = report(doc_id="d3", event_type="Battles", sub_event_type="Armed clash")
    other_actor = report(doc_id="d4", actor2="Government of Iran (1989-)")
    other_town = report(doc_id="d5", location="Basra", admin1="Basra")
    events, _ = merge_events([a, other_day, other_type, other_actor, other_town])
    assert len(events) == 5
    assert len({e["event_id"] for e in events}) == 5


def test_ids_do_not_depend_on_input_order_and_are_content_derived() -> None:
    rs = [report(), report(doc_id="d2", source="Reuters"), report(doc_id="d3", location="Basra", admin1="Basra")]
    ids1 = [e["event_id"] for e in merge_events(rs)[0]]
    ids2 = [e["event_id"] for e in merge_events(list(reversed(rs)))[0]]
    assert ids1 == ids2
    assert event_id_for(report()) == event_id_for(report(doc_id="zz", source="other"))


def test_undated_reports_in_different_articles_stay_apart() -> None:
    a = report(event_date=None, time_precision=None, year=None)
    b = report(doc_id="d2", event_date=None, time_precision=None, year=None)
    events, _ = merge_events([a, b])
    assert len(events) == 2 and events[0]["event_id"] != events[1]["event_id"]


def test_violence_against_civilians_keeps_direction_and_lowest_count() -> None:
    kw = dict(event_type="Violence against civilians", sub_event_type="Attack", disorder_type="Political violence",
              actor1="Unidentified Armed Group (Syria)", inter1="Rebel group", actor2="Civilians (Syria)",
              inter2="Civilians", civilian_targeting=True)
    a = report(fatalities=9, **kw)
    b = report(doc_id="d2", fatalities=7, **kw)
    [ev], _ = merge_events([a, b])
    assert ev["fatalities"] == 7
    assert ev["interaction"] == "Rebel group-Civilians"


def test_one_articles_total_and_part_give_its_total_and_rival_articles_the_lowest_total() -> None:
    kw = dict(event_type="Violence against civilians", sub_event_type="Attack", disorder_type="Political violence",
              actor1="Unidentified Armed Group (Syria)", inter1="Rebel group", actor2="Civilians (Syria)",
              inter2="Civilians", civilian_targeting=True)
    total = report(fatalities=31, **kw)  # "raids killed 31 civilians Friday, including 10 when their bus was hit"
    part = report(char_start=120, char_end=200, fatalities=10, **kw)
    [ev], _ = merge_events([part, total])
    assert ev["fatalities"] == 31
    rival = report(doc_id="d2", source="Reuters", fatalities=28, **kw)  # another outlet's lower estimate
    [ev], _ = merge_events([part, total, rival])
    assert ev["fatalities"] == 28


def test_an_event_dated_after_an_articles_publication_is_not_what_that_article_reported() -> None:
    early = report(doc_id="d1", event_date=date(2015, 9, 1), time_precision=3, published_at=date(2015, 9, 10))
    late = report(doc_id="d2", event_date=date(2015, 9, 20), published_at=date(2015, 9, 25), source="AFP")
    events, _ = merge_events([early, late])
    assert len(events) == 2
    assert all(e["event_date"] <= e["published_at"] for e in events)
    # the same month, told before its day, still merges when the day is not after the first publication
    late_ok = report(doc_id="d2", event_date=date(2015, 9, 5), published_at=date(2015, 9, 25), source="AFP")
    assert len(merge_events([early, late_ok])[0]) == 1


def test_two_tactics_in_one_town_on_one_day_are_two_events() -> None:
    shelling = report(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                      disorder_type="Political violence", fatalities=3)
    bombing = report(event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
                     disorder_type="Political violence", fatalities=20, doc_id="d2")
    events, _ = merge_events([shelling, bombing])
    assert sorted(e["fatalities"] for e in events) == [3, 20]


def test_two_tactics_told_in_one_sentence_get_distinct_ids() -> None:
    a = report(event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
               trigger="clashed")
    b = report(event_type="Battles", sub_event_type="Government regains territory",
               disorder_type="Political violence", trigger="recaptured")
    events, _ = merge_events([a, b])
    assert len({e["event_id"] for e in events}) == 2
