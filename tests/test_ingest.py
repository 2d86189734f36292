"""Reading inputs: every input is accounted for with a status, ids derive from content."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from transforms.ingest import doc_id_for, read_inputs

AGREEMENT = ("The governments of Russia, Syria and Iran have entered a formal intelligence-sharing agreement "
             "with Iraq, in an effort to defeat the Islamic State, it has been announced.")


def test_txt_with_sidecar_and_relative_input_id(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Headline here\n\n" + AGREEMENT, encoding="utf-8")
    (tmp_path / "a" / "x.json").write_text(json.dumps({"source": "intelNews", "published_at": "2015-09-30"}))
    [art] = read_inputs([tmp_path])
    assert art.input_id == "a/x.txt"
    assert (art.source, art.published_at, art.published_at_origin) == ("intelNews", date(2015, 9, 30), "input")
    assert art.title == "Headline here"
    assert art.status == "ok"


def test_date_from_text_when_no_sidecar(tmp_path: Path) -> None:
    (tmp_path / "y.txt").write_text(AGREEMENT + "\n► Author: Joseph Fitsanakis | Date: 30 September 2015 | "
                                    "Permalink", encoding="utf-8")
    [art] = read_inputs([tmp_path / "y.txt"])
    assert (art.published_at, art.published_at_origin) == (date(2015, 9, 30), "text")


def test_jsonl_bad_lines_become_statuses(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "k1", "text": AGREEMENT, "gold": {"events": []}}), "{not json",
             json.dumps({"id": "k2", "text": ""}), json.dumps(["a list"]),
             json.dumps({"id": "k3", "text": "Die Regierungen von Russland und Syrien haben heute in Bagdad ein "
                         "Abkommen über den Austausch von Geheimdienstinformationen unterzeichnet, wie die "
                         "Behörden mitteilten, nachdem die Gespräche mehrere Wochen gedauert hatten."})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts = {a.input_id: a for a in read_inputs([tmp_path / "in.jsonl"])}
    assert arts["k1"].status == "ok"
    assert arts["in.jsonl:2"].status == "malformed_json"
    assert arts["in.jsonl:2"].reason.startswith("line 2: invalid JSON")
    assert arts["k2"].status == "empty"
    assert (arts["in.jsonl:4"].status, arts["in.jsonl:4"].reason) == ("malformed_json",
                                                                      "line 4: a JSON list, not an object")
    assert arts["k3"].status == "not_english" and "'de'" in arts["k3"].reason


def test_same_text_twice_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "two.txt").write_text("  " + AGREEMENT.replace(" ", "  ") + "\n", encoding="utf-8")
    one, two = read_inputs([tmp_path])
    assert one.doc_id == two.doc_id == doc_id_for(AGREEMENT)
    assert (one.status, two.status) == ("ok", "duplicate")
    assert two.reason == "same text as one.txt"


def test_cp1252_and_html_are_cleaned_with_a_note(tmp_path: Path) -> None:
    body = "<html><body><p>Caf\u00e9 owners said " + AGREEMENT + "</p><script>x()</script></body></html>"
    (tmp_path / "w.txt").write_bytes(body.encode("cp1252"))
    [art] = read_inputs([tmp_path])
    assert art.text.startswith("Caf\u00e9 owners said The governments")
    assert "x()" not in art.text and "<p>" not in art.text
    assert art.status == "html_cleaned"
    assert "Windows-1252" in art.reason and "HTML" in art.reason


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(FileNotFoundError, match="input not found"):
        read_inputs([tmp_path / "nope"])
