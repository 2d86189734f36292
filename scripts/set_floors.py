"""Regression floors from a `make eval` output: each reported figure less a small margin, into evaluation/targets.json.

    .venv/bin/python scripts/set_floors.py [output/eval]

Why a script: the floors `tests/test_quality_figures.py` guards are the figures last reported in the README, so
they are recomputed by one rule, never edited by hand. Rates and F1: the figure less 0.025 (rounded down to the
hundredth; rates scored on fewer than 10 items are not guarded); counts: less one; events per article (when above
1.2): the figure plus 0.3 (rounded up to the tenth).
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluation.scoring import dataset_key, evaluate  # noqa: E402
from evaluation.targets import TARGETS_FILE, gold_files, reported_half  # noqa: E402


def floors_of(gold: Path, run: Path, half: str | None) -> dict[str, str]:
    """The floors of one gold file from its run."""
    floors: dict[str, str] = {}
    for m in evaluate(gold, run, half).metrics:  # type: ignore[arg-type]
        if m.value is None or m.name in ("extra_events", "reference_sub_type_found"):
            continue
        if m.unit in ("rate", "f1"):
            if m.total and m.total < 10:
                continue
            floors[m.name] = f">= {math.floor((m.value - 0.025) * 100) / 100:.2f}"
        elif m.unit == "count":
            floors[m.name] = f">= {max(0, int(m.value) - 1)}"
        elif m.unit == "mean" and m.name == "events_per_article" and m.value > 1.2:
            floors[m.name] = f"<= {math.ceil((m.value + 0.3) * 10) / 10:.1f}"
    return floors


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output" / "eval"
    table = json.loads(TARGETS_FILE.read_text(encoding="utf-8"))
    for name in gold_files():
        key = dataset_key(Path(name))
        table[key]["floors"] = floors_of(ROOT / "data" / "devsets" / name, out / key, reported_half(key))
        print(key, table[key]["floors"])
    TARGETS_FILE.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
