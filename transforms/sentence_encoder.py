"""A sentence encoder: all-MiniLM-L6-v2 (a 6-layer BERT trained for sentence similarity) run with numpy alone.

Why: the event typer's word and character n-grams only know the words of its training rows. A held-out news
sentence that says "gunmen opened fire on a wedding party" in words the rows never used reads as "No event". A
sentence embedding carries what was learned from a billion sentence pairs, so sentences that mean the same land
near each other whatever their words; the typer reads it beside its n-grams (`transforms/event_typer.py`).

Why numpy and not PyTorch: the model is small (22.7 M weights), the typer reads only a few sentences per article,
and PyTorch would add a gigabyte to every install and a few hundred megabytes to every worker. The weights ship in
`transforms/data/sentence_encoder.npz` (made once by `scripts/convert_sentence_encoder.py`; licence in
`transforms/data/LICENSE.minilm`), as int8 with one scale per matrix row: 23 MB on disk, and the vocabulary's
embedding matrix, half the model, stays int8 in memory (a row is scaled when a token is looked up).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ENCODER_FILE = Path(__file__).resolve().parent / "data" / "sentence_encoder.npz"
MAX_TOKENS = 128  # word pieces read per sentence, [CLS] and [SEP] included (an event sentence is rarely longer)
LAYERS, HEADS = 6, 12
_MATRICES = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
             "intermediate.dense", "output.dense")


def _is_punctuation(ch: str) -> bool:
    """BERT's punctuation: every ASCII non-alphanumeric printable character and every Unicode P* character."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokens(text: str) -> list[str]:
    """BERT's uncased basic tokenisation: control characters dropped, lower-cased, accents stripped, every
    punctuation character a token of its own."""
    kept = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or not (ord(ch) in (0, 0xFFFD) or unicodedata.category(ch).startswith("C")))
    kept = "".join(c for c in unicodedata.normalize("NFD", kept.lower()) if unicodedata.category(c) != "Mn")
    out: list[str] = []
    for word in kept.split():
        current = ""
        for ch in word:
            if _is_punctuation(ch):
                out += [current, ch] if current else [ch]
                current = ""
            else:
                current += ch
        if current:
            out.append(current)
    return out


@dataclass(frozen=True)
class WordPieces:
    """The model's vocabulary of 30,522 word pieces; a word is split greedily, longest known piece first."""

    vocabulary: dict[str, int]

    def pieces(self, word: str) -> list[int]:
        unknown = [self.vocabulary["[UNK]"]]
        if len(word) > 100:
            return unknown
        ids: list[int] = []
        start = 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocabulary:
                    ids.append(self.vocabulary[piece])
                    start = end
                    break
            else:
                return unknown
        return ids

    def encode(self, text: str) -> list[int]:
        """[CLS], the text's word pieces (cut at MAX_TOKENS), [SEP]."""
        ids = [i for word in basic_tokens(text) for i in self.pieces(word)][: MAX_TOKENS - 2]
        return [self.vocabulary["[CLS]"], *ids, self.vocabulary["[SEP]"]]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf by Abramowitz & Stegun 7.1.26 (error < 1.5e-7)."""
    z = np.abs(x) * (1.0 / math.sqrt(2.0))
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return 0.5 * x * (1.0 + erf)


class SentenceEncoder:
    """all-MiniLM-L6-v2's forward pass and mean pooling: one unit-length 384-vector per sentence."""

    def __init__(self, path: Path = ENCODER_FILE) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.pieces = WordPieces({str(w): i for i, w in enumerate(data["vocabulary"])})
            self.word_int8 = data["word_embeddings.q"]
            self.word_scale = data["word_embeddings.scale"].astype(np.float32)
            self.dense = {name[: -2]: (data[name].astype(np.float32) * data[name[:-2] + ".scale"][:, None]).T.copy()
                          for name in data.files if name.endswith(".q") and name != "word_embeddings.q"}
            self.vectors = {name: data[name].astype(np.float32) for name in data.files
                            if not name.endswith((".q", ".scale")) and name != "vocabulary"}

    def _linear(self, h: np.ndarray, name: str) -> np.ndarray:
        """One dense layer: the dequantised matrix (stored transposed) and its bias."""
        return h @ self.dense[name] + self.vectors[name + ".bias"]

    def embed(self, text: str) -> np.ndarray:
        """The sentence's embedding: the mean of the last layer over its word pieces, scaled to length 1."""
        pooled = self.layer_states(text)[-1].mean(axis=0)
        return (pooled / np.linalg.norm(pooled)).astype(np.float32)

    def layer_states(self, text: str) -> list[np.ndarray]:
        """Each layer's output (word pieces x 384), first to last. `embed` reads the last; the typer trials
        (scripts/typer_trials.py) read the others too."""
        ids = self.pieces.encode(text)
        n, v = len(ids), self.vectors
        x = (self.word_int8[ids].astype(np.float32) * self.word_scale[ids, None]
             + v["position_embeddings"][:n] + v["token_type_embeddings"][0])
        x = _layer_norm(x, v["embeddings.LayerNorm.weight"], v["embeddings.LayerNorm.bias"])
        width = x.shape[1] // HEADS
        states: list[np.ndarray] = []
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            q, k, val = (self._linear(x, f"{p}attention.self.{m}").reshape(n, HEADS, width).transpose(1, 0, 2)
                         for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) * (1.0 / math.sqrt(width))
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ val).transpose(1, 0, 2).reshape(n, -1)
            x = _layer_norm(x + self._linear(context, p + "attention.output.dense"),
                            v[p + "attention.output.LayerNorm.weight"], v[p + "attention.output.LayerNorm.bias"])
            x = _layer_norm(x + self._linear(_gelu(self._linear(x, p + "intermediate.dense")), p + "output.dense"),
                            v[p + "output.LayerNorm.weight"], v[p + "output.LayerNorm.bias"])
            states.append(x)
        return states


@lru_cache(maxsize=1)
def load_encoder(path: Path = ENCODER_FILE) -> SentenceEncoder | None:
    """The shipped encoder, loaded once per process (None when the file is absent)."""
    return SentenceEncoder(path) if path.exists() else None


@lru_cache(maxsize=2048)
def embed(text: str) -> np.ndarray | None:
    """The sentence's embedding (None without a shipped encoder). Cached: several clauses share a sentence, so
    the array is read-only; a caller that changed it in place would change every later reading of the sentence."""
    encoder = load_encoder()
    if encoder is None:
        return None
    vector = encoder.embed(text)
    vector.setflags(write=False)
    return vector
