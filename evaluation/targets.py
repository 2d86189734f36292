"""The project's targets and regression floors, read from evaluation/targets.json (one place for both).

Why a data file: targets are set by issues and floors are raised as extraction improves; neither is code. Each
gold file (keyed by its name without extension, "fakes_syria.dev") names the half its figures are reported on
("check" for dev sets, "all" for held-out files), its targets ("admin1": ">= 0.75", "events_per_article": "<= 3")
and its floors (the last reported figures less a margin, guarded by tests/test_quality_figures.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TARGETS_FILE = Path(__file__).resolve().parent / "targets.json"
# Gold files detected by format rather than name (a user's own reference coding or PLOVER file).
_BY_FORMAT = {"reference": "reference_events", "plover": "plover_gsr_cameo", "prodigy": "event_location_gold"}


@dataclass(frozen=True)
class Target:
    """A bound on a figure: at least (">=") or at most ("<=") `value`."""

    op: str
    value: float

    def met(self, figure: float) -> bool:
        """Whether `figure` satisfies the bound."""
        return figure >= self.value if self.op == ">=" else figure <= self.value

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


def parse_target(text: str) -> Target:
    """">= 0.75" / "<= 3" -> Target; a bare number means ">="."""
    match = re.fullmatch(r"\s*(>=|<=)?\s*([0-9.]+)\s*", str(text))
    if not match:
        raise ValueError(f"bad target {text!r} in {TARGETS_FILE.name}: write '>= 0.75' or '<= 3'")
    return Target(match.group(1) or ">=", float(match.group(2)))


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return {k: v for k, v in json.loads(TARGETS_FILE.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def entry(key: str, gold_format: str = "") -> dict[str, Any]:
    """The raw entry of a gold file (by key, else by format); empty when it has none."""
    table = _table()
    return table.get(key) or table.get(_BY_FORMAT.get(gold_format, ""), {})


def targets_for(key: str, gold_format: str = "") -> dict[str, Target]:
    """Metric name -> target of a gold file."""
    return {m: parse_target(t) for m, t in entry(key, gold_format).get("targets", {}).items()}


def floors_for(key: str) -> dict[str, Target]:
    """Metric name -> regression floor of a gold file (on its reported half)."""
    return {m: parse_target(t) for m, t in entry(key).get("floors", {}).items()}


def reported_half(key: str) -> str | None:
    """"tune"/"check" for a dev set whose figures are reported on that half; None for a file reported whole."""
    half = entry(key).get("half", "check")
    return None if half == "all" else half


def gold_files() -> list[str]:
    """Every gold file with an entry, in the order `make eval` runs them."""
    return [v["file"] for v in _table().values()]
