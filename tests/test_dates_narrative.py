"""Dates that keep their precision and the article's narrative (issue #10, item 4): a year-only mention keeps its
year (time_precision 3), an event older than the article keeps its own year, and a telling that states no time takes
the date the narrative told last before it. Sentences are from (or shaped like) HRDsAttack and FA-KES dev texts."""
from __future__ import annotations

from datetime import date

import pytest

from transforms.coreference import DATE_SOURCE, corefer
from transforms.dates import YEAR_SOURCE, resolve_event_date, resolve_event_date_with_source

PUB = date(2021, 7, 5)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        # an event clearly older than the article keeps its own year (the middle of it), precision 3
        ("In 2019, he was detained by plainclothes police in Harare.", "detained", (date(2019, 7, 1), 3)),
        ("Fingers were also pointed at the Saudi government when Jamal Khashoggi, a journalist, was murdered at "
         "Saudi's consulate in Istanbul, Turkey, in 2018.", "murdered", (date(2018, 7, 1), 3)),
        ("He has spent the last two years at a maximum-security prison in Tora since his arrest in 2019.", "arrest",
         (date(2019, 7, 1), 3)),
        # a part of a year: its first or last day, or its middle
        ("When some of the operators were arrested in late 2019, others stepped up to take their place.", "arrested",
         (date(2019, 12, 31), 3)),
        ("The union was banned at the end of 2018.", "banned", (date(2018, 12, 31), 3)),
        ("Security forces detained dozens of workers in early 2020.", "detained", (date(2020, 1, 1), 3)),
        ("The blogger was abducted in mid-2017 and never seen again.", "abducted", (date(2017, 7, 1), 3)),
        ("Belarus was rocked by months of protests late last year.", "protests", (date(2020, 12, 31), 3)),
        # a year only, said relative to publication
        ("Security forces killed dozens of protesters last year.", "killed", (date(2020, 7, 1), 3)),
        ("The journalist was kidnapped two years ago by gunmen.", "kidnapped", (date(2019, 7, 1), 3)),
        # the publication year: the middle of what had passed of it, never after publication
        ("Dozens of activists were arrested earlier this year.", "arrested", (date(2021, 4, 3), 3)),
        ("Unknown men abducted the lawyer in 2021.", "abducted", (date(2021, 4, 3), 3)),
        # a year attached to the event noun
        ("Police finally solved a 2016 kidnapping of a school teacher in Kano.", "kidnapping", (date(2016, 7, 1), 3)),
    ],
)
def test_year_only_mentions_keep_their_year_with_precision_3(sentence: str, word: str, expected: tuple) -> None:
    assert resolve_event_date(sentence, PUB, anchor=sentence.index(word)) == expected
    assert resolve_event_date_with_source(sentence, PUB, anchor=sentence.index(word))[2] == YEAR_SOURCE


@pytest.mark.parametrize(
    "sentence",
    [
        "The union plans a general strike in 2023.",         # the future dates no event
        "The union said its 2019-20 campaign of strikes would go on.",  # a season, not a year
    ],
)
def test_future_years_and_year_ranges_are_no_year(sentence: str) -> None:
    assert resolve_event_date(sentence, PUB) in ((None, None), (PUB, 1))


def test_month_precision_is_kept_beside_a_year() -> None:
    assert resolve_event_date("In November 2019, a few more employees were fired for organizing a protest.",
                              PUB) == (date(2019, 11, 15), 3)


def test_a_day_beats_a_year_when_no_event_word_is_known() -> None:
    sentence = "The editor, who was first kidnapped in 2017, was arrested again on Monday in Lagos."
    assert resolve_event_date(sentence, PUB) == (PUB, 1)
    assert resolve_event_date(sentence, PUB, anchor=sentence.index("kidnapped")) == (date(2017, 7, 1), 3)


def test_an_undated_telling_takes_the_date_the_narrative_told_before_it() -> None:
    context = ("On Monday, soldiers raided the offices of the union in Yangon. The union's leaders had called for a "
               "general strike against the coup. Witnesses said the soldiers arrived in three trucks.")
    assert resolve_event_date_with_source("Seven union members were taken away.", PUB, context) == (
        PUB, 1, "context")
    context = "On Saturday, gunmen stormed a school in Kagara."
    assert resolve_event_date("Twenty-seven students were kidnapped.", PUB, context) == (date(2021, 7, 3), 1)


def test_a_narrative_year_carries_but_a_stretch_of_years_does_not() -> None:
    # "My last visit there was at the end of 2019 ..." anchors what follows in it
    context = "My last visit there was at the end of 2019, right before the pandemic."
    assert resolve_event_date_with_source("In those days, pop-up demonstrations were a regular event.", PUB,
                                          context) == (date(2019, 12, 31), 3, YEAR_SOURCE)
    # "since 2012" or "five years ago" opens a stretch of time: what follows is today's news, not that year's
    for context in ("The city has been divided since 2012.", "The conflict began five years ago."):
        assert resolve_event_date_with_source("Air strikes killed 31 civilians.", PUB, context) == (
            PUB, 1, "publication")


def test_a_month_after_since_dates_its_own_sentence_but_not_the_narrative_after_it() -> None:
    # FA-KES: a toll "since mid-September" told before today's street fighting, published on 7 October 2014
    published = date(2014, 10, 7)
    context = ("Kurdish militia fought fierce street battles Tuesday with advancing ISIS fighters. At least 412 people "
               "have been killed in and around Kobane since mid-September the Syrian Observatory for Human Rights "
               "said.")
    # the fighting is Tuesday's (the day told before the toll), not mid-September's
    assert resolve_event_date_with_source("The militants fought to extend their foothold into new areas of the town.",
                                          published, context) == (published, 1, "context")
    assert resolve_event_date_with_source("The militants fought on.", published,
                                          context.split(". ")[1]) == (published, 1, "publication")
    # a day after "since" is when a state began, and the narrative after it takes it ("missing since March 13")
    assert resolve_event_date("He may have been captured by Russian troops.", PUB,
                              "The photographer has been missing since June 13.") == (date(2021, 6, 13), 1)
    # a day told plainly still carries
    assert resolve_event_date("The militants fought on.", published, "Rebels attacked on Sunday.") == (
        date(2014, 10, 5), 1)


def _report(date_value: date, precision: int, source: str, confidence: float) -> dict:
    return {"event_type": "Violence against civilians", "sub_event_type": "Attack", "action": "kill",
            "disorder_type": "Political violence", "civilian_targeting": True,
            "actor1": "Unidentified Armed Group (Syria)", "inter1": "Political militia", "assoc_actor_1": None,
            "actor2": "Civilians (Syria)", "inter2": "Civilians", "assoc_actor_2": None, "event_date": date_value,
            "time_precision": precision, "year": date_value.year, "country": "Syria", "admin1": "Aleppo",
            "location": "Aleppo", "geo_precision": 1, "doc_id": "d", "published_at": date(2016, 6, 3),
            "confidence": confidence, DATE_SOURCE: source}


def test_a_year_only_telling_is_not_the_date_of_the_groups_undated_tellings() -> None:
    headline = _report(date(2016, 6, 3), 1, "publication", 0.8)
    background = _report(date(2012, 7, 1), 3, YEAR_SOURCE, 0.5)
    out = corefer([headline, background])
    assert out[0]["event_date"] == date(2016, 6, 3) and out[0]["time_precision"] == 1
    assert out[1]["event_date"] == date(2012, 7, 1) and out[1]["time_precision"] == 3
    # a day the group states itself still dates its undated tellings
    lead = _report(date(2016, 6, 2), 1, "sentence", 0.6)
    out = corefer([headline, lead])
    assert out[0]["event_date"] == date(2016, 6, 2)


def test_a_year_only_telling_takes_its_groups_day_in_that_year_and_joins_no_other_year() -> None:
    lead = _report(date(2016, 6, 2), 1, "sentence", 0.8)
    same_year = _report(date(2016, 3, 17), 3, YEAR_SOURCE, 0.5)   # "the 2016 attack on ..." told again
    other_year = _report(date(2012, 7, 1), 3, YEAR_SOURCE, 0.6)   # "in 2012, gunmen attacked ..."
    out = corefer([lead, same_year, other_year])
    assert (out[1]["event_date"], out[1]["time_precision"]) == (date(2016, 6, 2), 1)
    assert (out[2]["event_date"], out[2]["time_precision"]) == (date(2012, 7, 1), 3)
