"""The place model: two small logistic regressions, shipped as coefficients in transforms/data/place_model.json.

Why a model and not a chain of ifs: whether "Tripoli" is the Lebanese or the Libyan town, or whether the event
of "killed in X near Y" happened in X or Y, depends on many weak facts at once (population, the document's
focus, the words around the name, the other places of the article). A logistic regression weighs them with
weights fitted on labelled data (the TUNE halves of the dev sets, `scripts/train_place_model.py --write`) and
anyone can read which fact counts how much.

- candidate model: P(this gazetteer entry is the place a mention means), over `CANDIDATE_FEATURES`;
- event model: P(this mention is where the sentence's event happened), over `EVENT_FEATURES`.

Feature vectors are built by `transforms.place_candidates`; this module only names the features, fits and
scores. Fitting: Newton's method with an L2 penalty (the intercept not penalised), fixed iteration cap and
tolerance, so a re-fit on the same rows gives the same coefficients.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

MODEL_JSON = Path(__file__).resolve().parent / "data" / "place_model.json"

# Facts about one (mention, gazetteer candidate) pair; the first is the intercept.
CANDIDATE_FEATURES: tuple[str, ...] = (
    "bias",
    "log_population",        # log10(population + 10) / 7 (a subdivision counts as its biggest town, >= 200k)
    "is_admin1",             # the candidate is a first-level subdivision (governorate, province, state)
    "is_country",            # the candidate is a country
    "is_capital",            # a country's capital or the biggest town of its subdivision
    "focus_country",         # share of the document's focus held by the candidate's country (0..1)
    "top_focus_country",     # the candidate lies in the document's first focus country
    "focus_admin1",          # share of the focus country's subdivision votes held by the candidate's subdivision
    "near_other_places",     # exp(-km / 250) to the nearest other place of the article
    "exact_name",            # the mention is the entry's own name (not one of its alternate names)
    "skeleton_match",        # found only by consonant skeleton (a transliteration variant)
    "capitalised",           # the mention is written with capitals
    "settlement_cue_city",   # "village/town/city of X", "X village": and the candidate is a town
    "admin_cue_admin1",      # "X province/governorate/countryside/region": and the candidate is a subdivision
    "admin_cue_city",        # ... and the candidate is a town
    "country_hint_match",    # a country is named next to the mention ("Tripoli, Lebanon", "Lebanon's Tripoli")
    "country_hint_mismatch",  # ... and the candidate lies elsewhere
    "admin_hint_match",      # "X in Hama countryside": the candidate lies in the subdivision named next to it
    "log_candidates",        # log(1 + number of candidates): how ambiguous the name is
)

# Facts about one place mention of an event sentence, with its resolved candidate.
EVENT_FEATURES: tuple[str, ...] = (
    "bias",
    "locative_prep",         # introduced by in / at / near / outside / inside / on / across ...
    "from_prep",             # "from X": where people came from, rarely the event's place
    "site_of",               # "the town of X", "the outskirts of X"
    "no_prep",               # neither (subject, object, modifier)
    "tree_distance",         # dependency arcs between the trigger and the mention, / 10, capped at 1.2
    "token_distance",        # words between them, / 30, capped at 1
    "before_trigger",        # the mention comes before the trigger
    "object_of_trigger",     # "captured X", "shelled X"
    "subject",               # the mention is a clause subject
    "is_country",
    "is_admin1",
    "is_unknown",            # a proper-noun place the gazetteer lacks (kept by name)
    "in_focus",              # the resolved place lies in a focus country of the document
    "near_cue",              # "near X", "outskirts of X", "X countryside"
    "settlement_cue",        # "X village", "the town of X", "X neighbourhood"
    "candidate_confidence",  # the candidate model's probability for the resolved entry (1 for unknown names)
    "contains_other",        # another place of the sentence is said to contain this one ("X in Y": X)
    "inside_other",          # this place contains another place of the sentence ("X in Y": Y)
)


def sigmoid(z: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 100) -> np.ndarray:
    """Weights of an L2-penalised logistic regression by Newton's method; column 0 is the unpenalised intercept.
    Deterministic: no random start, no shuffling, a fixed iteration cap."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 2 or not len(x):
        raise ValueError("no training rows")
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = sigmoid(x @ w)
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty + np.eye(x.shape[1]) * 1e-9
        step = np.linalg.solve(hess, grad)
        w = w - step
        if np.abs(step).max() < 1e-10:
            break
    return w


@lru_cache(maxsize=1)
def coefficients() -> dict[str, dict[str, float]]:
    """The shipped coefficients {"candidate": {feature: w}, "event": {feature: w}}; zeros when absent."""
    if MODEL_JSON.exists():
        data = json.loads(MODEL_JSON.read_text(encoding="utf-8"))
        return {"candidate": data["candidate"]["weights"], "event": data["event"]["weights"]}
    return {"candidate": dict.fromkeys(CANDIDATE_FEATURES, 0.0), "event": dict.fromkeys(EVENT_FEATURES, 0.0)}


def set_coefficients(table: dict[str, dict[str, float]] | None) -> None:
    """Use these coefficients instead of the shipped ones (None: back to the file). For the training script."""
    coefficients.cache_clear()
    if table is not None:
        coefficients.cache_clear()
        _OVERRIDE.clear()
        _OVERRIDE.update(table)
    else:
        _OVERRIDE.clear()


_OVERRIDE: dict[str, dict[str, float]] = {}


def _weights(kind: str) -> list[float]:
    names = CANDIDATE_FEATURES if kind == "candidate" else EVENT_FEATURES
    table = _OVERRIDE.get(kind) or coefficients()[kind]
    return [float(table.get(n, 0.0)) for n in names]


def probability(kind: str, features: Sequence[float]) -> float:
    """P(label) for one feature vector of the candidate or event model."""
    z = sum(w * f for w, f in zip(_weights(kind), features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def to_json(candidate_w: np.ndarray, event_w: np.ndarray, info: dict) -> str:
    """The model file's text: weights by feature name (rounded to 6 decimals) and how they were fitted."""
    def table(names: tuple[str, ...], w: np.ndarray) -> dict[str, float]:
        return {n: round(float(v), 6) for n, v in zip(names, w)}

    data = {
        "about": "Place model of transforms/place_model.py, fitted by scripts/train_place_model.py --write on the "
                 "tune halves of the dev sets (evaluation.splits.half_of).",
        "candidate": {"weights": table(CANDIDATE_FEATURES, candidate_w), **info.get("candidate", {})},
        "event": {"weights": table(EVENT_FEATURES, event_w), **info.get("event", {})},
    }
    return json.dumps(data, indent=1, sort_keys=False) + "\n"
