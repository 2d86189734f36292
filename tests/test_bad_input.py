"""Bad input, without the CLI: the nasty-inputs folder read by ingest, and each awkward case on its own —
encodings, HTML, languages, sizes, JSONL lines, folders with thousands of files, links, unreadable files."""
from __future__ import annotations

import codecs
import json
import os
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import transforms.ingest as ingest
from schemas.tables import build_table
from schemas.vocabularies import DOCUMENT_STATUSES
from transforms.decoding import decode_bytes
from transforms.html_text import html_to_article, looks_like_html
from transforms.incremental import document_row, plan_run
from transforms.ingest import make_article, read_inputs
from transforms.language import guess_language, sample

ROOT = Path(__file__).resolve().parent.parent
NASTY = ROOT / "tests" / "data" / "nasty"
EXPECTED = json.loads((ROOT / "tests" / "data" / "nasty_expected.json").read_text(encoding="utf-8"))
ENGLISH = ("Turkey deployed hundreds of troops and armoured vehicles to Idlib province in northwestern Syria on "
           "Tuesday, the Turkish defence ministry said. ")


@pytest.fixture(scope="module")
def nasty() -> dict[str, ingest.Article]:
    return {a.input_id: a for a in read_inputs([NASTY])}


def test_nasty_folder_every_input_has_its_expected_status(nasty: dict[str, ingest.Article]) -> None:
    assert sorted(nasty) == sorted(EXPECTED)
    for input_id, e in EXPECTED.items():
        a = nasty[input_id]
        assert a.status == e["status"], (input_id, a.status, a.reason)
        assert not e["reason"] or e["reason"] in (a.reason or ""), (input_id, a.reason)
        assert a.status in DOCUMENT_STATUSES


def test_nasty_folder_is_what_its_script_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed folder is reproducible: the script, run again, writes the same bytes and links."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_nasty", ROOT / "tests" / "data" / "make_nasty.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "NASTY", tmp_path / "nasty")
    monkeypatch.setattr(mod, "EXPECTED", tmp_path / "expected.json")
    assert mod.build() == EXPECTED

    def listing(folder: Path) -> dict[str, bytes | str]:
        out: dict[str, bytes | str] = {}
        for dirpath, dirnames, filenames in os.walk(folder):
            for name in dirnames + filenames:
                p = Path(dirpath) / name
                rel = p.relative_to(folder).as_posix()
                out[rel] = f"-> {os.readlink(p)}" if p.is_symlink() else (b"" if p.is_dir() else p.read_bytes())
        return out

    assert listing(tmp_path / "nasty") == listing(NASTY)


def test_every_status_row_can_be_written(nasty: dict[str, ingest.Article]) -> None:
    table = build_table("documents", [document_row(a, "r") for a in nasty.values()])
    pq.write_table(table, Path(os.devnull))


# -- encodings ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "status", "note"), [
    (ENGLISH.encode("utf-8"), None, None),
    (codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), None, None),
    (codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), "recoded", "UTF-16LE (byte-order mark)"),
    (codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), "recoded", "UTF-16BE (byte-order mark)"),
    (ENGLISH.encode("utf-16-le"), "recoded", "UTF-16-LE (detected"),
    (codecs.BOM_UTF32_LE + ENGLISH.encode("utf-32-le"), "recoded", "UTF-32LE"),
    ("Caf\u00e9 \u201cquoted\u201d \u2013 ".encode("cp1252") + ENGLISH.encode(), "recoded", "Windows-1252"),
    (b"%PDF-1.7 ...", "binary", "PDF"),
    (b"\x00\x01\x02\x03" * 50, "binary", "NUL"),
    (b"\x01\x02\x03\x04" * 50, "binary", "control bytes"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable", "byte-order mark"),
])
def test_decoding(raw: bytes, status: str | None, note: str | None) -> None:
    d = decode_bytes(raw)
    assert d.status == status
    assert (note or "") in (d.note or "")
    if status in (None, "recoded"):
        assert "Turkey deployed" in d.text or "Caf\u00e9" in d.text
        assert not d.text.startswith("\ufeff")


def test_windows1252_keeps_its_characters() -> None:
    d = decode_bytes("Caf\u00e9 owners\u2019 \u20ac5 \u201cfee\u201d".encode("cp1252"))
    assert d.text == "Caf\u00e9 owners\u2019 \u20ac5 \u201cfee\u201d"


def test_cyrillic_code_page_is_detected_then_not_english() -> None:
    russian = ("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u0430 \u0420\u043e\u0441"
               "\u0441\u0438\u0438 \u0438 \u0421\u0438\u0440\u0438\u0438 \u043f\u043e\u0434\u043f\u0438\u0441\u0430"
               "\u043b\u0438 \u0441\u043e\u0433\u043b\u0430\u0448\u0435\u043d\u0438\u0435 \u0432 \u0411\u0430\u0433"
               "\u0434\u0430\u0434\u0435. ") * 4
    d = decode_bytes(russian.encode("cp1251"))
    assert d.status == "recoded" and d.text == russian
    a = make_article("r", "r.txt", d.text, {}, recoded=True, notes=[d.note])
    assert a.status == "not_english" and "'ru'" in a.reason


def test_utf16_text_file_is_not_garbage(tmp_path: Path) -> None:
    """The issue's case: a UTF-16 file was read as Windows-1252 ("\u00ff\u00feR u s s i a")."""
    (tmp_path / "u.txt").write_bytes(codecs.BOM_UTF16_LE + ("Russia and Iraq sign a deal\n\n" + ENGLISH)
                                     .encode("utf-16-le"))
    [a] = read_inputs([tmp_path])
    assert (a.status, a.title) == ("recoded", "Russia and Iraq sign a deal")


# -- HTML -----------------------------------------------------------------------------------------------------------

def test_html_page_is_reduced_to_article_text_title_and_date() -> None:
    page = (NASTY / "good" / "page.html").read_text(encoding="utf-8")
    art = html_to_article(page)
    assert art.title == "Khan Shaykhun shelled" and art.published == date(2019, 5, 10)
    assert "Syrian government forces shelled" in art.text
    for boilerplate in ("cookies", "Copyright", "Home", "tracker", "color: red"):
        assert boilerplate not in art.text


def test_jsonl_text_that_is_html_is_cleaned(tmp_path: Path) -> None:
    line = {"id": "h", "text": "<p>Rebels <b>attacked</b> an army post near Homs on Friday.</p><p>" + ENGLISH + "</p>"}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    [a] = read_inputs([tmp_path])
    assert a.status == "html_cleaned" and a.text.startswith("Rebels attacked an army post") and "<" not in a.text


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    assert not looks_like_html("Prices rose <5% while wages rose > 3% in the year to March. " * 3)
    assert looks_like_html("<!DOCTYPE html><title>x</title>")


# -- language and size ------------------------------------------------------------------------------------------------

def test_long_english_text_on_one_line_is_english(nasty: dict[str, ingest.Article]) -> None:
    """The issue's case: a 740 KB English article on one line was called not English."""
    a = nasty["long/english_740kb_one_line.txt"]
    assert a.status == "ok" and len(a.text) > 700_000 and "\n" not in a.text
    assert len(sample(a.text)) < 10_000
    assert guess_language(a.text).language == "en"


def test_size_limit_is_a_setting_and_its_own_status(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(ENGLISH * 20, encoding="utf-8")  # about 2,400 characters
    [a] = read_inputs([tmp_path], max_chars=1000)
    assert a.status == "too_large" and "limit of 1,000" in a.reason and "NEWSEVENTS_MAX_CHARS" in a.reason
    [a] = read_inputs([tmp_path], max_chars=5000)
    assert a.status == "ok"
    (tmp_path / "big.txt").write_text(ENGLISH * 50, encoding="utf-8")  # over 4 x the limit in bytes: not read
    [a] = read_inputs([tmp_path], max_chars=1000)
    assert a.status == "too_large" and "not read" in a.reason


@pytest.mark.parametrize(("text", "status"), [
    (ENGLISH, "ok"),
    ("On 5 March 2020, Military Forces of Syria shelled Kafr Nabl (Maarat an Numan, Idleb), killing 2 civilians.",
     "ok"),
    ("Les forces gouvernementales ont bombard\u00e9 la ville de Khan Cheikhoun vendredi, tuant trois civils.",
     "not_english"),
    ("Las fuerzas del gobierno bombardearon la ciudad el viernes y mataron a tres civiles, dijo el observatorio.",
     "not_english"),
    ("Idlib", "ok"),  # too short to tell: taken as English
])
def test_language_detection(text: str, status: str) -> None:
    assert make_article("x", "x.txt", text, {}).status == status


# -- JSONL --------------------------------------------------------------------------------------------------------------

def test_jsonl_lines_each_get_a_row_with_their_line_number(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ENGLISH}), "", "{broken", json.dumps({"text": ENGLISH + "x" * 5000}),
             json.dumps({"id": 7, "text": ENGLISH + " Again."}), '{"text": "truncated']
    (tmp_path / "f.jsonl").write_text("\n".join(lines), encoding="utf-8")
    arts = read_inputs([tmp_path], max_chars=1000)
    assert [(a.input_id, a.status) for a in arts] == [
        ("f.jsonl:1", "ok"), ("f.jsonl:2", "empty"), ("f.jsonl:3", "malformed_json"), ("f.jsonl:4", "too_large"),
        ("7", "ok"), ("f.jsonl:6", "malformed_json")]
    assert arts[2].reason.startswith("line 3: invalid JSON")
    assert arts[3].reason.startswith("line 4: ")
    assert arts[5].reason.startswith("line 6: invalid JSON")


def test_a_jsonl_line_too_long_to_hold_is_skipped_and_the_next_one_read(tmp_path: Path) -> None:
    (tmp_path / "f.jsonl").write_bytes(b'{"text": "' + b"a" * 50_000 + b'"}\n' + json.dumps({"text": ENGLISH})
                                       .encode() + b"\n")
    first, second = read_inputs([tmp_path], max_chars=1000)
    assert first.status == "too_large" and "line 1: 50,013 bytes" in first.reason
    assert second.status == "ok"


def test_trailing_newlines_are_not_lines_but_blank_lines_inside_are(tmp_path: Path) -> None:
    (tmp_path / "f.jsonl").write_text(json.dumps({"text": ENGLISH}) + "\n\n" + json.dumps({"text": ENGLISH + "!"})
                                      + "\n\n\n", encoding="utf-8")
    assert [a.status for a in read_inputs([tmp_path])] == ["ok", "empty", "ok"]


def test_repeated_id_gets_its_own_row(tmp_path: Path) -> None:
    (tmp_path / "f.jsonl").write_text("\n".join(json.dumps({"id": "a", "text": t})
                                                for t in (ENGLISH, "other", "third")), encoding="utf-8")
    assert [(a.input_id, a.status) for a in read_inputs([tmp_path])] == [
        ("a", "ok"), ("a#2", "duplicate_id"), ("a#3", "duplicate_id")]


# -- folders, links, unreadable files -------------------------------------------------------------------------------------

def test_a_folder_with_thousands_of_files(tmp_path: Path) -> None:
    n = 2500
    for i in range(n):
        d = tmp_path / f"d{i % 25:02d}"
        d.mkdir(exist_ok=True)
        (d / f"a{i:05d}.txt").write_text(f"Report {i}: " + ENGLISH, encoding="utf-8")
    os.symlink(tmp_path / "d00" / "a00000.txt", tmp_path / "d01" / "link.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "d02" / "dangling.txt")
    arts = read_inputs([tmp_path])
    statuses: dict[str, int] = {}
    for a in arts:
        statuses[a.status] = statuses.get(a.status, 0) + 1
    assert statuses == {"ok": n, "duplicate": 1, "broken_symlink": 1}
    assert [a.input_id for a in arts][:2] == ["d00/a00000.txt", "d00/a00025.txt"]  # sorted, deterministic


def test_unreadable_file_and_folder_get_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission errors are simulated (CI runs as root, which reads anything); see also the chmod test below."""
    (tmp_path / "secret.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(ENGLISH + " Fine.", encoding="utf-8")
    real_open, real_scandir = open, os.scandir

    def fake_open(path, *args, **kwargs):  # noqa: ANN001, ANN202
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def fake_scandir(path):  # noqa: ANN001, ANN202
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest, "open", fake_open, raising=False)
    monkeypatch.setattr(ingest.os, "scandir", fake_scandir)
    arts = {a.input_id: a for a in read_inputs([tmp_path])}
    assert (arts["secret.txt"].status, arts["secret.txt"].reason) == ("unreadable", "cannot be read: Permission denied")
    assert arts["locked/"].status == "unreadable" and "cannot be listed" in arts["locked/"].reason
    assert arts["fine.txt"].status == "ok"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode (simulated in the test above)")
def test_chmod_000_file_is_unreadable(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(ENGLISH, encoding="utf-8")
    p.chmod(0)
    try:
        [a] = read_inputs([tmp_path])
    finally:
        p.chmod(0o644)
    assert a.status == "unreadable"


def test_special_files_and_odd_names(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    bad_name = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")  # a file name that is not UTF-8
    with open(bad_name, "wb") as f:
        f.write(ENGLISH.encode())
    (tmp_path / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    arts = {a.input_id: a for a in read_inputs([tmp_path])}
    assert set(arts) == {"pipe.txt", "caf\ufffd.txt"}
    assert arts["pipe.txt"].status == "unsupported"
    assert arts["caf\ufffd.txt"].status == "ok"
    pq.write_table(build_table("documents", [document_row(a, "r") for a in arts.values()]), Path(os.devnull))


def test_broken_sidecar_is_noted_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    [a] = read_inputs([tmp_path])
    assert a.status == "ok" and "sidecar a.json ignored" in a.reason


def test_recoded_and_html_articles_are_extracted_by_the_plan(tmp_path: Path) -> None:
    arts = [make_article("a", "a.txt", ENGLISH, {}, recoded=True, notes=["decoded as Windows-1252"]),
            make_article("b", "b.html", "<p>" + ENGLISH + " More.</p>", {}, is_html=True),
            make_article("c", "c.txt", "", {})]
    assert [a.status for a in arts] == ["recoded", "html_cleaned", "empty"]
    plan = plan_run(arts, [], [], "run")
    assert [a.input_id for a in plan.to_extract] == ["a", "b"]
