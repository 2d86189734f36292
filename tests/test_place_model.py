"""The place model: its features computed alone, its fitting, and the shipped coefficients."""
from __future__ import annotations

import json

import numpy as np
import pytest

from transforms import place_model
from transforms.place_candidates import (Candidate, Focus, Mention, candidate_features, candidates_for, core_key,
                                         sentence_mentions)


def _mention(**kw) -> Mention:
    base = dict(start=0, end=1, text="Tripoli", label="GPE", prep="in", near=False, settlement_cue=False,
                admin_cue=False, facility=False, capitalised=True)
    base.update(kw)
    return Mention(**base)


def _features(m: Mention, c: Candidate, focus: Focus) -> dict[str, float]:
    return dict(zip(place_model.CANDIDATE_FEATURES, candidate_features(m, c, focus)))


def test_candidates_of_an_ambiguous_name_span_countries() -> None:
    countries = {c.iso2 for c in candidates_for("Tripoli")}
    assert {"LY", "LB"} <= countries
    assert [c.kind for c in candidates_for("Syria")] == ["country"]
    assert candidates_for("Chatham House", facility=True) == []


def test_core_key_drops_generic_and_direction_words() -> None:
    assert core_key("Homs province") == ("homs", False)
    assert core_key("eastern Aleppo") == ("aleppo", True)
    # a headline's capitals put the direction after the name: "in Aleppo Northern Countryside"
    assert core_key("Aleppo Northern Countryside") == ("aleppo", True)
    assert core_key("West Bank") == ("west bank", False)  # a place whose name holds a direction keeps it


def test_candidate_features_focus_hints_and_cues() -> None:
    m = _mention(country_hint="LB", admin_cue=False, settlement_cue=True)
    m.candidates = candidates_for("Tripoli")
    lebanon = next(c for c in m.candidates if c.iso2 == "LB")
    libya = next(c for c in m.candidates if c.iso2 == "LY")
    focus = Focus({"LB": 0.75, "SY": 0.25}, {}, [("beirut", 33.89, 35.50)])
    f_lb, f_ly = _features(m, lebanon, focus), _features(m, libya, focus)
    assert f_lb["bias"] == 1.0
    assert f_lb["focus_country"] == 0.75 and f_ly["focus_country"] == 0.0
    assert f_lb["top_focus_country"] == 1.0 and f_ly["top_focus_country"] == 0.0
    assert f_lb["country_hint_match"] == 1.0 and f_ly["country_hint_mismatch"] == 1.0
    assert f_lb["settlement_cue_city"] == 1.0 and f_lb["admin_cue_admin1"] == 0.0
    assert f_lb["near_other_places"] > 0.5 > f_ly["near_other_places"]  # Beirut is ~70 km from Tripoli, Lebanon
    assert f_lb["exact_name"] == 1.0
    assert f_ly["log_population"] > f_lb["log_population"]  # Tripoli, Libya is the bigger town
    assert f_lb["log_candidates"] == pytest.approx(np.log1p(len(m.candidates)))


def test_admin_cue_feature_for_a_province() -> None:
    m = _mention(text="Hama", admin_cue=True)
    m.candidates = candidates_for("Hama")
    admin = next(c for c in m.candidates if c.kind == "admin1" and c.iso2 == "SY")
    f = _features(m, admin, Focus({"SY": 1.0}, {("SY", admin.admin1): 1.0}, []))
    assert f["is_admin1"] == 1.0 and f["admin_cue_admin1"] == 1.0 and f["focus_admin1"] == 1.0


def test_mentions_skip_actor_words(nlp) -> None:
    doc = nlp("Russian jets and Iranian militias backed the Syrian army in an assault on Palmyra.")
    texts = [m.text for m in sentence_mentions(doc[:])]
    assert "Russian" not in texts and "Iranian" not in texts and "Syrian" not in texts
    assert "Palmyra" in texts


def test_fit_logistic_is_deterministic_and_separates() -> None:
    rng = np.random.default_rng(0)
    x = np.column_stack([np.ones(200), rng.normal(size=(200, 2))])
    y = (x[:, 1] - x[:, 2] > 0).astype(float)
    w1, w2 = place_model.fit_logistic(x, y), place_model.fit_logistic(x, y)
    assert np.array_equal(w1, w2)
    assert w1[1] > 0 > w1[2]


def test_shipped_coefficients_name_every_feature() -> None:
    data = json.loads(place_model.MODEL_JSON.read_text(encoding="utf-8"))
    assert list(data["candidate"]["weights"]) == list(place_model.CANDIDATE_FEATURES)
    assert list(data["event"]["weights"]) == list(place_model.EVENT_FEATURES)
    w = data["candidate"]["weights"]
    assert w["top_focus_country"] > 0 and w["log_population"] > 0  # the document's focus and size both count


@pytest.fixture(scope="module")
def training_script():  # noqa: ANN201
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "train_place_model.py"
    spec = importlib.util.spec_from_file_location("train_place_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_candidate_labels_use_the_event_admin1_only_for_the_gold_place_itself(training_script) -> None:
    """An article coded to Israel also names Gaza and Washington: only the gold place itself says its admin1,
    other names are only said to lie in a gold country."""
    places = [("IL", None, None), ("SY", "Idleb", "Saraqib")]
    assert training_script.mention_targets("Saraqib", places) == [("SY", "Idleb")]
    assert training_script.mention_targets("Idlib", places) == [("SY", "Idleb")]
    assert training_script.mention_targets("Washington", places) == [("IL", None), ("SY", None)]


def test_training_command_reproduces_the_shipped_coefficients(training_script) -> None:
    """`scripts/train_place_model.py --write` on the tune halves gives the weights in the repo: a change to the
    mention rules that moves the training rows must ship a refit (and its measured figures) with it."""
    from evaluation.splits import half_of

    assert all(half_of(d.id) == "tune" for d in training_script.gold_docs("hrdsattack", limit=4))
    shipped = json.loads(place_model.MODEL_JSON.read_text(encoding="utf-8"))
    fitted = training_script.train(write=False)
    place_model.set_coefficients(None)
    for kind in ("candidate", "event"):
        assert fitted[kind]["rows"] == shipped[kind]["rows"]
        assert fitted[kind]["weights"] == pytest.approx(shipped[kind]["weights"], abs=1e-4), kind
