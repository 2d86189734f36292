"""`python -m evaluation` (also `newsevents-eval`): score a run against gold, or run and score every dev set.

    python -m evaluation score GOLD OUTPUT_DIR [--half check|tune|all] [--matching honest|optimistic]
    python -m evaluation devsets [--devsets data/devsets] [--out output/eval] [--compare-matching]
    python -m evaluation run GOLD [--half tune] [--out output/eval-runs] [--workers 1]   (run one half, score it)
    python -m evaluation errors GOLD OUTPUT_DIR FIELD [--half tune] [--limit 40]   (error analysis, tune half)
    python -m evaluation typing GOLD [GOLD ...] [--run OUTPUT_DIR | --in-articles EVAL_DIR]   (per-type F1 and confusions)

Exit status 0 when the figures were computed (whether or not they meet their targets), 2 for a missing input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m evaluation", description="Score newsevents runs against gold.")
    sub = p.add_subparsers(dest="command", required=True)
    sc = sub.add_parser("score", help="score one run's output against a gold file")
    sc.add_argument("gold", type=Path, help="gold file (dev-set JSONL, reference events, PLOVER JSON, Prodigy)")
    sc.add_argument("output_dir", type=Path, help="the --out folder of a run over the same documents")
    sc.add_argument("--half", choices=("check", "tune", "all"), default="all",
                    help="score only that half of the fixed tune/check split (default: all documents)")
    sc.add_argument("--matching", choices=("honest", "optimistic"), default="honest")
    dv = sub.add_parser("devsets", help="run and score every dev set (what `make eval` does)")
    dv.add_argument("--devsets", type=Path, default=PROJECT_ROOT / "data" / "devsets")
    dv.add_argument("--out", type=Path, default=Path("output") / "eval")
    dv.add_argument("--compare-matching", action="store_true",
                    help="also print each file scored with the old optimistic matching beside the honest one")
    rn = sub.add_parser("run", help="run the pipeline on one half of a gold file and score that half")
    rn.add_argument("gold", type=Path)
    rn.add_argument("--half", choices=("check", "tune", "all"), default="tune")
    rn.add_argument("--out", type=Path, default=Path("output") / "eval-runs")
    rn.add_argument("--workers", type=int, default=None, help="extraction processes (default: the setting)")
    er = sub.add_parser("errors", help="list the misses behind one figure (error analysis on the tune half)")
    er.add_argument("gold", type=Path)
    er.add_argument("output_dir", type=Path)
    er.add_argument("field", help="a scored field (country, admin1, location, date_exact, ...) or 'actors'")
    er.add_argument("--half", choices=("check", "tune", "all"), default="tune")
    er.add_argument("--limit", type=int, default=40)
    ce = sub.add_parser("ceiling", help="per field: the honest figure beside the best any choice among the "
                        "published events could reach, and where the rest is lost")
    ce.add_argument("gold", type=Path)
    ce.add_argument("output_dir", type=Path)
    ce.add_argument("--half", choices=("check", "tune", "all"), default="tune")
    ty = sub.add_parser("typing", help="per-type F1 and confusions: the learned typer alone, or a run's top event")
    ty.add_argument("gold", type=Path, nargs="+")
    ty.add_argument("--run", type=Path, default=None, help="a run's output folder over the gold's documents")
    ty.add_argument("--in-articles", type=Path, default=None, metavar="EVAL_DIR",
                    help="labelled sentences read in the runs of their source articles under EVAL_DIR (make eval's)")
    return p


def main(argv: list[str] | None = None) -> int:
    from evaluation.predictions import NoRunError  # noqa: PLC0415

    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except NoRunError as error:  # a mistyped output folder: one line, not a table of zeros
        print(f"error: {error}", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace) -> int:
    """Run the chosen command."""
    if args.command == "score":
        from evaluation.report import format_report  # noqa: PLC0415
        from evaluation.scoring import evaluate  # noqa: PLC0415

        if not args.gold.is_file():
            print(f"gold file not found: {args.gold}")
            return 2
        if not args.output_dir.is_dir():
            print(f"run output folder not found: {args.output_dir}")
            return 2
        half = None if args.half == "all" else args.half
        print(format_report(evaluate(args.gold, args.output_dir, half, args.matching)))
        return 0
    if args.command == "typing":
        from evaluation.typing import typing_report  # noqa: PLC0415

        if args.run and len(args.gold) > 1:
            print("typing --run scores one gold file (the one the run was made from); give one GOLD")
            return 2

        print(typing_report(args.gold, args.run, args.in_articles))
        return 0
    if args.command == "ceiling":
        from evaluation.ceiling import format_ceilings  # noqa: PLC0415

        print(format_ceilings(args.gold, args.output_dir, None if args.half == "all" else args.half))
        return 0
    if args.command == "errors":
        from evaluation.errors import list_errors  # noqa: PLC0415

        print(list_errors(args.gold, args.output_dir, args.field, None if args.half == "all" else args.half,
                          args.limit))
        return 0
    from newsevents.cli import _quiet_prefect_defaults  # noqa: PLC0415

    _quiet_prefect_defaults()
    if args.command == "run":
        from evaluation.devsets import run_devset  # noqa: PLC0415
        from evaluation.report import format_report  # noqa: PLC0415
        from evaluation.scoring import evaluate  # noqa: PLC0415

        half = None if args.half == "all" else args.half
        run_out = run_devset(args.gold, args.out, half, args.workers)
        print(format_report(evaluate(args.gold, run_out, half)))
        print(f"run output: {run_out}")
        return 0
    from evaluation.devsets import eval_devsets  # noqa: PLC0415

    print(eval_devsets(args.devsets, args.out, args.compare_matching))
    return 0


if __name__ == "__main__":
    sys.exit(main())
