"""Candidate event reports -> one row per real-world event, with stable content-derived ids.

ACLED's rule: same actors, same day, same place, same type = one event, however many sentences or outlets report
it. Reports merge when every defining field agrees *or is missing/coarser* in one of them (a town vs. its
governorate, "in March" vs. 14 March), never when two stated values differ. The merged row keeps the most precise
date and place, the highest confidence, the lowest credible fatality count, and every outlet; every report stays
a mention. Clustering walks reports in a fixed order (doc_id, offset), so the result does not depend on input
order, and `event_id` hashes the merged defining values, so a rerun on any machine gives the same ids.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from schemas.vocabularies import INTER_LABELS, interaction_label, sub_event
from transforms.notes import summarise

VAC = "Violence against civilians"


def _window(d: date | None, precision: int | None) -> tuple[date, date] | None:
    """The days a coded date stands for: the day; the week around it; its month."""
    if d is None:
        return None
    if precision == 3:
        start = d.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end
    if precision == 2:
        return d - timedelta(days=3), d + timedelta(days=3)
    return d, d


def dates_compatible(a: dict, b: dict) -> bool:
    """Could the two reports' dates be one day? Also: an event an article dates after the other article's
    publication cannot be what that earlier article reported (and the merged row would break
    event_date <= published_at)."""
    for x, y in ((a, b), (b, a)):
        if x["event_date"] is not None and y.get("published_at") and x["event_date"] > y["published_at"]:
            return False
    wa, wb = _window(a["event_date"], a["time_precision"]), _window(b["event_date"], b["time_precision"])
    if wa is None or wb is None:
        return a["doc_id"] == b["doc_id"]  # an undated report only joins a dated one told by the same article
    if a["time_precision"] == 1 and b["time_precision"] == 1:
        return a["event_date"] == b["event_date"]
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _eq_or_missing(x: object, y: object) -> bool:
    return x is None or y is None or x == y


def places_compatible(a: dict, b: dict) -> bool:
    if not _eq_or_missing(a["country"], b["country"]):
        return False
    if a["location"] is None or b["location"] is None or a["location"] == b["location"]:
        return True
    # a town and the governorate/region it lies in, or a country-level coding, are the same place coarser
    coarse = lambda r: r["geo_precision"] == 3 or r["location"] in (r["admin1"], r["country"])  # noqa: E731
    if coarse(a) and (a["location"] in (b["admin1"], b["country"])):
        return True
    return coarse(b) and (b["location"] in (a["admin1"], a["country"]))


def actors_compatible(a: dict, b: dict) -> bool:
    pairs = [(b["actor1"], b["actor2"])]
    if a["event_type"] != VAC:  # actor order carries no meaning outside violence against civilians
        pairs.append((b["actor2"], b["actor1"]))
    return any(_eq_or_missing(a["actor1"], x) and _eq_or_missing(a["actor2"], y) for x, y in pairs)


def compatible(a: dict, b: dict) -> bool:
    """Whether two reports (or a report and a merged event) can be the same real-world event: the same sub-event
    type (a shelling and a suicide bombing in one town on one day are two ACLED events), compatible actors,
    dates and places."""
    return (a["sub_event_type"] == b["sub_event_type"] and actors_compatible(a, b) and dates_compatible(a, b)
            and places_compatible(a, b))


@dataclass
class Cluster:
    reports: list[dict] = field(default_factory=list)
    merged: dict = field(default_factory=dict)


PLACE_KEYS = ("country", "iso", "region", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")


def _most_common(values: Iterable[object]) -> object:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    return max(counts, key=lambda v: (counts[v], -vals.index(v)))


def merge_reports(reports: list[dict]) -> dict:
    """The merged values of reports judged to be one event (see module docstring for the rules)."""
    best = max(reports, key=lambda r: r["confidence"])
    out = dict(best)
    sub = min((r["sub_event_type"] for r in reports), key=lambda s: sub_event(s).rank)
    out["sub_event_type"] = sub
    out["event_type"] = sub_event(sub).event_type
    out["disorder_type"] = sub_event(sub).disorder_type
    dated = [r for r in reports if r["event_date"] is not None]
    if dated:
        d = min(dated, key=lambda r: (r["time_precision"], r["event_date"]))
        out["event_date"], out["time_precision"] = d["event_date"], d["time_precision"]
    placed = [r for r in reports if r["location"] is not None]
    if placed:
        p = min(placed, key=lambda r: (r["geo_precision"] or 9, -sum(x["location"] == r["location"]
                                                                    for x in placed)))
        out.update({k: p[k] for k in PLACE_KEYS})
    for side in ("1", "2"):
        out[f"actor{side}"] = _most_common(r[f"actor{side}"] for r in reports)
        out[f"inter{side}"] = next((r[f"inter{side}"] for r in reports
                                    if r[f"actor{side}"] == out[f"actor{side}"]), None)
        assoc = sorted({a for r in reports for a in (r[f"assoc_actor_{side}"] or "").split("; ") if a}
                       - {out["actor1"], out["actor2"]})
        out[f"assoc_actor_{side}"] = "; ".join(assoc) or None
    counts = [r["fatalities"] for r in reports if r["fatalities"]]
    out["fatalities"] = min(counts) if counts else 0
    out["civilian_targeting"] = any(r["civilian_targeting"] for r in reports)
    out["confidence"] = max(r["confidence"] for r in reports)
    sources = sorted({r["source"] for r in reports if r["source"]})
    out["source"] = "; ".join(sources)
    out["n_sources"] = max(len(sources), 1)
    out["n_mentions"] = len({(r["doc_id"], r["char_start"], r["source"]) for r in reports})
    pubs = [r["published_at"] for r in reports if r["published_at"]]
    out["published_at"] = min(pubs) if pubs else None
    out["interaction"] = interaction_label_text(out["inter1"], out["inter2"])
    out["year"] = out["event_date"].year if out["event_date"] else None
    out["notes"] = summarise(out)
    return out


def interaction_label_text(inter1: str | None, inter2: str | None) -> str | None:
    """Interaction from inter labels (the dataset stores inter codes as their text)."""
    code = {v: k for k, v in INTER_LABELS.items()}
    return interaction_label(code.get(inter1), code.get(inter2)) if inter1 else None


def event_id_for(event: dict) -> str:
    """Hash of the defining content: type and sub-type, actor pair, date window, place."""
    actors = [event["actor1"] or "", event["actor2"] or ""]
    if event["event_type"] != VAC:
        actors.sort()
    parts = [event["event_type"], event["sub_event_type"], *actors,
             event["event_date"].isoformat() if event["event_date"] else "",
             str(event["time_precision"] or ""), event["country"] or "", event["location"] or ""]
    if event["event_date"] is None:  # undated reports never merge across articles: tie the id to the first one
        parts.append(f"{event['doc_id']}:{event['char_start']}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def cluster_reports(reports: list[dict]) -> list[Cluster]:
    """Group reports into events, in a fixed order so the grouping is reproducible."""
    clusters: list[Cluster] = []
    for r in sorted(reports, key=lambda r: (r["doc_id"], r["char_start"], r["trigger"])):
        for c in clusters:
            if compatible(c.merged, r) and all(compatible(x, r) for x in c.reports):
                c.reports.append(r)
                c.merged = merge_reports(c.reports)
                break
        else:
            clusters.append(Cluster([r], merge_reports([r])))
    return clusters


MENTION_KEYS = ("doc_id", "sentence", "char_start", "char_end", "trigger", "source", "confidence")


def merge_events(reports: list[dict]) -> tuple[list[dict], list[dict]]:
    """Reports -> (event rows, mention rows). Ids are unique: a collision gets the first report's key mixed in."""
    events: list[dict] = []
    mentions: list[dict] = []
    seen: set[str] = set()
    for c in cluster_reports(reports):
        ev = c.merged
        eid = event_id_for(ev)
        first = c.reports[0]
        salt = f"{first['doc_id']}:{first['char_start']}:{first['trigger']}"
        while eid in seen:  # the rare collision: mix in the first report's key (again, if needed)
            eid = hashlib.sha256(f"{eid}:{salt}".encode()).hexdigest()[:16]
        seen.add(eid)
        ev["event_id"] = eid
        events.append(ev)
        keys = set()
        for r in c.reports:
            key = (r["doc_id"], r["char_start"], r["source"])  # a copy under another outlet is a report too
            if key not in keys:
                keys.add(key)
                mentions.append({"event_id": eid, **{k: r[k] for k in MENTION_KEYS}})
    events.sort(key=lambda e: e["event_id"])
    mentions.sort(key=lambda m: (m["event_id"], m["doc_id"], m["char_start"], m["source"] or ""))
    return events, mentions
