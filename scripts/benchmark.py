"""Speed and memory of extraction, as a ratio against the bare spaCy parse measured in the same run.

    .venv/bin/python scripts/benchmark.py [JSONL ...]   (default: data/devsets/fakes_syria.dev.jsonl)

Baseline: `nlp.pipe` of the same pipeline over the same texts, doing nothing with the docs — the parser's limit.
Ours: ingest-normalised articles through `extract_batch` (parse + events, actors, places, dates, fatalities).
The ratio ours/baseline says how close extraction runs to the parser's limit (1.0 = no overhead).
"""
from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from transforms.extract import extract_batch  # noqa: E402
from transforms.ingest import read_inputs  # noqa: E402
from transforms.nlp import DEFAULT_MODEL, load_pipeline  # noqa: E402


def main(paths: list[Path]) -> None:
    articles = [a for a in read_inputs(paths) if a.status == "ok"]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_pipeline(DEFAULT_MODEL)
    extract_batch(articles[:5], DEFAULT_MODEL)  # warm up: data files and caches load once

    t = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=32):
        pass
    base = time.perf_counter() - t

    t = time.perf_counter()
    result = extract_batch(articles, DEFAULT_MODEL, 32)
    ours = time.perf_counter() - t

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(articles)}, words: {words}, reports: {len(result.reports)}, interactions: {len(result.interactions)}")
    print(f"baseline nlp.pipe: {words / base:,.0f} words/s ({base:.1f} s)")
    print(f"extraction:        {words / ours:,.0f} words/s ({ours:.1f} s)")
    print(f"ratio extraction/baseline: {base / ours:.2f}")
    print(f"peak RSS: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [Path("data/devsets/fakes_syria.dev.jsonl")])
