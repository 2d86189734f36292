"""The numpy sentence encoder (all-MiniLM-L6-v2): its tokeniser, its embeddings against the published model's
behaviour, and the conversion's quantisation. Sentences here are new (not from any dev, training or held-out file)."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from transforms import sentence_encoder as enc

ROOT = Path(__file__).resolve().parents[1]


def test_basic_tokens_lower_case_strip_accents_and_split_punctuation() -> None:
    assert enc.basic_tokens("Café owners—angry!\tMarched") == ["cafe", "owners", "—", "angry", "!", "marched"]
    assert enc.basic_tokens("don't") == ["don", "'", "t"]


def test_word_pieces_split_longest_known_piece_first() -> None:
    encoder = enc.load_encoder()
    assert encoder is not None
    vocab = encoder.pieces.vocabulary
    assert encoder.pieces.pieces("unaffable") == [vocab["una"], vocab["##ffa"], vocab["##ble"]]  # "una" is the longest known prefix
    assert encoder.pieces.pieces("x" * 101) == [vocab["[UNK]"]]
    ids = encoder.pieces.encode("Troops shelled the town. " * 60)
    assert len(ids) == enc.MAX_TOKENS and ids[0] == vocab["[CLS]"] and ids[-1] == vocab["[SEP]"]


def _cosine(a: str, b: str) -> float:
    encoder = enc.load_encoder()
    assert encoder is not None
    return float(encoder.embed(a) @ encoder.embed(b))


def test_embedding_matches_the_published_model() -> None:
    """sentence-transformers' own example pair scores 0.755 with all-MiniLM-L6-v2; the int8 weights keep it."""
    assert abs(_cosine("A man is eating food.", "A man is eating a piece of bread.") - 0.755) < 0.01
    vector = enc.embed("Gunmen attacked a bus carrying pilgrims.")
    assert vector is not None and vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_a_retelling_in_other_words_is_near_and_another_story_far() -> None:
    arrest = "Riot police detained dozens of striking dock workers outside the port on Thursday."
    retold = "Security forces rounded up scores of protesting harbour labourers."  # no content word shared
    other = "The central bank raised its main interest rate by half a point on Thursday."
    assert _cosine(arrest, retold) > 0.3 > _cosine(arrest, other) + 0.2


def test_quantisation_keeps_every_weight_within_half_a_step() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import convert_sentence_encoder  # noqa: PLC0415

    matrix = np.random.default_rng(7).normal(size=(40, 16)).astype(np.float32)
    matrix[3] = 0.0
    values, scale = convert_sentence_encoder.quantise(matrix)
    assert values.dtype == np.int8 and np.abs(values).max() <= 127
    assert np.all(np.abs(values * scale[:, None] - matrix) <= scale[:, None] / 2 + 1e-7)
    assert not values[3].any()


def test_a_cached_embedding_cannot_be_changed_in_place() -> None:
    sentence = "Warplanes struck a market in Idlib on Monday."
    vector = enc.embed(sentence)
    try:
        vector[0] = 99.0
    except ValueError as err:
        assert "read-only" in str(err)
    else:
        raise AssertionError("the cached embedding was writable")
    assert enc.embed(sentence)[0] != 99.0


def test_layer_states_are_the_six_layers_and_the_embedding_pools_the_last() -> None:
    """The typer trials read the other layers; the product's embedding must stay the last layer's unit mean."""
    encoder = enc.load_encoder()
    assert encoder is not None
    sentence = "Protesters blocked the main road into Nairobi on Friday."
    states = encoder.layer_states(sentence)
    assert len(states) == enc.LAYERS
    assert all(s.shape == (len(encoder.pieces.encode(sentence)), 384) for s in states)
    last = states[-1].mean(axis=0)
    assert np.allclose(encoder.embed(sentence), last / np.linalg.norm(last), atol=1e-6)
    first = states[0].mean(axis=0)
    assert float(first @ last / np.linalg.norm(first) / np.linalg.norm(last)) < 0.99  # the layers differ
