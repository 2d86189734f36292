"""Dates on real news sentences (FA-KES Syria, HRDsAttack dev texts, and wire-style sentences)."""
from __future__ import annotations

from datetime import date

import pytest

from transforms.dates import (
    document_date,
    parse_published_at,
    publication_date_from_text,
    resolve_event_date,
    resolve_event_date_with_source,
)

WED_5_APR_2017 = date(2017, 4, 5)  # a Wednesday


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-09-17 02:48:13", date(2019, 9, 17)),
        ("2016-06-30", date(2016, 6, 30)),
        ("2016-06-30T10:00:00Z", date(2016, 6, 30)),
        ("2019-09-20 08:41:33+05:30", date(2019, 9, 20)),
        ("not a date", None),
        ("", None),
        (None, None),
        ("2019-02-30 00:00:00", None),
    ],
)
def test_parse_published_at(value: str | None, expected: date | None) -> None:
    assert parse_published_at(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO.", date(2017, 4, 5)),
        ("Posted on April 19 2017 by Asharq Al-Awsat English Six Killed in Aleppo Bombing", date(2017, 4, 19)),
        ("Date of publication 5 July 2016 The bomber was on a motorcycle when he attacked", date(2016, 7, 5)),
        ("Last updated at Apr 052017 KHAN SHEIKHUN Syria A suspected chemical attack", date(2017, 4, 5)),
        ("01.10.2014 A double terrorist attack in the western Syrian city of Homs", date(2014, 10, 1)),
        ("6-09-2013 Extremists in Syria Admit Killing 30 Alawites .", date(2013, 9, 6)),
        ("Published on June 30, 2016 Gunmen opened fire", date(2016, 6, 30)),
        ("News | Date: 30 September 2015 | Airstrikes hit Talbiseh", date(2015, 9, 30)),
        # the dateline after a title, as AFP pages print it
        ("Air strikes kill 12 in rebel-held areas of Syrias Aleppo Monitor AFP Thursday 14 Jul 2016 Air strikes",
         date(2016, 7, 14)),
        ("20.07.2016(updated 1329 20.07.2016) Get short URL 0 154 The Syrian Arab Air Force", date(2016, 7, 20)),
        # no year: not a full date
        ("BEIRUT, March 3 (Reuters) - Air strikes killed 12 people", None),
        # an event date after a preposition is not a dateline
        ("1. Ghouta: On August 21 2013 the Assad regime fired rockets filled with Sarin gas", None),
        ("Aleppo bomb blast kills six Syrian state TV A bomb blast killed six people", None),
        ("", None),
    ],
)
def test_publication_date_from_text(text: str, expected: date | None) -> None:
    assert publication_date_from_text(text) == expected


def test_document_date_prefers_published_at() -> None:
    assert document_date("2020-03-09 00:00:00", "Wed 05 Apr 2017 Something") == date(2020, 3, 9)
    assert document_date(None, "Wed 05 Apr 2017 Something") == date(2017, 4, 5)


@pytest.mark.parametrize(
    ("sentence", "pub", "expected"),
    [
        # weekdays: the latest such day on or before publication
        ("A U.S. missile strike on an airbase near the Syrian city of Homs on Friday caused deaths.",
         date(2017, 4, 7), (date(2017, 4, 7), 1)),
        ("At least 24 people were killed on Tuesday in a Daesh attack near a refugee camp.",
         date(2017, 5, 2), (date(2017, 5, 2), 1)),
        ("Suspected gunmen on Friday morning attacked a school in Zamfara State, abducting scores of students.",
         date(2021, 2, 26), (date(2021, 2, 26), 1)),
        ("In a dragnet on Wednesday, the Hong Kong police carried out the arrest of 53 politicians.",
         date(2021, 1, 8), (date(2021, 1, 6), 1)),
        ("Gunmen killed five people on Friday.", WED_5_APR_2017, (date(2017, 3, 31), 1)),
        # the event's day, not the day the monitor reported it
        ("Airstrikes killed at least 85 civilians on Tuesday, the monitor said on Wednesday.",
         date(2016, 7, 20), (date(2016, 7, 19), 1)),
        ("The Nigerian army yesterday confirmed the arrest of veteran Nigerian actor Chiwetala Agu.",
         date(2021, 10, 8), (date(2021, 10, 7), 1)),
        # explicit dates
        ("Warren was arrested on Jan. 17, 2018, at the building in desert around 103 miles west of Tucson.",
         date(2019, 11, 20), (date(2018, 1, 17), 1)),
        ("On 27 September 2015 Russian jets struck Talbiseh.", date(2015, 10, 1), (date(2015, 9, 27), 1)),
        ("Most of the journalists were arrested on June 30, according to Reporters Without Borders.",
         date(2021, 7, 12), (date(2021, 6, 30), 1)),
        ("Xu Zhiyong has been detained since February 15, after publishing a series of blogposts.",
         date(2020, 3, 9), (date(2020, 2, 15), 1)),
        # a month-day later in the year than publication belongs to the previous year
        ("The activist was abducted on December 24 as he left the hospital.",
         date(2021, 1, 10), (date(2020, 12, 24), 1)),
        # weeks and months (ACLED: middle of the week; 15th, or first/last day for early/late)
        ("He was arrested last week in Harare.", WED_5_APR_2017, (date(2017, 3, 29), 2)),
        ("Government forces shelled the town in late July.", date(2016, 9, 1), (date(2016, 7, 31), 3)),
        ("Clashes erupted in early August.", date(2016, 9, 1), (date(2016, 8, 1), 3)),
        ("Troops raided the village in March.", WED_5_APR_2017, (date(2017, 3, 15), 3)),
        ("Troops raided the village in February.", date(2017, 1, 20), (date(2016, 2, 15), 3)),
        ("Hundreds of civilians died in a sarin gas attack in Ghouta on the outskirts of Damascus in August 2013.",
         WED_5_APR_2017, (date(2013, 8, 15), 3)),
        ("The journalist was detained last month.", WED_5_APR_2017, (date(2017, 3, 15), 3)),
        ("The uneasy peace in Hassakeh city was broken two days ago as clashes escalated.",
         date(2016, 8, 19), (date(2016, 8, 17), 1)),
        # no time stated: the publication day; a "recent" cue only places the week
        ("A bomb blast killed six people and injured 32 in the Salah al-Din district of Aleppo.",
         date(2017, 4, 19), (date(2017, 4, 19), 1)),
        ("Activists have been detained in a wave of arrests.", WED_5_APR_2017, (WED_5_APR_2017, 2)),
        # only a year: the year is kept, at its middle, with the coarsest precision (3)
        ("Syria agreed to destroy its chemical weapons in 2013 under a deal brokered by Moscow.",
         WED_5_APR_2017, (date(2013, 7, 1), 3)),
        ("Rebels used the same chemical weapons in Aleppo last year.", WED_5_APR_2017, (date(2016, 7, 1), 3)),
        # future dates are announcements, never the event
        ("The trial will start on April 20.", WED_5_APR_2017, (None, None)),
        ("The activist will appear in court next Monday.", WED_5_APR_2017, (None, None)),
        # no publication date: only explicit full dates resolve
        ("Five people were killed on Friday.", None, (None, None)),
        ("Five people were killed on 3 May 2016.", None, (date(2016, 5, 3), 1)),
    ],
)
def test_resolve_event_date(sentence: str, pub: date | None, expected: tuple) -> None:
    assert resolve_event_date(sentence, pub) == expected


def test_wednesday_on_a_wednesday_is_that_day() -> None:
    assert resolve_event_date("Police arrested him on Wednesday.", WED_5_APR_2017) == (WED_5_APR_2017, 1)
    # but "last Wednesday" on a Wednesday is the week before
    assert resolve_event_date("Police arrested him last Wednesday.", WED_5_APR_2017) == (date(2017, 3, 29), 1)


def test_lower_case_may_and_march_are_not_months() -> None:
    sentence = "Protesters march to the square and may be arrested."
    assert resolve_event_date(sentence, WED_5_APR_2017) == (WED_5_APR_2017, 1)


def test_date_carries_over_from_context() -> None:
    context = "Regime helicopters dropped barrel bombs on Daraya on Monday."
    value, precision, source = resolve_event_date_with_source(
        "Six civilians were killed, including two children.", WED_5_APR_2017, context)
    assert (value, precision, source) == (date(2017, 4, 3), 1, "context")


def test_sentence_date_beats_context() -> None:
    context = "Regime helicopters dropped barrel bombs on Daraya on Monday."
    assert resolve_event_date("Another raid on Tuesday killed four.", WED_5_APR_2017, context) == (
        date(2017, 4, 4), 1)


def test_anchor_picks_the_expression_nearest_the_event() -> None:
    sentence = ("Human Rights Watch said on March 15 that the lawyer, first summoned on March 2, "
                "was arrested on March 10 at his home.")
    anchor = sentence.index("arrested")
    assert resolve_event_date(sentence, date(2021, 3, 16), anchor=anchor) == (date(2021, 3, 10), 1)
    assert resolve_event_date(sentence, date(2021, 3, 16)) == (date(2021, 3, 2), 1)


def test_never_after_publication() -> None:
    value, _ = resolve_event_date("The protest is planned for this month.", date(2020, 6, 3))
    assert value is not None and value <= date(2020, 6, 3)


# --- rules added after the FA-KES / HRDsAttack miss analysis --------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "pub", "expected"),
    [
        # a month (and day) followed by "last year" / "this year" / "of the previous year": that year
        ("In March last year two prisoners were executed despite the committee's request.",
         date(2011, 7, 28), (date(2010, 3, 15), 3)),
        ("The reporter was first detained on 12 November last year in Minsk.",
         date(2021, 2, 3), (date(2020, 11, 12), 1)),
        ("The union leader was beaten by police on June 4 this year.", date(2021, 9, 1), (date(2021, 6, 4), 1)),
        ("The lawyer was arrested in late October of the previous year.", date(2020, 2, 1), (date(2019, 10, 31), 3)),
        # "this year" never makes a future date the event's
        ("The verdict is expected on December 4 this year.", date(2021, 9, 1), (None, None)),
        # "last year" alone only names the year: its middle, precision 3
        ("Security forces killed dozens of protesters last year.", date(2021, 9, 1), (date(2020, 7, 1), 3)),
    ],
)
def test_month_with_relative_year(sentence: str, pub: date, expected: tuple) -> None:
    assert resolve_event_date(sentence, pub) == expected


FRI_7_APR_2017 = date(2017, 4, 7)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a weekday possessive that lost its apostrophe is that weekday
        ("Rescuers were still searching the rubble after Wednesdays blast in the old market.", (date(2017, 4, 5), 1)),
        ("The monitor raised the toll of Tuesdays alleged gas attack to 86.", (date(2017, 4, 4), 1)),
        # plurals and habits are not dates: the sentence falls back to the publication day
        ("The weekly paper reaches its readers on Sundays.", (FRI_7_APR_2017, 1)),
        ("Sundays are not counted in the working week.", (FRI_7_APR_2017, 1)),
        ("Hundreds of people protest in the square every Friday.", (FRI_7_APR_2017, 1)),
        # a newspaper or a remembered day is not a weekday to resolve
        ("The Sunday Times reported that the journalist had been beaten.", (FRI_7_APR_2017, 1)),
        ("The bombers who struck on Easter Sunday were trained abroad.", (FRI_7_APR_2017, 1)),
        # a weekday written before its date is part of that date, not a second one
        ("On Sunday March 26, soldiers raided the offices of the newspaper and detained two editors.",
         (date(2017, 3, 26), 1)),
    ],
)
def test_weekday_forms(sentence: str, expected: tuple) -> None:
    assert resolve_event_date(sentence, FRI_7_APR_2017) == expected


@pytest.mark.parametrize(
    ("sentence", "pub", "expected"),
    [
        ("The pastor and his daughter were kidnapped outside Port-au-Prince on Christmas Eve.",
         date(2020, 12, 29), (date(2020, 12, 24), 1)),
        # the latest such day not after publication: the year rolls back in January
        ("The activist was shot dead at a roadblock on New Year's Eve.", date(2020, 1, 9), (date(2019, 12, 31), 1)),
        ("Gunmen abducted three villagers on New Year’s Day.", date(2021, 1, 5), (date(2021, 1, 1), 1)),
        # "over / around Christmas" only places the week; an explicit year is kept
        ("Dozens of dissidents were rounded up around Christmas 2017.", date(2019, 5, 2), (date(2017, 12, 25), 2)),
        # not holidays: an island, and a date before which something happened
        ("Asylum seekers were held for weeks on Christmas Island.", date(2019, 5, 2), (date(2019, 5, 2), 1)),
        ("Police promised to release the detainees before Christmas.", date(2019, 12, 10), (date(2019, 12, 10), 1)),
    ],
)
def test_holidays(sentence: str, pub: date, expected: tuple) -> None:
    assert resolve_event_date(sentence, pub) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a year attached to an event noun dates that event to the year only (precision 3)
        ("Police finally solved a 2016 kidnapping of a school teacher in Kano.", (date(2016, 7, 1), 3)),
        ("The militant was killed in a 2015 drone strike near Raqqa.", (date(2015, 7, 1), 3)),
        # a year attached to anything else does not date the event
        ("Judges ruled that the arrests breached the 1999 constitution.", (date(2021, 6, 2), 1)),
    ],
)
def test_attributive_year(sentence: str, expected: tuple) -> None:
    assert resolve_event_date(sentence, date(2021, 6, 2)) == expected


def test_days_later_counts_from_the_date_told_before() -> None:
    pub = date(2021, 3, 20)
    sentence = "The blogger was detained on March 3 and charged with sedition two days later."
    assert resolve_event_date(sentence, pub, anchor=sentence.index("charged")) == (date(2021, 3, 5), 1)
    assert resolve_event_date(sentence, pub, anchor=sentence.index("detained")) == (date(2021, 3, 3), 1)
    # from the paragraph before the sentence
    context = "Unknown men abducted the priest on Tuesday, March 9."
    assert resolve_event_date("His body was found in a ditch the next day.", pub, context) == (date(2021, 3, 10), 1)
    assert resolve_event_date("Police made an arrest hours later.", pub, context) == (date(2021, 3, 9), 1)
    # a vague count only places the week
    assert resolve_event_date("Several days later he was released on bail.", pub, context) == (date(2021, 3, 12), 2)
    # never after publication; "a week later" only places the week
    late = "Soldiers seized the radio station on March 18 and shut it down a week later."
    assert resolve_event_date(late, pub, anchor=late.index("shut")) == (pub, 2)
    # with nothing to count from, it is no date at all: the publication day
    assert resolve_event_date("Three weeks later the family was told he was dead.", pub) == (pub, 1)


@pytest.mark.parametrize(
    "sentence",
    ["The court will hear the case next week.", "Organisers plan a bigger march later this month.",
     "The union has called a general strike for next month."],
)
def test_future_words_give_no_date(sentence: str) -> None:
    assert resolve_event_date(sentence, date(2020, 6, 10)) == (None, None)


def test_a_labelled_dateline_inside_a_sentence_dates_the_report_not_the_event() -> None:
    sentence = "Published October 26 2016 Air strikes hit a school in Idlib province on Tuesday killing 22 children."
    assert resolve_event_date(sentence, date(2016, 10, 26)) == (date(2016, 10, 25), 1)
    # without the label the date is the event's
    assert resolve_event_date("Air strikes hit a school in Idlib on October 26 2016.", date(2016, 10, 28)) == (
        date(2016, 10, 26), 1)


def test_the_expression_nearest_the_event_word_wins_even_when_it_names_only_a_year() -> None:
    pub = date(2021, 6, 2)
    sentence = "The editor, who was first kidnapped in 2017, was arrested again on Monday in Lagos."
    assert resolve_event_date(sentence, pub, anchor=sentence.index("kidnapped")) == (date(2017, 7, 1), 3)
    assert resolve_event_date(sentence, pub, anchor=sentence.index("arrested")) == (date(2021, 5, 31), 1)
    # without an anchor a usable date still beats a bare year
    assert resolve_event_date(sentence, pub) == (date(2021, 5, 31), 1)


def test_n_days_after_dates_what_follows_it_not_what_precedes_it() -> None:
    """"The raid came three days after gunmen killed a chief": the killing was three days before the raid; the
    raid itself is not dated by the phrase (here it falls back to the publication day)."""
    pub = date(2019, 3, 14)
    sentence = "The raid on the camp came three days after gunmen killed a village chief near the border."
    assert resolve_event_date(sentence, pub, anchor=sentence.index("killed")) == (date(2019, 3, 11), 1)
    assert resolve_event_date(sentence, pub, anchor=sentence.index("raid")) == (pub, 1)
    # and it is no date an undated sentence after it takes from its paragraph
    later = "Soldiers fired on the crowd."
    assert resolve_event_date(later, pub, context=sentence) == (pub, 1)
    # counted back from a day told before it in the sentence
    found = "The body of the activist was found on Monday, three days after he was abducted by gunmen."
    assert resolve_event_date(found, pub, anchor=found.index("abducted")) == (date(2019, 3, 8), 1)
    assert resolve_event_date(found, pub, anchor=found.index("found")) == (date(2019, 3, 11), 1)


def test_a_clause_break_separates_a_date_from_a_later_event_word() -> None:
    pub = date(2021, 1, 4)
    sentence = ("The trade unionist, who stood in the local election in 2011, was attacked by party workers on the "
                "night of February 12, 2012, near his home.")
    assert resolve_event_date(sentence, pub, anchor=sentence.index("attacked")) == (date(2012, 2, 12), 1)
    # but a date opening the sentence governs its main clause, commas or not
    opening = ("On December 8, 2018, dozens of people, including two reporters, were arrested at a rally; in "
               "January 2019, the broadcaster was banned.")
    assert resolve_event_date(opening, pub, anchor=opening.index("arrested")) == (date(2018, 12, 8), 1)


def test_a_semicolon_separates_statements_either_way() -> None:
    sentence = "In 2011 he stood for parliament; gunmen attacked his car on Monday near Gulu."
    assert resolve_event_date(sentence, WED_5_APR_2017, anchor=sentence.index("attacked")) == (date(2017, 4, 3), 1)
