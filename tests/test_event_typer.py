"""The learned event typer: its features alone, the shipped model, the review of the rules' clauses, its training
rows and the typing figures' scorers. Sentences here are new (not from any dev, training or held-out file)."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from evaluation.gold import NO_EVENT, load_gold
from evaluation.typing import format_typing, in_article_predictions, per_class, same_sentence
from schemas.vocabularies import SUB_EVENT_TYPES
from transforms import confidence, event_typer
from transforms.event_typing import TypingBounds, load_bounds, propose, review
from transforms.events import detect_events
from transforms.extract import event_clause_reports
from transforms.ingest import make_article

ROOT = Path(__file__).resolve().parents[1]


def test_features_are_words_pairs_and_character_ngrams_with_numbers_blanked() -> None:
    feats = event_typer.features("Gunmen shot 12 villagers")
    assert {"w:gunmen", "w:shot", "w:00", "b:gunmen_shot", "b:shot_00", "c:<sho", "c:hot>", "c:<gun"} <= set(feats)
    assert not any("12" in f for f in feats)
    assert feats == sorted(set(feats))  # a set: a repeated word counts once


def test_shipped_model_covers_every_sub_event_type_and_no_event() -> None:
    model = event_typer.load_model()
    assert model is not None
    assert set(model.labels) == set(SUB_EVENT_TYPES) | {NO_EVENT}
    probs = model.probabilities("Soldiers and rebels exchanged fire for hours outside the town.")
    assert abs(sum(probs.values()) - 1.0) < 1e-6


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Army engineers defused a roadside bomb planted under a bridge outside the provincial capital on Friday.",
     "Disrupted weapons use"),
    ("Hundreds of nurses marched peacefully to parliament to demand unpaid wages, holding banners and singing.",
     "Peaceful protest"),
    ("A suicide bomber blew himself up at the gate of a police academy, killing nine recruits.", "Suicide bomb"),
])
def test_model_reads_the_type_of_new_sentences(sentence: str, expected: str) -> None:
    probs = event_typer.type_probabilities(sentence)
    assert max(probs, key=probs.get) == expected


@pytest.mark.parametrize(("sentence", "expected", "least"), [
    ("Fighter jets pounded militant hideouts in the mountains overnight.", "Air/drone strike", 0.5),
    ("Masked assailants sprayed bullets at worshippers leaving a mosque, leaving six dead.", "Attack", 0.7),
])
def test_the_sentence_embedding_makes_the_model_sure_of_other_wordings(sentence: str, expected: str,
                                                                      least: float) -> None:
    """Told in words the n-grams weigh little, the sentence is still read surely as its type (support at least
    the bound at which the typer may propose or retype a clause); the n-gram model alone gave 0.31 and 0.54."""
    model = event_typer.load_model()
    assert model is not None and model.embedding_weights is not None and model.embedding_scale > 0
    probs = event_typer.type_probabilities(sentence)
    assert max(probs, key=probs.get) == expected and probs[expected] >= least


def test_model_reads_a_court_verdict_as_no_event() -> None:
    probs = event_typer.type_probabilities(
        "A court in the capital sentenced the former governor to eight years in prison for embezzlement on Monday.")
    assert max(probs, key=probs.get) == NO_EVENT


def _probs(**kw: float) -> dict[str, float]:
    rest = (1.0 - sum(kw.values())) / (len(SUB_EVENT_TYPES) + 1 - len(kw))
    out = {t: rest for t in (*SUB_EVENT_TYPES, NO_EVENT)}
    out.update({k.replace("_", " "): v for k, v in kw.items()})
    return out


BOUNDS = TypingBounds(drop_no_event=0.6, retype_max_rule=0.1, retype_min_model=0.3, confirm_min_model=0.5)


def test_review_drops_a_clause_the_model_reads_as_no_event(nlp) -> None:
    clauses = detect_events(nlp("Police arrested three journalists in the capital on Monday."))
    assert clauses and clauses[0].sub_event_type == "Arrests"
    assert review(clauses, BOUNDS, read=lambda _: {**_probs(), NO_EVENT: 0.7, "Arrests": 0.2}) == []
    kept = review(clauses, BOUNDS, read=lambda _: {**_probs(), NO_EVENT: 0.5, "Arrests": 0.3})
    assert [(r.clause.sub_event_type, r.support, r.no_event) for r in kept] == [("Arrests", 0.3, 0.5)]


def test_review_retypes_only_what_the_model_rules_out(nlp) -> None:
    clauses = detect_events(nlp("Police arrested three journalists in the capital on Monday."))
    abducted = {**_probs(), "Abduction/forced disappearance": 0.6, "Arrests": 0.05, NO_EVENT: 0.05}
    retyped = review(clauses, BOUNDS, read=lambda _: abducted)
    assert [(r.clause.sub_event_type, r.clause.event_type, r.support) for r in retyped] == [
        ("Abduction/forced disappearance", "Violence against civilians", 0.6)]
    unsure = {**abducted, "Arrests": 0.15}  # the rules' type keeps some support: the rules stand
    assert [r.clause.sub_event_type for r in review(clauses, BOUNDS, read=lambda _: unsure)] == ["Arrests"]


def test_the_model_turns_an_armed_event_into_a_crowd_event_only_where_a_crowd_is_named(nlp) -> None:
    mob = {**_probs(), "Mob violence": 0.8, "Attack": 0.04, "Armed clash": 0.04, NO_EVENT: 0.05}
    armed = detect_events(nlp("Suspected militants attacked a police post near Jiribam on Tuesday, police said."))
    assert [r.clause.sub_event_type for r in review(armed, BOUNDS, read=lambda _: mob)] == [
        armed[0].sub_event_type] and armed[0].sub_event_type in ("Attack", "Armed clash")
    crowd = detect_events(nlp("Angry villagers attacked a police post near Jiribam on Tuesday, police said."))
    assert [r.clause.sub_event_type for r in review(crowd, BOUNDS, read=lambda _: mob)] == ["Mob violence"]


def test_a_low_scored_event_the_model_reads_too_is_published(nlp) -> None:
    """The typer's reading is a fact of the calibrated confidence: the clause the rules score low ("used tear gas
    to disperse") is more confident once the model has read it as its type, and is published."""
    from transforms.extract import event_clause_reports  # noqa: PLC0415
    from transforms.ingest import make_article  # noqa: PLC0415

    text = ("Riot police used tear gas and water cannon to disperse hundreds of traders protesting against new "
            "market levies outside the city hall in Kumasi on Tuesday.")
    doc, article = nlp(text), make_article("t-1", "", text, {"published_at": "2024-03-06"})
    rules = event_clause_reports(doc, article, reviewed=False)
    reviewed = event_clause_reports(doc, article)
    probs = event_typer.type_probabilities(text)
    assert max(probs[r["sub_event_type"]] for r in reviewed) >= 0.5 and probs[NO_EVENT] < 0.2
    assert max(r["confidence"] for r in reviewed) > max(r["confidence"] for r in rules)
    assert max(r["confidence"] for r in reviewed) >= confidence.MIN_PUBLISHED_CONFIDENCE


def test_bounds_file_is_read_and_checked(tmp_path: Path) -> None:
    bounds = load_bounds()
    assert 0 < bounds.drop_no_event <= 1.01 and 0 < bounds.retype_min_model <= 1
    bad = tmp_path / "event_typing.json"
    bad.write_text(json.dumps({"drop_no_event": 0.8, "retype_max_rule": 0.1, "retype_min_model": 0.3}))
    with pytest.raises(RuntimeError, match="event_typing.json: cannot read .*confirm_min_model"):
        load_bounds.__wrapped__(bad)
    bad.write_text(json.dumps({"drop_no_event": 3, "retype_max_rule": 0.1, "retype_min_model": 0.3,
                               "confirm_min_model": 0.5, "overrule_veto_model": 1.01}))
    with pytest.raises(RuntimeError, match="drop_no_event = 3.0 is not a probability"):
        load_bounds.__wrapped__(bad)


def test_shipped_model_was_fitted_on_the_committed_training_rows() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_event_typer  # noqa: PLC0415

    rows = train_event_typer.training_rows()
    with np.load(event_typer.MODEL_FILE, allow_pickle=False) as data:
        shipped = [str(x) for x in data["vocabulary"]]
    assert shipped == train_event_typer.build_vocabulary([r["text"] for r in rows])
    measured = {json.loads(line)["text"] for name in ("heldout_articles", "heldout_snippets")
                for line in (ROOT / f"data/typing/{name}.jsonl").open()}
    assert not measured & {r["text"] for r in rows}
    assert any(r["id"].startswith("tune_snippets-") for r in rows)


def test_fit_is_deterministic_and_learns_a_separable_toy_set() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_event_typer  # noqa: PLC0415

    texts = ["rebels shelled the town", "rebels shelled the village", "police arrested a man",
             "police arrested a woman", "the minister said talks go on", "the minister said nothing"]
    labels = ["Shelling/artillery/missile attack"] * 2 + ["Arrests"] * 2 + [NO_EVENT] * 2
    first = train_event_typer.fit(texts, labels, 1e-4)
    second = train_event_typer.fit(texts, labels, 1e-4)
    assert np.array_equal(first[1], second[1])
    predicted = train_event_typer.predict(*first, ["police arrested a boy", "rebels shelled a camp"])
    assert [train_event_typer.LABELS[i] for i in predicted.argmax(axis=1)] == ["Arrests", labels[0]]


def test_typing_gold_reads_no_event_as_its_own_class(tmp_path: Path) -> None:
    path = tmp_path / "heldout.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        {"id": "h-1", "text": "Police detained two activists.", "label": "Arrests", "source": "x", "why": ""},
        {"id": "h-2", "text": "The minister condemned the violence.", "label": NO_EVENT, "source": "x", "why": ""},
    )))
    docs = load_gold(path)
    assert [d.events[0]["sub_event_type"] for d in docs] == ["Arrests", NO_EVENT]
    assert docs[0].events[0]["event_type"] == "Strategic developments"


def test_per_class_and_confusions() -> None:
    gold = ["Arrests", "Arrests", NO_EVENT, "Attack"]
    predicted = ["Arrests", NO_EVENT, NO_EVENT, "Arrests"]
    table = {c: (n, round(p, 2), round(r, 2), round(f, 2)) for c, n, p, r, f in per_class(gold, predicted)}
    assert table["Arrests"] == (2, 0.5, 0.5, 0.5)
    assert table["Attack"] == (1, 0.0, 0.0, 0.0)
    assert "- Arrests → No event: 1" in format_typing("toy", gold, predicted)


def test_where_the_rules_read_nothing_the_model_proposes_one_clause(nlp) -> None:
    from transforms.event_typing import propose  # noqa: PLC0415

    doc = nlp("Local officials said two hilltop villages were wrested back from the insurgents by the army on Sunday.")
    assert detect_events(doc) == []
    territory = {**_probs(), "Government regains territory": 0.7, NO_EVENT: 0.1}
    [(clause, support, no_event)] = propose(doc, BOUNDS, read=lambda _: territory)
    assert (clause.sub_event_type, clause.trigger.text, support, no_event) == (
        "Government regains territory", "wrested", 0.7, 0.1)
    assert propose(doc, BOUNDS, read=lambda _: {**_probs(), "Government regains territory": 0.4}) == []
    assert propose(doc, BOUNDS, read=lambda _: {**territory, NO_EVENT: 0.85}) == []


def test_an_article_the_rules_read_gets_no_proposal(nlp) -> None:
    from transforms.extract import event_clause_reports  # noqa: PLC0415
    from transforms.ingest import make_article  # noqa: PLC0415

    text = ("Police arrested four students outside the university in Dhaka on Monday. "
            "The students' union said the arrests had been condemned by teachers across the country.")
    reports = event_clause_reports(nlp(text), make_article("t-2", "", text, {"published_at": "2024-05-07"}))
    assert [r["trigger"] for r in reports] == ["arrested"]


def test_typing_command_refuses_a_run_scored_against_several_gold_files(tmp_path: Path, capsys) -> None:
    from evaluation.__main__ import main  # noqa: PLC0415

    golds = [str(ROOT / "data/typing/heldout_articles.jsonl"), str(ROOT / "data/devsets/acled_descriptions.test.jsonl")]
    assert main(["typing", *golds, "--run", str(tmp_path)]) == 2
    assert "scores one gold file" in capsys.readouterr().out


def test_a_run_folder_that_does_not_exist_is_refused_not_scored_as_empty(tmp_path: Path, capsys) -> None:
    """A mistyped --run folder once scored every snippet "No event" (weighted F1 0.127) without a word."""
    from evaluation.__main__ import main  # noqa: PLC0415

    gold = str(ROOT / "data/typing/heldout_snippets.jsonl")
    assert main(["typing", gold, "--run", str(tmp_path / "heldout_snippets.all")]) == 2
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'heldout_snippets.all'}: no such run output folder"
    assert main(["score", gold, str(tmp_path / "missing")]) == 2


def test_a_labelled_sentence_is_found_among_its_articles_mentions_however_the_parser_split_it() -> None:
    labelled = "Government forces shelled the town of Kafr Nabl on Monday, killing three civilians."
    assert same_sentence(labelled, "Kafr Nabl, Idlib (AFP) Government forces shelled the town of Kafr Nabl on "
                                   "Monday, killing three civilians.")  # the parser kept the dateline with it
    assert same_sentence(labelled, "Government forces shelled the town of Kafr Nabl on Monday, killing three")
    assert not same_sentence(labelled, "Rebels said they would retaliate for the shelling of the town.")


def test_in_articles_reads_the_most_confident_published_event_of_the_sentence(tmp_path: Path) -> None:
    import pandas as pd

    run = tmp_path / "fakes_syria.dev"
    for table in ("documents", "events", "mentions"):
        (run / table).mkdir(parents=True)
    pd.DataFrame({"doc_id": ["d1"], "input_id": ["fakes-1"]}).to_parquet(run / "documents" / "part.parquet")
    pd.DataFrame({"event_id": ["e1", "e2"], "sub_event_type": ["Attack", "Air/drone strike"],
                  "confidence": [0.3, 0.9]}).to_parquet(run / "events" / "part.parquet")
    told = "Warplanes struck a market in Idlib, killing 12."
    pd.DataFrame({"event_id": ["e1", "e2", "e3"], "doc_id": ["d1", "d1", "d1"],  # e3: quarantined, not published
                  "sentence": [told, told, "The opposition said it would respond."]}
                 ).to_parquet(run / "mentions" / "part.parquet")
    rows = [{"text": told, "source": "fakes_syria.dev:fakes-1", "label": "Air/drone strike"},
            {"text": "The opposition said it would respond.", "source": "fakes_syria.dev:fakes-1", "label": NO_EVENT},
            {"text": told, "source": "fakes_syria.dev:fakes-2", "label": "Air/drone strike"}]
    assert in_article_predictions(rows, tmp_path) == ["Air/drone strike", NO_EVENT, NO_EVENT]


def test_a_proposal_overrules_a_trigger_the_rules_turned_down_only_with_more_support(nlp) -> None:
    """"entered" is a trigger whose context test fails here (no assault), so the rules read the sentence and said
    no; the typer's reading proposes it only at `overrule_veto_model`."""
    doc = nlp("Syrian government security forces entered the Kurdish-majority Sheikh Maqsoud district of Aleppo on "
              "Friday as SDF fighters pulled out under an agreement between the two sides.")
    assert event_clause_reports(doc, make_article("t-1", "", doc.text, {}), reviewed=False) == []

    def read(text: str) -> dict[str, float]:
        return {"Non-violent transfer of territory": 0.8, NO_EVENT: 0.1, "Armed clash": 0.1}

    assert propose(doc, BOUNDS, read) == []
    proposed = propose(doc, replace(BOUNDS, overrule_veto_model=0.7), read)
    assert [(r.clause.sub_event_type, r.clause.trigger.text) for r in proposed] == [
        ("Non-violent transfer of territory", "entered")]
    assert propose(doc, replace(BOUNDS, overrule_veto_model=0.9), read) == []


def test_a_trigger_read_in_another_sense_is_never_proposed(nlp) -> None:
    """"protested that ...": the lexicon's exclusion reads a complaint, so however sure the typer, no event."""
    doc = nlp("The governor of Mombasa protested on Tuesday that the budget cuts were unfair.")

    def read(text: str) -> dict[str, float]:
        return {"Peaceful protest": 0.95, NO_EVENT: 0.05}

    assert propose(doc, replace(BOUNDS, overrule_veto_model=0.5), read) == []


def test_a_retyped_clause_is_read_from_the_verb_that_tells_the_event(nlp) -> None:
    """The rules read an agreement in a modifier ("despite the ceasefire agreement"); the model reads the sentence
    as property destruction. The clause moves to the sentence's main verb and takes its subject: the troops."""
    doc = nlp("Israeli troops blew up four houses in Kfar Kila on Monday, despite the ceasefire agreement in force "
              "since November.")
    clauses = detect_events(doc)
    assert [(c.sub_event_type, c.trigger.text, c.agents) for c in clauses] == [("Agreement", "ceasefire", ())]
    looting = {**_probs(), "Looting/property destruction": 0.7, "Agreement": 0.02, NO_EVENT: 0.05}
    [reading] = review(clauses, BOUNDS, read=lambda _: looting)
    assert (reading.clause.sub_event_type, reading.clause.trigger.text,
            [s.text for s in reading.clause.agents]) == ("Looting/property destruction", "blew", ["Israeli troops"])
    agreed = {**looting, "Agreement": 0.5}  # the rules' type stands: so does their trigger
    assert [r.clause.trigger.text for r in review(clauses, BOUNDS, read=lambda _: agreed)] == ["ceasefire"]


def test_a_proposal_is_read_from_a_verb_of_its_type_when_the_root_is_none(nlp) -> None:
    """The parser hangs the first clause under the second one's verb ("...; the rebels had held the town"):
    the proposal is read from "regained", so the troops are its actor, not the rebels who held the town."""
    doc = nlp("Soldiers regained control of Kyaukme town from the rebels after weeks of fighting along the highway; "
              "the rebels had held the town since July 2024.")
    assert detect_events(doc) == [] and next(doc.sents).root.text == "held"
    territory = {**_probs(), "Government regains territory": 0.7, NO_EVENT: 0.1}
    [(clause, _, _)] = propose(doc, BOUNDS, read=lambda _: territory)
    assert (clause.trigger.text, [s.text for s in clause.agents]) == ("regained", ["Soldiers"])
