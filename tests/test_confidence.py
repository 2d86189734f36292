"""The confidence model: its features, its fitting, and what the shipped model says about real reports."""
from __future__ import annotations

import numpy as np
import pytest

from transforms.confidence import calibrated, expected_calibration_error, features, fit_logistic
from transforms.extract import extract_document
from transforms.ingest import Article


def _report(**fields: object) -> dict:
    base = {"actor1": "Military Forces of Syria (2000-2024)", "geo_precision": 1, "time_precision": 1,
            "disorder_type": "Political violence", "fatalities": 0, "char_start": 0}
    return {**base, **fields}


def test_features_mark_stand_in_actors_and_missing_fields() -> None:
    named = features(0.8, _report(), actor_from_text=True)
    stand_in = features(0.8, _report(actor1="Unidentified Armed Group (Syria)", geo_precision=None,
                                     time_precision=3), actor_from_text=False)
    assert named["actor_named"] == 1.0 and named["actor_fallback"] == 0.0
    assert stand_in["actor_named"] == 0.0 and stand_in["actor_fallback"] == 1.0
    assert stand_in["place"] == 0.0 and stand_in["date"] == pytest.approx(0.4)


def test_a_fully_resolved_firm_report_is_more_confident_than_a_vague_one() -> None:
    firm = calibrated(features(0.9, _report(fatalities=3), actor_from_text=True))
    vague = calibrated(features(0.5, _report(actor1=None, geo_precision=None, time_precision=None),
                                actor_from_text=False))
    assert 0.0 <= vague < firm <= 1.0


def test_fit_recovers_a_known_logistic_relation_and_is_calibrated_on_it() -> None:
    rng = np.random.default_rng(0)
    x = np.column_stack([np.ones(4000), rng.uniform(0, 1, 4000)])
    truth = 1 / (1 + np.exp(-(-2.0 + 4.0 * x[:, 1])))
    y = (rng.uniform(0, 1, 4000) < truth).astype(float)
    w = fit_logistic(x, y, l2=0.0)
    assert w == pytest.approx([-2.0, 4.0], abs=0.35)
    p = 1 / (1 + np.exp(-x @ w))
    assert expected_calibration_error(p, y) < 0.03
    assert expected_calibration_error(np.full(4000, 0.95), y) > 0.4  # a constant guess far from the rate


def test_hedged_report_gets_lower_confidence_than_the_plain_one(nlp) -> None:  # noqa: ANN001
    def conf(text: str) -> float:
        article = Article(input_id="t", path="t.txt", text=text, published_at=None)
        reports = extract_document(nlp(text), article, min_confidence=0.0, min_lead_confidence=0.0)
        assert len(reports) == 1, reports
        return reports[0]["confidence"]

    plain = conf("Syrian government warplanes bombed the town of Saraqib in Idlib province on 3 May 2017.")
    hedged = conf("Syrian government warplanes reportedly bombed the town of Saraqib in Idlib province on "
                  "3 May 2017.")
    assert hedged < plain


def test_the_typers_reading_moves_the_confidence_both_ways() -> None:
    """A report the learned typer reads as its own type is surer than the same report the typer reads as no event
    (both facts carry weight in the shipped model)."""
    report = _report()
    read_as_type = calibrated(features(0.6, report, actor_from_text=True, typer=(0.9, 0.02)))
    read_as_none = calibrated(features(0.6, report, actor_from_text=True, typer=(0.05, 0.85)))
    unread = features(0.6, report, actor_from_text=True)
    assert (unread["model_type"], unread["model_event"]) == (0.0, 0.0)  # the rules' clause alone, read by no model
    assert read_as_none < 0.5 < read_as_type
