"""`newsevents export`: ACLED's columns in ACLED's order (ours after), and JSON lines, from a real run."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyarrow.dataset as pads

from newsevents.export import acled_header
from schemas.acled import ACLED_COLUMNS
from schemas.tables import TABLES
from test_types import cli, sample_output  # noqa: F401 - the session's real run (fixture)


def _events(out: Path) -> list[dict]:
    return pads.dataset(out / "events", format="parquet", partitioning="hive").to_table().to_pylist()


def test_acled_csv_to_stdout(env: dict[str, str], sample_output: Path) -> None:  # noqa: F811
    r = cli(env, "export", str(sample_output), "--format", "acled-csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    header, body = rows[0], rows[1:]
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)  # stacks under an ACLED download
    assert header == acled_header()
    assert header[len(ACLED_COLUMNS):] == [f.name for f in TABLES["events"] if not f.acled]
    events = {e["event_id"]: e for e in _events(sample_output)}
    assert len(body) == len(events) > 0
    recs = [dict(zip(header, row)) for row in body]
    assert {r["event_id_cnty"] for r in recs} == set(events)
    assert [r["event_date"] for r in recs] == sorted(r["event_date"] for r in recs)
    for rec in recs:
        ev = events[rec["event_id_cnty"]]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["event_date"])
        assert rec["year"] == str(ev["year"]) == rec["event_date"][:4]
        assert rec["civilian_targeting"] in ("", "Civilian targeting")
        assert rec["fatalities"] == str(ev["fatalities"])
        if ev["latitude"] is not None:
            assert re.fullmatch(r"-?\d+\.\d{4}", rec["latitude"]) and re.fullmatch(r"-?\d+\.\d{4}", rec["longitude"])
        assert rec["iso"] == ("" if ev["iso"] is None else str(ev["iso"]))
        assert rec["timestamp"].isdigit()  # the run that added the event (changes/)
        assert rec["admin3"] == rec["source_scale"] == rec["tags"] == ""
        assert not {v for v in rec.values() if v in ("nan", "None", "NaN", "NaT")}
    intel = [r for r in recs if r["source"] == "intelNews"]  # the Baghdad article: coded in Iraq or Syria
    assert intel and all(r["iso"] == {"Iraq": "368", "Syria": "760"}[r["country"]] for r in intel)  # ACLED's codes


def test_acled_csv_to_file_is_the_same_as_stdout(env: dict[str, str], sample_output: Path,  # noqa: F811
                                                 tmp_path: Path) -> None:
    target = tmp_path / "acled.csv"
    r = cli(env, "export", str(sample_output), "--to", str(target))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and "events ->" in r.stderr
    stdout = cli(env, "export", str(sample_output)).stdout
    assert target.read_text(encoding="utf-8") == stdout


def test_jsonl(env: dict[str, str], sample_output: Path) -> None:  # noqa: F811
    r = cli(env, "export", str(sample_output), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    events = {e["event_id"]: e for e in _events(sample_output)}
    assert len(lines) == len(events)
    for rec in lines:
        assert list(rec) == [f.name for f in TABLES["events"]]
        ev = events[rec["event_id"]]
        assert rec["event_date"] == ev["event_date"].isoformat()
        assert rec["fatalities"] == ev["fatalities"] and isinstance(rec["time_precision"], int)
        assert rec["actor2"] == ev["actor2"]  # null stays null
        assert isinstance(rec["civilian_targeting"], bool)


def test_not_an_output_folder_is_a_one_line_error(env: dict[str, str], tmp_path: Path) -> None:
    r = cli(env, "export", str(tmp_path / "nothing"))
    assert r.returncode == 1 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("newsevents: error: no events/")
