"""The event typer: a linear model that reads one sentence and gives P(type) over ACLED's 25 sub-event types and
"No event".

Why beside the trigger rules: the rules find the clause and its sides well, but a word list cannot weigh the
many small cues that tell a sit-in from a riot, a defused bomb from a blast, or a charge sheet from an arrest.
A linear model over word and character n-grams (the CPU-only approach of Piskorski & Jacquet 2020 on ACLED
snippets) weighs them all at once, costs a few dozen dictionary look-ups per sentence, and can be read: each
feature's weight per type is in the shipped file.

Beside the n-grams it reads the sentence's embedding (`transforms/sentence_encoder.py`, all-MiniLM-L6-v2): the
n-grams know the words of the training rows, the embedding knows sentences that mean the same in other words. One
linear model weighs both (the embedding scaled by `embedding_scale`, chosen by cross-validation with the penalty).

The model is fitted by `scripts/train_event_typer.py --write` on the labelled sentences of `data/typing/`
(training files only) and the description dev file's tune half; the coefficients ship in
`transforms/data/event_typer.npz`. How its opinion is combined with the rules is decided in
`transforms/event_typing.py`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from transforms.sentence_encoder import embed

MODEL_FILE = Path(__file__).resolve().parent / "data" / "event_typer.npz"
NO_EVENT = "No event"
CHAR_NGRAMS = (3, 4, 5)  # character n-gram lengths, read inside word boundaries ("<kil", "illed>")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens with every digit read as 0 (a number's value says nothing about the type)."""
    return _TOKEN.findall(re.sub(r"\d", "0", text.lower()))


def features(text: str) -> list[str]:
    """The sparse binary features of one sentence: words, word pairs and character n-grams of words.

    Character n-grams let unseen inflections and compounds ("shelled", "re-captured", "drone-strike") share the
    weights of the forms seen in training.
    """
    words = tokens(text)
    out = {f"w:{w}" for w in words}
    out.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    for word in words:
        padded = f"<{word}>"
        for n in CHAR_NGRAMS:
            out.update(f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1))
    return sorted(out)


@dataclass(frozen=True)
class TyperModel:
    labels: tuple[str, ...]
    index: dict[str, int]  # feature -> row of `weights`
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    embedding_weights: np.ndarray | None = None  # (embedding dimensions, labels); None: n-grams only
    embedding_scale: float = 0.0

    def probabilities(self, text: str) -> dict[str, float]:
        """P(label | sentence) for every label, summing to 1."""
        rows = [self.index[f] for f in features(text) if f in self.index]
        logits = self.bias.astype(np.float64).copy()
        if rows:
            logits += self.weights[rows].astype(np.float64).sum(axis=0) / math.sqrt(len(rows))
        vector = embed(text) if self.embedding_weights is not None else None
        if vector is not None:
            logits += self.embedding_scale * (vector.astype(np.float64) @ self.embedding_weights)
        logits -= logits.max()
        exp = np.exp(logits)
        return dict(zip(self.labels, (exp / exp.sum()).tolist()))


def save_model(path: Path, labels: list[str], vocabulary: list[str], weights: np.ndarray,
               bias: np.ndarray, embedding_weights: np.ndarray | None = None, embedding_scale: float = 0.0) -> None:
    """Write the model's coefficients (half-precision n-gram weights: the file stays small, scores move < 1e-3)."""
    extra = {} if embedding_weights is None else {"embedding_weights": embedding_weights.astype(np.float32),
                                                  "embedding_scale": np.float64(embedding_scale)}
    np.savez_compressed(path, labels=np.array(labels), vocabulary=np.array(vocabulary),
                        weights=weights.astype(np.float16), bias=bias.astype(np.float32), **extra)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> TyperModel | None:
    """The shipped model, loaded once per process (None when the file is absent: the rules decide alone)."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        labels = tuple(str(x) for x in data["labels"])
        vocabulary = [str(x) for x in data["vocabulary"]]
        dense = data["embedding_weights"].astype(np.float64) if "embedding_weights" in data.files else None
        scale = float(data["embedding_scale"]) if "embedding_scale" in data.files else 0.0
        return TyperModel(labels, {f: i for i, f in enumerate(vocabulary)}, data["weights"].copy(),
                          data["bias"].copy(), dense, scale)


def type_probabilities(text: str) -> dict[str, float]:
    """P(label | sentence) from the shipped model ({} without one)."""
    model = load_model()
    return model.probabilities(text) if model else {}
