"""Actors from real news sentences (seed articles and realistic wire copy), with the real spaCy pipeline."""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from schemas.vocabularies import INTER_LABELS
from transforms.actor_names import unmatched_actor_report
from transforms.actor_tables import DATA_DIR, Actor, entity_ruler_patterns, state_actor
from transforms.actors import countries_in, interaction, resolve_actor, resolve_actors


def phrase(nlp: Language, text: str, part: str, subtree: bool = False) -> Span:
    """The span of `part` inside the parsed `text` (optionally widened to its head's whole subtree)."""
    doc = nlp(text)
    start = text.index(part)
    span = doc.char_span(start, start + len(part), alignment_mode="expand")
    assert span is not None
    if subtree:
        span = doc[span.root.left_edge.i:span.root.right_edge.i + 1]
    return span


SEED_AGREEMENT = (
    "The governments of Russia, Syria and Iran have entered a formal intelligence-sharing agreement with Iraq, "
    "which will see the four countries exchange information on the Islamic State."
)


def test_coordinated_governments_split_with_periods_of_2015(nlp: Language) -> None:
    span = phrase(nlp, SEED_AGREEMENT, "The governments of Russia, Syria and Iran")
    actors = resolve_actors([span], event_date=date(2015, 9, 27))
    assert [a.name for a in actors] == [
        "Government of Russia (2000-)",
        "Government of Syria (2000-2024)",
        "Government of Iran (1989-)",
    ]
    assert all(a.inter == 1 for a in actors)


def test_partner_after_with_is_the_government(nlp: Language) -> None:
    iraq = phrase(nlp, SEED_AGREEMENT, "Iraq")
    actor = resolve_actor(iraq, event_date=date(2015, 9, 27), event_country="IRQ")
    assert actor == Actor("Government of Iraq (2014-2018)", 1, "IRQ")


def test_quds_force_commander_and_soleimani(nlp: Language) -> None:
    text = ("Western intelligence sources tell Fox News that the escalated Russian presence began just days after a "
            "secret Moscow meeting in late July between Iran’s Quds Force commander and Russian President Vladimir "
            "Putin.")
    quds = resolve_actor(phrase(nlp, text, "Iran’s Quds Force commander"), event_date=date(2015, 7, 25))
    assert quds is not None and quds.name.startswith("Military Forces of Iran (1989-)")
    assert "Quds Force" in quds.name and quds.country == "IRN"
    putin = resolve_actor(phrase(nlp, text, "Russian President Vladimir Putin"), event_date=date(2015, 7, 25))
    assert putin == Actor("Government of Russia (2000-)", 1, "RUS")
    text2 = "Fox News has learned Quds head Qassem Soleimani and Putin discussed such a joint military plan for Syria."
    soleimani = resolve_actor(phrase(nlp, text2, "Quds head Qassem Soleimani"))
    assert soleimani == quds
    both = resolve_actors([phrase(nlp, text2, "Quds head Qassem Soleimani and Putin")])
    assert [a.name for a in both] == [quds.name, "Government of Russia (2000-)"]


def test_capital_acting_is_its_government_but_not_as_a_place(nlp: Language) -> None:
    text = "Washington warned Moscow against any offensive operations in support of Mr. Assad's forces."
    assert resolve_actor(phrase(nlp, text, "Washington"), event_date=date(2015, 9, 10)) == Actor(
        "Government of the United States (2009-2017)", 1, "USA")
    assert resolve_actor(phrase(nlp, text, "Moscow"), event_date=date(2015, 9, 10)).name == (
        "Government of Russia (2000-)")
    meeting = "Officials met at a secret Moscow meeting in late July, then flew to Damascus."
    assert resolve_actor(phrase(nlp, meeting, "a secret Moscow meeting")) is None
    assert resolve_actor(phrase(nlp, meeting, "Damascus")) is None


def test_country_as_place_is_not_an_actor(nlp: Language) -> None:
    text = "The United States is carrying out airstrikes in Syria against the Islamic State."
    assert resolve_actor(phrase(nlp, text, "Syria")) is None
    assert resolve_actor(phrase(nlp, text, "The United States"), event_date=date(2015, 9, 1)).name == (
        "Government of the United States (2009-2017)")
    islamic_state = resolve_actor(phrase(nlp, text, "the Islamic State"), event_country="SYR")
    assert islamic_state == Actor("Islamic State (Syria)", 2, "SYR")


def test_civilians_take_the_context_country(nlp: Language) -> None:
    text = "US forces bombed Deir Ezzor, killing several civilians, according to local sources."
    civilians = resolve_actor(phrase(nlp, text, "several civilians"), context_country="SYR")
    assert civilians == Actor("Civilians (Syria)", 7, "SYR")
    us = resolve_actor(phrase(nlp, text, "US forces"), event_date=date(2023, 3, 24), event_country="SYR")
    assert us == Actor("Military Forces of the United States (2021-2025)", 8, "USA")


def test_adjective_and_noun_classes(nlp: Language) -> None:
    text = ("Intelligence sources said nearly 50 Russian marines arrived, while Iraqi police arrested dozens of "
            "protesters and Egyptian police opened fire on demonstrators.")
    marines = resolve_actor(phrase(nlp, text, "nearly 50 Russian marines"), date(2015, 9, 1), event_country="SYR")
    assert marines == Actor("Military Forces of Russia (2000-)", 8, "RUS")
    police = resolve_actor(phrase(nlp, text, "Iraqi police"), date(2019, 10, 5), event_country="IRQ")
    assert police == Actor("Police Forces of Iraq (2018-2020)", 1, "IRQ")
    protesters = resolve_actor(phrase(nlp, text, "dozens of protesters"), context_country="IRQ")
    assert protesters == Actor("Protesters (Iraq)", 6, "IRQ")


def test_coordinated_adjectives_share_the_head_noun(nlp: Language) -> None:
    text = "Senior Hungarian and Romanian officials agreed on Wednesday that their countries should cooperate."
    names = [a.name for a in resolve_actors([phrase(nlp, text, "Senior Hungarian and Romanian officials")])]
    assert names == ["Government of Hungary (2010-)", "Government of Romania (2025-)"]


def test_patron_country_is_not_the_groups_country(nlp: Language) -> None:
    text = "Iran-backed militias attacked the base with drones, and gunmen killed two farmers."
    militia = resolve_actor(phrase(nlp, text, "Iran-backed militias"), context_country="SYR")
    assert militia == Actor("Unidentified Armed Group (Syria)", 3, "SYR")
    assert resolve_actor(phrase(nlp, text, "gunmen"), context_country="IRQ").name == (
        "Unidentified Armed Group (Iraq)")


def test_people_titles_and_organs(nlp: Language) -> None:
    text = ("Secretary of State John Kerry called the foreign minister, Sergey Lavrov, while the Pentagon and "
            "Syrian President Bashar al-Assad stayed silent.")
    kerry = resolve_actor(phrase(nlp, text, "Secretary of State John Kerry"))
    assert kerry == Actor("Government of the United States (2009-2017)", 1, "USA")
    lavrov = resolve_actor(phrase(nlp, text, "the foreign minister, Sergey Lavrov,", ))
    assert lavrov is not None and lavrov.name == "Government of Russia (2000-)"
    assert resolve_actor(phrase(nlp, text, "the Pentagon"), date(2015, 9, 1)).name == (
        "Military Forces of the United States (2009-2017)")
    assert resolve_actor(phrase(nlp, text, "Syrian President Bashar al-Assad")).name == (
        "Government of Syria (2000-2024)")
    obama = "President Barack Obama said the United States would not send ground troops."
    assert resolve_actor(phrase(nlp, obama, "President Barack Obama")).name == (
        "Government of the United States (2009-2017)")
    wagner = "Wagner chief Yevgeny Prigozhin said his fighters would leave Bakhmut."
    assert resolve_actor(phrase(nlp, wagner, "Wagner chief Yevgeny Prigozhin")) == Actor("Wagner Group", 8, "RUS")


def test_named_groups_and_bodies(nlp: Language) -> None:
    text = ("Syrian President Bashar al-Assad has consented to supply the Lebanese militant group Hezbollah with a "
            "missile defense system, while the U.N. Security Council met and Houthi rebels fired drones.")
    assert resolve_actor(phrase(nlp, text, "the Lebanese militant group Hezbollah")) == Actor("Hezbollah", 3, "LBN")
    assert resolve_actor(phrase(nlp, text, "the U.N. Security Council")).name == "United Nations"
    assert resolve_actor(phrase(nlp, text, "Houthi rebels")).name == "Military Forces of Yemen (2017-) Houthi"  # ACLED's name


def test_regime_period_follows_the_event_date() -> None:
    assert state_actor("SYR", "military", date(2015, 1, 1)).name == "Military Forces of Syria (2000-2024)"
    assert state_actor("SYR", "military", date(2025, 3, 1)).name == "Military Forces of Syria (2024-)"
    assert state_actor("USA", "military", date(2016, 6, 30)).name == "Military Forces of the United States (2009-2017)"
    assert state_actor("USA", "government", date(2019, 1, 1)).name == "Government of the United States (2017-2021)"


def test_non_actors_give_none(nlp: Language) -> None:
    text = ("The World Wildlife Fund said a formal intelligence-sharing agreement is a Russian build-up, "
            "Fox News reported.")
    for part in ("a formal intelligence-sharing agreement", "a Russian build-up", "Fox News"):
        assert resolve_actor(phrase(nlp, text, part)) is None, part
    # an NGO of the imported Phoenix tables is a named actor (it was unknown before the import)
    assert resolve_actor(phrase(nlp, text, "The World Wildlife Fund")) == Actor("World Wildlife Fund", 8, None)
    # "is" must never be read as the acronym IS (Islamic State).
    assert resolve_actors(list(nlp("This is what it is.").noun_chunks)) == []


def test_interaction_labels() -> None:
    assert interaction(2, 1) == "State forces-Rebel group"
    assert interaction(1, 7) == "State forces-Civilians"
    assert interaction(6, None) == "Protesters only"
    assert interaction(8, 8) == "External/Other forces-External/Other forces"
    assert INTER_LABELS[4] == "Identity militia"


def test_entity_ruler_patterns_find_our_actors() -> None:
    patterns = entity_ruler_patterns()
    assert {"ORG", "PERSON"} <= {p["label"] for p in patterns}
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)
    doc = nlp("Quds head Qassem Soleimani met Hezbollah and HTS leaders; this is not IS territory.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Qassem Soleimani", "PERSON") in found
    assert ("Hezbollah", "ORG") in found and ("HTS", "ORG") in found
    assert ("IS", "ORG") in found
    assert not any(e.text == "is" for e in doc.ents)


def test_unmatched_actor_report_ranks_unknown_names() -> None:
    pairs = [("Fox News", "ORG"), ("Hezbollah", "ORG"), ("Fox News", "ORG"), ("the Syrian Observatory", "ORG"),
             ("Russian", "NORP"), ("Latakia", "GPE")]
    assert unmatched_actor_report(pairs) == [("Fox News", "ORG", 2), ("Syrian Observatory", "ORG", 1)]


def test_countries_in_sentence(nlp: Language) -> None:
    doc = nlp("Russian military commanders in Syria have been quietly coordinating with Iran’s Revolutionary Guard.")
    assert countries_in(doc) == ["RUS", "SYR", "IRN"]


@pytest.mark.parametrize("text,part,expected", [
    ("Iran’s Islamic Revolutionary Guard Corps moved weapons into Syria.", "Iran’s Islamic Revolutionary Guard Corps",
     "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"),
    ("The Syrian Democratic Forces captured the town.", "The Syrian Democratic Forces", "QSD: Syrian Democratic Forces"),
    ("Hayat Tahrir al-Sham fighters stormed the village.", "Hayat Tahrir al-Sham fighters", "HTS: Hayat Tahrir al Sham"),
    ("Russia recently hosted Hamas leaders in Moscow.", "Hamas leaders", "Hamas"),
])
def test_aliases(nlp: Language, text: str, part: str, expected: str) -> None:
    actor = resolve_actor(phrase(nlp, text, part))
    assert actor is not None and actor.name == expected


def test_names_written_in_lower_case_are_common_words_not_actors(nlp) -> None:  # noqa: ANN001
    doc = nlp("The rebels rejected an offer of amnesty from the government.")
    amnesty = doc[6:7]
    assert amnesty.text == "amnesty"
    assert resolve_actor(amnesty) is None
    assert resolve_actor(nlp("Amnesty criticised the decree.")[0:1]).name == "Amnesty International"


def test_every_states_forces_carry_a_regime_period_one_at_a_time() -> None:
    """ACLED names a state's forces with the period of its head ("Military Forces of Togo (2005-)"); an analyst
    joins on that name. Switzerland and the Vatican have no single head and keep the bare name."""
    with open(DATA_DIR / "actors.csv", newline="", encoding="utf-8") as f:  # a state's forces, not their units
        rows = [r for r in csv.DictReader(f) if r["kind"] in ("government", "military", "police")
                and (r["canonical_name"].endswith(")") or not r["valid_from"])]
    periods: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        periods[(r["country"], r["kind"])].append((r["valid_from"], r["valid_to"]))
    bare = sorted({c for (c, _k), spans in periods.items() if not any(start for start, _end in spans)})
    assert bare == ["CHE", "VAT"]
    for key, spans in periods.items():
        dated = sorted(s for s in spans if s[0])
        assert all(a[1] and a[1] <= b[0] for a, b in zip(dated, dated[1:])), key  # one period at a time
        assert dated == [] or dated[-1][1] == "" or key[0] in ("SUN", "YUG", "SCG"), key
