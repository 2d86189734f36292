"""What the dataset must not code, on sentences written like news (not taken from the dev sets): "demonstrate"
meaning "show", "protest" meaning "complain"; and what must stay (an activist's arrest, nurses who march)."""
from __future__ import annotations

from transforms.extract import extract_document
from transforms.ingest import make_article


def reports(nlp, text: str) -> list[dict]:  # noqa: ANN001
    article = make_article("t", "t.txt", text, {"published_at": "2023-05-10", "source": "Test"}, 2_000_000, 0.05)
    return extract_document(nlp(article.text), article)


def test_demonstrate_with_an_object_is_not_a_protest(nlp) -> None:  # noqa: ANN001
    assert reports(nlp, "The verdict in Mombasa on Tuesday demonstrated the weakness of the prosecution, "
                        "analysts said.") == []


def test_protested_that_is_a_complaint_not_a_gathering(nlp) -> None:  # noqa: ANN001
    assert reports(nlp, "The governor of Mombasa protested on Tuesday that the budget cuts were unfair.") == []


def test_people_who_march_are_protesters(nlp) -> None:  # noqa: ANN001
    rs = reports(nlp, "Hundreds of nurses demonstrated outside the county offices in Mombasa on Tuesday over "
                      "unpaid wages.")
    assert rs and rs[0]["sub_event_type"] == "Peaceful protest"
    assert rs[0]["actor1"] == "Protesters (Kenya)"
