"""Writes tests/data/nasty/: a folder of awkward inputs, each with the status newsevents must give it.

Run from the repository root: `python tests/data/make_nasty.py` (deterministic; rerun after editing). It writes
the inputs and `tests/data/nasty_expected.json` (input_id -> expected status, and the reason's key words) beside
the folder, not in it, so the folder holds only inputs. Binary and oddly encoded files are made here rather
than by hand so what each one is stays readable.

Not in the folder, because git cannot hold them or CI runs as root: an unreadable file (chmod 000) and a file
name that is not UTF-8; tests/test_bad_input.py makes those in a temporary folder.
"""
from __future__ import annotations

import codecs
import json
import os
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
NASTY = HERE / "nasty"
EXPECTED = HERE / "nasty_expected.json"

TROOPS = ("Turkish troops deployed in Idlib\n\nTurkey deployed hundreds of troops and armoured vehicles to Idlib "
          "province in northwestern Syria on Tuesday, the Turkish defence ministry said.\n")
VILLAGERS = ("Villagers killed in Idlib\nPublished on June 30, 2016\n\nGunmen shot dead five villagers in Kafranbel "
             "in Idlib province on Monday, local activists said. The victims were farmers returning from their "
             "fields.\n")
SHELLING = ("Shelling in Aleppo\nDate: 14 November 2016\n\nAt least 19 people were killed overnight due to heavy "
            "shelling in the Syrian city of Aleppo, a monitoring group said on Monday.\n")
AIRSTRIKE = ("Airstrike hits market\nPublished on 12 March 2019\n\nSyrian government warplanes struck a market in "
             "Maarat al-Numan in Idlib province on Tuesday, killing seven civilians, rescue workers said.\n")
PROTEST = ("Protest in Beirut\nPublished on 19 October 2019\n\nThousands of protesters gathered in Beirut\u2019s "
           "Martyrs\u2019 Square on Saturday to demand the government\u2019s resignation, police said. Caf\u00e9 "
           "owners near the square closed early.\n")
CLASH = ("Clashes in Tripoli\nPublished on 5 April 2019\n\nForces loyal to Khalifa Haftar clashed with "
         "government troops south of Tripoli on Friday, the Libyan health ministry said.\n")
ARREST = ("Police arrested twelve protesters in Khartoum on Sunday after a march against the military council, "
          "witnesses said.")
TRAVERSAL = ("Rebels attacked an army checkpoint near Homs on Wednesday, killing four soldiers, the Syrian "
             "Observatory for Human Rights said.")
GERMAN = ("Die Regierungen von Russland und Syrien haben heute in Bagdad ein Abkommen \u00fcber den Austausch von "
          "Geheimdienstinformationen unterzeichnet, wie die Beh\u00f6rden mitteilten, nachdem die Gespr\u00e4che "
          "mehrere Wochen gedauert hatten.\n")
FRENCH = ("Les forces gouvernementales ont bombard\u00e9 la ville de Khan Cheikhoun dans la province d'Idleb "
          "vendredi, tuant trois civils, selon l'Observatoire syrien des droits de l'homme.")
ARABIC = ("\u0642\u0627\u0644\u062a \u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u062f\u0641\u0627\u0639 "
          "\u0627\u0644\u062a\u0631\u0643\u064a\u0629 \u0625\u0646 \u0627\u0644\u0642\u0648\u0627\u062a "
          "\u0627\u0646\u062a\u0634\u0631\u062a \u0641\u064a \u0625\u062f\u0644\u0628 \u064a\u0648\u0645 "
          "\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621 \u0628\u0639\u062f \u0627\u0634\u062a\u0628\u0627\u0643"
          "\u0627\u062a \u0639\u0646\u064a\u0641\u0629 \u0641\u064a \u0627\u0644\u0645\u0646\u0637\u0642\u0629.\n")
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Khan Shaykhun shelled | Example News</title>
<meta property="article:published_time" content="2019-05-10T08:00:00Z">
<script>var tracker = "do not read me";</script><style>body {color: red}</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Khan Shaykhun shelled</h1>
<p>Syrian government forces shelled the town of Khan Shaykhun in Idlib province on Friday, killing three
civilians, the Syrian Observatory for Human Rights said.</p>
<p>The bombardment came a day after rebels attacked army positions north of Hama, the monitor added.</p>
</article>
<footer>Copyright 2019 Example News. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
"""
HTML_FRAGMENT = ("<div class=\"story\"><p>Unidentified gunmen <b>kidnapped</b> two aid workers in Gao in northern "
                 "Mali on Thursday, the United Nations said.</p><p>No group has claimed the abduction.</p>"
                 "<p><a href=\"/more\">Read more</a></p></div>")


def one_line_english(n_bytes: int) -> str:
    """Plain English news prose on a single line, about `n_bytes` long (the sample's sentences, repeated)."""
    sample = sorted((HERE.parent.parent / "data" / "sample").glob("*.txt"))
    words = " ".join(p.read_text(encoding="utf-8") for p in sample).split()
    text = " ".join(words)
    return (text + " ") * (n_bytes // (len(text) + 1)) + text[: n_bytes % (len(text) + 1)]


def build() -> dict[str, dict]:
    if NASTY.exists():
        shutil.rmtree(NASTY)
    NASTY.mkdir(parents=True)
    expected: dict[str, dict] = {}
    rng = random.Random(11)

    def put(name: str, data: bytes | str, status: str, reason: str | None = None, events: bool = False) -> None:
        path = NASTY / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = {"status": status, "reason": reason, "events": events}

    # Good articles in every encoding and form: each must yield events.
    put("good/utf8.txt", TROOPS, "ok", events=True)
    (NASTY / "good" / "utf8.json").write_text(json.dumps({"source": "Test Wire", "published_at": "2020-02-12"}))
    put("good/utf8_bom.txt", codecs.BOM_UTF8 + VILLAGERS.encode("utf-8"), "ok", events=True)
    put("good/utf16le_bom.txt", codecs.BOM_UTF16_LE + SHELLING.encode("utf-16-le"), "recoded", "UTF-16LE",
        events=True)
    put("good/utf16be_no_bom.txt", AIRSTRIKE.encode("utf-16-be"), "recoded", "UTF-16-BE (detected", events=True)
    put("good/windows1252.txt", PROTEST.encode("cp1252"), "recoded", "Windows-1252", events=True)
    put("good/page.html", PAGE, "html_cleaned", "trafilatura", events=True)
    put("good/crlf_and_nbsp.txt", CLASH.replace("\n", "\r\n").replace(" south", "\u00a0south"), "ok",
        events=True)

    # The same text twice: the second input is a duplicate that lends its outlet.
    put("same/copy_of_utf8.txt", "\n" + TROOPS.replace(" ", "  "), "duplicate", "same text as good/utf8.txt")

    # Files with no usable text.
    put("bad/empty.txt", b"", "empty", "no text")
    put("bad/whitespace_only.txt", " \n\t\r\n   \n", "empty", "no text")
    put("bad/markup_only.html", "<html><head><title></title></head><body><div> </div></body></html>", "empty")
    put("bad/german.txt", GERMAN, "not_english", "'de'")
    put("bad/arabic.txt", ARABIC, "not_english", "'ar'")
    put("bad/numbers_only.txt", "\n".join(f"{i},{i * 7 % 13},{i * 31 % 97}" for i in range(400)), "not_english",
        "no language")
    put("bad/png_named_txt.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600)),
        "binary", "PNG")
    put("bad/nul_bytes.txt", bytes(rng.randrange(256) for _ in range(3000)), "binary", "NUL")
    put("bad/pdf_named_txt.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "binary",
        "PDF")
    put("bad/utf16_bom_broken.txt", codecs.BOM_UTF16_LE + "Aleppo".encode("utf-16-le") + b"\x00\xd8A\x00",
        "undecodable", "byte-order mark")
    put("bad/not_text_at_all.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "unsupported", ".gif")
    put("bad/readme.md", "# notes\nThese files are test inputs.\n", "unsupported", ".md")
    put("bad/orphan.json", json.dumps({"title": "a sidecar with no article"}), "unsupported", "sidecar")
    put("bad/too_large_one_line.txt", one_line_english(2_100_000), "too_large", "NEWSEVENTS_MAX_CHARS")
    # A long English article on one line (740 KB) is English: detection looks at a sample of it. It is within the
    # default limit; the end-to-end test lowers NEWSEVENTS_MAX_CHARS so it is not parsed (see expected_with_limit).
    put("long/english_740kb_one_line.txt", one_line_english(740_000), "ok")

    # Links: a good one (its text is a duplicate), a dangling one, a loop, and a link to a folder.
    links = {"links/to_good.txt": ("../good/utf8.txt", "duplicate", "same text as good/utf8.txt"),
             "links/dangling.txt": ("../nowhere/missing.txt", "broken_symlink", "does not exist"),
             "links/loop.txt": ("loop.txt", "broken_symlink", "loop"),
             "links/folder": ("../good", "unsupported", "folder")}
    (NASTY / "links").mkdir()
    for name, (target, status, reason) in links.items():
        os.symlink(target, NASTY / name)
        expected[name] = {"status": status, "reason": reason, "events": False}

    # A JSONL file with every kind of line (its folder sorts after good/, so the originals come first).
    lines: list[tuple[bytes, str | None, str, str | None, bool]] = [  # bytes, input_id, status, reason, events
        (json.dumps({"id": "j-good", "text": ARREST, "source": "Sudan Wire", "published_at": "2019-01-20"}).encode(),
         "j-good", "ok", None, True),
        (b'{"id": "j-broken", "text": "Police said', "lines/articles.jsonl:2", "malformed_json",
         "line 2: invalid JSON", False),
        (b"", "lines/articles.jsonl:3", "empty", "line 3: blank line", False),
        (json.dumps({"id": "j-html", "text": HTML_FRAGMENT, "published_at": "2020-01-09"}).encode(), "j-html",
         "html_cleaned", "line 4:", True),
        (json.dumps({"id": "j-french", "text": FRENCH}).encode(), "j-french", "not_english", "'fr'", False),
        (json.dumps({"id": "../../etc/x", "text": TRAVERSAL, "title": "../../../../tmp/evil",
                     "source": "/etc/passwd", "url": "file:///etc/shadow", "published_at": "2018-03-07"}).encode(),
         "../../etc/x", "ok", None, True),
        (json.dumps(["a", "list"]).encode(), "lines/articles.jsonl:7", "malformed_json", "not an object", False),
        (json.dumps({"id": "j-no-text", "title": "no text here"}).encode(), "j-no-text", "malformed_json",
         "no \"text\" field", False),
        (json.dumps({"id": "j-good", "text": "A different text under an id already used."}).encode(), "j-good#2",
         "duplicate_id", "given twice", False),
        (json.dumps({"id": "j-copy", "text": TROOPS}).encode(), "j-copy", "duplicate", "same text as", False),
        (json.dumps({"id": "j-blank-text", "text": "  \n "}).encode(), "j-blank-text", "empty", "no text", False),
        (json.dumps({"id": "j-number-text", "text": 42}).encode(), "j-number-text", "malformed_json",
         "not a string", False),
        (json.dumps({"id": "j-surrogate", "text": CLASH.replace("Friday", "Friday \ud800")}).encode(), "j-surrogate",
         "ok", "surrogates", True),
        (json.dumps({"id": "j-cp1252", "text": PROTEST.replace("Beirut", "Tyre")}, ensure_ascii=False)
         .encode("cp1252"), "j-cp1252", "recoded", "Windows-1252", True),
        (b"[[[[[[[[[[" * 20000, "lines/articles.jsonl:15", "malformed_json", "line 15", False),
        (json.dumps({"id": {"nested": "id"}, "text": ARREST.replace("twelve", "ten")}).encode(),
         "lines/articles.jsonl:16", "ok", "id ignored", True),
        (b'{"id": "j-truncated", "text": "The arm', "lines/articles.jsonl:17", "malformed_json", "line 17", False),
    ]
    (NASTY / "lines").mkdir()
    (NASTY / "lines" / "articles.jsonl").write_bytes(b"\n".join(b for b, *_ in lines))  # the last line has no newline
    for _, input_id, status, reason, events in lines:
        expected[input_id] = {"status": status, "reason": reason, "events": events}
    # A JSONL file in UTF-16 with a byte-order mark: lines cannot be split on the byte 0x0A.
    put("lines/utf16.jsonl", codecs.BOM_UTF16_LE + (json.dumps({"id": "u16", "text": VILLAGERS.replace("five", "six")})
                                              + "\n").encode("utf-16-le"), "recoded", "UTF-16LE", events=True)
    expected["u16"] = expected.pop("lines/utf16.jsonl")
    EXPECTED.write_text(json.dumps(expected, indent=1, sort_keys=True, ensure_ascii=True) + "\n", encoding="utf-8")
    return expected


if __name__ == "__main__":
    exp = build()
    print(f"wrote {len(exp)} inputs to {NASTY} and their expected statuses to {EXPECTED}")
