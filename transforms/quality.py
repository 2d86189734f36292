"""Validate the events table with Great Expectations; split it into publishable rows and quarantine.

Why row and table levels: a bad row (no date, an unknown vocabulary value) is the extractor's problem with one
event and must not block the rest, so it goes to quarantine/ with the names of the expectations it failed; a bad
table (wrong columns or types, duplicate event ids) means the pipeline itself is broken, so nothing is published.
A GX expectation that *raised* (rather than found bad rows) is a table-level failure too, never read as bad data.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import great_expectations as gx
import pandas as pd
import pyarrow as pa
from great_expectations.data_context.types.base import ProgressBarsConfig

from schemas.expectations import build_suite
from schemas.tables import arrow_schema

SITE_NAME = "newsevents"


@dataclass
class CheckResult:
    """One expectation's outcome, for the run summary and artifacts."""

    name: str
    level: str
    success: bool
    unexpected: int


@dataclass
class ValidationOutcome:
    valid: pa.Table
    quarantine: pa.Table
    table_failures: list[str] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    data_docs_index: Path | None = None

    @property
    def publishable(self) -> bool:
        return not self.table_failures


def _name(config) -> str:  # noqa: ANN001 - GX's ExpectationConfiguration
    kw = config.kwargs
    cols = kw.get("column") or "/".join(c for c in (kw.get("column_A"), kw.get("column_B")) if c)
    return f"{config.type}({cols})" if cols else config.type


def _context(docs_dir: Path | None) -> gx.data_context.AbstractDataContext:
    """An in-memory GX context whose only Data Docs site is `docs_dir` (GX's default site is a temp folder)."""
    for noisy in ("great_expectations", "great_expectations.core", "great_expectations.data_context",
                  "great_expectations.data_context.types.base"):  # the last sets its own level to INFO
        logging.getLogger(noisy).setLevel(logging.ERROR)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    for name, site in list((ctx.get_config().data_docs_sites or {}).items()):
        ctx.delete_data_docs_site(name)
        default_dir = Path(site.get("store_backend", {}).get("base_directory", ""))
        if default_dir.is_dir() and default_dir.is_relative_to(tempfile.gettempdir()):
            shutil.rmtree(default_dir, ignore_errors=True)  # GX made it for its default site; we use ours
    if docs_dir is not None:
        docs_dir = docs_dir.resolve()  # GX requires an absolute site folder
        docs_dir.mkdir(parents=True, exist_ok=True)
        ctx.add_data_docs_site(site_name=SITE_NAME, site_config={
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return ctx


def validate_events(events: pa.Table, docs_dir: Path | None = None) -> ValidationOutcome:
    """Run the events suite on `events` (schema `arrow_schema("events")`); return valid rows and quarantine."""
    ctx = _context(docs_dir)
    frame = events.to_pandas(types_mapper=pd.ArrowDtype)
    batch_def = ctx.data_sources.add_pandas("newsevents").add_dataframe_asset("events") \
        .add_batch_definition_whole_dataframe("run")
    suite = ctx.suites.add(build_suite("events"))
    actions = [gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=[SITE_NAME])] if docs_dir else []
    checkpoint = ctx.checkpoints.add(gx.Checkpoint(
        name="events_checkpoint",
        validation_definitions=[ctx.validation_definitions.add(
            gx.ValidationDefinition(name="events", data=batch_def, suite=suite))],
        actions=actions,
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["event_id"]},
    ))
    result = checkpoint.run(batch_parameters={"dataframe": frame})

    failed_by_id: dict[str, list[str]] = {}
    checks: list[CheckResult] = []
    table_failures: list[str] = []
    for run in result.run_results.values():
        for r in run.results:
            name = _name(r.expectation_config)
            level = (r.expectation_config.meta or {}).get("level", "table")
            raised = bool(r.exception_info and r.exception_info.get("raised_exception"))
            ids = [row["event_id"] for row in (r.result or {}).get("unexpected_index_list") or []]
            checks.append(CheckResult(name, level, bool(r.success), len(ids)))
            if raised:
                table_failures.append(f"{name} could not be evaluated: "
                                      f"{r.exception_info.get('exception_message')}")
            elif not r.success and level == "table":
                table_failures.append(f"{name} failed (observed {(r.result or {}).get('observed_value')!r})")
            elif not r.success:
                if not ids:  # a row-level failure must name its rows, else it is not a row problem
                    table_failures.append(f"{name} failed without naming rows")
                for event_id in ids:
                    failed_by_id.setdefault(event_id, []).append(name)

    ids = events.column("event_id").to_pylist()
    bad = pa.array([i in failed_by_id for i in ids])
    valid = events.filter(pa.compute.invert(bad)).cast(arrow_schema("events"))
    q = events.filter(bad)
    reasons = ["; ".join(sorted(set(failed_by_id[i]))) for i in q.column("event_id").to_pylist()]
    quarantine = pa.Table.from_arrays(
        [q.column(n) for n in q.column_names] + [pa.array(reasons, pa.string())],
        schema=arrow_schema("quarantine"),
    ) if q.num_rows else arrow_schema("quarantine").empty_table()
    index = docs_dir / "index.html" if docs_dir is not None and (docs_dir / "index.html").exists() else None
    return ValidationOutcome(valid, quarantine, table_failures, checks, index)
