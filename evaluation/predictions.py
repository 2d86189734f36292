"""A run's predictions, linked back to the gold documents they came from.

Predictions of a gold document are the events (and quarantined rows) linked to it through documents.input_id ->
doc_id -> mentions -> event_id (an article skipped as "same text as X" shares X's). Quarantined rows count for
every field but dates (a row that failed validation has no publishable date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
import pyarrow.dataset as ds

from evaluation.gold import present

# Who acted on whom: (names on the acting side, names on the receiving side).
Dyad = tuple[list[str], list[str]]
Prediction = dict[str, Any]


def read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet dataset (hive-partitioned folder or single file) as a DataFrame; empty when absent."""
    candidates = [path, path.with_suffix(".parquet")]
    target = next((p for p in candidates if p.exists()), None)
    if target is None or (target.is_dir() and not any(target.rglob("*.parquet"))):
        return pd.DataFrame()
    try:
        table = ds.dataset(target, format="parquet", partitioning="hive").to_table()
    except Exception:  # noqa: BLE001 - a partition column also stored in the files: read without hive
        table = ds.dataset(target, format="parquet").to_table()
    return table.to_pandas()


def as_date(value: Any) -> date | None:
    """A predicted event_date (date, Timestamp, string) as a date; None when missing."""
    if not present(value):
        return None
    if type(value) is date:
        return value
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def get(pred: Prediction | None, key: str) -> Any:
    """A predicted field, None when the prediction or the field is missing/NaN."""
    if pred is None:
        return None
    value = pred.get(key)
    return value if present(value) else None


def actor_names(pred: Prediction | None, keys: Iterable[str]) -> list[str]:
    """Actor names of a predicted event in the given columns; assoc actors split on ';'."""
    names = []
    for key in keys:
        value = get(pred, key)
        if value is not None:
            names += [n.strip() for n in str(value).split(";") if n.strip()]
    return names


def confidence(pred: Prediction | None) -> float:
    """A prediction's confidence, 0 when missing: the tie-breaker of every choice among predictions."""
    value = get(pred, "confidence")
    return float(value) if value is not None else 0.0


@dataclass
class RunOutput:
    """A run's predictions, indexed by the gold document id they came from."""

    by_doc: dict[str, list[Prediction]]
    interactions_by_doc: dict[str, list[Dyad]] = field(default_factory=dict)

    def for_doc(self, doc_id: str) -> list[Prediction]:
        """Predicted event rows (events and quarantine) linked to a gold document id."""
        return self.by_doc.get(doc_id, [])

    def dyads_for(self, doc_id: str) -> list[Dyad]:
        """Every actor pair the run found in a document: its events' (actor1 side, actor2 side) and its rows of
        the interactions table (source_actors, target_actors), whatever their mood."""
        events = [(actor_names(p, ("actor1", "assoc_actor_1")), actor_names(p, ("actor2", "assoc_actor_2")))
                  for p in self.for_doc(doc_id)]
        return events + self.interactions_by_doc.get(doc_id, [])


def _document_keys(documents: pd.DataFrame) -> dict[str, set[str]]:
    """doc_id -> every key a gold file may use for it: input_id, doc_id, path and the path's file stem; a copy
    ("same text as <input_id>") lends its keys to the original it was skipped for."""
    keys_of_doc: dict[str, set[str]] = {}
    doc_of_input: dict[str, str] = {}
    records = documents.to_dict("records") if not documents.empty and "doc_id" in documents else []
    for d in records:
        keys = {str(d["doc_id"])}
        for value in (d.get("input_id"), d.get("path")):
            if present(value):  # "sample/002_90e0437b1aed1a0c.txt" (a folder run) is found by its stem too
                keys |= {str(value), re.sub(r"\.(txt|text|html?|md)$", "", Path(str(value)).name, flags=re.I)}
        if present(d.get("input_id")):
            doc_of_input[str(d["input_id"])] = str(d["doc_id"])
        keys_of_doc.setdefault(str(d["doc_id"]), set()).update(keys)
    for d in records:
        copied = re.match(r"same text as (.+)$", str(d.get("reason") or ""))
        original = doc_of_input.get(copied.group(1).strip("'\"")) if copied else None
        if original:
            keys_of_doc[original] |= keys_of_doc[str(d["doc_id"])]
    return keys_of_doc


class NoRunError(FileNotFoundError):
    """The folder given as a run's output does not exist: a mistyped path would otherwise score as a run that
    found nothing (every figure zero, every type "No event"). An existing folder with no tables is a run that
    wrote nothing, and scores as all misses."""


def load_run(output_dir: Path) -> RunOutput:
    """Link a run's events/quarantine rows and interaction rows to the ids of the inputs they came from."""
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        raise NoRunError(f"{output_dir}: no such run output folder")
    rows: dict[str, Prediction] = {}
    quarantine = read_parquet(output_dir / "quarantine")
    if not quarantine.empty and "event_id" in quarantine:
        for row in quarantine.to_dict("records"):
            rows[str(row["event_id"])] = {**row, "event_date": None, "_quarantined": True}
    events = read_parquet(output_dir / "events")
    if not events.empty and "event_id" in events:
        for row in events.to_dict("records"):
            rows[str(row["event_id"])] = {**row, "event_date": as_date(row.get("event_date")), "_quarantined": False}

    keys_of_doc = _document_keys(read_parquet(output_dir / "documents"))

    interactions = read_parquet(output_dir / "interactions")
    dyads: dict[str, list[Dyad]] = {}
    if not interactions.empty and {"doc_id", "source_actors", "target_actors"} <= set(interactions.columns):
        for row in interactions[["doc_id", "source_actors", "target_actors"]].to_dict("records"):
            pair = ([str(n) for n in row["source_actors"]], [str(n) for n in row["target_actors"]])
            for key in keys_of_doc.get(str(row["doc_id"]), {str(row["doc_id"])}):
                dyads.setdefault(key, []).append(pair)

    by_doc: dict[str, list[Prediction]] = {}
    mentions = read_parquet(output_dir / "mentions")
    if not mentions.empty and {"doc_id", "event_id"} <= set(mentions.columns):
        seen: dict[str, set[str]] = {}
        for m in mentions[["doc_id", "event_id"]].to_dict("records"):
            event = rows.get(str(m["event_id"]))
            if event is None:
                continue
            for key in keys_of_doc.get(str(m["doc_id"]), {str(m["doc_id"])}):
                if str(m["event_id"]) not in seen.setdefault(key, set()):
                    seen[key].add(str(m["event_id"]))
                    by_doc.setdefault(key, []).append(event)
    return RunOutput(by_doc, dyads)
