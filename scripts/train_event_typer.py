"""Fit the event typer (transforms/data/event_typer.npz) on the labelled training sentences.

    PYTHONPATH=. .venv/bin/python scripts/train_event_typer.py             # cross-validate, print, write nothing
    PYTHONPATH=. .venv/bin/python scripts/train_event_typer.py --write     # ... and store the coefficients
    PYTHONPATH=. .venv/bin/python scripts/train_event_typer.py --oof F     # ... and out-of-fold P(type) per row
    PYTHONPATH=. .venv/bin/python scripts/train_event_typer.py --combine   # ... and choose the bounds with which
                                        # the typer reviews the rules (transforms/data/event_typing.json)

Training rows: every `data/typing/train_*.jsonl` (article sentences from the dev sets' tune halves, notes written
for the project), the tune half of `data/devsets/acled_descriptions.dev.jsonl` and the fresh tune-only notes
`acled_descriptions.extra*.jsonl` (all of them; since session 18), and the news snippets written for tuning
(`data/typing/tune_snippets.jsonl`, since session 23). Never the description dev file's check half, the description
test file, `data/typing/heldout_articles.jsonl` or `data/typing/heldout_snippets.jsonl`: those measure it. A
training row that shares half or more of its words with a text of those files (the same real event told in
similar words) is left out, so that no measured text is learned in another wording.

Model: multinomial logistic regression over the binary features of `transforms.event_typer.features` (kept when
seen in at least MIN_COUNT training rows), each row scaled to unit length, and the sentence's embedding
(`transforms.sentence_encoder`, unit length) times a scale; classes weighted to equal total weight; the L2
penalty and the embedding's scale chosen together by 5-fold cross-validation on the training rows (folds by a
hash of the row id; scale 0 is the n-grams alone).
Fitted by full-batch Adam for a fixed number of steps from zeros: deterministic; numpy and scipy.sparse (a\ndependency of the locked environment; the product reads the coefficients with numpy alone).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.splits import half_of  # noqa: E402
from schemas.vocabularies import SUB_EVENT_TYPES  # noqa: E402
from transforms.event_typer import MODEL_FILE, NO_EVENT, features, save_model, tokens  # noqa: E402
from transforms.event_typing import TypingBounds, load_bounds  # noqa: E402
from transforms.sentence_encoder import load_encoder  # noqa: E402

TYPING = ROOT / "data" / "typing"
DESCRIPTIONS_DEV = ROOT / "data" / "devsets" / "acled_descriptions.dev.jsonl"
# fresh notes written for tuning (data/devsets/README.md): tune only, all of them, never reported
DESCRIPTIONS_TUNE = (ROOT / "data" / "devsets" / "acled_descriptions.extra.jsonl",
                     ROOT / "data" / "devsets" / "acled_descriptions.extra2.jsonl")
# news snippets written for tuning (data/typing/README.md): learned from since session 23, never reported
TUNE_SNIPPETS = TYPING / "tune_snippets.jsonl"
# texts that measure the typer (the description dev file's check half only)
MEASURED = (DESCRIPTIONS_DEV, ROOT / "data" / "devsets" / "acled_descriptions.test.jsonl",
            TYPING / "heldout_articles.jsonl", TYPING / "heldout_snippets.jsonl")
OVERLAP = 0.5  # word Jaccard at which a training row is the same telling as a measured text
BOUNDS_FILE = ROOT / "transforms" / "data" / "event_typing.json"
LABELS: tuple[str, ...] = tuple(SUB_EVENT_TYPES) + (NO_EVENT,)
MIN_COUNT = 2
L2_GRID = (1e-5, 3e-5)
SCALE_GRID = (0.0, 1.0, 2.0)  # the embedding's weight beside the n-grams (0: n-grams alone)
STEPS, LEARNING_RATE = 300, 0.05
FOLDS = 5
LEAD_BARS = (0.08, 0.15, 0.3, 0.45, 0.6)


def training_rows() -> list[dict]:
    """(id, text, label) of every training row, in a fixed order."""
    rows: list[dict] = []
    for path in (*sorted(TYPING.glob("train_*.jsonl")), TUNE_SNIPPETS):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append({"id": row["id"], "text": row["text"], "label": row["label"]})
    for path in (DESCRIPTIONS_DEV, *DESCRIPTIONS_TUNE):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if path != DESCRIPTIONS_DEV or half_of(doc["id"]) == "tune":
                rows.append({"id": doc["id"], "text": doc["text"],
                             "label": doc["gold"]["events"][0]["sub_event_type"]})
    unknown = sorted({r["label"] for r in rows} - set(LABELS))
    if unknown:
        raise SystemExit(f"unknown labels in the training rows: {unknown}")
    measured = [_words(t) for t in measured_texts()]
    kept = [r for r in rows if not any(_jaccard(_words(r["text"]), m) >= OVERLAP for m in measured)]
    if len(kept) < len(rows):
        print(f"left out {len(rows) - len(kept)} training rows that retell a measured text")
    return kept


def measured_texts() -> list[str]:
    """Every text the typer is measured on (never trained on)."""
    texts = []
    for path in MEASURED:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if path != DESCRIPTIONS_DEV or half_of(row["id"]) == "check":
                    texts.append(row["text"])
    return texts


def _words(text: str) -> set[str]:
    return set(tokens(text))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def fold_of(row_id: str) -> int:
    return hashlib.sha256(row_id.encode("utf-8")).digest()[0] % FOLDS


_EMBEDDINGS: dict[str, np.ndarray] = {}


def embeddings(texts: list[str]) -> np.ndarray:
    """The texts' sentence embeddings, each computed once per run (the encoder is the slow part of a fit)."""
    encoder = load_encoder()
    if encoder is None:
        raise SystemExit("transforms/data/sentence_encoder.npz is missing (scripts/convert_sentence_encoder.py)")
    for text in texts:
        if text not in _EMBEDDINGS:
            _EMBEDDINGS[text] = encoder.embed(text)
    return np.array([_EMBEDDINGS[t] for t in texts], dtype=np.float64).reshape(len(texts), -1)


class Design:
    """The rows as a sparse matrix (scipy CSR, training only): the n-gram features scaled to unit length, then
    the sentence embedding times `scale` (no columns when the scale is 0)."""

    def __init__(self, texts: list[str], vocabulary: dict[str, int], scale: float) -> None:
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            indices += [vocabulary[f] for f in features(text) if f in vocabulary]
            indptr.append(len(indices))
        lengths = np.diff(indptr)
        values = np.repeat(1.0 / np.sqrt(np.maximum(lengths, 1)), lengths)
        self.matrix = sparse.csr_matrix((values, indices, indptr), shape=(len(texts), len(vocabulary)))
        if scale:
            self.matrix = sparse.hstack([self.matrix, sparse.csr_matrix(scale * embeddings(texts))]).tocsr()
        self.transposed = self.matrix.T.tocsr()

    def times(self, weights: np.ndarray) -> np.ndarray:
        return np.asarray(self.matrix @ weights)

    def transpose_times(self, deltas: np.ndarray) -> np.ndarray:
        return np.asarray(self.transposed @ deltas)


def build_vocabulary(texts: list[str]) -> list[str]:
    counts = Counter(f for text in texts for f in features(text))
    return sorted(f for f, n in counts.items() if n >= MIN_COUNT)


Model = tuple[list[str], np.ndarray, np.ndarray, float]  # (vocabulary, weights, bias, embedding scale)


def fit(texts: list[str], labels: list[str], l2: float, scale: float = 0.0, class_power: float = 1.0,
        text_weight: Callable[[str], float] | None = None) -> Model:
    """(vocabulary, weights, bias, scale) of the penalised softmax regression on these rows; the weights' last
    rows, after one per vocabulary feature, are the embedding's (none when the scale is 0). A row weighs
    1 / (rows of its class) ** class_power (1: every class the same total weight), times text_weight(text) when
    given; `scripts/typer_trials.py` measures the alternatives, the shipped typer uses the defaults."""
    vocabulary = build_vocabulary(texts)
    design = Design(texts, {f: i for i, f in enumerate(vocabulary)}, scale)
    y = np.zeros((len(texts), len(LABELS)))
    y[np.arange(len(texts)), [LABELS.index(label) for label in labels]] = 1.0
    per_class = y.sum(axis=0)
    row_weight = (y / np.where(per_class > 0, per_class, 1.0) ** class_power).sum(axis=1)
    if text_weight is not None:
        row_weight *= np.array([text_weight(t) for t in texts])
    row_weight *= len(texts) / row_weight.sum()
    w = np.zeros((design.matrix.shape[1], len(LABELS)))
    b = np.zeros(len(LABELS))
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, STEPS + 1):
        logits = design.times(w) + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        delta = (p - y) * row_weight[:, None] / len(texts)
        grad_w = design.transpose_times(delta) + l2 * w
        grad_b = delta.sum(axis=0)
        for k, (param, grad) in enumerate(((w, grad_w), (b, grad_b))):
            m, v = moments[2 * k], moments[2 * k + 1]
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= LEARNING_RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return vocabulary, w, b, scale


def predict(vocabulary: list[str], w: np.ndarray, b: np.ndarray, scale: float, texts: list[str]) -> np.ndarray:
    logits = Design(texts, {f: i for i, f in enumerate(vocabulary)}, scale).times(w) + b
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    from evaluation.scoring import weighted_f1 as score  # noqa: PLC0415
    return score(gold, predicted)


def cross_validate(rows: list[dict], l2: float, scale: float) -> tuple[np.ndarray, dict[int, Model]]:
    """Out-of-fold P(label) for every row, and the model of each fold (fitted without that fold's rows)."""
    out = np.zeros((len(rows), len(LABELS)))
    folds = np.array([fold_of(r["id"]) for r in rows])
    models: dict[int, Model] = {}
    for k in range(FOLDS):
        train = [r for r, f in zip(rows, folds) if f != k]
        held = [i for i, f in enumerate(folds) if f == k]
        models[k] = fit([r["text"] for r in train], [r["label"] for r in train], l2, scale)
        out[held] = predict(*models[k], [rows[i]["text"] for i in held])
    return out, models


class PipelineSimulation:
    """The pipeline's answer for each training row, with the row read by the typer of the fold that never saw it.

    Each row goes through what `transforms.extract` does to an article: the rules' clauses, the typer's review
    (`transforms.event_typing.review`, or `propose` where the rules find none), every field of the report, its
    calibrated confidence (`transforms.confidence`: the typer's support and P("No event") are two of its facts),
    then coreference and the publication bars. The answer is the type of the most confident published event,
    "No event" when none is published: what `python -m evaluation typing --run` scores. The rows' parses, clauses
    and reports are computed once; only the bounds change between grid points."""

    def __init__(self, rows: list[dict], models: dict[int, Model]) -> None:
        from transforms.events import detect_events  # noqa: PLC0415
        from transforms.ingest import make_article  # noqa: PLC0415
        from transforms.nlp import DEFAULT_MODEL, load_pipeline  # noqa: PLC0415
        from transforms.places import document_countries  # noqa: PLC0415

        self.rows = rows
        self.folds = [fold_of(r["id"]) for r in rows]
        self.models = models  # the cross-validation's fold models: row i is read by the one fitted without it
        nlp = load_pipeline(DEFAULT_MODEL)
        self.docs = list(nlp.pipe((r["text"] for r in rows), batch_size=32))
        self.articles = [make_article(r["id"], "", r["text"], {}) for r in rows]
        self.countries = [document_countries(doc, title="") for doc in self.docs]
        self.clauses = [detect_events(doc) for doc in self.docs]
        self._probs: dict[tuple[int, str], dict[str, float]] = {}
        self._reports: dict[tuple[int, int, str], tuple[dict, dict[str, float]]] = {}

    def reader(self, i: int) -> Callable[[str], dict[str, float]]:
        """P(label | sentence) by the model of row i's fold (fitted without it)."""
        k = self.folds[i]

        def read(text: str) -> dict[str, float]:
            if (k, text) not in self._probs:
                self._probs[(k, text)] = dict(zip(LABELS, map(float, predict(*self.models[k], [text])[0])))
            return self._probs[(k, text)]
        return read

    def top_type(self, i: int, bounds: TypingBounds, min_lead: float) -> str:
        """The sub-event type of row i's most confident published event ("No event" when none)."""
        from transforms.confidence import MIN_PUBLISHED_CONFIDENCE, calibrated  # noqa: PLC0415
        from transforms.coreference import corefer  # noqa: PLC0415
        from transforms.event_typing import propose, review  # noqa: PLC0415
        from transforms.extract import report_and_features  # noqa: PLC0415

        doc, clauses = self.docs[i], self.clauses[i]
        readings = review(clauses, bounds, self.reader(i)) if clauses else propose(doc, bounds, self.reader(i))
        reports = []
        for reading in readings:
            key = (i, reading.clause.trigger.i, reading.clause.sub_event_type)
            if key not in self._reports:
                self._reports[key] = report_and_features(reading.clause, doc, self.articles[i], self.countries[i],
                                                         reading)
            report, facts = self._reports[key]
            facts = {**facts, "model_type": reading.support, "model_event": 1.0 - reading.no_event}
            reports.append({**report, "confidence": calibrated(facts)})
        published = corefer(reports, MIN_PUBLISHED_CONFIDENCE, min(MIN_PUBLISHED_CONFIDENCE, min_lead))
        return max(published, key=lambda r: r["confidence"])["sub_event_type"] if published else NO_EVENT

    def score(self, bounds: TypingBounds, min_lead: float) -> float:
        """Weighted F1 (No event included) of the rows' answers."""
        return weighted_f1([r["label"] for r in self.rows],
                           [self.top_type(i, bounds, min_lead) for i in range(len(self.rows))])


def choose_bounds(sim: PipelineSimulation, drop_no_event: float, min_lead: float) -> dict[str, float]:
    """The retype bounds, then the least support of a proposed clause, then the least support with which a
    proposal overrules a weak no of the rules (`event_typing.propose`), with the best weighted F1 of the simulated
    pipeline at the given drop bound and lead bar; a tie keeps the first grid point. (The drop bound is chosen
    on whole tune documents: README, "Event typing".)"""
    never = TypingBounds(1.01, 0.0, 1.01, 1.01, 1.01)
    print(f"rules alone: weighted F1 {sim.score(never, min_lead):.3f}", flush=True)
    current = load_bounds()
    best: tuple[float, TypingBounds] | None = None
    for max_rule in (0.05, 0.1, 0.2, 0.4, 0.7, 1.01):
        for min_model in (0.3, 0.5, 0.7):
            bounds = TypingBounds(drop_no_event, max_rule, min_model, current.confirm_min_model,
                                  current.overrule_veto_model)
            score = sim.score(bounds, min_lead)
            print(f"  retype below {max_rule}, model at least {min_model}: {score:.3f}", flush=True)
            if best is None or score > best[0] + 1e-9:
                best = (score, bounds)
    assert best is not None
    for confirm in (0.3, 0.5, 0.7, 0.9):
        bounds = replace(best[1], confirm_min_model=confirm)
        score = sim.score(bounds, min_lead)
        print(f"  propose at support {confirm}: {score:.3f}", flush=True)
        if score > best[0] + 1e-9:
            best = (score, bounds)
    for overrule in (0.5, 0.7, 0.9, 1.01):
        bounds = replace(best[1], overrule_veto_model=max(overrule, best[1].confirm_min_model))
        score = sim.score(bounds, min_lead)
        print(f"  propose over the rules' weak no at support {overrule}: {score:.3f}", flush=True)
        if score > best[0] + 1e-9:
            best = (score, bounds)
    print(f"reviewed by the typer: weighted F1 {best[0]:.3f} with {vars(best[1])}")
    return dict(vars(best[1]))


def lead_bar_sweep(sim: PipelineSimulation, bounds: TypingBounds) -> None:
    """What the lead event's bar (`transforms.confidence.MIN_LEAD_CONFIDENCE`) does to the rows' weighted F1."""
    for lead in LEAD_BARS:
        print(f"  lead bar {lead}: weighted F1 {sim.score(bounds, lead):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"store the coefficients in {MODEL_FILE}")
    parser.add_argument("--oof", type=Path, help="write out-of-fold probabilities (JSONL) of the chosen penalty")
    parser.add_argument("--combine", action="store_true", help=f"choose the review bounds and write {BOUNDS_FILE}")
    args = parser.parse_args()
    rows = training_rows()
    gold = [r["label"] for r in rows]
    print(f"{len(rows)} training rows; per label: {dict(sorted(Counter(gold).items()))}")
    best: tuple[float, float, float, np.ndarray, dict[int, Model]] | None = None
    for scale in SCALE_GRID:
        for l2 in L2_GRID:
            oof, models = cross_validate(rows, l2, scale)
            predicted = [LABELS[i] for i in oof.argmax(axis=1)]
            score = weighted_f1(gold, predicted)
            print(f"embedding scale {scale:g}, l2={l2:g}: out-of-fold weighted F1 {score:.3f}, accuracy "
                  f"{sum(g == p for g, p in zip(gold, predicted)) / len(rows):.3f}", flush=True)
            if best is None or score > best[0] + 1e-9:
                best = (score, l2, scale, oof, models)
    assert best is not None
    score, l2, scale, oof, models = best
    print(f"chosen l2={l2:g}, embedding scale {scale:g} (out-of-fold weighted F1 {score:.3f})")
    if args.oof:
        with args.oof.open("w", encoding="utf-8") as handle:
            for row, p in zip(rows, oof):
                handle.write(json.dumps({"id": row["id"], "label": row["label"],
                                         "p": {lab: round(float(x), 4) for lab, x in zip(LABELS, p)}}) + "\n")
    if args.combine:
        from transforms.confidence import MIN_LEAD_CONFIDENCE  # noqa: PLC0415

        current = json.loads(BOUNDS_FILE.read_text(encoding="utf-8"))
        sim = PipelineSimulation(rows, models)
        bounds = choose_bounds(sim, float(current["drop_no_event"]), MIN_LEAD_CONFIDENCE)
        BOUNDS_FILE.write_text(json.dumps({"_about": current["_about"], **bounds}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BOUNDS_FILE.relative_to(ROOT)}; the lead event's bar, for the record:")
        lead_bar_sweep(sim, TypingBounds(**bounds))
    if args.write:
        vocabulary, w, b, scale = fit([r["text"] for r in rows], gold, l2, scale)
        n = len(vocabulary)
        save_model(MODEL_FILE, list(LABELS), vocabulary, w[:n], b, w[n:] if scale else None, scale)
        print(f"wrote {MODEL_FILE.relative_to(ROOT)}: {n} features and {w.shape[0] - n} embedding dimensions x "
              f"{len(LABELS)} labels")


if __name__ == "__main__":
    main()
