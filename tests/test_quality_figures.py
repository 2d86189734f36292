"""Regression guard of the extraction figures reported in the README.

Runs the real pipeline on the dev sets shipped in data/devsets/ and scores it with `newsevents evaluate`'s own
functions; fails when a figure drops below its floor. Floors are the figures measured when they were last
reported, less a small margin (see README, "Quality"); raise them when extraction improves.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.evaluation import evaluate, to_input_jsonl

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT / "data" / "devsets"

FLOORS: dict[str, dict[str, float]] = {
    "fakes_syria.dev.jsonl": {"detection": 0.97, "cause_of_death": 0.88, "admin1": 0.76, "country": 0.92,
                              "date_within_7d": 0.78, "fatalities_exact": 0.61},
    "hrdsattack.dev.jsonl": {"detection": 0.95, "country": 0.88, "location": 0.53, "date_exact": 0.64},
    "reference_events.jsonl": {"reference_type_found": 16, "event_type": 0.9},
    "plover_gsr_cameo.json": {"source_and_target": 0.76},
    "acled_descriptions.dev.jsonl": {"sub_event_type_weighted_f1": 0.90},
}


@pytest.mark.parametrize("gold_name", sorted(FLOORS))
def test_figures_do_not_drop(gold_name: str, env: dict[str, str], tmp_path: Path) -> None:
    gold = DEVSETS / gold_name
    inputs = ROOT / "data" / "sample" if gold_name.startswith("reference") else \
        to_input_jsonl(gold, tmp_path / "input.jsonl")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(inputs), "--out", str(out)],
                       env=env, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr[-2000:]
    figures = evaluate(gold, out).as_dict()
    drops = {k: (figures.get(k), floor) for k, floor in FLOORS[gold_name].items()
             if figures.get(k) is None or figures[k] < floor}
    assert not drops, f"figures below their floor (measured, floor): {drops}"
