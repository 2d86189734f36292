"""Input files -> `Article` records, each with a status; nothing read is ever dropped silently.

Accepted inputs (any mix of files and folders, folders searched recursively, in sorted order so runs are
deterministic):
- `*.txt`: one article per file, with an optional sidecar `<stem>.json` (`title`, `source`, `published_at`, `url`);
- `*.jsonl`: one article per line (`text` required; `id`, `title`, `source`, `published_at`, `url` optional; other
  keys ignored, so a labelled file can be fed as it is).
Every problem becomes a status on the article (`empty`, `rejected` with a reason), so the documents table accounts
for each input: undecodable bytes, HTML, other languages, broken JSON lines, oversized files.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

from transforms.dates import publication_date_from_text

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
UNKNOWN_SOURCE = "Unknown source"

# Stop words that make up a fifth or more of any English running text; a long text with almost none is not English.
_EN_STOPWORDS = frozenset(
    "the of and to in a is that for on was with as by at from it his he said are be has have were an its their "
    "which not this but they had been who will or after more than also would".split()
)


@dataclass(frozen=True)
class Article:
    """One input article after reading; `status` is ok unless something kept it from extraction."""

    input_id: str
    path: str
    text: str
    title: str | None = None
    source: str | None = None
    published_at: date | None = None
    published_at_origin: str = "none"  # input | text | none
    url: str | None = None
    status: str = "ok"
    reason: str | None = None

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.text) if self.text else doc_id_for(f"\x00{self.input_id}")


def doc_id_for(text: str) -> str:
    """Content-derived document id: the same text (up to whitespace and Unicode form) gives the same id."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252; return (text, note)."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "decoded as Windows-1252 (not valid UTF-8)"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "decoded as Latin-1 (not valid UTF-8)"


_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section|header|footer)\b[^>]*>", re.I)
_DROP = re.compile(r"<(script|style|noscript)\b.*?</\1>", re.I | re.S)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<p>" in head or "<div" in head or "<!doctype" in head


def strip_html(text: str) -> str:
    """Markup to plain text: scripts dropped, block tags become line breaks, entities unescaped."""
    text = _DROP.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    return html.unescape(_TAG.sub(" ", text))


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces, at most one blank line in a row: stable input for offsets and ids."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def english_ratio(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    return sum(w in _EN_STOPWORDS for w in words) / len(words) if words else 0.0


def parse_date_value(value: object) -> date | None:
    """An ISO date or datetime (as given in a sidecar or JSONL field) -> date; anything else -> None."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip().replace("Z", "+00:00")
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            d = parse(v)
            return d.date() if isinstance(d, datetime) else d
        except ValueError:
            continue
    return None


def _str_or_none(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _title_from_text(text: str) -> str | None:
    """The first line, when it reads as a headline (short, no final full stop, followed by more text)."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and 0 < len(first) <= 200 and not first.endswith((".", ":", ";")):
        return first
    return None


def make_article(input_id: str, path: str, text: str, meta: dict, max_chars: int, min_english: float) -> Article:
    """Build an article from decoded text and metadata, and give it a status."""
    note = None
    if looks_like_html(text):
        text, note = strip_html(text), "HTML markup removed"
    text = normalise_text(text)
    published = parse_date_value(meta.get("published_at"))
    origin = "input" if published else "none"
    if published is None and text:
        published = publication_date_from_text(text)
        origin = "text" if published else "none"
    url = _str_or_none(meta.get("url"))
    source = _str_or_none(meta.get("source")) or (urlparse(url).hostname if url else None)
    art = Article(input_id=input_id, path=path, text=text, title=_str_or_none(meta.get("title")) or
                  _title_from_text(text), source=source, published_at=published, published_at_origin=origin,
                  url=url, reason=note)
    if not text:
        return replace(art, status="empty", reason="no text")
    if len(text) > max_chars:
        return replace(art, status="rejected", reason=f"text of {len(text)} characters exceeds the limit of "
                                                       f"{max_chars}", text="")
    if len(text) > 200 and english_ratio(text) < min_english:
        return replace(art, status="rejected", reason="not English (too few English function words)")
    return art


def discover(inputs: Sequence[Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs for every readable input; root is what input_id paths are relative to."""
    found: list[tuple[Path, Path]] = []
    for item in inputs:
        if item.is_dir():
            for f in sorted(item.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    found.append((f, item))
        elif item.is_file():
            found.append((item, item.parent))
        else:
            raise FileNotFoundError(f"input not found: {item}")
    return found


def read_file(path: Path, root: Path, max_chars: int = 2_000_000, min_english: float = 0.05) -> Iterator[Article]:
    """Articles of one input file; errors become articles with status rejected."""
    rel = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, rel, max_chars, min_english)
        return
    if suffix not in TEXT_SUFFIXES:
        yield Article(input_id=rel, path=str(path), text="", status="rejected",
                      reason=f"unsupported file type {suffix or '(none)'}; expected .txt or .jsonl")
        return
    if path.stat().st_size > max_chars * 4:
        yield Article(input_id=rel, path=str(path), text="", status="rejected",
                      reason=f"file of {path.stat().st_size} bytes exceeds the limit")
        return
    text, note = decode_bytes(path.read_bytes())
    meta: dict = {}
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        try:
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
            meta = loaded if isinstance(loaded, dict) else {}
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            note = f"sidecar {sidecar.name} ignored: {err}"
    art = make_article(rel, str(path), text, meta, max_chars, min_english)
    if note and art.status == "ok":
        art = replace(art, reason="; ".join(r for r in (note, art.reason) if r))
    yield art


def _read_jsonl(path: Path, rel: str, max_chars: int, min_english: float) -> Iterator[Article]:
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            line_id = f"{rel}:{lineno}"
            if not raw.strip():
                continue
            text, _ = decode_bytes(raw)
            try:
                rec = json.loads(text)
            except json.JSONDecodeError as err:
                yield Article(input_id=line_id, path=str(path), text="", status="rejected",
                              reason=f"line {lineno}: invalid JSON ({err.msg})")
                continue
            if not isinstance(rec, dict):
                yield Article(input_id=line_id, path=str(path), text="", status="rejected",
                              reason=f"line {lineno}: not a JSON object")
                continue
            input_id = str(rec["id"]) if rec.get("id") not in (None, "") else line_id
            body = rec.get("text")
            if body is not None and not isinstance(body, str):
                yield Article(input_id=input_id, path=str(path), text="", status="rejected",
                              reason=f"line {lineno}: 'text' is not a string")
                continue
            yield make_article(input_id, str(path), body or "", rec, max_chars, min_english)


def read_inputs(inputs: Sequence[Path], max_chars: int = 2_000_000, min_english: float = 0.05) -> list[Article]:
    """All articles of all inputs, with duplicates marked (same text, or the same input_id twice)."""
    articles = [a for f, root in discover(inputs) for a in read_file(f, root, max_chars, min_english)]
    return mark_duplicates(articles)


def mark_duplicates(articles: list[Article]) -> list[Article]:
    """The first article (in input order) with a given text stays ok; later copies become `duplicate`.

    A repeated input_id cannot be two rows of documents/, so the later one is rejected with that reason.
    """
    first_by_doc: dict[str, str] = {}
    seen_ids: set[str] = set()
    out: list[Article] = []
    for a in articles:
        if a.input_id in seen_ids:
            out.append(replace(a, input_id=f"{a.input_id}#{len(out)}", status="rejected",
                               reason=f"input_id {a.input_id!r} given twice", text=""))
            continue
        seen_ids.add(a.input_id)
        if a.status == "ok":
            first = first_by_doc.setdefault(a.doc_id, a.input_id)
            if first != a.input_id:
                a = replace(a, status="duplicate", reason=f"same text as {first}")
        out.append(a)
    return out
