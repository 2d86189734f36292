"""The one definition of every column of every table newsevents writes.

Each `Field` carries its Arrow type, its description, whether it may be null, and the checks that hold for it
(allowed values, numeric range). The Arrow schemas (with a description on every field and the schema version in
the file metadata), the Great Expectations suite (`schemas.expectations`) and the data dictionary are all built
from these lists; nothing else in the code base states what a column means.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import pyarrow as pa

from schemas.vocabularies import (
    DISORDER_TYPES,
    DOCUMENT_STATUS_MEANINGS,
    DOCUMENT_STATUSES,
    EVENT_TYPES,
    INTER_LABELS,
    MOODS,
    SUB_EVENT_TYPES,
    interaction_vocabulary,
)

SCHEMA_VERSION = "1.4.1"  # history in CHANGELOG.md


@dataclass(frozen=True)
class Field:
    """A column: name, Arrow type, meaning, and the checks the validation suite enforces on it."""

    name: str
    type: pa.DataType
    description: str
    nullable: bool = True
    values: tuple[object, ...] | None = None  # closed vocabulary
    min_value: float | None = None
    max_value: float | None = None
    unique: bool = False
    acled: str | None = None  # the ACLED export column this maps to, if any
    checks: tuple[str, ...] = field(default_factory=tuple)  # named row-level rules (see schemas.expectations)

    def arrow(self) -> pa.Field:
        meta = {"description": self.description}
        if self.acled:
            meta["acled_column"] = self.acled
        return pa.field(self.name, self.type, nullable=self.nullable, metadata=meta)


STR = pa.string()

EVENT_FIELDS: tuple[Field, ...] = (
    Field("event_id", STR, "Stable identifier of the real-world event: a hash of its defining content (type, "
          "actor pair, date, place), identical across reruns and machines.", nullable=False, unique=True,
          acled="event_id_cnty"),
    Field("event_date", pa.date32(), "Day the event took place (resolved against the publication date); for "
          "time_precision 2 the middle of the week, for 3 the middle (or first/last day) of the month.",
          nullable=False, acled="event_date", checks=("event_date_not_after_published",)),
    Field("year", pa.int32(), "Year of event_date; the events table is partitioned by it (year=YYYY folders).",
          nullable=False, min_value=1900, max_value=2100, acled="year"),
    Field("time_precision", pa.int8(), "How precisely event_date is known: 1 the day, 2 the week, 3 the month.",
          nullable=False, values=(1, 2, 3), acled="time_precision"),
    Field("disorder_type", STR, "ACLED disorder type implied by the sub-event type.", nullable=False,
          values=DISORDER_TYPES, acled="disorder_type"),
    Field("event_type", STR, "ACLED event type (one of 6).", nullable=False, values=EVENT_TYPES, acled="event_type"),
    Field("sub_event_type", STR, "ACLED sub-event type (one of 25); when one report holds several tactics the one "
          "highest in ACLED's priority order wins.", nullable=False, values=SUB_EVENT_TYPES,
          acled="sub_event_type"),
    Field("action", STR, "Short normalised phrase for what happened (\"sign agreement\", \"airstrike\", "
          "\"deploy troops\").", nullable=False),
    Field("actor1", STR, "Main actor, canonical ACLED-style name with regime period where it applies "
          "(\"Military Forces of Russia (2000-)\"); the perpetrator in violence against civilians.",
          nullable=False, acled="actor1"),
    Field("assoc_actor_1", STR, "Actors on actor1's side, joined by \"; \".", acled="assoc_actor_1"),
    Field("inter1", STR, "Actor type of actor1 (ACLED inter code written as text).", nullable=False,
          values=tuple(INTER_LABELS.values()), acled="inter1"),
    Field("actor2", STR, "Other side of the event, if any; always the civilians in violence against civilians.",
          acled="actor2"),
    Field("assoc_actor_2", STR, "Actors on actor2's side, joined by \"; \".", acled="assoc_actor_2"),
    Field("inter2", STR, "Actor type of actor2 (ACLED inter code written as text).",
          values=tuple(INTER_LABELS.values()), acled="inter2"),
    Field("interaction", STR, "The two actor types joined, lower code first (\"State forces-Rebel group\"), or "
          "\"<type> only\" for one-sided events.", nullable=False, values=interaction_vocabulary(),
          acled="interaction"),
    Field("civilian_targeting", pa.bool_(), "True when civilians were the target of the violence (ACLED's "
          "\"Civilian targeting\").", nullable=False, acled="civilian_targeting"),
    Field("country", STR, "Country where the event took place (English name).", acled="country"),
    Field("iso", pa.int16(), "ISO 3166-1 numeric code of country (Syria = 760).", min_value=1, max_value=999,
          acled="iso"),
    Field("region", STR, "World region of country, as ACLED names regions.", acled="region"),
    Field("admin1", STR, "Largest sub-national unit (governorate, province, state) of the event's place, at "
          "ACLED's level and in ACLED's spelling (Uganda's district; Myanmar's Shan-North).", acled="admin1"),
    Field("admin2", STR, "Second-level unit of the event's place, where known.", acled="admin2"),
    Field("location", STR, "The named town of the event (a site or quarter of a named town is coded to the town, "
                            "as ACLED codes it; a site outside any named town keeps its own name), or the "
                            "region/country it is coded to.",
          acled="location"),
    Field("latitude", pa.float64(), "Latitude of location, WGS84, 4 decimals.", min_value=-90, max_value=90,
          acled="latitude"),
    Field("longitude", pa.float64(), "Longitude of location, WGS84, 4 decimals.", min_value=-180, max_value=180,
          acled="longitude"),
    Field("geo_precision", pa.int8(), "How precisely the place is known: 1 the town, 2 near a town or part of a "
          "region, 3 only a larger region (coded to its capital).", values=(1, 2, 3), acled="geo_precision"),
    Field("source", STR, "Outlet(s) that reported the event, joined by \"; \".", nullable=False, acled="source"),
    Field("notes", STR, "One sentence restating the event.", nullable=False, acled="notes"),
    Field("fatalities", pa.int32(), "Lowest credible number of people killed (0 when none reported; wounded do "
          "not count).", nullable=False, min_value=0, max_value=100000, acled="fatalities"),
    Field("confidence", pa.float64(), "Probability-like score (0-1) that this row is a real event of this type "
          "with these actors.", nullable=False, min_value=0.0, max_value=1.0),
    Field("n_sources", pa.int16(), "Number of distinct outlets that reported the event.", nullable=False,
          min_value=1, max_value=10000),
    Field("n_mentions", pa.int32(), "Number of sentences (across all articles) that report the event; each is a "
          "row of mentions/.", nullable=False, min_value=1, max_value=1000000),
    Field("published_at", pa.date32(), "Earliest publication date among the reporting articles (the base for "
          "relative dates)."),
)

MENTION_FIELDS: tuple[Field, ...] = (
    Field("event_id", STR, "Event reported by this sentence (events.event_id or quarantine.event_id).",
          nullable=False),
    Field("doc_id", STR, "Document holding the sentence (documents.doc_id).", nullable=False),
    Field("sentence", STR, "The sentence that reports the event (the evidence).", nullable=False),
    Field("char_start", pa.int32(), "Offset of the sentence's first character in the document text.",
          nullable=False, min_value=0),
    Field("char_end", pa.int32(), "Offset just past the sentence's last character in the document text.",
          nullable=False, min_value=0),
    Field("trigger", STR, "The word that signals the event (\"signed\", \"airstrike\").", nullable=False),
    Field("source", STR, "Outlet of the document."),
    Field("confidence", pa.float64(), "Confidence of this single report before merging.", nullable=False,
          min_value=0.0, max_value=1.0),
)

DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("doc_id", STR, "Identifier derived from the article's normalised text: the same text under two names "
          "is one document.", nullable=False),
    Field("input_id", STR, "The caller's own key: the `id` of a JSONL line, else the file's path relative to the "
          "input folder (with :LINE for a JSONL line without id).", nullable=False, unique=True),
    Field("title", STR, "Title from the sidecar/JSONL, else the article's first line when it reads as a title."),
    Field("source", STR, "Outlet that published the article."),
    Field("published_at", pa.date32(), "Publication date (sidecar or JSONL field, else the article's dateline)."),
    Field("published_at_origin", STR, "Where published_at came from.", values=("input", "text", "none")),
    Field("url", STR, "Address of the article, if given."),
    Field("path", STR, "File the article was read from.", nullable=False),
    Field("status", STR, "What happened to the input: " + "; ".join(f"{k}: {v}" for k, v in
          DOCUMENT_STATUS_MEANINGS.items()) + ".", nullable=False, values=DOCUMENT_STATUSES),
    Field("reason", STR, "Why the status is not ok, or what was done to read the input (encoding, HTML); for a "
          "JSONL line it starts with \"line N:\"."),
    Field("n_chars", pa.int32(), "Length of the normalised text.", nullable=False, min_value=0),
    Field("n_sentences", pa.int32(), "Sentences the parser saw.", nullable=False, min_value=0),
    Field("n_events", pa.int32(), "Candidate event reports extracted from the article.", nullable=False,
          min_value=0),
    Field("run_id", STR, "Run that extracted the document.", nullable=False),
)

QUARANTINE_FIELDS: tuple[Field, ...] = tuple(
    # Quarantined rows failed checks, so none of the event constraints are assumed of them.
    Field(f.name, f.type, f.description, nullable=True, acled=f.acled) for f in EVENT_FIELDS
) + (
    Field("failed_expectations", STR, "Names of the expectations this row failed, joined by \"; \".",
          nullable=False),
)

CHANGE_FIELDS: tuple[Field, ...] = (
    Field("run_id", STR, "Run that made the change.", nullable=False),
    Field("run_at", pa.timestamp("ms", tz="UTC"), "When the run published (to the second).", nullable=False),
    Field("event_id", STR, "Event added, updated or removed.", nullable=False),
    Field("change", STR, "added, updated or removed.", nullable=False, values=("added", "updated", "removed")),
)

_REPORT_ONLY = {"event_id", "n_sources", "n_mentions", "notes"}
# A report's subdivisions are GeoNames' levels: merging compares them, and only the events written take ACLED's
# (`transforms.place_lookup.acled_admin_levels`)
_REPORT_LEVELS = {
    "admin1": "Largest sub-national unit of the report's place at GeoNames' first level (Uganda's region, Shan State "
              "whole); the events table carries ACLED's level.",
    "admin2": "Second-level unit of the report's place, where known (Uganda's district: the events table's admin1).",
}
CANDIDATE_FIELDS: tuple[Field, ...] = tuple(
    f for f in MENTION_FIELDS if f.name in ("doc_id", "sentence", "char_start", "char_end", "trigger")
) + tuple(
    # One extracted report before merging: the state incremental runs keep, so old articles are not re-parsed.
    Field(f.name, f.type, _REPORT_LEVELS.get(f.name, f.description), nullable=True, acled=f.acled)
    for f in EVENT_FIELDS if f.name not in _REPORT_ONLY
)

INTERACTION_FIELDS: tuple[Field, ...] = tuple(
    replace(f, description="The sentence holding the interaction (the evidence).") if f.name == "sentence" else f
    for f in MENTION_FIELDS if f.name in ("doc_id", "sentence", "char_start", "char_end")
) + (
    # PLOVER-style dyads: who did (or said, threatened, demanded) what to whom, ACLED-codable or not.
    Field("verb", STR, "Normalised lemma phrase of the action (\"accuse\", \"agree share information\").",
          nullable=False),
    Field("source_actors", pa.list_(STR), "Who acts: canonical actor names where the actor tables know them, "
          "else the named entity as written.", nullable=False),
    Field("target_actors", pa.list_(STR), "Who the action is directed at (objects, 'to'/'with'/'against' "
          "phrases; the subject of a passive).", nullable=False),
    Field("mood", STR, "Whether the clause reports something done (asserted) or something else: "
          + "; ".join(f"{k}: {v}" for k, v in MOODS.items()) + ".", nullable=False, values=tuple(MOODS)),
    Field("coded_as_event", pa.bool_(), "True when the same clause (the clause frame the event trigger sits in) "
          "also gave an ACLED event report (see mentions); False for interactions ACLED does not code (statements, threats, demands...).",
          nullable=False),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "events": EVENT_FIELDS,
    "mentions": MENTION_FIELDS,
    "documents": DOCUMENT_FIELDS,
    "quarantine": QUARANTINE_FIELDS,
    "changes": CHANGE_FIELDS,
    "candidates": CANDIDATE_FIELDS,
    "interactions": INTERACTION_FIELDS,
}


def arrow_schema(table: str, relaxed: bool = False) -> pa.Schema:
    """Arrow schema of a table, with field descriptions and the schema version in its metadata.

    `relaxed` makes every field nullable: the shape of rows *before* validation, which may break the rules.
    """
    fields = TABLES[table]
    return pa.schema([f.arrow().with_nullable(True) if relaxed else f.arrow() for f in fields],
                     metadata={"schema_version": SCHEMA_VERSION, "table": table, "producer": "newsevents"})


def column_names(table: str) -> list[str]:
    return [f.name for f in TABLES[table]]


def build_table(table: str, rows: list[dict], relaxed: bool = False) -> pa.Table:
    """Rows (dicts keyed by column name; missing keys are null) as an Arrow table of the table's schema."""
    names = column_names(table)
    return pa.Table.from_pylist([{n: r.get(n) for n in names} for r in rows],
                                schema=arrow_schema(table, relaxed))
