"""Regression guard of the extraction figures reported in the README.

Runs the real pipeline on the reported half of each dev set (the check half; all of a held-out file) and scores
it with the evaluation package, honest matching; fails when a figure drops below its floor in
evaluation/targets.json. Floors are the figures last reported, less a small margin; raise them when extraction
improves.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evaluation.gold import to_input_jsonl
from evaluation.scoring import dataset_key, evaluate
from evaluation.targets import floors_for, gold_files, reported_half

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT / "data" / "devsets"
GUARDED = [name for name in gold_files() if floors_for(dataset_key(Path(name)))]


def test_every_reported_gold_file_has_floors() -> None:
    assert len(GUARDED) >= 6, GUARDED


@pytest.mark.parametrize("gold_name", GUARDED)
def test_figures_do_not_drop(gold_name: str, env: dict[str, str], tmp_path: Path) -> None:
    gold = DEVSETS / gold_name
    key = dataset_key(gold)
    half = reported_half(key)
    inputs = ROOT / "data" / "sample" if gold_name.startswith("reference") else \
        to_input_jsonl(gold, tmp_path / "input.jsonl", half)  # type: ignore[arg-type]
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(inputs), "--out", str(out)],
                       env=env, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert r.returncode == 0, r.stderr[-2000:]
    figures = evaluate(gold, out, half).as_dict()  # type: ignore[arg-type]
    drops = {k: (figures.get(k), str(floor)) for k, floor in floors_for(key).items()
             if figures.get(k) is None or not floor.met(figures[k])}
    assert not drops, f"figures below their floor (measured, floor): {drops}"
