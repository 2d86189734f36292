"""Where extraction time goes, in one process: the bare parse of the pipeline against parse + our rules.

    .venv/bin/python scripts/extraction_cost.py [--articles 150]

Why: `make bench` compares the whole run with the bare parse; this splits the run's extraction cost into the
spaCy pipeline (our pipeline object, our actor ruler included) and the rules that read the parse (event clauses,
places, actors, dates, coreference, interactions). The ratio bare parse / (our parse + rules) is the ceiling of what
`make bench` can show without a pre-filter that keeps text away from the parser: orchestration only lowers it.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import deque
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from transforms.extract import _extract_into, BatchResult  # noqa: PLC0415
    from transforms.ingest import make_article  # noqa: PLC0415
    from transforms.nlp import DEFAULT_MODEL, load_pipeline  # noqa: PLC0415

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=150)
    args = ap.parse_args()
    lines = (ROOT / "data" / "devsets" / "fakes_syria.dev.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines][: args.articles]
    articles = [make_article(r["id"], "bench", r["text"], {"published_at": r.get("published_at")}) for r in records]
    import spacy  # noqa: PLC0415

    bare_nlp = spacy.load(DEFAULT_MODEL)
    # warm-up, as ours below: the first calls initialise the model's layers
    deque(bare_nlp.pipe(a.text for a in articles[:5]), maxlen=0)
    t = time.perf_counter()
    deque(bare_nlp.pipe((a.text for a in articles), batch_size=32), maxlen=0)  # parse, keep nothing
    bare = time.perf_counter() - t
    del bare_nlp
    nlp = load_pipeline(DEFAULT_MODEL)
    deque(nlp.pipe(a.text for a in articles[:5]), maxlen=0)  # warm-up (tables load on first use, timed apart)
    t = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    parse = time.perf_counter() - t
    result = BatchResult([], [], [])
    _extract_into(result, docs[0], articles[0])  # loads the gazetteer and tables once
    t = time.perf_counter()
    for doc, article in zip(docs, articles):
        _extract_into(result, doc, article)
    rules = time.perf_counter() - t
    from transforms.event_typer import load_model  # noqa: PLC0415
    from transforms.events import detect_events  # noqa: PLC0415

    from transforms.sentence_encoder import embed  # noqa: PLC0415

    model = load_model()
    sentences = sorted({c.sentence.text for doc in docs for c in detect_events(doc)})
    embed.cache_clear()  # the rules above embedded these sentences already: time the typer reading them afresh
    t = time.perf_counter()
    for sentence in sentences:
        model.probabilities(sentence) if model else None
    typer = time.perf_counter() - t
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} FA-KES articles ({words:,} words), one process")
    print(f"bare {DEFAULT_MODEL} (make bench's baseline): {bare:6.1f} s")
    print(f"our spaCy pipeline (with the actor ruler):   {parse:6.1f} s")
    print(f"rules reading the parse:                     {rules:6.1f} s")
    print(f"  of which the learned typer (sentence embedding included): {typer:5.2f} s for {len(sentences)} event sentences "
          f"({1000 * typer / max(len(sentences), 1):.2f} ms per sentence)")
    print(f"ceiling of make bench's ratio without a pre-filter: {bare / (parse + rules):.2f}")


if __name__ == "__main__":
    main()
