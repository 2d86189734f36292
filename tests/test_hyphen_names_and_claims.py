"""Hyphenated place names kept whole ("Mazar-i-Sharif", "Deir-ez-Zor": the tagger cut them, and "Zor" had become a
place in Iran) and claims told in the passive ("an attack claimed by X", "was blamed on X"). Sentences written for
these tests."""
from __future__ import annotations

import pytest

import article_reports

_, one = article_reports.published_on("2023-04-12")  # the publication date the sentences below assume


@pytest.mark.parametrize(("text", "location", "country"), [
    ("A roadside bomb exploded near a bus in Mazar-i-Sharif on Tuesday, wounding four passengers.",
     "Mazar-i-Sharif", "Afghanistan"),
    ("Government forces shelled the outskirts of Deir-ez-Zor on Tuesday, killing three civilians.",
     "Deir-ez-Zor", "Syria"),
])
def test_a_hyphenated_name_is_one_place(nlp, text: str, location: str, country: str) -> None:  # noqa: ANN001
    r = one(nlp, text)
    assert (r["location"], r["country"]) == (location, country)


def test_an_attack_claimed_by_a_group_in_the_passive_names_its_perpetrator(nlp) -> None:  # noqa: ANN001
    r = one(nlp, "A car bomb exploded near a checkpoint in Kirkuk on Tuesday, killing three people, in an attack "
                 "claimed by Islamic State.")
    assert r["actor1"].startswith("Islamic State")


def test_an_attack_blamed_on_a_group_names_its_perpetrator(nlp) -> None:  # noqa: ANN001
    r = one(nlp, "A bomb exploded at a market in Garissa on Tuesday, killing two traders. The attack was blamed on "
                 "Al Shabaab, police said.")
    assert r["actor1"] == "Al Shabaab"
    r = one(nlp, "A bomb exploded at a market in Garissa on Tuesday, killing two traders, in an attack claimed by "
                 "no one.")
    assert r["actor1"].startswith("Unidentified")
