"""Where an organisation sits is not where the events it reports happened (sentences written for these tests, run
through the real spaCy pipeline and the packaged gazetteer)."""
from __future__ import annotations

from tests.test_places import _event_place
from transforms.place_candidates import sentence_mentions
from transforms.places import document_countries


def test_a_monitors_seat_is_no_evidence_of_the_documents_country(nlp) -> None:
    """"the Britain-based Observatory" (dozens of times in the Syria articles) once made a report with no other
    country named an event in the United Kingdom."""
    doc = nlp("The UK-based Syrian Observatory for Human Rights said 12 people were killed in air strikes on the "
              "town on Monday.")
    assert "GB" not in document_countries(doc)
    place = _event_place(nlp, doc.text, "killed")
    assert place is None or place.country != "United Kingdom"


def test_based_in_and_headquartered_in_name_a_seat(nlp) -> None:
    doc = nlp("Human Rights Watch, which is headquartered in New York, said police arrested 14 activists in Harare "
              "on Monday.")
    assert document_countries(doc)[:1] == ["ZW"]
    doc = nlp("The monitor, based in Britain, said regime helicopters dropped barrel bombs on two villages on "
              "Monday, killing nine people.")
    assert "GB" not in document_countries(doc)


def test_a_town_named_as_a_seat_stays_a_place_where_the_event_is_there(nlp) -> None:
    """Only the seat itself is set aside: the same country named where the event happened still counts."""
    doc = nlp("A London-based rights group said police in Manchester arrested 14 activists on Monday.")
    assert document_countries(doc)[:1] == ["GB"]
    place = _event_place(nlp, doc.text, "arrested")
    assert (place.location, place.country) == ("Manchester", "United Kingdom")


def test_a_place_name_that_begins_a_broadcasters_name_is_not_a_place(nlp) -> None:
    """"Russia's Rossiya 24 state television": Rossiya, a village in Voronezh, once became the place of an air
    strike in Idlib."""
    doc = nlp("A Russian air strike killed 49 Nusra Front militants in Syria's Idlib province, Russia's Rossiya 24 "
              "state television said on Thursday.")
    assert all("Rossiya" not in m.text for m in sentence_mentions(doc[:]))
    place = _event_place(nlp, doc.text, "killed")
    assert (place.admin1, place.country) == ("Idleb", "Syria")
    doc = nlp("Police in Damascus arrested 12 students on Monday, Damascus radio reported.")
    assert [m.text for m in sentence_mentions(doc[:])] == ["Damascus"]
