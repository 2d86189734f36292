"""A country's capital said without its name is the capital ("the Syrian capital", "the capital of Iraq", "the
capital" in an article about one country); other capitals and named capitals are not read from the phrase
(sentences written for these tests, run through the real spaCy pipeline and the packaged gazetteer)."""
from __future__ import annotations

from tests.test_places import _event_place
from transforms.place_capitals import capital_phrases


def _capitals(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(doc[p.start:p.end].text, p.name, p.iso2) for p in capital_phrases(doc[:])]


def test_a_capital_said_by_its_country_is_placed_at_the_capital(nlp) -> None:
    """Wires write "the Syrian capital" after naming Damascus once: the event kept only its country."""
    place = _event_place(nlp, "Two car bombs exploded in the Syrian capital on Monday, killing 12 people.", "exploded")
    assert (place.location, place.admin1, place.country) == ("Damascus", "Damascus", "Syria")
    place = _event_place(nlp, "Police arrested 20 protesters in the capital of Iraq on Friday.", "arrested")
    assert (place.location, place.country) == ("Baghdad", "Iraq")
    place = _event_place(nlp, "Four civilians were killed in Syria's capital on Sunday after rebel shelling.",
                         "killed")
    assert (place.location, place.country) == ("Damascus", "Syria")


def test_a_bare_capital_is_the_capital_of_the_country_the_article_is_about(nlp) -> None:
    text = ("Afghan police detained three journalists in Herat on Monday. On Tuesday, Taliban fighters fired into "
            "the air to disperse protesters in the capital.")
    assert ("the capital", "Kabul", "AF") in _capitals(nlp, text)
    assert _event_place(nlp, text, "fired").location == "Kabul"


def test_the_capitals_name_after_the_phrase_belongs_to_it(nlp) -> None:
    """"on the Syrian capital Damascus killed": the parser made "Damascus" the subject of "killed" and the shelling
    lost its place."""
    place = _event_place(nlp, "Rebel shelling on the Syrian capital Damascus killed four civilians on Sunday.",
                         "killed")
    assert (place.location, place.country) == ("Damascus", "Syria")
    assert _capitals(nlp, "Rebel shelling on the Syrian capital Damascus killed four civilians.") == [
        ("the Syrian capital Damascus", "Damascus", "SY")]


def test_other_capitals_and_other_meanings_are_not_the_countrys_capital(nlp) -> None:
    for text in ("Rebels seized the provincial capital of Idlib on Saturday.",
                 "Security forces fired into crowds in Yangon, the commercial capital, on Sunday.",
                 "The court upheld the capital punishment of two men in Riyadh.",
                 "Protesters rallied in Kabul, the Afghan capital, on Friday.",
                 "He was detained in Urumqi, the capital of the Xinjiang region."):
        assert _capitals(nlp, text) == [], text
    assert _event_place(nlp, "Rebels seized the provincial capital of Idlib on Saturday.", "seized").admin1 == "Idleb"
