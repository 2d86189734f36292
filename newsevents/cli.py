"""`newsevents` command line: argument parsing only; the work happens in the flow and the transforms.

Exit status: 0 when the run completed (quarantined rows are not a failure), 1 with a one-line reason when it
could not, 2 for bad arguments (a parameter that fails validation is named, before anything runs).
"""
from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from pathlib import Path

from pydantic import ValidationError

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
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsevents", description="News articles -> validated ACLED-shaped events.")
    sub = p.add_subparsers(dest="command", required=True)
    _add_consumer_commands(sub)
    run = sub.add_parser("run", help="extract events from articles and publish the dataset")
    run.add_argument("inputs", nargs="+", type=Path, help="files or folders (.txt + sidecar .json, .jsonl)")
    run.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    run.add_argument("--full-refresh", action="store_true", help="rebuild from these inputs, ignoring state")
    run.add_argument("--verbose", action="store_true", help="show Prefect's flow and task logs")
    run.add_argument("--workers", type=int, default=None,
                     help="extraction processes on this machine (default: NEWSEVENTS_WORKERS, or one per core)")
    run.add_argument("--batch-size", type=int, default=None,
                     help="articles per extraction task (default: NEWSEVENTS_BATCH_SIZE, 64)")
    run.add_argument("--spacy-model", default=None, help="installed spaCy pipeline (default: NEWSEVENTS_SPACY_MODEL)")
    bar = run.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show extraction progress on stderr (default: when stderr is a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false")
    where = run.add_mutually_exclusive_group()
    where.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                       help="run extraction on an existing Dask scheduler (prefect-dask's DaskTaskRunner)")
    where.add_argument("--dask-local", type=int, default=None, metavar="N",
                       help="start a local Dask cluster of N worker processes for extraction")
    serve = sub.add_parser("serve", help="serve the flow with a cron schedule from this process (needs a Prefect "
                                         "server: `prefect server start`, PREFECT_API_URL)")
    serve.add_argument("inputs", nargs="*", type=Path,
                       help="files or folders (default: NEWSEVENTS_INPUTS, data/sample)")
    serve.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    serve.add_argument("--cron", default=None, help='cron schedule, UTC (default: NEWSEVENTS_SERVE_CRON, "0 2 * * *")')
    serve.add_argument("--name", default="newsevents-serve", help="deployment name (default: newsevents-serve)")
    serve.add_argument("--workers", type=int, default=None, help="extraction processes per run")
    serve.add_argument("--verbose", action="store_true", help="show Prefect's logs")
    return p


def _add_consumer_commands(sub: argparse._SubParsersAction) -> None:
    """Commands that read a published output folder: export, report, sql."""
    exp = sub.add_parser("export", help="write the events as an ACLED-column CSV or JSON lines")
    exp.add_argument("out", nargs="?", type=Path, default=None, help="output folder (default: output/)")
    exp.add_argument("--format", choices=("acled-csv", "jsonl"), default="acled-csv",
                     help="acled-csv: ACLED's columns in ACLED's order, then ours; jsonl: our columns")
    exp.add_argument("--to", type=Path, default=None, help="file to write (default: standard output)")
    rep = sub.add_parser("report", help="write OUTPUT_DIR/report.html, a self-contained page about the dataset")
    rep.add_argument("out", nargs="?", type=Path, default=None, help="output folder (default: output/)")
    rep.add_argument("--to", type=Path, default=None, help="file to write (default: OUTPUT_DIR/report.html)")
    q = sub.add_parser("sql", help="run a DuckDB query over the output tables and print the result",
                       description="Views: events, mentions, documents, quarantine, interactions, changes.")
    q.add_argument("query", help='e.g. "select event_type, count(*) from events group by 1"')
    q.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    q.add_argument("--format", choices=("table", "csv", "jsonl"), default="table", help="how to print rows")


def _consumer_command(args: argparse.Namespace) -> int:
    from newsevents.settings import Settings

    out = args.out or Settings().out_dir
    if args.command == "export":
        from newsevents.export import export

        try:
            n = export(out, args.format, args.to)
        except BrokenPipeError:  # e.g. piped into `head`
            sys.stderr.close()
            return 0
        if args.to:
            print(f"{n} events -> {args.to}", file=sys.stderr)
    elif args.command == "report":
        from newsevents.report import write_report

        print(write_report(out, args.to))
    elif args.command == "sql":
        from newsevents.sql import run

        try:
            sys.stdout.write(run(out, args.query, args.format))
        except BrokenPipeError:
            sys.stderr.close()
    return 0


def _configured_api_url() -> str | None:
    """The Prefect API this process talks to (PREFECT_API_URL from the environment or the active profile)."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url or None


def _shared_local_server(workers: int):  # noqa: ANN202 - prefect's SubprocessASGIServer or None
    """Without a configured Prefect API, each worker process would start a temporary server of its own (seconds
    and ~200 MB each): start one here and point this process and its workers at it."""
    if workers <= 1 or _configured_api_url():
        return None
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start(timeout=int(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")))
    os.environ["PREFECT_API_URL"] = server.api_url  # read by Prefect in this process and inherited by workers
    return server


class ParameterError(ValueError):
    """A run parameter failed validation (exit status 2)."""


def run_parameters(inputs: list[Path], out: Path | None, **options: object):  # noqa: ANN201 - RunParameters
    """Validate the run's parameters (pydantic) before anything runs; ParameterError names the bad field.
    Options left as None take their value from the settings."""
    from pydantic import ValidationError

    from flows.parameters import RunParameters, describe_error

    given = {k: v for k, v in {"inputs": inputs, "out": out, **options}.items() if v is not None}
    try:
        return RunParameters(**given)
    except ValidationError as err:
        raise ParameterError(describe_error(err)) from None


class ProgressBar:
    """`extracting [#####.....] 5/10 batches` on stderr, redrawn in place."""

    def __init__(self, stream=sys.stderr, width: int = 30) -> None:  # noqa: ANN001
        self.stream, self.width = stream, width

    def __call__(self, done: int, total: int) -> None:
        if not total:
            return
        fill = self.width * done // total
        self.stream.write(f"\rextracting [{'#' * fill}{'.' * (self.width - fill)}] {done}/{total} batches")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def run_pipeline(inputs: list[Path], out: Path | None, full_refresh: bool = False, workers: int | None = None,
                 dask_address: str | None = None, dask_local: int | None = None, batch_size: int | None = None,
                 spacy_model: str | None = None, progress: bool = False) -> dict:
    """Run the flow; return its summary or raise RuntimeError with a one-line reason (ParameterError for a bad
    parameter, raised before Prefect or spaCy are loaded)."""
    params = run_parameters(inputs, out, full_refresh=full_refresh, workers=workers, dask_address=dask_address,
                            dask_local=dask_local, batch_size=batch_size, spacy_model=spacy_model)
    _quiet_prefect_defaults()
    from flows import build_event_dataset as module

    flow = module.build_event_dataset  # its extraction step starts the workers (`module.task_runner`)
    server = _shared_local_server(params.n_workers())
    bar = ProgressBar() if progress else None
    if bar:
        module.PROGRESS_LISTENERS.append(bar)
    try:
        state = flow(params, return_state=True)
    finally:
        if bar:
            module.PROGRESS_LISTENERS.remove(bar)
        if server is not None:
            server.stop()
            # the next run in this process (make eval runs several) must not talk to the server just stopped
            os.environ.pop("PREFECT_API_URL", None)
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


def serve(inputs: list[Path], out: Path | None, cron: str | None, name: str, workers: int | None = None) -> None:
    """Serve `scheduled_build` as deployment `newsevents/<name>` on a cron schedule from this process (blocks)."""
    from newsevents.settings import Settings

    s = Settings()
    params = run_parameters(inputs or list(s.inputs), out, workers=workers)
    missing = [str(p) for p in params.inputs if not p.exists()]
    if missing:
        raise RuntimeError(f"input not found: {', '.join(missing)}")
    _quiet_prefect_defaults()
    url = _configured_api_url()
    if not url:
        raise RuntimeError("newsevents serve needs a Prefect server: run `prefect server start` and set "
                           "PREFECT_API_URL (README, Operations)")
    from flows.build_event_dataset import scheduled_build

    cron = cron or s.serve_cron
    print(f"serving deployment newsevents/{name} on {url}, cron '{cron}' (UTC); Ctrl-C stops it", file=sys.stderr)
    scheduled_build.serve(name=name, cron=cron, parameters={"params": params.model_dump(mode="json",
                                                                                         exclude_unset=True)},
                          pause_on_shutdown=True, print_starting_message=False)


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
        if args.command in ("export", "report", "sql"):
            return _consumer_command(args)
        if args.command in ("run", "serve") and args.verbose:
            os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        if args.command == "run":
            missing = [str(p) for p in args.inputs if not p.exists()]
            if missing:
                raise RuntimeError(f"input not found: {', '.join(missing)}")
            progress = sys.stderr.isatty() and not args.verbose if args.progress is None else args.progress
            _print_summary(run_pipeline(args.inputs, args.out, args.full_refresh, workers=args.workers,
                                        dask_address=args.dask_address, dask_local=args.dask_local,
                                        batch_size=args.batch_size, spacy_model=args.spacy_model,
                                        progress=progress))
            return 0
        if args.command == "serve":
            serve(args.inputs, args.out, args.cron, args.name, workers=args.workers)
            return 0
    except ParameterError as err:
        print(f"newsevents: error: {err}", file=sys.stderr)
        return 2
    except ValidationError as err:  # a setting (environment, .env, newsevents.toml) read outside run_parameters
        from flows.parameters import describe_error

        print(f"newsevents: error: {describe_error(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except (RuntimeError, OSError, ValueError) as err:
        print(f"newsevents: error: {_error_line(err, getattr(args, 'out', None))}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
