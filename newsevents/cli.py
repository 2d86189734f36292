"""`newsevents` command line: argument parsing only; the work happens in the flow and the transforms.

Exit status: 0 when the run completed (quarantined rows are not a failure), 1 with a one-line reason when it
could not, 2 for bad arguments.
"""
from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _quiet_prefect_defaults() -> None:
    """Project-local Prefect home and a quiet local server, unless the user configured Prefect otherwise.

    Must run before prefect is imported: Prefect reads its settings at import time.
    """
    home = Path(os.environ.get("PREFECT_HOME") or PROJECT_ROOT / ".prefect")
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    # The CLI prints its own one-line summary or error; Prefect's console logs (and tracebacks) only on --verbose.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "true")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsevents", description="News articles -> validated ACLED-shaped events.")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract events from articles and publish the dataset")
    run.add_argument("inputs", nargs="+", type=Path, help="files or folders (.txt + sidecar .json, .jsonl)")
    run.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    run.add_argument("--full-refresh", action="store_true", help="rebuild from these inputs, ignoring state")
    run.add_argument("--verbose", action="store_true", help="show Prefect's flow and task logs")
    return p


def run_pipeline(inputs: list[Path], out: Path | None, full_refresh: bool = False) -> dict:
    """Run the flow; return its summary or raise RuntimeError with a one-line reason."""
    _quiet_prefect_defaults()
    from flows.build_event_dataset import RunParameters, build_event_dataset
    from newsevents.settings import Settings

    s = Settings()
    params = RunParameters(inputs=inputs, out=out or s.out_dir, full_refresh=full_refresh,
                           spacy_model=s.spacy_model, batch_size=s.batch_size, pipe_batch_size=s.pipe_batch_size,
                           max_chars=s.max_chars, min_english_ratio=s.min_english_ratio)
    state = build_event_dataset(params, return_state=True)
    if not state.is_completed():
        failure = state.result(raise_on_failure=False)
        if isinstance(failure, (OSError, RuntimeError, ValueError)):
            raise failure  # the original error (disk full, permission, corrupted output), for a clear message
        raise RuntimeError(state.message or "the run failed")
    return state.result()


def _error_line(err: BaseException, out: Path | None) -> str:
    """One line saying what went wrong and what to do; never a traceback."""
    where = f" ({err.filename})" if isinstance(err, OSError) and err.filename else ""
    unchanged = "the published dataset is unchanged"
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"no space left on the device of the output folder{where}; free some space and run again " \
               f"({unchanged})"
    out = Path(out or "output")
    in_out = isinstance(err, OSError) and bool(err.filename) and Path(os.path.abspath(err.filename)).is_relative_to(
        os.path.abspath(out))
    if in_out and err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to the output folder {out}: {err.strerror}{where}; choose another --out or fix its " \
               f"permissions ({unchanged})"
    if in_out and err.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return f"cannot write to the output folder {out}: {err.strerror}{where}; --out must be a folder (or a " \
               "path where one can be made)"
    if isinstance(err, OSError) and err.strerror:
        return f"{err.strerror}{where}"
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _print_summary(summary: dict) -> None:
    c = summary["counts"]
    docs = ", ".join(f"{v} {k}" for k, v in sorted(summary["documents"].items()))
    print(f"{summary['run_id']}: documents {docs}; extracted {summary['extracted']}, unchanged "
          f"{summary['unchanged']}; events {c['events']}, quarantined {c['quarantined']}, mentions "
          f"{c['mentions']}; changes {summary['changes']} -> {summary['out']}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.captureWarnings(True)
    try:
        if args.command == "run":
            if args.verbose:
                os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
            missing = [str(p) for p in args.inputs if not p.exists()]
            if missing:
                raise RuntimeError(f"input not found: {', '.join(missing)}")
            _print_summary(run_pipeline(args.inputs, args.out, args.full_refresh))
            return 0
    except (RuntimeError, OSError, ValueError) as err:
        print(f"newsevents: error: {_error_line(err, getattr(args, 'out', None))}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
