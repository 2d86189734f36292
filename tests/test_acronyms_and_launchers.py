"""Actor rules of session 15: a group the tables lack, named by an acronym the article spells out, gets ACLED's
"ACRONYM: Full Name" (transforms/acronyms.py); a table alias written with brackets ("CPI (Maoist)") matches; the
launcher of intercepted weapons named by a relative clause is the other side. Positive and negative cases."""
from __future__ import annotations

from transforms.acronyms import acronym_definitions, with_acled_name
from transforms.actor_tables import Actor, lookup_text
from transforms.extract import extract_document
from transforms.ingest import make_article


def reports(nlp, text: str, published: str = "2024-05-20") -> list[dict]:  # noqa: ANN001
    article = make_article("t", "t.txt", text, {"published_at": published, "source": "Test"}, 2_000_000, 0.05)
    return extract_document(nlp(article.text), article)


def first(nlp, text: str, published: str = "2024-05-20") -> dict:  # noqa: ANN001
    rs = reports(nlp, text, published)
    assert rs, text
    return rs[0]


# ---------------------------------------------------------------------------------------------------- acronyms


def test_definitions_follow_the_letters_of_the_acronym() -> None:
    text = ("Leaders of the Confederation of Indigenous Nationalities of Ecuador (CONAIE) met the Sudan Liberation "
            "Movement-Abdul Wahid (SLM-AW) envoy, Reuters (AFP) said, and police in Quito (PDF) were told.")
    assert acronym_definitions(text) == {"CONAIE": "Confederation of Indigenous Nationalities of Ecuador",
                                         "SLM-AW": "Sudan Liberation Movement-Abdul Wahid"}


def test_an_acronym_after_its_name_in_brackets_is_defined_too() -> None:
    assert acronym_definitions("a strike by APEOESP (Sindicato dos Professores) and the KNU (Karen National "
                               "Union) on Monday") == {"KNU": "Karen National Union"}


def test_a_table_actor_keeps_its_table_name() -> None:
    actor = Actor("RSF: Rapid Support Forces", 2, "SDN")
    assert with_acled_name(actor, {"RSF": "Rapid Support Forces"}) == actor
    plain = Actor("Hezbollah", 2, "LBN")
    assert with_acled_name(plain, {"HZB": "Hezbollah Brigades"}) == plain


def test_an_acronym_alone_in_the_event_sentence_gets_the_full_name(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Fighters of the Chinland Defense Force (CDF) have been active for months. On Monday CDF fighters "
                   "clashed with junta troops near Falam, the group said.")
    assert r["actor1"] == "CDF: Chinland Defense Force"
    assert r["actor2"].startswith("Military Forces of Myanmar")


def test_an_undefined_acronym_stays_as_written(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "On Monday CDF fighters clashed with junta troops near Falam in Chin state, the group said.")
    assert r["actor1"] == "CDF"


def test_a_bracketed_alias_matches_its_table_row() -> None:
    hits = lookup_text("CPI (Maoist) cadres")
    assert hits[0].category == "named" and hits[0].end == 4
    assert lookup_text("the Military Forces of Syria (2000-2024)")[-1].category == "country"


# ----------------------------------------------------------------------------------------------- launchers


def test_the_launcher_in_a_relative_clause_is_the_other_side(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Ukrainian air defences shot down 12 of the 15 missiles Russia fired at Kyiv overnight, the "
                   "air force said.")
    assert r["sub_event_type"] == "Disrupted weapons use"
    assert r["actor2"].startswith("Military Forces of Russia")


def test_intercepted_weapons_without_a_launcher_name_no_other_side(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Ukrainian air defences shot down 12 drones over the Odesa region overnight, the air force said.")
    assert r["sub_event_type"] == "Disrupted weapons use"
    assert r["actor2"] is None
