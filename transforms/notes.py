"""`notes`: one sentence restating an event, in the manner of ACLED's notes column."""
from __future__ import annotations

from datetime import date


def _when(d: date | None, precision: int | None) -> str:
    if d is None:
        return "On an unknown date"
    if precision == 3:
        return f"In {d:%B %Y}"
    if precision == 2:
        return f"In the week of {d.day} {d:%B %Y}"
    return f"On {d.day} {d:%B %Y}"


def _where(event: dict) -> str:
    loc, country = event.get("location"), event.get("country")
    if loc and country and loc != country:
        return f" in {loc}, {country}"
    return f" in {country}" if country else ""


def summarise(event: dict) -> str:
    """"On 27 September 2015, Government of Russia (2000-) (with ...): sign agreement with Government of Iraq
    (2014-) in Baghdad, Iraq." Built from the coded fields so it always agrees with them."""
    who = event.get("actor1") or "An unidentified actor"
    if event.get("assoc_actor_1"):
        who += f" (with {event['assoc_actor_1']})"
    what = event.get("action") or event.get("sub_event_type", "").lower()
    other = f" involving {event['actor2']}" if event.get("actor2") else ""
    deaths = f"; {event['fatalities']} reported killed" if event.get("fatalities") else ""
    return f"{_when(event.get('event_date'), event.get('time_precision'))}, {who}: {what}{other}" \
           f"{_where(event)}{deaths}."
