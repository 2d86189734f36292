"""Controlled vocabularies of the dataset: ACLED's event taxonomy, actor types, precision codes.

The taxonomy is read from `schemas/data/acled_event_taxonomy.csv` (facts from the ACLED codebook) so the
25 sub-event types, their event type, disorder type and priority rank are stated once, as data.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class SubEventType:
    """One row of ACLED's taxonomy; `rank` is the priority order (1 wins over 2 when tactics co-occur)."""

    rank: int
    event_type: str
    sub_event_type: str
    disorder_type: str
    definition: str


@lru_cache(maxsize=1)
def taxonomy() -> tuple[SubEventType, ...]:
    """The 25 sub-event types in priority order."""
    with open(DATA / "acled_event_taxonomy.csv", newline="", encoding="utf-8") as f:
        rows = [
            SubEventType(
                rank=int(r["hierarchy_rank"]),
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
                disorder_type=r["disorder_type"],
                definition=r["short_definition"],
            )
            for r in csv.DictReader(f)
        ]
    return tuple(sorted(rows, key=lambda r: r.rank))


def sub_event(sub_event_type: str) -> SubEventType:
    """Look up a sub-event type by its exact name; KeyError names the unknown value."""
    for row in taxonomy():
        if row.sub_event_type == sub_event_type:
            return row
    raise KeyError(f"unknown ACLED sub_event_type: {sub_event_type!r}")


EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(r.event_type for r in taxonomy()))
SUB_EVENT_TYPES: tuple[str, ...] = tuple(r.sub_event_type for r in taxonomy())
DISORDER_TYPES: tuple[str, ...] = tuple(dict.fromkeys(r.disorder_type for r in taxonomy()))

# ACLED actor types ("inter" codes); interaction joins two labels, lower code first.
INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


def interaction_label(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction text: "State forces-Rebel group" (lower code first), "State forces only" if one-sided."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{INTER_LABELS[codes[0]]} only"
    return f"{INTER_LABELS[codes[0]]}-{INTER_LABELS[codes[1]]}"


def interaction_vocabulary() -> tuple[str, ...]:
    """Every interaction label that `interaction_label` can produce."""
    labels = [f"{INTER_LABELS[a]} only" for a in INTER_LABELS]
    labels += [f"{INTER_LABELS[a]}-{INTER_LABELS[b]}" for a in INTER_LABELS for b in INTER_LABELS if a <= b]
    return tuple(labels)


TIME_PRECISION = {1: "day known", 2: "week known", 3: "month known (or only the year, coded at its middle)"}
GEO_PRECISION = {1: "exact town", 2: "near a town / part of a region", 3: "only a larger region"}
# What happened to each input (documents.status); `reason` says the details (encoding, line number, language...).
DOCUMENT_STATUS_MEANINGS: dict[str, str] = {
    "ok": "read as UTF-8 text and extracted",
    "recoded": "not UTF-8 (UTF-16, Windows-1252, Latin-1 or another detected encoding, named in reason); decoded "
               "and extracted",
    "html_cleaned": "an HTML page or fragment reduced to its article text (title and date taken from the page); "
                    "extracted",
    "duplicate": "same text as another input (same doc_id); extracted once, this input lends its outlet",
    "duplicate_id": "an input_id given twice; this later one is not extracted (input_id gets a #N suffix)",
    "empty": "no text (empty file, blank JSONL line, only whitespace or markup)",
    "not_english": "the language detector calls the text another language (or none); not extracted",
    "too_large": "file or text longer than the limit (NEWSEVENTS_MAX_CHARS); not read or not extracted",
    "binary": "not a text file (NUL or control bytes, or a known binary signature such as PDF or PNG)",
    "undecodable": "text bytes no encoding reads (e.g. a byte-order mark the rest contradicts, invalid Unicode)",
    "malformed_json": "a JSONL line that is not a JSON object with a string `text` (reason has the line number)",
    "unreadable": "the file or folder could not be read (permission denied, I/O error)",
    "broken_symlink": "a symbolic link whose target is missing (or a link loop)",
    "unsupported": "a file type newsevents does not read, a folder symlink (not followed) or a special file",
    "extraction_failed": "parsing or extraction raised (reason says what); extracted again on the next run",
    "rejected": "(schema 1.1 and earlier) any of the problems above; kept for rows written by older versions",
}
DOCUMENT_STATUSES: tuple[str, ...] = tuple(DOCUMENT_STATUS_MEANINGS)
# Statuses whose text is parsed for events (duplicates share the first copy's reports).
EXTRACTED_STATUSES: tuple[str, ...] = ("ok", "recoded", "html_cleaned")

# Whether an interaction clause (interactions table) reports something done, and if not, what it is instead.
# Only "asserted" clauses can become ACLED events; the others are kept, flagged, never coded as events.
# The mood is the clause frame's (transforms/clause_frames.py), the same one the event rules read.
MOODS: dict[str, str] = {
    "asserted": "reported as done",
    "negated": "denied or reported as not done",
    "intended": "future, plan, promise, offer or willingness",
    "threatened": "a threat or warning",
    "demanded": "a demand, call, appeal or request",
    "conditional": "depends on a condition (if, unless)",
    "question": "asked, not reported",
    "habitual": "a pattern or routine, not one act (routinely, repeatedly, at least 15 times)",
    "background": "a starting point or running toll told as context (since the 2019 coup)",
}
