"""Word lists from data files as regular expressions."""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so "car bomb" wins over "car" at the same place."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
