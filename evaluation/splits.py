"""The fixed tune/check split of every dev set.

Why: a figure counts only if the data it was measured on did not shape the rules or models. Every document of a
dev set falls in the *tune* half or the *check* half by a hash of its id, so the split is fixed, needs no file of
its own, and is the same for every tool (rule tuning, model training, the README's figures). Rules, tables and
models may look at the tune half only; the README reports the check half.
"""
from __future__ import annotations

import hashlib
import re
from typing import Literal

Half = Literal["tune", "check"]
HALVES: tuple[Half, Half] = ("tune", "check")


def base_id(doc_id: str) -> str:
    """The id a split is decided on: repeated Prodigy ids ("abc#2") stay with their first occurrence."""
    return re.sub(r"#\d+$", "", str(doc_id).strip())


def half_of(doc_id: str) -> Half:
    """"tune" or "check" for a document id: the parity of the first byte of its SHA-256."""
    digest = hashlib.sha256(base_id(doc_id).encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def in_half(doc_id: str, half: Half | None) -> bool:
    """Whether a document belongs to `half` (None: every document)."""
    return half is None or half_of(doc_id) == half
