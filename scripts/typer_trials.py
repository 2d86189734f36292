"""Out-of-fold trials of the event typer's fitting choices, scored on the article sentences among its training rows.

    PYTHONPATH=. .venv/bin/python scripts/typer_trials.py            # every trial (about 20 minutes)
    PYTHONPATH=. .venv/bin/python scripts/typer_trials.py shipped layers_4_6

Why: the held-out article sentences (`data/typing/heldout_articles.jsonl`) score the typer alone at 0.736 and the
pipeline at 0.710 against a target of 0.75. Before spending more labelling on it, this asks whether another way
of fitting the same model on the same rows reads article sentences better. Each trial is the 5-fold
cross-validation of `train_event_typer.py` (same folds, same features), changed in one respect; the score is
weighted F1 (No event included) over all training rows and over the 2,057 rows drawn from tune-half articles
(`train_articles*.jsonl`), the kind of text the held-out file holds. Nothing here reads a measured text, and
nothing it prints changes the shipped typer. The encoder's other layers come from
`SentenceEncoder.layer_states`.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_event_typer as T  # noqa: E402
from transforms.sentence_encoder import load_encoder  # noqa: E402

L2, SCALE = 1e-5, 1.0  # what the shipped typer's cross-validation chose
SHIPPED_EMBEDDINGS, SHIPPED_STEPS = T.embeddings, T.STEPS  # restored by every trial that does not change them


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def pooled(states: list[np.ndarray], how: str) -> np.ndarray:
    """An embedding read from the encoder's layer outputs: "mean6" is the shipped one (the last layer's mean),
    "mean4+mean6" two layers' means side by side, "mean6+max6" the last layer's mean and its maximum over the
    word pieces between [CLS] and [SEP]; each part of unit length."""
    parts = []
    for part in how.split("+"):
        layer = states[int(part[-1]) - 1]
        inner = layer[1:-1] if len(layer) > 2 else layer
        parts.append(_unit(layer.mean(axis=0) if part.startswith("mean") else inner.max(axis=0)))
    return np.concatenate(parts)


TRIALS: dict[str, dict] = {
    "shipped": {},
    "class_weight_sqrt": {"class_power": 0.5},  # classes weighted by 1/sqrt(rows): No event counts more
    "class_weight_none": {"class_power": 0.0},  # every row the same weight
    "article_rows_twice": {"article_weight": 2.0},
    "embedding_scale_1.5": {"scale": 1.5},
    "penalty_3e-6": {"l2": 3e-6},
    "steps_600": {"steps": 600},
    "layers_4_6": {"pooling": "mean4+mean6"},
    "mean_and_max": {"pooling": "mean6+max6"},
}


def run_trial(rows: list[dict], name: str, embedded: Callable[[str, str], np.ndarray]) -> tuple[float, float]:
    """(weighted F1 over all rows, over the article rows), read out of fold."""
    spec = TRIALS[name]
    articles = {r["text"] for r in rows if r["id"].startswith("train_articles")}
    weight = spec.get("article_weight")
    text_weight = (lambda t: weight if t in articles else 1.0) if weight else None
    if "pooling" in spec:
        T.embeddings = lambda texts: np.array([embedded(t, spec["pooling"]) for t in texts], dtype=np.float64)
    else:
        T.embeddings = SHIPPED_EMBEDDINGS
    T.STEPS = spec.get("steps", SHIPPED_STEPS)
    folds = np.array([T.fold_of(r["id"]) for r in rows])
    predicted = [""] * len(rows)
    for k in range(T.FOLDS):
        train = [r for r, f in zip(rows, folds) if f != k]
        held = [i for i, f in enumerate(folds) if f == k]
        model = T.fit([r["text"] for r in train], [r["label"] for r in train], spec.get("l2", L2),
                      spec.get("scale", SCALE), spec.get("class_power", 1.0), text_weight)
        for i, p in zip(held, T.predict(*model, [rows[i]["text"] for i in held])):
            predicted[i] = T.LABELS[int(p.argmax())]
    gold = [r["label"] for r in rows]
    on_articles = [i for i, r in enumerate(rows) if r["text"] in articles]
    return (T.weighted_f1(gold, predicted),
            T.weighted_f1([gold[i] for i in on_articles], [predicted[i] for i in on_articles]))



def main() -> None:
    names = sys.argv[1:] or list(TRIALS)
    unknown = [n for n in names if n not in TRIALS]
    if unknown:
        raise SystemExit(f"unknown trials {unknown}; known: {', '.join(TRIALS)}")
    rows = T.training_rows()
    encoder = load_encoder()
    if encoder is None:
        raise SystemExit("transforms/data/sentence_encoder.npz is missing")
    cache: dict[tuple[str, str], np.ndarray] = {}

    def embedded(text: str, how: str) -> np.ndarray:
        """The text's embedding pooled as `how` says, computed once per run."""
        if (text, how) not in cache:
            cache[(text, how)] = pooled(encoder.layer_states(text), how)
        return cache[(text, how)]

    print(f"{len(rows)} training rows, {sum(r['id'].startswith('train_articles') for r in rows)} from articles")
    print("| trial | out-of-fold weighted F1, all rows | article rows | seconds |\n|---|---|---|---|")
    for name in names:
        start = time.time()
        every, articles = run_trial(rows, name, embedded)
        print(f"| {name} | {every:.3f} | {articles:.3f} | {time.time() - start:.0f} |", flush=True)


if __name__ == "__main__":
    main()
