"""Tests of the evaluation module on small synthetic run outputs written with pyarrow.

The gold lines are shortened copies of real dev-set records (FA-KES, HRDsAttack, PLOVER, the seeds reference,
the event-location set); the run outputs are built by hand so every figure can be asserted exactly.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from evaluation.__main__ import main as evaluation_main
from evaluation.gold import gold_date, load_gold, to_input_jsonl
from evaluation.names import actors_match, country_iso3, place_key, same_place
from evaluation.report import format_matching_comparison, format_report
from evaluation.scoring import FIELDS, PLOVER_SCORERS, evaluate, plover_actor_found, weighted_f1
from evaluation.splits import half_of
from evaluation.targets import gold_files, parse_target, targets_for

EVENT_COLUMNS = ["event_id", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "actor2", "assoc_actor_2", "country", "iso", "admin1", "admin2", "location",
                 "latitude", "longitude", "fatalities", "confidence"]


# ----------------------------------------------------------------------------------------------- run builder
def _event(event_id: str, **fields: Any) -> dict[str, Any]:
    row = {c: None for c in EVENT_COLUMNS}
    row.update(event_id=event_id, **fields)
    if row["event_date"] is not None:
        row["year"] = row["event_date"].year
    return row


def write_run(out: Path, docs: dict[str, list[dict[str, Any]]], quarantined: dict[str, list[dict]] | None = None,
              extra_docs: list[str] = ()) -> Path:
    """Write an OUTPUT_DIR: events (hive by year), quarantine, mentions, documents, for input ids -> events."""
    quarantined = quarantined or {}
    events, quarantine, mentions, documents = [], [], [], []
    for n, input_id in enumerate(list(docs) + list(quarantined) + list(extra_docs)):
        doc_id = f"doc{n:03d}"
        documents.append({"doc_id": doc_id, "input_id": input_id, "title": None, "status": "ok",
                          "path": f"/data/in/{input_id}.txt"})
        for row in docs.get(input_id, []):
            events.append(row)
            mentions.append({"event_id": row["event_id"], "doc_id": doc_id, "sentence": "s", "char_start": 0,
                             "char_end": 1})
        for row in quarantined.get(input_id, []):
            quarantine.append({**row, "failed_expectations": "event_date not null"})
            mentions.append({"event_id": row["event_id"], "doc_id": doc_id, "sentence": "s", "char_start": 0,
                             "char_end": 1})
    schema = pa.schema([("event_id", pa.string()), ("event_date", pa.date32()), ("year", pa.int32()),
                        ("time_precision", pa.int8()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
                        ("actor1", pa.string()), ("assoc_actor_1", pa.string()), ("actor2", pa.string()),
                        ("assoc_actor_2", pa.string()), ("country", pa.string()), ("iso", pa.int32()),
                        ("admin1", pa.string()), ("admin2", pa.string()), ("location", pa.string()),
                        ("latitude", pa.float64()), ("longitude", pa.float64()), ("fatalities", pa.int32()),
                        ("confidence", pa.float64())])
    if events:
        ds.write_dataset(pa.Table.from_pylist(events, schema=schema), out / "events", format="parquet",
                         partitioning=["year"], partitioning_flavor="hive")
    if quarantine:
        qschema = schema.append(pa.field("failed_expectations", pa.string()))
        ds.write_dataset(pa.Table.from_pylist(quarantine, schema=qschema), out / "quarantine", format="parquet")
    if mentions:
        ds.write_dataset(pa.Table.from_pylist(mentions), out / "mentions", format="parquet")
    if documents:
        ds.write_dataset(pa.Table.from_pylist(documents), out / "documents", format="parquet")
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------------- gold data
FAKES = [
    {"id": "fakes-1914947530",
     "text": "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a suspected "
             "chemical attack in Syria appeared to show symptoms consistent with reaction to a nerve agent.",
     "title": "Syria attack symptoms consistent with nerve agent use WHO", "source": "nna", "published_at": None,
     "gold": {"events": [{"event_date": "2017-04-05", "country": "Syria", "admin1": "Idleb",
                          "actor_class": "syrian government or russian troops",
                          "cause_of_death": "chemical and toxic gases", "fatalities": 70}]}},
    {"id": "fakes-2", "text": "Fri 07 Apr 2017 Homs governor says U.S. attack caused deaths.", "title": "t",
     "source": "nna", "published_at": None,
     "gold": {"events": [{"event_date": "2017-04-07", "country": "Syria", "admin1": "Homs",
                          "actor_class": "international coalition forces", "cause_of_death": "shelling",
                          "fatalities": 6}]}},
    {"id": "fakes-3", "text": "Sun 09 Apr 2017 A car bomb exploded in Al-Hasakeh.", "title": "t", "source": "nna",
     "published_at": None,
     "gold": {"events": [{"event_date": "2017-04-09", "country": "Syria", "admin1": "Al-Hasakeh",
                          "actor_class": "unknown", "cause_of_death": "explosion", "fatalities": 4}]}},
]


@pytest.fixture()
def fakes_gold(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "fakes_syria.dev.jsonl", FAKES)


def test_right_wrong_and_missing_documents(fakes_gold: Path, tmp_path: Path) -> None:
    right = _event("e1", event_date=date(2017, 4, 5), event_type="Explosions/Remote violence",
                   sub_event_type="Chemical weapon", actor1="Military Forces of Syria (2000-2024)",
                   actor2="Civilians (Syria)", country="Syria", admin1="Idlib", location="Khan Shaykhun",
                   fatalities=70, confidence=0.9)
    wrong = _event("e2", event_date=date(2017, 4, 17), event_type="Battles", sub_event_type="Armed clash",
                   actor1="Hezbollah", country="Syria", admin1="Aleppo", fatalities=5, confidence=0.5)
    out = write_run(tmp_path / "run", {"fakes-1914947530": [right], "fakes-2": [wrong]})
    report = evaluate(fakes_gold, out)
    figures = report.as_dict()
    assert report.n_docs == 3 and report.dataset == "fakes_syria.dev"
    assert figures["detection"] == pytest.approx(2 / 3)
    assert figures["admin1"] == pytest.approx(1 / 3)            # Idleb == Idlib; Homs != Aleppo; fakes-3 missing
    assert figures["country"] == pytest.approx(2 / 3)
    assert figures["date_exact"] == pytest.approx(1 / 3)
    assert figures["date_within_7d"] == pytest.approx(1 / 3)    # 10 days off is outside the window
    assert figures["cause_of_death"] == pytest.approx(1 / 3)
    assert report.metric("actor_class").total == 2              # "unknown" is not a label
    assert figures["actor_class"] == pytest.approx(1 / 2)
    assert figures["fatalities_exact"] == pytest.approx(1 / 3)
    assert figures["fatalities_20pct"] == pytest.approx(2 / 3)  # 5 for 6 is within 20%
    assert "date_parts" not in figures                          # every FA-KES gold date has a day
    assert report.metric("detection").target == targets_for("fakes_syria.dev")["detection"]
    assert report.metric("detection").passed is False


def test_best_matching_event_of_the_document_is_scored(fakes_gold: Path, tmp_path: Path) -> None:
    decoy = _event("d", event_date=date(2016, 1, 1), event_type="Protests", sub_event_type="Peaceful protest",
                   admin1="Damascus", fatalities=0, confidence=0.99)
    good = _event("g", event_date=date(2017, 4, 8), event_type="Explosions/Remote violence",
                  sub_event_type="Remote explosive/landmine/IED", admin1="Al-Hasakah Governorate", country="Syria",
                  fatalities=4, confidence=0.1)
    report = evaluate(fakes_gold, write_run(tmp_path / "run", {"fakes-3": [decoy, good]}))
    assert report.metric("admin1").hits == 1
    assert report.metric("date_within_7d").hits == 1 and report.metric("date_exact").hits == 0
    assert report.metric("cause_of_death").hits == 1
    assert report.metric("fatalities_exact").hits == 1


def test_copy_of_an_article_shares_its_events(tmp_path: Path) -> None:
    rows = [HRDS[1], {**HRDS[1], "id": "hrds-2-copy"}]
    gold = write_jsonl(tmp_path / "hrdsattack.dev.jsonl", rows)
    out = write_run(tmp_path / "run", {"hrds-2": [_event("b", event_date=date(2021, 2, 4), country="Belarus",
                                                         location="Minsk")]})
    ds.write_dataset(pa.Table.from_pylist([
        {"doc_id": "doc000", "input_id": "hrds-2", "status": "ok", "reason": None},
        {"doc_id": "doc001", "input_id": "hrds-2-copy", "status": "duplicate", "reason": "same text as hrds-2"},
    ]), out / "documents", format="parquet", existing_data_behavior="delete_matching")
    report = evaluate(gold, out)
    assert report.metric("detection").value == 1.0
    assert report.metric("date_exact").hits == 2


def test_run_without_any_output_scores_all_misses(fakes_gold: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    report = evaluate(fakes_gold, empty)
    assert report.metric("detection").value == 0.0
    assert report.metric("admin1").hits == 0 and report.metric("admin1").total == 3
    assert "NO" in format_report(report)


HRDS = [
    {"id": "hrds-1", "text": "THE Zimbabwe Congress of Trade Unions has blamed Saturday's abduction.", "title": "t",
     "source": None, "published_at": "2019-09-17 02:48:13",
     "gold": {"events": [{"year": "2019.0", "month": "September", "day": None, "location": "Harare",
                          "admin1": None, "country": "Zimbabwe", "perpetrator_type": "other actors with permissions"}]}},
    {"id": "hrds-2", "text": "Police in Minsk detained the activist on 4 February.", "title": "t", "source": None,
     "published_at": "2021-02-06 10:00:00",
     "gold": {"events": [{"year": "2021", "month": "02", "day": "4.0", "location": "Minsk", "admin1": "unknown",
                          "country": "Belarus"}]}},
    {"id": "hrds-3", "text": "The lawyer was arrested in Beijing.", "title": "t", "source": None,
     "published_at": "2020-07-10 08:00:00",
     "gold": {"events": [{"year": "2020", "month": None, "day": None, "location": "Beijin",
                          "country": "People's Republic of China"}]}},
    {"id": "hrds-4", "text": "Activists across the continent were threatened.", "title": "t", "source": None,
     "published_at": "2020-07-10 08:00:00",
     "gold": {"events": [{"year": "2018", "month": "Ocober", "day": None, "location": None, "country": "Africa"}]}},
]


def test_partial_gold_dates_countries_and_quarantine(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "hrdsattack.dev.jsonl", HRDS)
    out = write_run(tmp_path / "run", {
        "hrds-1": [_event("a", event_date=date(2019, 9, 14), country="Zimbabwe", location="Harare")],
        "hrds-3": [_event("c", event_date=date(2019, 12, 30), country="China", location="Beijing")],
        "hrds-4": [_event("d", event_date=date(2018, 10, 2), country="Kenya", location="Nairobi")],
    }, quarantined={"hrds-2": [_event("b", country="Belarus", location="Minsk", admin1="Minsk")]})
    report = evaluate(gold, out)
    figures = report.as_dict()
    assert figures["detection"] == 1.0                          # a quarantined row is still a prediction
    assert report.metric("country").total == 3                  # "Africa" names no country: not counted
    assert figures["country"] == 1.0                            # People's Republic of China == China
    assert report.metric("location").total == 3
    assert figures["location"] == pytest.approx(2 / 3)         # the gold typo "Beijin" is not forgiven
    assert "admin1" not in figures                              # None and "unknown" are not labels
    assert report.metric("date_exact").total == 1 and figures["date_exact"] == 0.0  # quarantined: no date
    assert report.metric("date_parts").total == 3               # year+month, year only, year + misspelt month
    assert figures["date_parts"] == pytest.approx(2 / 3)       # 2019-09 ok, 2019 != 2020, 2018-10 ok
    assert report.metric("location").target.value == 0.50


def test_reference_events_one_to_one_by_type(tmp_path: Path) -> None:
    reference = [{"id": "002_90e0437b1aed1a0c", "published_at": "2016-06-30", "source": "Daily Caller",
                  "gold": {"events": [
                      {"event_type": "Strategic developments", "sub_event_type": "Agreement",
                       "actor1": "Government of the United States", "actor2": "Government of Russia",
                       "location": None, "country": "Syria", "event_date": "2016-06-30", "time_precision": 2},
                      {"event_type": "Strategic developments", "sub_event_type": "Agreement",
                       "actor1": "Government of the United States", "actor2": "Government of Russia",
                       "location": None, "country": "Syria", "event_date": "2016-02", "time_precision": 3},
                      {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                       "actor1": "Military Forces of Russia", "actor2": None, "location": "Deir Ezzor",
                       "country": "Syria", "event_date": None, "time_precision": None}]}}]
    gold = write_jsonl(tmp_path / "reference_events.jsonl", reference)
    assert load_gold(gold)[0].text is None
    preds = [
        _event("p1", event_date=date(2016, 2, 15), time_precision=3, event_type="Strategic developments",
               sub_event_type="Agreement", actor1="Government of the United States (2009-2017)",
               actor2="Government of Russia (2000-)", country="Syria"),
        _event("p2", event_date=date(2016, 6, 30), time_precision=1, event_type="Strategic developments",
               sub_event_type="Other", actor1="Government of Russia (2000-)", country="Russia"),
        _event("p3", event_date=date(2016, 6, 29), event_type="Battles", sub_event_type="Armed clash",
               actor1="Military Forces of Russia (2000-)", country="Syria", location="Deir-ez-Zor"),
    ]
    # A run over data/sample/*.txt: the document is found by the file stem of its path.
    out = write_run(tmp_path / "run", {"002_90e0437b1aed1a0c": preds})
    report = evaluate(gold, out)
    assert report.metric("reference_type_found").value == 2 and report.metric("reference_type_found").total == 3
    assert report.metric("reference_sub_type_found").value == 1
    assert report.metric("extra_events").value == 1
    assert report.metric("reference_type_found").target.value == 12
    assert report.metric("location").value == 1.0               # Deir Ezzor == Deir-ez-Zor
    # Field figures use each gold event's own match (not the one-to-one pairs): for the date, the event agreeing
    # with the June agreement on type, actors and place is p1, so p1's February date is scored against June 30.
    assert report.metric("date_exact").hits == 0 and report.metric("date_parts").hits == 1
    assert report.metric("time_precision").hits == 1 and report.metric("time_precision").total == 2


PLOVER = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "documentation"},
    {"id": "PLOVER-GSR01-AGREE-0001", "date": "2000-01-01",
     "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
                {"actorText": "Romanian", "code": "ROU", "sector": "GOV"}],
     "event": "AGREE", "eventText": "agreed cooperate", "context": "refugees",
     "text": "Senior Hungarian and Romanian officials agreed on Wednesday that their countries should cooperate "
             "to encourage Romanian refugees in Hungary to return home."},
    {"id": "PLOVER-GSR01-AGREE-0002", "date": "2000-01-01",
     "source": [{"actorText": "Asia-Pacific Economic Cooperation", "code": "IGO"}],
     "target": [{"actorText": "Tokyo", "code": "JAP"}], "event": "AGREE", "eventText": "agreed set up",
     "text": "The Asia-Pacific Economic Cooperation (APEC) forum has agreed to set up an energy research center "
             "in Tokyo."},
    {"id": "PLOVER-GSR01-ASSAULT-0001", "date": "2000-01-01",
     "source": [{"actorText": "Israeli troops", "code": "ISR"}], "target": [{"actorText": "Palestinians",
                                                                            "code": "PSE"}],
     "event": "ASSAULT", "eventText": "shot", "eventLoc": {"name": "Hebron", "country code": "PS"},
     "text": "Israeli troops shot dead two Palestinians in Hebron."},
]


def test_plover_actors_found_by_name_or_country(tmp_path: Path) -> None:
    gold = tmp_path / "plover_gsr_cameo.json"
    gold.write_text(json.dumps(PLOVER), encoding="utf-8")
    docs = load_gold(gold)
    assert [d.id for d in docs] == ["PLOVER-GSR01-AGREE-0001", "PLOVER-GSR01-AGREE-0002", "PLOVER-GSR01-ASSAULT-0001"]
    out = write_run(tmp_path / "run", {
        "PLOVER-GSR01-AGREE-0001": [_event("a", actor1="Government of Hungary (2010-)",
                                           actor2="Government of Romania (2014-)")],
        "PLOVER-GSR01-AGREE-0002": [_event("b", actor1="Asia-Pacific Economic Cooperation (APEC)",
                                           actor2="Government of Japan (2012-)")],
        "PLOVER-GSR01-ASSAULT-0001": [_event("c", actor1="Military Forces of Israel (2022-)",
                                             actor2="Protesters (Israel)", country="Palestine", location="Hebron")],
    })
    report = evaluate(gold, out)
    # "Hungarian and Romanian officials agreed": both are sources, but the event put Romania on the other side
    assert report.metric("source_found").hits == 2 and report.metric("source_found").total == 3
    assert report.metric("target_found").hits == 1 and report.metric("target_found").total == 2
    assert report.metric("source_and_target").value == pytest.approx(1 / 3)
    assert report.metric("source_and_target_any_role").value == pytest.approx(2 / 3)
    assert report.metric("place").value == 1.0 and report.metric("country").value == 1.0
    assert not actors_match("Palestinian armed groups", "Unidentified Armed Group")

    # the interactions table adds its actor pairs (here the joint subject of the agreement)
    pq.write_table(pa.Table.from_pylist([
        {"doc_id": "doc000", "source_actors": ["Government of Hungary (2010-)", "Government of Romania (2014-)"],
         "target_actors": []}]), out / "interactions.parquet")
    report = evaluate(gold, out)
    assert report.metric("source_found").value == 1.0
    assert report.metric("source_and_target").value == pytest.approx(2 / 3)


def test_plover_actor_found_by_the_evaluations_own_aliases_not_the_products_tables() -> None:
    assert plover_actor_found({"name": "U.N.", "code": "IGO"}, ["United Nations"])
    assert not plover_actor_found({"name": "U.N.", "code": "IGO"}, ["NATO: North Atlantic Treaty Organization"])
    # who acts for whom is the product's knowledge: the scorer must not borrow it to decide a match
    assert not plover_actor_found({"name": "Kofi Annan", "code": "IGO"}, ["United Nations"])
    import subprocess
    import sys
    probe = "import sys, evaluation.scoring, evaluation.devsets; print(sorted(m for m in sys.modules if m.split('.')[0] in ('transforms', 'flows', 'newsevents')))"
    printed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert printed.strip() == "[]"


def test_prodigy_place_found_at_any_level(tmp_path: Path) -> None:
    rows = [
        {"_id": "masdar_kill_498", "text": "At least nine civilians were killed in the bombardment of the "
                                           "Kurdish-majority Aziziyah district.",
         "spans": [{"start": 29, "end": 35, "label": "VERB"},
                   {"start": 80, "end": 88, "label": "LOCATION", "text": "Aziziyah"}], "answer": "accept"},
        {"_id": "APW_capture", "text": "Sassi was captured during the U.S.-led offensive in Afghanistan.",
         "spans": [{"start": 10, "end": 10, "label": "LOCATION", "text": "Afghanistan"}], "answer": "accept"},
        {"_id": "APW_capture", "text": "Four patrol boats manned by police in Tianjin.", "answer": "accept"},
    ]
    gold = write_jsonl(tmp_path / "event_location_gold.jsonl", rows)
    assert [d.id for d in load_gold(gold)] == ["masdar_kill_498", "APW_capture", "APW_capture#2"]
    out = write_run(tmp_path / "run", {"masdar_kill_498": [_event("a", location="Aleppo", admin1="Aleppo")],
                                       "APW_capture": [_event("b", country="Afghanistan", location="Kabul")]})
    report = evaluate(gold, out)
    assert report.metric("place").hits == 1 and report.metric("place").total == 2
    dest = to_input_jsonl(gold, tmp_path / "in.jsonl")
    assert [json.loads(line)["id"] for line in dest.read_text().splitlines()][-1] == "APW_capture#2"


def test_to_input_jsonl_formats(tmp_path: Path, fakes_gold: Path) -> None:
    lines = [json.loads(x) for x in to_input_jsonl(fakes_gold, tmp_path / "a.jsonl").read_text().splitlines()]
    assert lines[0] == {"id": "fakes-1914947530", "text": FAKES[0]["text"], "title": FAKES[0]["title"],
                        "source": "nna", "published_at": None}
    plover = tmp_path / "plover_gsr_cameo.json"
    plover.write_text(json.dumps(PLOVER), encoding="utf-8")
    first = json.loads(to_input_jsonl(plover, tmp_path / "p.jsonl").read_text().splitlines()[0])
    assert first["id"] == "PLOVER-GSR01-AGREE-0001" and first["published_at"] is None
    reference = write_jsonl(tmp_path / "reference_events.jsonl", [{"id": "x", "gold": {"events": []}}])
    with pytest.raises(ValueError):
        to_input_jsonl(reference, tmp_path / "r.jsonl")


@pytest.mark.parametrize("a, b", [("Idleb", "Idlib"), ("Dar'a", "Daraa"), ("Al-Hasakeh", "Al-Hasakah"),
                                  ("Rif Dimashq", "Rural Damascus"), ("Deir ez-Zor", "Deir Ezzor"),
                                  ("Deir-ez-Zor", "Deir ez-Zor"), ("Lattakia", "Latakia Governorate"),
                                  ("Tartous", "Tartus"), ("Ar-Raqqa", "Raqqa"), ("Aleppo Province", "aleppo"),
                                  ("Kiev", "Kyiv"), ("Ciudad Juárez", "Ciudad Juarez")])
def test_place_variants_compare_equal(a: str, b: str) -> None:
    assert same_place(a, b)


@pytest.mark.parametrize("a, b", [("Damascus", "Rural Damascus"), ("Homs", "Hama"), ("Aleppo", "Idlib"),
                                  ("Raqqa", "Daraa")])
def test_different_places_differ(a: str, b: str) -> None:
    assert not same_place(a, b)


def test_unlabelled_places_and_countries() -> None:
    assert place_key("unknown") is None and place_key("N/a") is None and place_key(None) is None
    assert country_iso3("USA") == country_iso3("United States of America") == "USA"
    assert country_iso3("Nigeia") == "NGA" and country_iso3("Burma") == "MMR"


def test_actor_matching() -> None:
    assert actors_match("Military Forces of Russia", "Military Forces of Russia (2000-)")
    assert actors_match("military forces of the united states", "Military Forces of the United States (2021-)")
    assert not actors_match("Military Forces of Russia", "Military Forces of Syria (2000-2024)")
    assert not actors_match("Government of Russia", "Military Forces of Russia (2000-)")
    assert not actors_match("Hezbollah", None)


def test_gold_dates_from_messy_parts() -> None:
    assert gold_date({"year": "2019.0", "month": "Ocober", "day": None}).month == 10
    assert gold_date({"year": "2020", "month": "02", "day": "4.0"}).full == date(2020, 2, 4)
    assert gold_date({"event_date": "2015-07"}).full is None
    assert gold_date({"year": "13.0"}) is None
    assert gold_date({"year": "2020", "month": "February", "day": "30"}).day is None


def test_targets_name_reported_metrics() -> None:
    reported = {name for name, *_ in FIELDS + PLOVER_SCORERS} | {
        "detection", "events_per_article", "reference_type_found", "actor_recall", "actor_precision",
        "sub_event_type_weighted_f1", "event_type_weighted_f1"}
    for name in gold_files():
        key = name.rsplit(".json", 1)[0]
        assert set(targets_for(key)) <= reported, key
    assert targets_for("hrdsattack.dev")["country"].value == 0.85
    assert targets_for("fakes_syria.dev")["events_per_article"].met(2.9)
    assert not targets_for("fakes_syria.dev")["events_per_article"].met(3.1)
    with pytest.raises(ValueError, match="bad target"):
        parse_target("at least 0.8")


def test_main_evaluate_prints_report(fakes_gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = write_run(tmp_path / "run", {"fakes-2": [_event("x", admin1="Homs", event_date=date(2017, 4, 7))]})
    assert evaluation_main(["score", str(fakes_gold), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| admin1 accuracy | 0.333 | 1 / 3 | 0.333 | >= 0.75 | NO |" in printed
    assert evaluation_main(["score", str(tmp_path / "missing.jsonl"), str(out)]) == 2


def test_the_scored_field_never_chooses_its_own_match(fakes_gold: Path, tmp_path: Path) -> None:
    # The article's confident event agrees with gold on date and type but not place; a second, unconfident
    # event agrees on type and place only. Honest matching scores the first for admin1 (a miss); the old
    # matching took the second because it agreed on admin1 itself.
    main = _event("m", event_date=date(2017, 4, 9), event_type="Explosions/Remote violence",
                  sub_event_type="Remote explosive/landmine/IED", admin1="Aleppo", confidence=0.8)
    stray = _event("s", event_date=date(2015, 1, 1), event_type="Explosions/Remote violence",
                   sub_event_type="Remote explosive/landmine/IED", country="Syria", admin1="Al-Hasakeh",
                   confidence=0.2)
    out = write_run(tmp_path / "run", {"fakes-3": [main, stray]})
    honest = evaluate(fakes_gold, out)
    optimistic = evaluate(fakes_gold, out, matching="optimistic")
    assert honest.metric("admin1").hits == 0 and optimistic.metric("admin1").hits == 1
    assert honest.metric("events_per_article").value == pytest.approx(2 / 3)
    assert "| admin1 accuracy | 0.333 | 0.000 |" in format_matching_comparison(optimistic, honest)


def test_rows_on_articles_that_report_no_event_are_counted_apart(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "written.jsonl", [
        {"id": "flood", "text": "Floods killed 150 in Mokwa.", "published_at": "2025-05-31", "gold": {"events": []}},
        {"id": "verdict", "text": "A court jailed a man.", "published_at": "2025-05-31", "gold": {"events": []}},
        {"id": "clash", "text": "Troops fought rebels.", "published_at": "2025-05-31",
         "gold": {"events": [{"event_type": "Battles", "country": "Somalia", "event_date": "2025-05-30"}]}}])
    out = write_run(tmp_path / "run", {"flood": [_event("f1"), _event("f2")], "clash": [_event("c1")]})
    figures = evaluate(gold, out).as_dict()
    assert figures["detection"] == 1.0  # of the article that reports an event
    assert figures["false_documents"] == pytest.approx(1 / 2)
    assert figures["events_per_no_event_document"] == pytest.approx(2 / 2)


def test_halves_are_fixed_and_partition_the_documents(fakes_gold: Path, tmp_path: Path) -> None:
    assert half_of("fakes-2") == half_of("fakes-2") and half_of("abc#2") == half_of("abc")
    out = write_run(tmp_path / "run", {})
    sizes = [evaluate(fakes_gold, out, half).n_docs for half in ("tune", "check")]
    assert sum(sizes) == 3
    lines = to_input_jsonl(fakes_gold, tmp_path / "check.jsonl", "check").read_text().splitlines()
    assert len(lines) == sizes[1] and all(half_of(json.loads(x)["id"]) == "check" for x in lines)


def test_actor_recall_and_precision_on_the_matched_event(tmp_path: Path) -> None:
    rows = [{"id": "n1", "text": "Regime forces shelled Kafranbel.", "published_at": "2019-05-02",
             "gold": {"events": [{"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
                                  "actor1": "Military Forces of Syria (2000-2024)", "actor2": "Civilians (Syria)",
                                  "assoc_actor_1": None}]}}]
    gold = write_jsonl(tmp_path / "acled_descriptions.dev.jsonl", rows)
    out = write_run(tmp_path / "run", {"n1": [_event("a", event_type="Explosions/Remote violence",
                                                     actor1="Military Forces of Syria (2000-2024)",
                                                     actor2="Unidentified Armed Group (Syria)",
                                                     assoc_actor_2="Civilians (Syria)")]})
    report = evaluate(gold, out)
    assert report.metric("actor_recall").value == 1.0                  # both gold actors are on the event
    assert report.metric("actor_precision").value == pytest.approx(2 / 3)  # the armed group is not in gold


def test_weighted_f1_matches_the_support_weighted_definition() -> None:
    # a: P=1, R=1/2 -> 2/3 (support 2); b: P=1/2, R=1 -> 2/3 (support 1); c: never predicted -> 0 (support 1)
    assert weighted_f1(["a", "a", "b", "c"], ["a", "b", "b", "none"]) == pytest.approx(0.5)
    assert weighted_f1(["a", "b"], ["a", "b"]) == 1.0


def test_descriptions_scored_as_classification_by_the_top_event(tmp_path: Path) -> None:
    types = ["Armed clash", "Peaceful protest", "Arrests"]
    rows = [{"id": f"d{i}", "text": f"text {i}", "published_at": "2023-05-14",
             "gold": {"events": [{"event_type": None, "sub_event_type": t}]}} for i, t in enumerate(types)]
    gold = write_jsonl(tmp_path / "acled_descriptions.dev.jsonl", rows)
    out = write_run(tmp_path / "run", {
        # two predictions: the more confident one is the document's answer (wrong here)
        "d0": [_event("a", sub_event_type="Armed clash", confidence=0.4),
               _event("b", sub_event_type="Attack", confidence=0.9)],
        "d1": [_event("c", sub_event_type="Peaceful protest", confidence=0.8)],
        # d2: nothing predicted -> class "none"
    })
    metric = evaluate(gold, out).metric("sub_event_type_weighted_f1")
    assert metric.total == 3
    assert metric.value == pytest.approx(weighted_f1(types, ["Attack", "Peaceful protest", "none"]))


def test_error_listing_names_each_miss_and_only_misses(fakes_gold: Path, tmp_path: Path) -> None:
    """`python -m evaluation errors`: the misses of one field with the gold and the honestly matched prediction."""
    from evaluation.errors import list_errors

    right = _event("e1", event_date=date(2017, 4, 5), country="Syria", admin1="Idlib", confidence=0.9)
    wrong = _event("e2", event_date=date(2017, 4, 7), country="Syria", admin1="Aleppo", confidence=0.5)
    out = write_run(tmp_path / "run", {"fakes-1914947530": [right], "fakes-2": [wrong]})
    text = list_errors(fakes_gold, out, "admin1", half=None)
    assert text.startswith("admin1: 2 missed of 3")
    assert "fakes-2: gold {'admin1': 'Homs'}" in text and "'admin1': 'Aleppo'" in text
    assert "fakes-3:" in text and "predicted None" in text      # no event at all is a miss too
    assert "fakes-1914947530:" not in text                       # Idlib == Idleb: not listed
    with pytest.raises(SystemExit, match="unknown field 'admin2'"):
        list_errors(fakes_gold, out, "admin2", half=None)


def test_ceiling_splits_misses_into_choice_extraction_and_detection(fakes_gold: Path, tmp_path: Path) -> None:
    """`python -m evaluation ceiling`: honest figure <= any published event; the rest is no event or not extracted."""
    from evaluation.ceiling import ceilings, format_ceilings

    # fakes-3: the confident event has the wrong admin1, the other the right one (a choice miss honest matching
    # cannot avoid); fakes-2: one event, wrong admin1 (not among published); fakes-1914947530: no event at all
    main = _event("m", event_date=date(2017, 4, 9), event_type="Explosions/Remote violence",
                  sub_event_type="Remote explosive/landmine/IED", admin1="Aleppo", confidence=0.8)
    stray = _event("s", event_date=date(2015, 1, 1), country="Syria", admin1="Al-Hasakeh", confidence=0.2)
    wrong = _event("w", event_date=date(2017, 4, 7), country="Syria", admin1="Aleppo", confidence=0.5)
    out = write_run(tmp_path / "run", {"fakes-3": [main, stray], "fakes-2": [wrong]})
    admin1 = next(c for c in ceilings(fakes_gold, out) if c.field == "admin1")
    assert (admin1.total, admin1.honest, admin1.any_published, admin1.no_event, admin1.not_published) == (3, 0, 1, 1, 1)
    assert evaluate(fakes_gold, out).metric("admin1").hits == admin1.honest
    table = format_ceilings(fakes_gold, out)
    assert "| admin1 | 0.000 | 0.333 | 0.333 | 0.333 | >= 0.75 (above the ceiling) |" in table
