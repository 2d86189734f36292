"""Incremental runs: what to extract this run, what to carry over, and what changed.

State lives with the output, in tables of the current version: `documents` (every input seen, keyed by
input_id, with its content-derived doc_id), `candidates` (the reports extracted from each doc_id) and
`interactions` (its interaction clauses). After a schema version change every input given again is re-extracted
(`stale`), so a new column or table is filled for it too. A run
extracts only articles whose doc_id has no candidates yet; everything else is carried over, so running the same
input twice re-parses nothing and republishes identical rows. Outlets are attributed per input row, not per
text: the same text under two names is parsed once, and each input lends its own `source` to the reports.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from transforms.extract import DocStats
from schemas.vocabularies import EXTRACTED_STATUSES
from transforms.ingest import UNKNOWN_SOURCE, Article

EXTRACTABLE = EXTRACTED_STATUSES + ("duplicate",)
EXTRACTION_FAILED = "extraction_failed"


@dataclass(frozen=True)
class Plan:
    to_extract: list[Article]        # ok articles whose text was never extracted
    documents: list[dict]            # document rows of this run's inputs (stats filled in after extraction)
    carried_documents: list[dict]    # earlier rows of inputs not given this run (kept: runs accumulate)
    carried_candidates: list[dict]   # earlier reports of texts still in the dataset
    carried_interactions: list[dict]  # earlier interaction rows of texts still in the dataset
    unchanged: int                   # inputs seen before with the same text


def document_row(article: Article, run_id: str) -> dict:
    return {
        "doc_id": article.doc_id, "input_id": article.input_id, "title": article.title,
        "source": article.source, "published_at": article.published_at,
        "published_at_origin": article.published_at_origin, "url": article.url, "path": article.path,
        "status": article.status, "reason": article.reason, "n_chars": len(article.text),
        "n_sentences": 0, "n_events": 0, "run_id": run_id,
    }


def plan_run(articles: Sequence[Article], previous_documents: list[dict], previous_candidates: list[dict],
             run_id: str, previous_interactions: Sequence[dict] = (), stale: bool = False) -> Plan:
    """Decide what this run extracts; reuse earlier rows verbatim where the input did not change.

    `stale`: the earlier state was written by another schema version, so every input given this run is
    extracted again; inputs not given keep their earlier rows (their text is not at hand to re-extract)."""
    prev_by_input = {} if stale else {d["input_id"]: d for d in previous_documents}
    extracted = set() if stale else {c["doc_id"] for c in previous_candidates} | {
        d["doc_id"] for d in previous_documents if d["status"] in EXTRACTED_STATUSES}
    rows: list[dict] = []
    to_extract: list[Article] = []
    unchanged = 0
    for a in articles:
        prev = prev_by_input.get(a.input_id)
        if prev and (prev["doc_id"], prev["status"], prev["source"]) == (a.doc_id, a.status, a.source):
            rows.append(prev)  # same input, same text: keep the row as it was (byte-identical reruns)
            unchanged += 1
            continue
        rows.append(document_row(a, run_id))
        if a.extractable and a.doc_id not in extracted:
            to_extract.append(a)
            extracted.add(a.doc_id)
    given = {a.input_id for a in articles}
    carried_docs = [d for d in previous_documents if d["input_id"] not in given]
    live = {d["doc_id"] for d in rows + carried_docs if d["status"] in EXTRACTABLE}
    fresh = {a.doc_id for a in to_extract}
    carried_cands = [c for c in previous_candidates if c["doc_id"] in live and c["doc_id"] not in fresh]
    carried_inter = [i for i in previous_interactions if i["doc_id"] in live and i["doc_id"] not in fresh]
    return Plan(to_extract, rows, carried_docs, carried_cands, carried_inter, unchanged)


def fill_stats(rows: list[dict], stats: Sequence[DocStats]) -> None:
    """Put sentence and event counts of freshly extracted articles into their document rows."""
    by_input = {s.input_id: s for s in stats}
    for row in rows:
        s = by_input.get(row["input_id"])
        if s is not None:
            row["n_sentences"], row["n_events"] = s.n_sentences, s.n_events
            if s.error:  # the article gave no rows; a later run extracts it again (its status is no longer ok)
                row["status"], row["reason"] = EXTRACTION_FAILED, s.error


def attribute_reports(candidates: Sequence[dict], documents: Sequence[dict]) -> list[dict]:
    """Reports as each input tells them: one copy per input of the same text, with that input's outlet."""
    by_doc: dict[str, list[dict]] = {}
    for c in candidates:
        by_doc.setdefault(c["doc_id"], []).append(c)
    out: list[dict] = []
    for d in sorted(documents, key=lambda d: d["input_id"]):
        if d["status"] not in EXTRACTABLE:
            continue
        for c in by_doc.get(d["doc_id"], []):
            out.append({**c, "source": d["source"] or UNKNOWN_SOURCE,
                        "published_at": c["published_at"] or d["published_at"]})
    return out


def _fingerprint(row: dict) -> str:
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


def _fingerprints(table: pa.Table) -> dict[str, str]:
    """event_id -> fingerprint, a record batch at a time (never the whole table as Python rows)."""
    return {r["event_id"]: _fingerprint(r) for batch in table.to_batches(max_chunksize=10_000)
            for r in batch.to_pylist()}


def changes(previous: pa.Table | None, current: pa.Table, run_id: str, run_at: datetime) -> list[dict]:
    """Event ids added, updated (same id, other values) and removed since the previous published version."""
    old = _fingerprints(previous) if previous is not None else {}
    new = _fingerprints(current)
    rows = [{"run_id": run_id, "run_at": run_at, "event_id": e, "change": "added"} for e in new if e not in old]
    rows += [{"run_id": run_id, "run_at": run_at, "event_id": e, "change": "updated"}
             for e in new if e in old and old[e] != new[e]]
    rows += [{"run_id": run_id, "run_at": run_at, "event_id": e, "change": "removed"} for e in old if e not in new]
    return sorted(rows, key=lambda r: (r["change"], r["event_id"]))
