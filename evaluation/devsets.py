"""`make eval`: run the pipeline on every gold file of evaluation/targets.json and score it.

Each gold file with text is turned into the pipeline's input format (JSONL with id/text/title/source/
published_at), run once into its own output folder with --full-refresh, then scored on its reported half (the
check half of a dev set, all of a held-out file) with the other half beside it. The seeds reference is scored on
a run over data/sample/. Reports are printed and written to OUT/eval_report.md.
"""
from __future__ import annotations

from pathlib import Path

from evaluation.gold import to_input_jsonl
from evaluation.report import format_matching_comparison, format_report
from evaluation.scoring import dataset_key, evaluate
from evaluation.targets import gold_files, reported_half

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def run_devset(gold: Path, out: Path, half: str | None = None, workers: int | None = None) -> Path:
    """Run the pipeline over a gold file's documents (those of `half` only, when given); the run's folder."""
    from newsevents.cli import run_pipeline  # noqa: PLC0415 - the scorers work without the pipeline installed

    key = dataset_key(gold) + (f".{half}" if half else "")
    run_out = out / key
    if gold.name == "reference_events.jsonl":  # the seeds' reference codes the bundled sample articles
        inputs = [PROJECT_ROOT / "data" / "sample"]
    else:
        inputs = [to_input_jsonl(gold, out / f"{key}.input.jsonl", half)]  # type: ignore[arg-type]
    run_pipeline(inputs, run_out, full_refresh=True, workers=workers)
    return run_out


def eval_devsets(devsets: Path, out: Path, compare_matching: bool = False) -> str:
    """Run + evaluate each gold file found in `devsets`; the markdown report (also written to OUT)."""
    out.mkdir(parents=True, exist_ok=True)
    sections: list[str] = []
    comparisons: list[str] = []
    for name in gold_files():
        gold = devsets / name
        if not gold.exists():
            continue
        run_out = run_devset(gold, out)
        half = reported_half(dataset_key(gold))
        report = evaluate(gold, run_out, half)  # type: ignore[arg-type]
        other = evaluate(gold, run_out, "tune" if half == "check" else "check") if half else None
        sections.append(format_report(report, other) + "\n")
        if compare_matching:
            comparisons.append(format_matching_comparison(evaluate(gold, run_out, half, "optimistic"),  # type: ignore[arg-type]
                                                          report) + "\n")
    text = "\n".join(sections + comparisons)
    (out / "eval_report.md").write_text(text, encoding="utf-8")
    return text
