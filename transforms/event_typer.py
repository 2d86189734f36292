"""The event typer: a linear model that reads one sentence and gives P(type) over ACLED's 25 sub-event types and
"No event".

Why beside the trigger rules: the rules find the clause and its sides well, but a word list cannot weigh the
many small cues that tell a sit-in from a riot, a defused bomb from a blast, or a charge sheet from an arrest.
A linear model over word and character n-grams (the CPU-only approach of Piskorski & Jacquet 2020 on ACLED
snippets) weighs them all at once, costs a few dozen dictionary look-ups per sentence, and can be read: each
feature's weight per type is in the shipped file.

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

    def probabilities(self, text: str) -> dict[str, float]:
        """P(label | sentence) for every label, summing to 1."""
        rows = [self.index[f] for f in features(text) if f in self.index]
        logits = self.bias.astype(np.float64).copy()
        if rows:
            logits += self.weights[rows].astype(np.float64).sum(axis=0) / math.sqrt(len(rows))
        logits -= logits.max()
        exp = np.exp(logits)
        return dict(zip(self.labels, (exp / exp.sum()).tolist()))


def save_model(path: Path, labels: list[str], vocabulary: list[str], weights: np.ndarray,
               bias: np.ndarray) -> None:
    """Write the model's coefficients (half-precision weights: the file stays small, scores move < 1e-3)."""
    np.savez_compressed(path, labels=np.array(labels), vocabulary=np.array(vocabulary),
                        weights=weights.astype(np.float16), bias=bias.astype(np.float32))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> TyperModel | None:
    """The shipped model, loaded once per process (None when the file is absent: the rules decide alone)."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        labels = tuple(str(x) for x in data["labels"])
        vocabulary = [str(x) for x in data["vocabulary"]]
        return TyperModel(labels, {f: i for i, f in enumerate(vocabulary)}, data["weights"].copy(),
                          data["bias"].copy())


def type_probabilities(text: str) -> dict[str, float]:
    """P(label | sentence) from the shipped model ({} without one)."""
    model = load_model()
    return model.probabilities(text) if model else {}
