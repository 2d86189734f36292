"""Forms the statistical pipeline misreads ("IS" as the verb "is") are read by their norm (transforms/data/token_norms.json)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import article_reports
from transforms.nlp import token_norms

reports, _ = article_reports.published_on("2016-11-21")  # the publication date the sentences below assume


@pytest.mark.parametrize("text, sub_event_type", [
    ("IS seized the town of Palmyra on Sunday, the Syrian Observatory said.", "Non-state actor overtakes territory"),
    ("IS killed 12 soldiers in Deir ez-Zor on Monday.", "Armed clash"),
])
def test_the_islamic_state_written_is_is_the_actor_not_a_verb(nlp, text: str, sub_event_type: str) -> None:
    [r] = reports(nlp, text)
    assert (r["sub_event_type"], r["actor1"]) == (sub_event_type, "Islamic State (Syria)")


def test_the_text_keeps_its_words_and_only_the_norm_changes(nlp) -> None:
    doc = nlp("IS fighters seized the town.")
    assert (doc[0].text, doc[0].norm_, doc[0].pos_) == ("IS", "isis", "NOUN")
    assert doc.text == "IS fighters seized the town."


def test_all_capitals_text_keeps_the_verb(nlp) -> None:
    doc = nlp("THE ARMY IS READY TO FIGHT.")
    assert (doc[2].norm_, doc[2].pos_) == ("is", "AUX")


def test_a_malformed_norms_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "token_norms.json"
    bad.write_text(json.dumps({"norms": {"IS": "ISIS"}}), encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"token_norms.json: cannot read the token norms .*lower-case norms"):
        token_norms.__wrapped__(bad)
