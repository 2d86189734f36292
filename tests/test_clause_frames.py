"""Clause frames: one mood per clause, read by the event and the interaction rules alike (real pipeline).

The sentences are written for these tests (not taken from the dev sets)."""
from __future__ import annotations

import pytest
from spacy.language import Language

from transforms.clause_frames import MOODS, Frame, frame_of
from transforms.events import detect_events
from transforms.interactions import extract_interactions
from transforms.places import document_countries


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, trigger, mood, cue", [
    ("The militia threatened to attack the airport in Tripoli next week.", "attack", "threatened", "threatened"),
    ("Opposition leaders demanded that police arrest the mayor of Kisumu.", "arrest", "demanded", "demanded"),
    ("The defence ministry denied that its artillery had shelled the village of Kafr Nabl.", "shelled", "negated",
     "denied"),
    ("If the rebels enter Goma, the army will bomb their positions.", "bomb", "conditional", "If"),
    ("Did government troops open fire on the protesters in Khartoum?", "fire", "question", "?"),
    ("Police routinely detain opposition activists in Harare.", "detain", "habitual", "routinely"),
    ("Since the 2019 coup, soldiers have killed hundreds of villagers in the north.", "killed", "background",
     "Since"),
])
def test_unreal_moods_and_no_event(nlp: Language, text: str, trigger: str, mood: str, cue: str) -> None:
    doc = nlp(text)
    frame = frame_of(_token(doc, trigger))
    assert isinstance(frame, Frame), [(t.text, t.dep_, t.head.text) for t in doc]
    assert frame.mood == mood, frame
    assert frame.cue is not None and doc[frame.cue].text == cue
    assert detect_events(doc) == []


def test_asserted_clause_is_coded(nlp: Language) -> None:
    doc = nlp("Government troops shelled the village of Kafr Nabl on Monday, killing four civilians.")
    frame = frame_of(_token(doc, "shelled"))
    assert frame.mood == "asserted" and frame.cue is None
    assert [doc[i].text for i in frame.subjects] == ["troops"]
    assert [doc[i].text for i in frame.objects] == ["village"]
    events = detect_events(doc)
    assert [e.trigger.text for e in events] and events[0].event_type != "Strategic developments"


def test_the_threat_is_asserted_the_attack_is_not(nlp: Language) -> None:
    doc = nlp("The militia threatened to attack the airport in Tripoli next week.")
    frame = frame_of(_token(doc, "attack"))
    assert frame is frame_of(_token(doc, "threatened"))  # one clause: the threat verb and its content
    assert frame.blocks(_token(doc, "attack")) and not frame.blocks(_token(doc, "threatened"))


def test_a_noun_told_as_a_fact_under_a_demand_is_not_blocked(nlp: Language) -> None:
    doc = nlp("The minister has to deal with the fallout of the arrest of twelve students in Lagos.")
    frame = frame_of(_token(doc, "arrest"))
    assert frame.mood == "demanded"
    assert frame.blocks(_token(doc, "deal")) and not frame.blocks(_token(doc, "arrest"))


def test_a_coordinated_verb_does_not_share_a_denial(nlp: Language) -> None:
    doc = nlp("The police denied beating the students and said the protests in Accra had ended peacefully.")
    assert frame_of(_token(doc, "beating")).mood == "negated"
    assert frame_of(_token(doc, "protests")).mood == "asserted"


def test_passive_by_agent_is_the_subject(nlp: Language) -> None:
    doc = nlp("Two journalists were abducted by gunmen in Mogadishu on Sunday.")
    frame = frame_of(_token(doc, "abducted"))
    assert [doc[i].text for i in frame.subjects] == ["gunmen"]
    assert [doc[i].text for i in frame.objects] == ["journalists"]


def test_nominal_event_and_its_possessor(nlp: Language) -> None:
    doc = nlp("Residents condemned Israel's airstrike on the refugee camp.")
    frame = frame_of(_token(doc, "condemned"))
    assert [(doc[n].text, doc[p].text if p is not None else None) for n, p in frame.nominal_events] == [
        ("airstrike", "Israel")]


def test_interactions_read_the_frame_mood(nlp: Language) -> None:
    """ "agreed to withdraw": the agreement happened, the withdrawal is intended, in both rule sets."""
    doc = nlp("Ethiopia agreed to withdraw its troops from the border town of Badme.")
    frame = frame_of(_token(doc, "withdraw"))
    assert frame.mood == "intended" and doc[frame.cue].text == "agreed"
    rows = extract_interactions(doc, countries=document_countries(doc))
    assert [r["mood"] for r in rows] == ["intended"]
    assert not any(e.sub_event_type == "Change to group/activity" and e.trigger.text == "withdraw"
                   for e in detect_events(doc))


def test_every_frame_has_a_known_mood(nlp: Language) -> None:
    doc = nlp("Rebels said they would not attack the city.\nThe army later shelled Idlib.")
    assert doc._.clause_frames and all(f.mood in MOODS for f in doc._.clause_frames)
    assert "clause_frames" in nlp.pipe_names


def test_coded_as_event_is_per_clause(nlp: Language) -> None:
    """Two clauses in one sentence: the shelling is coded, the threat is not (it used to share the sentence's
    flag)."""
    from transforms.extract import extract_batch
    from transforms.ingest import Article
    from transforms.nlp import DEFAULT_MODEL

    text = ("Syrian government forces shelled the town of Saraqib in Idlib on Monday, and Turkey threatened to "
            "retaliate against Damascus.")
    result = extract_batch([Article("frames-test", "", text)], DEFAULT_MODEL)
    assert result.reports
    rows = {r["verb"]: r for r in result.interactions}
    threat = next(r for v, r in rows.items() if v.startswith("threaten"))
    assert threat["mood"] == "threatened" and threat["coded_as_event"] is False
    shelling = next(r for v, r in rows.items() if v.startswith("shell"))
    assert shelling["mood"] == "asserted" and shelling["coded_as_event"] is True
