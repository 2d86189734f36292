"""Dates: the publication date of an article and the date of the event a sentence tells, ACLED style.

Why regexes and not `dateparser` alone: this runs on every event sentence, and dateparser is both slow (tens of ms a
call) and over-eager (it reads "may" or a protest "March" as dates). The forms news actually uses are few: explicit
dates ("27 September 2015", "March 3, 2017", "05.04.2017"), month-days without a year ("on March 25"), weekdays
("on Friday"), a handful of relative words ("yesterday", "last week", "last month") and months ("in late July").
These are matched here with small regexes; `dateparser` is only used, guarded, by `parse_published_at` for odd
timestamp strings that `datetime.fromisoformat` refuses.

ACLED time precision (codebook "Time"): 1 the day is known; 2 only the week ("last week": the middle, Wednesday, of
that week); 3 only the month (the 15th, or the first / last day for "early" / "late"). A date is never after the
publication date. A mention that names only a year ("in 2019", "last year", "in late 2018", "two years ago", "a 2017
kidnapping") keeps that year with precision 3, the coarsest: the middle of the year (July 1), or its first / last day
for "early" / "late" (in the publication year, the middle of what had passed of it). Why: an event clearly older than
the article ("in 2019, he was detained") is that year's, not the publication day's, and HRDsAttack codes such events
by their year; ACLED itself codes nothing coarser than a month, so such rows are the ones a user may want to filter
(`time_precision = 3` with a July 1 date). A future date or year gets (None, None).

Also read: a month (and day) with a relative year ("in March last year", "on July 2 this year"); weekday possessives
without their apostrophe ("Tuesdays attack"), but not plurals, habits ("every Friday"), papers ("Sunday Times") or
named days ("Bloody Sunday"); a weekday written before its own date ("On Sunday August 15") is that date; fixed
holidays ("on Christmas Eve", "around Christmas 2017"); counts from the date told before ("two days later", "the next
day", "hours later"), and back from it ("found on Monday, three days after he was abducted": the abduction, and only
the events told after the phrase); future words ("next week", "later this month") that date no event; a year
attached to an event noun ("a 2017 kidnapping") that places it no closer than the year. An explicit date right after
a publication label ("Published October 26 2016 ...") dates the report, not the event.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from transforms.lexicon import alternation

_DATA = Path(__file__).parent / "data" / "dates_cues.json"
# Where a date that names only a year came from (`resolve_event_date_with_source`): it places the event in its year
# but is no day for the other tellings of the event to share.
YEAR_SOURCE = "year"
# word lists the regexes below are built from at import (the others are read lazily by `_cues`)
with _DATA.open(encoding="utf-8") as _fh:
    _STATIC_CUES = json.load(_fh)

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "several": 3, "few": 3,
}

# Capitalised month names only (a lower-case "may" or "march" is a verb); abbreviations may carry a dot.
_MONTH = (r"(?P<month>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY"
          r"|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:(?i:st|nd|rd|th))?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = (r"(?P<weekday>Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
            r"|Sat(?:urday)?|Sun(?:day)?|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\.?")
# In running text only full weekday names: "Sun" or "Wed" alone are more often a newspaper or a name.
_WEEKDAY_FULL = (r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
                 r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)")
_PART = r"(?:(?P<part>early|late|mid|end of|the end of|beginning of|the beginning of|start of|the start of)[\s-]+)?"
# "in March last year", "on July 2 this year", "November of the previous year": the year named relative to publication
_YEAR_REL = r"(?:,?\s+(?:of\s+)?(?P<yrel>last|this|the previous|previous|the past)\s+year\b)?"
# A weekday possessive written without its apostrophe (the FA-KES texts lost them): "Tuesdays attack"; not a plural
# ("on Sundays", "Sundays are not included").
_POSSESSIVE_S = (r"(?:(?P<poss>s)(?=\s+(?!(?:are|were|is|was|be|and|or|of|in|at|on|to|off|only|the|a|an|they|we|he|she"
                 r"|it|there|when|after|before|from|for|with|as|until|through|too|also)\b)[a-z]))?")
_NUMBER = r"\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several|few"

# Each pattern: (name, compiled regex). Order matters: the longest explicit forms first; overlapping later matches
# are dropped.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)[./-](?P<b>[01]?\d)[./-](?P<year>(?:19|20)\d\d)(?!\d)")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s*{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+|(?=(?:19|20)\d\d\b)){_YEAR}\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w]){_YEAR_REL}")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![:.]\d|,?\s*\d){_YEAR_REL}")),
    ("my", re.compile(rf"(?i:\b{_PART}){_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    # a part of a year: "in late 2019", "at the end of 2018", "mid-2020", "the summer of 2016"
    ("year_part", re.compile(r"(?i)\b(?:(?:in|at|by|since|from|until|during|throughout)\s+)?(?:the\s+)?"
                             rf"(?P<part>{alternation(_STATIC_CUES['year_parts'])})[\s-]+"
                             r"(?:(?P<year>(?:19|20)\d\d)\b(?!\s*[-/]\d)"
                             r"|(?P<yrel>last year|the previous year|this year)\b)")),
    ("m", re.compile(rf"(?i:\b(?P<prep>in|during|early|late|mid|end of|beginning of|start of|earlier in|last|this)"
                     rf"[\s-]+(?:(?P<part2>early|late|mid)[\s-]+)?){_MONTH}(?![\w]){_YEAR_REL}")),
    ("holiday", re.compile(r"(?i)\b(?P<hprep>on|at|over|around|during)\s+(?:the\s+)?(?P<holiday>christmas eve"
                           r"|christmas day|christmas|new year[’']?s eve|new year[’']?s day|boxing day)"
                           r"(?!\s+island)"
                           r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")),
    ("weekday", re.compile(rf"(?i:\b(?P<mod>last|this past|this|next|past|coming|on|early|late|every|each)\s+)?"
                           rf"(?-i:{_WEEKDAY_FULL}){_POSSESSIVE_S}(?!\w)")),
    ("ago", re.compile(rf"(?i)\b(?P<n>{_NUMBER})\s+(?P<unit>day|days|week|weeks|month|months|year|years)"
                       r"\s+(?:ago|earlier|before)\b")),
    # "the attack came one week after a suicide bomber blew himself up": what follows is that long before the
    # date told before the phrase (else the publication day, as for "ago"); it dates only the events after it
    ("after", re.compile(rf"(?i)\b(?P<n>{_NUMBER})\s+(?P<unit>day|days|week|weeks|month|months)\s+after\b")),
    # "two days later", "the next day": counted from the date told just before (see `_resolve_later`)
    ("later", re.compile(rf"(?i)\b(?:(?P<n>{_NUMBER})\s+(?P<unit>day|days|week|weeks)\s+later"
                         r"|(?P<next>the next day|the following day|the next morning|the following morning)"
                         r"|(?P<same>(?:a few |several |some )?(?:hours|minutes) later|later that (?:day|night|evening)"
                         r"|that same day|the same day))\b")),
    ("word", re.compile(r"(?i)\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening"
                        r"|last night|overnight|the previous day|the day before|a day earlier|the night before"
                        r"|earlier this week|this week|last week|the past week|this past week|the previous week"
                        r"|last weekend|over the weekend|this weekend|the weekend|this past weekend"
                        r"|earlier this month|this month|last month|the previous month|the past month"
                        r"|last year|this year|earlier this year|the previous year"
                        r"|next week|next month|next year|later this week|later this month|later this year)\b")),
    ("year", re.compile(r"(?i)\b(?:in|since|during|of|until|by|from|throughout)\s+(?P<year>(?:19|20)\d\d)\b"
                        r"(?!\s*[-/]\d)")),
    # an attributive year on an event noun: "a 2017 kidnapping", "the 2015 drone strike", "its 2012 murder case"
    ("year_attr", re.compile(r"\b(?i:a|an|the|its|his|her|their|this|that)\s+(?P<year>(?:19|20)\d\d)\s+"
                             r"(?P<w1>[a-z]+)(?:[\s-]+(?P<w2>[a-z]+))?\b")),
]

_RE_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class _Found:
    """One time expression in a text: where it is, what it resolves to, and whether it dates a report."""

    start: int
    end: int
    value: date | None  # None: the expression only names a year (or the future): it blocks a fallback
    precision: int | None
    reporting: bool
    shift: tuple[int, int] | None = None  # "two days later": (days, precision) after the date told before it
    coarse: bool = False  # only the year is known ("in 2019", "last year"): a point in that year, precision 3
    # a year that opens or closes a stretch of time ("since 2012", "five years ago"), or a month after "since"
    # ("since mid-September"): no moment the undated sentences after it can take. A day after "since" is the
    # moment a state began ("missing since March 13"): that one carries

    span: bool = False
    # "one week after ...": it dates the events told after it, never the one before it ("the attack came ...")
    after_only: bool = False


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[str]]:
    with _DATA.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _reporting_words() -> frozenset[str]:
    return frozenset(_cues()["reporting_words"])


@lru_cache(maxsize=1)
def _recent_re() -> re.Pattern[str]:
    return re.compile(r"(?i)\b(?:" + alternation(_cues()["recent_cues"]) + r")\b")


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    return frozenset(_cues()["event_nouns"])


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    return re.compile(r"(?i)(?:^|\||\b)(?:" + alternation(_cues()["publication_labels"]) + r")\s*[:\-|]?\s*$")


# Present perfect ("have agreed", "has been detained") tells a recent, not dated, event.
_PERFECT_RE = re.compile(r"(?i)\b(?:has|have|has been|have been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\b")


# A weekday that names a paper or a remembered day, not a date.
_NOT_A_WEEKDAY_AFTER = re.compile(r"\s+(?:Times|Telegraph|Mail|Express|Herald|Post|Tribune|Standard|Leader|Independent"
                                  r"|Mirror|Observer|Star|Nation|Guardian|Sun|World|Edition|Magazine|Review|Punch)\b")
_NOT_A_WEEKDAY_BEFORE = re.compile(r"\b(?:Bloody|Black|Good|Holy|Ash|Easter|Palm|Super|Cyber|Maundy)\s+$")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(text: str) -> int:
    return _MONTHS[text.rstrip(".").lower()]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_point(year: int, month: int, part: str | None) -> date:
    """The ACLED point for a month-only date: the 15th, or the first / last day for early / late."""
    part = (part or "").lower()
    if part in ("early", "beginning of", "the beginning of", "start of", "the start of"):
        return date(year, month, 1)
    if part in ("late", "end of", "the end of"):
        return date(year, month, _last_day(year, month))
    return date(year, month, 15)


_YEAR_PARTS = {part: (md[0], md[1]) for part, md in _STATIC_CUES["year_parts"].items()}


def _year_point(year: int, pub: date | None, part: str | None = None) -> tuple[date | None, int | None]:
    """The point coded for a year-only date ("in 2019", "last year", "in late 2018"): the middle of the year (or the
    first / last day for "early" / "late"), precision 3 -- ACLED's coarsest, which keeps the year. In the year of
    publication the point never passes the publication date (the middle of what had passed of the year); a year
    after publication is the future: no date."""
    month, day = _YEAR_PARTS.get(" ".join((part or "").lower().split()), (7, 1))
    point = date(year, month, day)
    if pub is not None:
        if year > pub.year:
            return None, None
        if year == pub.year and (point > pub or not part):
            start = date(year, 1, 1)  # what had passed of the year: its middle, or publication for "late"
            point = min(point, pub) if part else start + (pub - start) / 2
    return point, 3


def _year_for(month: int, day: int, pub: date) -> int | None:
    """The year of a month-day stated without one: the latest occurrence not after the publication date.

    A month-day within the four weeks after publication is taken for an announced future date, not last year's."""
    this_year = _safe_date(pub.year, month, day)
    if this_year is None:
        return None if (month, day) != (2, 29) else pub.year - 1
    if this_year <= pub:
        return pub.year
    if (this_year - pub).days <= 28:
        return None
    return pub.year - 1


def _relative_year(yrel: str | None, pub: date) -> int | None:
    """The year "last year" / "this year" / "the previous year" stands for; None when no such words follow."""
    if not yrel:
        return None
    return pub.year if yrel.lower() == "this" else pub.year - 1


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "new years eve": (12, 31),
             "new years day": (1, 1), "boxing day": (12, 26)}


def _week_middle(any_day: date) -> date:
    """The middle (Wednesday) of the Monday-to-Sunday week holding `any_day`."""
    return any_day - timedelta(days=any_day.weekday()) + timedelta(days=2)


def _is_reporting(text: str, start: int, end: int) -> bool:
    """Whether a time expression dates the report ("said on Monday", "told AFP Monday") rather than the event."""
    before = _RE_WORD.findall(text[max(0, start - 40):start])[-4:]
    after = _RE_WORD.findall(text[end:end + 25])[:2]
    words = _reporting_words()
    return any(w.lower() in words for w in before) or any(w.lower() in words for w in after[:1])


def _resolve_match(kind: str, m: re.Match[str], pub: date | None) -> tuple[date | None, int | None] | None:
    """The (date, precision) a matched expression stands for; None when it cannot be used at all."""
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["mon"]), int(g["day"]))
        return (d, 1) if d else None
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["year"])
        d = _safe_date(y, b, a) or _safe_date(y, a, b)  # day first (as in most non-US outlets), else month first
        return (d, 1) if d else None
    if kind in ("dmy", "mdy"):
        d = _safe_date(int(g["year"]), _month_number(g["month"]), int(g["day"]))
        return (d, 1) if d else None
    if kind in ("dm", "md"):
        if pub is None:
            return None
        month, day = _month_number(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = _relative_year(g["yrel"], pub) or _year_for(month, day, pub)
        d = _safe_date(year, month, day) if year else None
        return (d, 1) if d else (None, None)
    if kind == "my":
        return _month_point(int(g["year"]), _month_number(g["month"]), g["part"]), 3
    if kind == "m":
        if pub is None:
            return None
        month = _month_number(g["month"])
        if g["month"].rstrip(".") in ("May", "Mar") and g["prep"].lower() not in ("in", "early", "late", "mid"):
            return None  # "May"/"Mar" are also a name and a word: only "in / early / late / mid May" count
        part = g["part2"] or (g["prep"] if g["prep"].lower() in ("early", "late", "mid", "end of", "beginning of",
                                                                  "start of") else None)
        year = pub.year if month <= pub.month else pub.year - 1
        if g["prep"].lower() == "last" and month >= pub.month:
            year = pub.year - 1
        year = _relative_year(g["yrel"], pub) or year
        return _month_point(year, month, part), 3
    if kind == "holiday":
        month, day = _HOLIDAYS[re.sub(r"[’']", "", " ".join(g["holiday"].lower().split()))]
        if g["year"]:
            year = int(g["year"])
        elif pub is None:
            return None
        else:
            year = pub.year if date(pub.year, month, day) <= pub else pub.year - 1
        # "on Christmas Eve" names the day; "over / around Christmas" only the week
        return date(year, month, day), 1 if g["hprep"].lower() in ("on", "at") else 2
    if kind == "weekday":
        if pub is None:
            return None
        mod = " ".join((g["mod"] or "").lower().split())
        if mod in ("every", "each"):
            return None  # a habit ("every Friday"), not a date
        if _NOT_A_WEEKDAY_AFTER.match(m.string, m.end()) or _NOT_A_WEEKDAY_BEFORE.search(m.string[:m.start()]):
            return None  # a newspaper ("Sunday Times") or a named day ("Bloody Sunday", "Good Friday")
        if mod in ("next", "coming"):
            return (None, None)
        target = _WEEKDAYS[g["weekday"].rstrip(".").lower()]
        back = (pub.weekday() - target) % 7
        if mod == "last" and back == 0:
            back = 7
        return pub - timedelta(days=back), 1
    if kind in ("ago", "after"):
        if pub is None:
            return None
        n_text = g["n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text, 1)
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return pub - timedelta(days=n), 1 if n_text not in ("a few", "several", "few") else 2
        if unit == "week":
            return _week_middle(pub - timedelta(weeks=n)), 2
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _month_point(y, mo + 1, None), 3
        if n_text in ("a few", "several", "few"):
            return (None, None)  # "a few years ago": not even the year
        return _year_point(pub.year - n, None)
    if kind == "later":
        return None  # resolved against the date told before it, in `find_time_expressions`
    if kind == "word":
        if pub is None:
            return None
        w = " ".join(g["word"].lower().split())
        if w.startswith(("next ", "later ")):
            return (None, None)  # the future: an announcement, not the event
        if w in ("today", "tonight", "this morning", "this afternoon", "this evening", "overnight"):
            return pub, 1
        if w in ("yesterday", "last night", "the previous day", "the day before", "a day earlier", "the night before"):
            return pub - timedelta(days=1), 1
        if w in ("this week", "earlier this week"):
            return min(_week_middle(pub), pub), 2
        if w in ("last week", "the past week", "this past week", "the previous week"):
            return _week_middle(pub - timedelta(weeks=1)), 2
        if w in ("last weekend", "over the weekend", "this weekend", "the weekend", "this past weekend"):
            back = (pub.weekday() - 5) % 7  # the latest Saturday on or before publication
            return pub - timedelta(days=back), 2
        if w in ("this month", "earlier this month"):
            return min(date(pub.year, pub.month, 15), pub), 3
        if w in ("last month", "the previous month", "the past month"):
            y, mo = divmod(pub.year * 12 + pub.month - 2, 12)
            return date(y, mo + 1, 15), 3
        if w in ("last year", "the previous year"):
            return _year_point(pub.year - 1, pub)
        if w in ("this year", "earlier this year"):
            return _year_point(pub.year, pub)
        return (None, None)
    if kind in ("year", "year_part"):
        if g.get("yrel"):  # "late last year"
            if pub is None:
                return None
            return _year_point(pub.year - (0 if g["yrel"].lower() == "this year" else 1), pub, g["part"])
        return _year_point(int(g["year"]), pub, g.get("part"))
    if kind == "year_attr":
        nouns = _event_nouns()
        if not any(w and (w in nouns or (w.endswith("s") and w[:-1] in nouns)) for w in (g["w1"], g["w2"])):
            return None  # "the 1999 constitution", "a 2015 law": not an event
        return _year_point(int(g["year"]), pub)
    return None


def _later_shift(m: re.Match[str]) -> tuple[int, int]:
    """(days after the previously told date, precision) that "two days later" / "the next day" / "hours later"
    stand for; a vague count ("several days later") or weeks only place the week."""
    if m.group("same"):
        return 0, 1
    if m.group("next"):
        return 1, 1
    n, vague = _count(m)
    weeks = m.group("unit").lower().startswith("week")
    return n * (7 if weeks else 1), 2 if weeks or vague else 1


def _count(m: re.Match[str]) -> tuple[int, bool]:
    """The number a relative expression counts ("two", "12", "a few": 1) and whether it is vague."""
    n_text = " ".join(m.group("n").lower().split())
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text, 1)
    return n, n_text in ("a few", "several", "few", "a couple of")


def _after_shift(m: re.Match[str]) -> tuple[int, int]:
    """(days, as a negative shift, and precision) that "124 days after" / "one week after" stand for: what follows
    is that long before the date told just before it ("released on Thursday, 124 days after they were arrested")."""
    n, vague = _count(m)
    unit = m.group("unit").lower().rstrip("s")
    return -n * {"day": 1, "week": 7, "month": 30}[unit], {"day": 2 if vague else 1, "week": 2, "month": 3}[unit]


def _is_dateline(text: str, start: int) -> bool:
    """Whether an explicit date is labelled as the article's own date ("Published October 26 2016 ...",
    "Last updated at Apr 232017", "(updated 1329 20.07.2016)"): it dates the report, not an event."""
    return bool(_label_re().search(text[max(0, start - 40):start].rstrip()))


def _resolve_later(found: list[_Found], base: _Found | None, pub_date: date | None) -> list[_Found]:
    """Give "two days later" its date: counted from the nearest dated expression before it in the text (else from
    `base`, the date the context told last); precision is the coarser of the two. Unanchored ones are dropped.
    "Three days after" counts back from a date told before it in the same text, else from the publication day."""
    out: list[_Found] = []
    for f in found:
        if f.shift is None:
            out.append(f)
            continue
        before = [x for x in out if x.value is not None and x.shift is None and not x.reporting and not x.coarse
                  and not x.after_only]
        ref = before[-1] if before else (None if f.after_only else base)
        if f.after_only and ref is None:
            out.append(replace(f, shift=None))  # counted from the publication day, as "ago" is
            continue
        if ref is None or ref.value is None or ref.coarse:
            continue
        days, own_precision = f.shift
        value = ref.value + timedelta(days=days)
        precision = max(ref.precision or 1, own_precision)
        if pub_date is not None and value > pub_date:
            value = pub_date if ref.value <= pub_date else None
            precision = precision if value else None
        out.append(_Found(f.start, f.end, value, precision, f.reporting, after_only=f.after_only))
    return out


_DAY_KINDS = ("iso", "numeric", "dmy", "mdy", "dm", "md")
_YEAR_KINDS = ("year", "year_part", "year_attr")
_SPAN_RE = re.compile(r"(?i)(?:" + alternation(_STATIC_CUES["year_span_words"]) + r")\b")
# "since mid-September", "since Tuesday": a date of any precision that opens a stretch up to now
_STRETCH_BEFORE_RE = re.compile(r"(?i)\b(?:" + alternation(_STATIC_CUES["stretch_words"]) + r")\s+(?:the\s+)?$")


def _drop_weekday_before_date(found: list[_Found], text: str, kinds: dict[int, str]) -> list[_Found]:
    """A weekday written just before the date it falls on ("On Sunday August 15", "Tuesday, 14 Nov 2017") is part
    of that date, not a second expression resolved against publication."""
    out: list[_Found] = []
    for i, f in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (kinds.get(f.start) == "weekday" and nxt is not None and kinds.get(nxt.start) in _DAY_KINDS
                and re.fullmatch(r",?\s*(?:the\s+)?", text[f.end:nxt.start])):
            continue
        out.append(f)
    return out


def find_time_expressions(text: str, pub_date: date | None, base: _Found | None = None) -> list[_Found]:
    """All time expressions in `text`, in order, resolved against `pub_date` (dates after it are voided).

    `base` is the date told last before `text` (in the context): what a leading "two days later" counts from."""
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    kinds: dict[int, str] = {}
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "later":
                taken.append((s, e))
                found.append(_Found(s, e, None, None, _is_reporting(text, s, e), shift=_later_shift(m)))
                continue
            resolved = _resolve_match(kind, m, pub_date)
            if resolved is None:
                continue
            value, precision = resolved
            if value is not None and pub_date is not None and value > pub_date:
                if value.replace(day=1) <= pub_date and precision == 3:
                    value = pub_date  # "this month" / "in late <current month>": clip to publication
                else:
                    value, precision = None, None  # a future date: an announcement, not the event
            reporting = _is_reporting(text, s, e) or (kind in _EXPLICIT_KINDS and _is_dateline(text, s))
            coarse = value is not None and (kind in _YEAR_KINDS or (kind in ("word", "ago")
                                                                    and "year" in m.group(0).lower()))
            span = (coarse and (kind == "ago" or bool(_SPAN_RE.match(m.group(0))))) or (
                precision is not None and precision > 1 and bool(_STRETCH_BEFORE_RE.search(text[max(0, s - 20):s])))
            taken.append((s, e))
            back = _after_shift(m) if kind == "after" else None  # counted from a date told before it, if any
            found.append(_Found(s, e, value, precision, reporting, shift=back, coarse=coarse, span=span,
                                after_only=kind == "after"))
            kinds[s] = kind
    found.sort(key=lambda f: f.start)
    return _resolve_later(_drop_weekday_before_date(found, text, kinds), base, pub_date)


_CLAUSE_BREAK = re.compile(r"[,;:\u2013\u2014]")
_SENTENCE_BREAK = re.compile(r"[;:\u2013\u2014]|\s-\s")
_OPENING = re.compile(r"""^[\s"'“‘(]*(?:(?:on|in|at|by|during|early|late|since|from|until|last|this|earlier"""
                      r"""|later)\s+)?$""", re.IGNORECASE)


def _choose(found: list[_Found], anchor: int | None = None, text: str = "") -> _Found | None:
    """The expression that dates the event: the first that does not date a report (or, given the offset of the
    event's trigger word, the one nearest to it), else the first at all. "One week after" dates only an event
    told after it."""
    found = [f for f in found if not (f.after_only and (anchor is None or anchor < f.start))]
    events = [f for f in found if not f.reporting]
    if events and anchor is not None:
        # English puts a time adjunct after its verb ("was arrested on March 10"): an expression after the trigger
        # word is measured from the trigger's likely end (a semicolon, colon or dash between them adds a penalty:
        # the next clause tells something else); one before it carries a small penalty, and a larger one when a
        # clause break lies between them ("who ran in 2011, was attacked on the night of February 12"), unless it
        # opens the sentence ("On Monday, police arrested ...")
        def distance(f: _Found) -> int:
            if f.start >= anchor:
                return max(0, f.start - anchor - 12) + 100 * len(_SENTENCE_BREAK.findall(text[anchor:f.start]))
            between = text[f.end:anchor]
            commas = 0 if _OPENING.match(text[:f.start]) else len(_CLAUSE_BREAK.findall(between))
            return anchor - f.end + 10 + 20 * commas + 100 * len(_SENTENCE_BREAK.findall(between))
        return min(events, key=distance)
    if events:
        # with no event word to measure from, a date that places the day, week or month beats one that names only
        # a year ("who was kidnapped in 2017, was freed on Monday")
        return next((f for f in events if not f.coarse), events[0])
    return found[0] if found else None


def parse_published_at(value: str | None) -> date | None:
    """An ISO date or datetime string ("2019-09-17 02:48:13", "2016-06-30T10:00:00Z") as a date; bad input -> None.

    The date part is taken as written (no time-zone shift): it is the calendar day the outlet dated its story."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", text)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


# A dateline or label at the very start: "Wed 05 Apr 2017", "Posted on April 19 2017 by", "01.10.2014",
# "Date of publication 5 July 2016", "| Date: 30 September 2015 |".
_EXPLICIT_KINDS = ("iso", "numeric", "dmy", "mdy")
_WEEKDAY_BEFORE = re.compile(rf"(?:{_WEEKDAY}),?\s*$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:on|in|since|until|from|by|before|after|of|to|between|and|during|"
                                 r"at|than|through|till)\s*$")


def publication_date_from_text(text: str, head_chars: int = 250) -> date | None:
    """The publication date an article states about itself, or None when it is not stated clearly.

    Only explicit full dates (day, month and year) count, and only in the article's head where outlets put their
    datelines, and only in a dateline position: at the very start, after a label ("Posted on", "Published",
    "Date:", "Updated", "Date of publication", "Last updated at"), after a weekday ("AFP Thursday 14 Jul 2016"),
    or after a title but not after a preposition ("killed on 3 May 2017" is an event date, not a dateline)."""
    if not text:
        return None
    head = text[:head_chars]
    candidates: list[tuple[int, date]] = []
    for kind, pattern in _PATTERNS:
        if kind not in _EXPLICIT_KINDS:
            continue
        for m in pattern.finditer(head):
            resolved = _resolve_match(kind, m, None)
            if not resolved or resolved[0] is None:
                continue
            candidates.append((m.start(), resolved[0]))
    candidates.sort(key=lambda c: c[0])
    for start, value in candidates:
        before = head[:start]
        stripped = _WEEKDAY_BEFORE.sub("", before).rstrip(" ,|-")
        if not stripped.strip(" |:-([") or _label_re().search(before.rstrip()) or _WEEKDAY_BEFORE.search(before):
            return value
        if not _PREPOSITION_BEFORE.search(before.rstrip(" ,")) and not before.rstrip().endswith(","):
            return value
    return None


def document_date(published_at: str | None, text: str) -> date | None:
    """The date to resolve relative dates against: the `published_at` field, else the article's own dateline."""
    return parse_published_at(published_at) or publication_date_from_text(text)


def resolve_event_date(sentence: str, pub_date: date | None, context: str = "",
                       anchor: int | None = None) -> tuple[date | None, int | None]:
    """The date of the event told in `sentence` and its ACLED time precision, never after `pub_date`.

    Order of evidence:
    1. a time expression in the sentence itself, the first one that does not date a report ("killed on Tuesday,
       the monitor said on Wednesday" -> Tuesday); a sentence whose only expression dates the report uses it;
    2. else the last such expression in `context` (earlier sentences of the paragraph: the narrative anchors a
       telling that states no time to the date told last before it);
       in 1 or 2, a year-only expression gives that year, precision 3, source "year" -- in the context only a point
       year ("in 2007", "at the end of 2019"), not one that opens a stretch up to now ("since 2012", "five years
       ago"), after which an undated sentence is today's news;
    3. else, the sentence states no time: the publication date. Decided from the dev data (fakes_syria: the gold
       date is the dateline's day in 72% of articles, and within 7 days of it in 80%; an undated sentence in a news
       story is about that day's news): the day is kept with precision 1, except with a "recent" cue ("recently",
       "in recent days", present perfect "have been detained") where only the week is known: precision 2.
    A future date blocks the fallback: (None, None). Without `anchor`, a date that places the day, week or month beats
    one that names only a year. `anchor`, the character offset of the event's trigger word in `sentence` when the
    caller knows it, picks the expression nearest to it instead of the first ("arrested on June 30, the group said
    on July 2, after ..."), counting a clause break between them as distance (see `_choose`); when the nearest one
    only names a year, the event gets that year rather than another clause's date ("who was kidnapped in 2017, was
    freed on Monday": the kidnapping is 2017's).
    """
    value, precision, _ = resolve_event_date_with_source(sentence, pub_date, context, anchor)
    return value, precision


def resolve_event_date_with_source(sentence: str, pub_date: date | None, context: str = "",
                                   anchor: int | None = None) -> tuple[date | None, int | None, str]:
    """`resolve_event_date` plus where the answer came from: "sentence", "context", "year" (only a year is known,
    from the sentence or its context), "publication" or "none".

    A caller choosing among several sentences that tell the same event can prefer one that dates it itself."""
    ctx_found = [f for f in find_time_expressions(context, pub_date) if not f.reporting and f.value is not None
                 and not f.span and not f.after_only] if context else []
    found = find_time_expressions(sentence, pub_date, base=ctx_found[-1] if ctx_found else None)
    chosen = _choose(found, anchor, sentence)
    if chosen is not None:
        if chosen.value is None:
            # the first non-reporting expression is unusable (a year, the future); a later usable one may date it,
            # unless it was chosen as the one nearest the event's own word ("who was kidnapped in 2017, was freed
            # on Monday": the kidnapping is not Monday's)
            usable = [f for f in found if f.value is not None and not f.reporting and not f.after_only]
            if usable and anchor is None:
                return usable[0].value, usable[0].precision, "sentence"
            return None, None, "none"
        return chosen.value, chosen.precision, YEAR_SOURCE if chosen.coarse else "sentence"
    if ctx_found:
        return ctx_found[-1].value, ctx_found[-1].precision, YEAR_SOURCE if ctx_found[-1].coarse else "context"
    if pub_date is None:
        return None, None, "none"
    if _recent_re().search(sentence) or _PERFECT_RE.search(sentence):
        return pub_date, 2, "publication"
    return pub_date, 1, "publication"
