"""`make eval`: run the pipeline on every labelled dev set and score it with `newsevents evaluate`.

Each gold file is turned into the pipeline's own input format (JSONL with id/text/title/source/published_at),
run into its own output folder with --full-refresh, then scored; the reports are printed and written to
OUT/eval_report.md. The same two steps (`newsevents run`, `newsevents evaluate`) work on a user's own sample.
"""
from __future__ import annotations

from pathlib import Path

GOLD_FILES = ("fakes_syria.dev.jsonl", "hrdsattack.dev.jsonl", "plover_gsr_cameo.json", "reference_events.jsonl",
              "acled_descriptions.dev.jsonl", "acled_descriptions.test.jsonl")


def run_name(gold_file: str) -> str:
    """Output folder of a gold file's run: its dataset name, plus "_test" for a held-out split."""
    stem = gold_file.split(".")[0]
    return f"{stem}_test" if ".test." in gold_file else stem


def eval_devsets(devsets: Path, out: Path) -> int:
    """Run + evaluate each dev set found in `devsets`; 0 when all ran (figures are reported, not judged here)."""
    from newsevents.cli import run_pipeline
    from newsevents.evaluation import evaluate, format_report, to_input_jsonl

    out.mkdir(parents=True, exist_ok=True)
    sample = devsets.parent / "sample"
    sections: list[str] = []
    for name in GOLD_FILES:
        gold = devsets / name
        if not gold.exists():
            continue
        stem = run_name(name)
        run_out = out / stem
        if name == "reference_events.jsonl":  # the seeds' reference codes the bundled sample articles
            inputs = [sample]
        else:
            inputs = [to_input_jsonl(gold, out / f"{stem}.input.jsonl")]
        run_pipeline(inputs, run_out, full_refresh=True)
        sections.append(format_report(evaluate(gold, run_out)) + "\n")
    text = "\n".join(sections)
    (out / "eval_report.md").write_text(text, encoding="utf-8")
    print(text)
    return 0
