"""Parameters of a run of `build_event_dataset`, validated by pydantic before anything starts.

A module of its own (pydantic and the settings only, no Prefect) so the CLI can reject a bad value in a fraction
of a second, before Prefect or spaCy are imported.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsevents.settings import Settings


def _setting(name: str) -> Callable[[], object]:
    """Default of a run parameter: the setting of that name (environment, .env, newsevents.toml, default)."""
    return lambda: getattr(Settings(), name)


class RunParameters(BaseModel):
    """What a run is asked to do; validated (pydantic) before anything starts, whoever starts it: the CLI, a
    deployment's schedule, `run_deployment` or the UI. Fields left out take their value from the settings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    inputs: list[Path] = Field(min_length=1, description="Files and folders to read (.txt with sidecar .json, .jsonl)")
    out: Path = Field(default_factory=_setting("out_dir"),
                      description="Output folder (published tables, data docs, summary)")
    full_refresh: bool = Field(False, description="Ignore earlier runs' state and rebuild from these inputs only")
    spacy_model: str = Field(default_factory=_setting("spacy_model"), min_length=1)
    batch_size: int = Field(default_factory=_setting("batch_size"), ge=1, description="Articles per extraction task")
    pipe_batch_size: int = Field(default_factory=_setting("pipe_batch_size"), ge=1)
    max_chars: int = Field(default_factory=_setting("max_chars"), ge=1000)
    min_english_ratio: float = Field(default_factory=_setting("min_english_ratio"), ge=0, le=1)
    workers: int = Field(default_factory=_setting("workers"), ge=0,
                         description="Extraction processes on this machine (0: one per core)")
    dask_address: str | None = Field(default_factory=_setting("dask_address"),
                                     description="Run extraction on this Dask scheduler (tcp://host:port)")
    dask_local: int = Field(0, ge=0, description="Start a local Dask cluster of this many workers for extraction")

    def n_workers(self) -> int:
        return self.dask_local or self.workers or os.cpu_count() or 1


def describe_error(err: ValidationError) -> str:
    """One line naming each bad field: `batch_size: Input should be greater than or equal to 1 (got -3)`."""
    parts = []
    for e in err.errors():
        field = ".".join(str(x) for x in e["loc"]) or "parameters"
        got = f" (got {e['input']!r})" if e.get("type") != "missing" and not isinstance(e.get("input"), dict) else ""
        parts.append(f"{field}: {e['msg']}{got}")
    return "invalid parameter " + "; ".join(parts)
