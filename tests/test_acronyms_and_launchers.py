"""Actor and place rules of session 15: a group the tables lack, named by an acronym the article spells out, gets
ACLED's "ACRONYM: Full Name" (transforms/acronyms.py); a table alias written with brackets ("CPI (Maoist)")
matches; a people or clan before an armed noun names its militia ("X Ethnic Militia (Country)"); the launcher of
intercepted weapons named by a relative clause is the other side; a country's possessive over an adjective still
holds its region. Positive and negative cases."""
from __future__ import annotations

import article_reports
from transforms.acronyms import acronym_definitions, with_acled_name
from transforms.actor_tables import Actor, lookup_text
from transforms.extract import extract_document, interaction_rows
from transforms.ingest import make_article

reports, first = article_reports.published_on("2024-05-20")  # the publication date the sentences below assume


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
    # an invented group, so no table can know it
    r = first(nlp, "Fighters of the Hsenwi Liberation Front (HLF) have been active in Myanmar for months. On Monday "
                   "HLF fighters clashed with junta troops near Falam in Chin state, the group said.")
    assert r["actor1"] == "HLF: Hsenwi Liberation Front"
    assert r["actor2"].startswith("Military Forces of Myanmar")


def test_interactions_name_the_defined_group_as_the_events_do(nlp) -> None:  # noqa: ANN001
    text = ("Fighters of the Hsenwi Liberation Front (HLF) have been active in Myanmar for months. On Monday HLF "
            "fighters clashed with junta troops near Falam, the group said.")
    article = make_article("t", "t.txt", text, {"published_at": "2024-05-20", "source": "Test"}, 2_000_000, 0.05)
    doc = nlp(article.text)
    rows = interaction_rows(doc, article, extract_document(doc, article))
    assert rows and all(r["source_actors"] == ["HLF: Hsenwi Liberation Front"] for r in rows)


def test_an_undefined_acronym_stays_as_written(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "On Monday HLF fighters clashed with junta troops near Falam in western Myanmar, the group said.")
    assert r["actor1"] == "HLF"


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


def test_a_bomb_made_safe_and_blamed_on_a_group_gives_the_group_as_actor2(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Soldiers found and safely detonated a roadside bomb near Mandera town on Tuesday, a security "
                   "official said. He blamed al-Shabaab militants.")
    assert r["sub_event_type"] == "Disrupted weapons use"
    assert (r["actor1"].startswith("Military Forces of Kenya"), r["actor2"]) == (True, "Al Shabaab")


def test_intercepted_weapons_without_a_launcher_name_no_other_side(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Ukrainian air defences shot down 12 drones over the Odesa region overnight, the air force said.")
    assert r["sub_event_type"] == "Disrupted weapons use"
    assert r["actor2"] is None


# ------------------------------------------------------------------------------------------- ethnic militias


def test_a_people_before_an_armed_noun_is_its_ethnic_militia(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "On Tuesday suspected Kuki militants attacked a police post near Jiribam in Manipur, police said.")
    assert r["actor1"] == "Kuki Ethnic Militia (India)"


def test_a_somali_clan_before_militiamen_is_a_clan_militia(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Abgaal militiamen attacked a village near Jowhar in Somalia's Middle Shabelle region on Sunday, "
                   "killing four herders, elders said.")
    assert r["actor1"] == "Abgaal Clan Militia (Somalia)"


def test_a_nationality_before_fighters_is_no_ethnic_militia(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "Kurdish fighters clashed with Turkish-backed factions near Manbij in Aleppo province on Monday.")
    assert "Ethnic Militia" not in (r["actor1"] or "")


# ----------------------------------------------------------------------------------------------------- places


def test_a_countrys_possessive_over_an_adjective_keeps_its_region(nlp) -> None:  # noqa: ANN001
    r = first(nlp, "A priest was kidnapped from his parish in Ndop, in Cameroon's restive North-West region, on "
                   "Sunday by armed men, the diocese said.")
    assert (r["country"], r["admin1"]) == ("Cameroon", "North-West")
