"""Within-article event coreference: the sentences of one article that tell one event get one set of values.

Why: a news article tells its main event several times — the headline ("Car bomb, rocket fire kill 45 in Homs"),
the lead, the toll, a quote — and each telling is extracted as its own report. Told with different words, the
reports disagree on what a cross-article merge must see as equal: one says "car bomb" (an IED), another "rocket
fire" (shelling); one names "rebels", another only "gunmen" (Unidentified Armed Group). `transforms.merge` never
merges two stated values that differ (right across articles, where two shellings on one day are two events), so
an article ended up as five to eight events where an analyst codes one or two.

Inside one article the evidence is stronger: the same kind of violence, on a compatible day, at a compatible
place, between actors that do not contradict each other, is one event. This module groups such reports and gives
every report of a group the group's defining values: for battles, crowd events and explosions the sub-type
highest in ACLED's taxonomy among its tellings (the codebook's rule, as `transforms.merge` applies it), else the
most confident report's; the actors of its most confident report, filled from the others where that one is vague.
A telling that states no time of its own (its date fell back to the publication date) takes the date the group's
other tellings state: the article's narrative anchors it, not the day it was printed. Likewise a telling whose
sentence names no place (its place was inherited from the sentences before it or the document's focus: "The
suicide bomber was driving a van", after a sentence listing where the evacuees were heading) belongs to its
event wherever the inherited place points, and where that place conflicts with one the event's tellings state,
takes the place the event's firmest telling states (failing one, the place of its first telling, which the later
ones refer back to). Other places are left as they are: merge already keeps the most precise of compatible
values. Each report stays a mention of the event.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from schemas.vocabularies import sub_event
from transforms.event_place import SENTENCE
from transforms.merge import PLACE_KEYS, VAC, dates_compatible, places_compatible

# Transient key of a report (not a column): where its date came from, as `dates.resolve_event_date_with_source`
# says ("sentence", "context", "year", "publication", "none"). A "year" date (only the year is known) is the
# telling's own, but not one for the group's undated tellings to take.
DATE_SOURCE = "date_source"
STATED = ("sentence", "context")
YEAR = "year"
# Transient key of a report: whether its sentence names its place (`event_place.SENTENCE`) or the place was
# inherited (`event_place.CONTEXT`). A report without the key counts as placed by its sentence.
PLACE_SOURCE = "place_source"

TYPE_KEYS = ("disorder_type", "event_type", "sub_event_type", "action", "civilian_targeting")
SIDE_KEYS = {"1": ("actor1", "inter1", "assoc_actor_1"), "2": ("actor2", "inter2", "assoc_actor_2")}
VAGUE_PREFIXES = ("Unidentified ", "Civilians (")
RANKED_TYPES = frozenset({"Battles", "Protests", "Riots", "Explosions/Remote violence"})


def is_vague(actor: str | None) -> bool:
    """An actor that names no one in particular: missing, "Unidentified Armed Group (X)", "Civilians (X)"."""
    return actor is None or actor.startswith(VAGUE_PREFIXES)


def _sides_compatible(a: dict, b: dict) -> bool:
    """Actors do not contradict: on each side the two agree or one is vague; outside violence against civilians
    the sides may be swapped (ACLED's actor pairs are undirected there: "A clashed with B" = "B fought A")."""
    def agree(x: str | None, y: str | None) -> bool:
        return x == y or is_vague(x) or is_vague(y)

    straight = agree(a["actor1"], b["actor1"]) and agree(a["actor2"], b["actor2"])
    if a["event_type"] == VAC:  # who attacked whom is not symmetric in violence against civilians
        return straight
    return straight or (agree(a["actor1"], b["actor2"]) and agree(a["actor2"], b["actor1"]))


def _dates_compatible(a: dict, b: dict, background_days: int | None = None) -> bool:
    """Compatible days; a telling whose date is only the publication day fits any day the article states (within
    `background_days` before it, when given); a telling that names only a year ("in 2019") fits any day of that
    year, and no other."""
    if YEAR in (a.get(DATE_SOURCE), b.get(DATE_SOURCE)):
        return (a["event_date"] is not None and b["event_date"] is not None
                and a["event_date"].year == b["event_date"].year)
    undated = [r for r in (a, b) if r.get(DATE_SOURCE) == "publication"]
    if undated:  # the day's news, not the backstory: "police detain 12 at jobs protest" is no part of 2022's protests
        other = b if undated[0] is a else a
        return (background_days is None or other["event_date"] is None or undated[0]["event_date"] is None
                or (undated[0]["event_date"] - other["event_date"]).days <= background_days)
    return dates_compatible(a, b)


def _placed_by_sentence(report: dict) -> bool:
    """Whether the report's own sentence names its place (its PLACE_SOURCE, or no key at all)."""
    return report.get(PLACE_SOURCE, SENTENCE) == SENTENCE


def same_event(a: dict, b: dict, background_days: int | None = None, inherited_place_fits: bool = False) -> bool:
    """Whether two reports of one article tell one event: same event type, compatible day, place and actors.
    With `inherited_place_fits`, a report whose sentence names no place fits any place on the same day."""
    place_fits = places_compatible(a, b) or (
        inherited_place_fits and not (_placed_by_sentence(a) and _placed_by_sentence(b))
        and a["event_date"] is not None and a["event_date"] == b["event_date"])
    return (a["event_type"] == b["event_type"] and _dates_compatible(a, b, background_days)
            and place_fits and _sides_compatible(a, b))


def _anchor_place(members: list[dict], stated: list[dict]) -> dict:
    """The telling whose place an event's tellings that inherited a conflicting place take: its most confident
    telling whose sentence names a place finer than a country, else its first telling in the text (which the
    later ones refer back to)."""
    fine = [m for m in stated if (m["geo_precision"] or 3) < 3]
    return fine[0] if fine else min(members, key=lambda m: m["char_start"])


def _settle_places(group: list[int], reports: Sequence[dict], out: list[dict]) -> list[int]:
    """Give each telling of `group` (most confident first) whose inherited place conflicts with the places its
    group states or has settled the anchor's place (in `out`); return the tellings whose own place stands."""
    stated = [i for i in group if _placed_by_sentence(reports[i])]
    anchor = _anchor_place([reports[i] for i in group], [reports[i] for i in stated])
    settled = list(stated)
    for i in group:
        if i in stated:
            continue
        if all(places_compatible(reports[i], reports[j]) for j in settled):
            settled.append(i)  # it fits: merge keeps the most precise of compatible places
        else:
            out[i].update({k: anchor[k] for k in PLACE_KEYS})
    return [i for i in group if i in settled] or list(group)


def group_reports(reports: Sequence[dict], background_days: int | None = None) -> list[list[int]]:
    """Indexes of the reports of one article, grouped by event, each group and the groups most confident first.
    Reports are taken most confident first, so a group forms around the article's firmest telling; a report joins
    the first group all of whose members it is compatible with (`background_days`: the backstory window an
    undated telling's day must fall within). Then a group of tellings none of whose sentences names a place joins
    the first firmer group that names a place (failing one, the first firmer such group that stayed apart) it
    would be compatible with if inherited places fitted anywhere on the same day: a place a sentence inherited says less
    than what the event's other tellings state. (A firmer group of
    inherited places stays apart: on the tune halves, such groups were as often another event of the same type,
    an arrest of someone else, as the main event told again.)"""
    rank = sorted(range(len(reports)), key=lambda i: (-(reports[i]["confidence"] or 0.0), i))
    groups: list[list[int]] = []
    for i in rank:
        home = next((g for g in groups if all(same_event(reports[i], reports[j], background_days) for j in g)), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    def names_place(g: list[int]) -> bool:
        return any(_placed_by_sentence(reports[i]) for i in g)

    kept: list[list[int]] = []  # groups that name a place, and inherited groups no firmer one took in
    for g in groups:  # in the order of their firmest telling
        if not names_place(g):
            options = [h for h in kept if names_place(h)] + [h for h in kept if not names_place(h)]
            home = next((h for h in options if all(same_event(reports[i], reports[j], background_days, True)
                                                   for i in g for j in h)), None)
            if home is not None:
                home.extend(g)
                continue
        kept.append(g)
    position = {i: n for n, i in enumerate(rank)}
    return sorted((sorted(g, key=position.__getitem__) for g in kept), key=lambda g: position[g[0]])


def _side_values(members: list[dict], side: str) -> dict:
    """A side's actor, inter code and associated actors: from the most confident report that names the actor,
    else from the most confident that has one at all (a generic "Civilians (Syria)" beats nothing)."""
    actor_key, inter_key, assoc_key = SIDE_KEYS[side]
    named = next((m for m in members if not is_vague(m[actor_key])), None)
    stated = next((m for m in members if m[actor_key] is not None), members[0])
    source = named or stated
    return {actor_key: source[actor_key], inter_key: source[inter_key],
            assoc_key: _associates_of(members, source[actor_key])}


def _associates_of(members: list[dict], actor: str | None) -> str | None:
    """The associates the group's tellings give `actor`, on whichever side each telling has it: an associate
    belongs to its actor, not to a position ("opposition supporters marching" and "demonstrations called by the
    X party" merged with "security forces fired on them": X stays with the protesters)."""
    found = {a for m in members for side in ("1", "2") if m[SIDE_KEYS[side][0]] == actor
             for a in (m[SIDE_KEYS[side][2]] or "").split("; ") if a}
    return "; ".join(sorted(found)) or None


def _other_side(members: list[dict], actor1: str | None) -> dict:
    """Side 2 read in the orientation of side 1: a telling that names the two actors the other way round ("Y
    clashed with X" after "X clashed with Y") lends its actor1, so the group never pits an actor against itself."""
    options: list[tuple[str, object]] = []  # (actor, inter code), most confident telling first
    for m in members:
        if m["actor2"] is not None and m["actor2"] != actor1:
            options.append((m["actor2"], m["inter2"]))
        elif m["actor2"] is not None and m["actor1"] is not None and m["actor1"] != actor1:
            options.append((m["actor1"], m["inter1"]))  # reversed telling: its actor1 is our other side
    chosen = next((o for o in options if not is_vague(o[0])), options[0] if options else (None, None))
    return {"actor2": chosen[0], "inter2": chosen[1], "assoc_actor_2": _associates_of(members, chosen[0])}


def _stated_date(members: list[dict]) -> dict | None:
    """The date the group's tellings state themselves: the most precise, then the most confident."""
    stated = [m for m in members if m.get(DATE_SOURCE) in STATED and m["event_date"] is not None]
    if not stated:
        return None
    best = min(stated, key=lambda m: (m["time_precision"] or 9, -(m["confidence"] or 0.0)))
    return {"event_date": best["event_date"], "time_precision": best["time_precision"],
            "year": best["event_date"].year}


def _finer_date(members: list[dict]) -> dict | None:
    """The date of the group's most confident telling that is more than a year (its publication-day fallback)."""
    best = next((m for m in members if m.get(DATE_SOURCE) not in (YEAR, "none") and m["event_date"] is not None),
                None)
    if best is None:
        return None
    return {"event_date": best["event_date"], "time_precision": best["time_precision"],
            "year": best["event_date"].year}


def _is_backstory(report: dict, published: date | None, background_days: int | None) -> bool:
    """Whether the event is dated more than `background_days` before the article's publication date."""
    day = report.get("event_date")
    return (background_days is not None and published is not None and day is not None
            and (published - day).days > background_days)


def _group_day(members: list[dict]) -> dict:
    """The report whose date the group takes: its most confident stated day, else its firmest telling."""
    return next((m for m in members if m.get(DATE_SOURCE) in STATED and m["event_date"] is not None), members[0])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MIN_LEAD_PARAGRAPH = 120  # characters: a paragraph shorter than this is a title or a dateline line, not the lead


def lead_paragraph_end(text: str) -> int | None:
    """Where the article's lead paragraph (its first of at least MIN_LEAD_PARAGRAPH characters) ends; None when the
    text has no paragraph breaks after it (a one-block text: where the news ends cannot be told)."""
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if len(text[start:brk.start()].strip()) >= MIN_LEAD_PARAGRAPH:
            return brk.start()
        start = brk.end()
    return None


def corefer(reports: Sequence[dict], min_confidence: float = 0.0, min_lead_confidence: float | None = None,
            published: date | None = None, background_days: int | None = None,
            lead_end: int | None = None, min_next_lead_confidence: float | None = None,
            recent_days: int | None = None) -> list[dict]:
    """The reports of one article, each report of a group carrying the group's type and actors, and its stated
    date where the report had none (see module docstring). A group dated more than `background_days` before
    `published` is the article's backstory and left out (see `confidence.BACKGROUND_DAYS`), unless it is the most
    confident group and told in the lead paragraph (ending at `lead_end`; None: the text has no paragraphs to tell
    by). Groups whose firmest telling is less confident than `min_confidence` are left out, except the article's
    lead group (the most confident that is not backstory), which needs only `min_lead_confidence` (default: the
    same bar), or `min_next_lead_confidence` when a backstory group was more confident (default: the lead bar).
    A group dated more than `recent_days` before `published` that no telling in the lead paragraph carries is
    context and left out too (see `confidence.RECENT_DAYS`; only when the text has paragraphs).
    A report whose sentence named no place, and whose inherited place conflicts with a place its group's tellings
    state, takes the place of the group's anchor (`_anchor_place`).
    Order, sentences, fatalities and confidence of each report are kept; the transient DATE_SOURCE and
    PLACE_SOURCE keys are dropped."""
    out = [{k: v for k, v in r.items() if k not in (DATE_SOURCE, PLACE_SOURCE)} for r in reports]
    keep = [False] * len(reports)
    lead_bar = min_confidence if min_lead_confidence is None else min_lead_confidence
    lead_open = True  # the lead is the most confident group that is not backstory
    for n, group in enumerate(group_reports(reports, background_days)):  # most confident first
        members = [reports[i] for i in group]  # most confident first
        if _is_backstory(_group_day(members), published, background_days) and (
                not lead_open or (lead_end is not None and min(m["char_start"] for m in members) >= lead_end)):
            continue
        if lead_end is not None and _is_backstory(_group_day(members), published, recent_days) and min(
                m["char_start"] for m in members) >= lead_end:
            continue  # an older event only a later paragraph recalls: the article's context
        is_lead, lead_open = lead_open, False
        bar = min_confidence
        if is_lead:
            bar = lead_bar if n == 0 or min_next_lead_confidence is None else max(lead_bar, min_next_lead_confidence)
        if (members[0]["confidence"] or 0.0) < bar:
            continue
        for i in group:
            keep[i] = True
        if len(group) < 2:
            continue
        stated = _stated_date(members)
        if stated:
            for i in group:
                if reports[i].get(DATE_SOURCE) == "publication":
                    out[i].update(stated)
        finer = stated or _finer_date(members)
        if finer:  # a telling that names only the year takes the day its group tells in that year
            for i in group:
                if reports[i].get(DATE_SOURCE) == YEAR:
                    out[i].update(finer)
        # the codebook's rule, as merge applies it across articles: of several outcomes or tactics told of one
        # battle, crowd event or explosion the higher in the taxonomy wins ("broke up a sit-in" over "had gathered
        # peacefully", "shells released a gas" over "shells"); ties, and violence against civilians or strategic
        # developments (where a second telling's type is more often a misreading than a second tactic: a
        # kidnapping is no sexual assault): the most confident telling. A telling whose inherited place conflicted
        # (it joined by its type, day and actors alone) names no tactic for the group.
        told = [reports[i] for i in _settle_places(group, reports, out)]
        typed = min(told, key=lambda m: sub_event(m["sub_event_type"]).rank) if (
            members[0]["event_type"] in RANKED_TYPES) else members[0]
        shared = {k: typed[k] for k in TYPE_KEYS}
        shared["civilian_targeting"] = any(m["civilian_targeting"] for m in members)
        shared.update(_side_values(members, "1"))
        shared.update(_other_side(members, shared["actor1"]))
        for value in (shared["actor1"], shared["actor2"]):  # an actor is never its own associate
            for key in ("assoc_actor_1", "assoc_actor_2"):
                if shared[key] and value:
                    shared[key] = "; ".join(a for a in shared[key].split("; ") if a != value) or None
        for i in group:
            out[i].update(shared)
    return [r for r, kept in zip(out, keep) if kept]
