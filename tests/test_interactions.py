"""Dyadic interaction records (PLOVER-style source/target, flagged by mood), on the real pipeline."""
from __future__ import annotations

import pytest
from spacy.language import Language

from transforms.interactions import extract_interactions
from transforms.places import document_countries

KEYS = {"sentence", "char_start", "char_end", "verb", "source_actors", "target_actors", "mood"}
MOODS = {"asserted", "negated", "intended", "threatened", "demanded", "conditional", "question"}
PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "its", "their", "his",
            "who", "which", "that", "this", "these", "those"}


def run(nlp: Language, text: str) -> list[dict]:
    doc = nlp(text)
    return extract_interactions(doc, published=None, countries=document_countries(doc))


def only(records: list[dict]) -> dict:
    assert len(records) == 1, records
    return records[0]


def starts(names: list[str], *prefixes: str) -> bool:
    """Every prefix is the start of one of the names (regime periods like "(2022-)" change with the tables)."""
    return all(any(n.startswith(p) for n in names) for p in prefixes)


def test_active_clause_source_target_and_fields(nlp: Language) -> None:
    text = "Kenya expelled two Ugandan diplomats on Monday."
    rec = only(run(nlp, text))
    assert set(rec) == KEYS
    assert rec["sentence"] == text and rec["char_start"] == 0 and rec["char_end"] == len(text)
    assert rec["verb"] == "expel"
    assert starts(rec["source_actors"], "Government of Kenya") and len(rec["source_actors"]) == 1
    assert starts(rec["target_actors"], "Government of Uganda")
    assert rec["mood"] == "asserted"


def test_passive_by_agent_is_source_subject_is_target(nlp: Language) -> None:
    rec = only(run(nlp, "Two Somali fishermen were detained by the Kenyan navy."))
    assert starts(rec["source_actors"], "Military Forces of Kenya")
    assert rec["target_actors"] == ["Civilians (Somalia)"]
    assert rec["verb"] == "detain"


def test_attribution_shell_is_skipped(nlp: Language) -> None:
    rec = only(run(nlp, "Ghana recalled its ambassador from Togo, a government spokesman said."))
    assert rec["verb"] == "recall"
    assert starts(rec["source_actors"], "Government of Ghana")
    assert starts(rec["target_actors"], "Government of Togo")


def test_pronoun_content_subject_is_the_speaker_and_never_an_actor(nlp: Language) -> None:
    records = run(nlp, "Syria said it would release the prisoners.")
    rec = only(records)
    assert starts(rec["source_actors"], "Government of Syria")
    assert rec["mood"] == "intended"
    for r in records:
        for name in r["source_actors"] + r["target_actors"]:
            assert name.lower() not in PRONOUNS


def test_accused_x_of_targets_x(nlp: Language) -> None:
    rec = only(run(nlp, "Chad accused Sudan of arming rebel groups."))
    assert rec["verb"] == "accuse"
    assert starts(rec["source_actors"], "Government of Chad")
    assert starts(rec["target_actors"], "Government of Sudan")


def test_coordinated_actors_are_listed_one_by_one(nlp: Language) -> None:
    rec = only(run(nlp, "Senegal and Mali signed a security pact with Mauritania."))
    assert starts(rec["source_actors"], "Government of Senegal", "Government of Mali")
    assert len(rec["source_actors"]) == 2
    assert starts(rec["target_actors"], "Government of Mauritania")


def test_xcomp_chain_target_and_verb_phrase(nlp: Language) -> None:
    rec = only(run(nlp, "Egypt offered to hand over to Libya three suspects."))
    assert rec["verb"] == "offer hand over"
    assert starts(rec["target_actors"], "Government of Libya")
    assert rec["mood"] == "intended"


@pytest.mark.parametrize(
    ("text", "mood", "source", "target"),
    [
        ("Mexico did not recognize the new government of Honduras.", "negated", "Government of Mexico",
         "Government of Honduras"),
        ("Norway will send food aid to Ethiopia.", "intended", "Government of Norway", "Government of Ethiopia"),
        ("Venezuela threatened to cut oil exports to Colombia.", "threatened", "Government of Venezuela",
         "Government of Colombia"),
        ("Peru urged Ecuador to withdraw its troops from the border.", "demanded", "Government of Peru",
         "Government of Ecuador"),
        ("Peru demanded that Chile return the stolen artefacts.", "demanded", "Government of Peru",
         "Government of Chile"),
        ("Will Pakistan hand over the suspects to India?", "question", "Government of Pakistan",
         "Government of India"),
    ],
)
def test_moods(nlp: Language, text: str, mood: str, source: str, target: str) -> None:
    rec = only(run(nlp, text))
    assert rec["mood"] == mood
    assert starts(rec["source_actors"], source)
    assert starts(rec["target_actors"], target)


def test_conditional_mood(nlp: Language) -> None:
    records = run(nlp, "If Serbia arrests the suspects, the European Union will resume talks with Belgrade.")
    talks = next(r for r in records if r["verb"] == "resume talk")
    assert talks["mood"] == "conditional"
    assert talks["source_actors"] == ["EU: European Union"]
    assert starts(talks["target_actors"], "Government of Serbia")
    assert all(r["mood"] in MOODS for r in records)


def test_sentence_without_actor_gives_nothing(nlp: Language) -> None:
    assert run(nlp, "The weather was cold and rainy on Tuesday.") == []


def test_offsets_point_into_the_document(nlp: Language) -> None:
    text = "The talks ended late.\nNorway will send food aid to Ethiopia."
    doc = nlp(text)
    rec = only(extract_interactions(doc, countries=document_countries(doc)))
    assert text[rec["char_start"]:rec["char_end"]] == rec["sentence"] == "Norway will send food aid to Ethiopia."
