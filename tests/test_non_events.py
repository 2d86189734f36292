"""What the dataset must not code, on sentences written like news (not taken from the dev sets): "demonstrate"
meaning "show", "protest" meaning "complain"; and what must stay (an activist's arrest, nurses who march)."""
from __future__ import annotations

import article_reports

reports, _ = article_reports.published_on("2023-05-10")  # the publication date the sentences below assume


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
