"""Input files -> `Article` records, each with a status; nothing found is ever dropped without a row.

Accepted inputs (any mix of files and folders; folders are searched recursively, in sorted order so runs are
deterministic; hidden files and folders, named `.something`, are not inputs):
- `*.txt`: one article per file, with an optional sidecar `<stem>.json` (`title`, `source`, `published_at`, `url`);
- `*.html`, `*.htm`: one page per file (sidecar as for .txt), reduced to its article text, title and date;
- `*.jsonl`: one article per line (`text` required; `id`, `title`, `source`, `published_at`, `url` optional; other
  keys ignored, so a labelled file can be fed as it is); a `text` that is HTML is reduced like a page.
Every other file found, every link and every problem becomes a row with a status (see
`schemas.vocabularies.DOCUMENT_STATUS_MEANINGS`) and a reason: the documents table accounts for each input.
Decoding is in `transforms.decoding`, HTML in `transforms.html_text`, language detection in `transforms.language`.

Nothing read from an input is ever used as a file path or evaluated: ids, titles and sidecar values are data.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

from schemas.vocabularies import EXTRACTED_STATUSES
from transforms.dates import publication_date_from_text
from transforms.decoding import Decoded, decode_bytes, has_surrogates, replace_surrogates
from transforms.html_text import html_to_article, looks_like_html, strip_html  # noqa: F401 - re-exported
from transforms.language import not_english_reason

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
SIDECAR_SUFFIX = ".json"
UNKNOWN_SOURCE = "Unknown source"
MAX_SIDECAR_BYTES = 1_000_000
MAX_ID_CHARS = 1000
# A file may hold markup or another encoding around its text: it is read when it is at most this many times the
# character limit in bytes.
BYTES_PER_CHAR_LIMIT = 4


@dataclass(frozen=True)
class Article:
    """One input article (or one input that could not be read) after reading; `status` says which."""

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

    @property
    def extractable(self) -> bool:
        """Whether its text is parsed for events (ok, recoded, html_cleaned)."""
        return self.status in EXTRACTED_STATUSES


@dataclass(frozen=True)
class InputFile:
    """A file found in the inputs; `status`/`reason` are set when listing it already showed a problem."""

    path: Path
    input_id: str
    status: str | None = None
    reason: str | None = None


def doc_id_for(text: str) -> str:
    """Content-derived document id: the same text (up to whitespace and Unicode form) gives the same id."""
    canonical = " ".join(unicodedata.normalize("NFC", replace_surrogates(text)).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces, at most one blank line in a row: stable input for offsets and ids."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\x00", " ")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parse_date_value(value: object) -> date | None:
    """An ISO date or datetime (as given in a sidecar or JSONL field) -> date; anything else -> None."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    v = value.strip().replace("Z", "+00:00")
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            d = parse(v)
            return d.date() if isinstance(d, datetime) else d
        except ValueError:
            continue
    return None


def _str_or_none(value: object, limit: int = 10_000) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return replace_surrogates(value.strip()[:limit])


def _title_from_text(text: str) -> str | None:
    """The first line, when it reads as a headline (short, no final full stop, followed by more text)."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and 0 < len(first) <= 200 and not first.endswith((".", ":", ";")):
        return first
    return None


def _join(notes: Iterable[str | None]) -> str | None:
    return "; ".join(n for n in notes if n) or None


def make_article(input_id: str, path: str, text: str, meta: dict, max_chars: int = 2_000_000,
                 min_english: float = 0.05, *, notes: Sequence[str | None] = (), recoded: bool = False,
                 is_html: bool | None = None) -> Article:
    """Build an article from decoded text and metadata, and give it a status; never raises.

    `notes`: what reading already did (decoding, sidecar problems), kept in `reason`; `recoded`: the bytes were
    not UTF-8; `is_html`: the file is a page (None: decide from the text)."""
    notes = [n for n in notes if n]
    status = "recoded" if recoded else "ok"
    if has_surrogates(text):
        text = replace_surrogates(text)
        notes.append("invalid Unicode (lone surrogates) replaced by U+FFFD")
    meta = meta if isinstance(meta, dict) else {}
    title = _str_or_none(meta.get("title"), 1000)
    published = parse_date_value(meta.get("published_at"))
    url = _str_or_none(meta.get("url"), 4000)
    host = None
    if url:
        try:
            host = urlparse(url).hostname
        except ValueError:  # "http://[::1" and the like: a url string, not a place to go
            host = None
    source = _str_or_none(meta.get("source"), 1000) or host
    art = Article(input_id=input_id, path=path, text="", title=title, source=source, published_at=published,
                  published_at_origin="input" if published else "none", url=url)
    if len(text) > BYTES_PER_CHAR_LIMIT * max_chars:
        return replace(art, status="too_large", reason=_join(notes + [
            f"text of {len(text):,} characters is over {BYTES_PER_CHAR_LIMIT} x the limit of {max_chars:,} "
            "(NEWSEVENTS_MAX_CHARS)"]))
    if is_html or (is_html is None and looks_like_html(text)):
        page = html_to_article(text)
        text, status = page.text, "html_cleaned"
        notes.append(page.note)
        art = replace(art, title=art.title or page.title)
        if art.published_at is None and page.published is not None:
            art = replace(art, published_at=page.published, published_at_origin="input")
    text = normalise_text(text)
    if art.published_at is None and text:
        found = publication_date_from_text(text)
        if found is not None:
            art = replace(art, published_at=found, published_at_origin="text")
    art = replace(art, text=text, title=art.title or _title_from_text(text))
    if not text:
        return replace(art, status="empty", reason=_join(notes + ["no text"]))
    if len(text) > max_chars:
        return replace(art, text="", status="too_large", reason=_join(notes + [
            f"text of {len(text):,} characters is over the limit of {max_chars:,} (NEWSEVENTS_MAX_CHARS)"]))
    foreign = not_english_reason(text, min_english)
    if foreign:
        return replace(art, status="not_english", reason=_join(notes + [foreign]))
    return replace(art, status=status, reason=_join(notes))


# -- finding the inputs -----------------------------------------------------------------------------------------

def _name(p: Path | str) -> str:
    """A path as text that can be stored: bytes of a non-UTF-8 file name become U+FFFD."""
    return replace_surrogates(str(p))


def _relative_id(p: Path, root: Path) -> str:
    try:
        return _name(p.relative_to(root).as_posix())
    except ValueError:
        return _name(p.as_posix())


def _os_reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _classify(p: Path, root: Path, siblings: set[str] | None) -> InputFile | None:
    """What a file (or link, or special file) found at `p` is; None for a sidecar (read with its article).

    `siblings`: lower-cased names in the same folder when found by listing it (None for an input given by name)."""
    rid = _relative_id(p, root)
    try:
        if p.is_symlink():
            try:
                target = p.stat()
            except FileNotFoundError:
                return InputFile(p, rid, "broken_symlink", f"symbolic link to {_name(os.readlink(p))!r}, "
                                 "which does not exist")
            except OSError as err:
                if err.errno == errno.ELOOP:
                    return InputFile(p, rid, "broken_symlink", "symbolic link loop")
                return InputFile(p, rid, "unreadable", f"symbolic link cannot be followed: {_os_reason(err)}")
            if stat.S_ISDIR(target.st_mode):
                return InputFile(p, rid, "unsupported", "symbolic link to a folder (not followed)")
        else:
            target = p.stat()
    except OSError as err:
        return InputFile(p, rid, "unreadable", f"cannot be examined: {_os_reason(err)}")
    if not stat.S_ISREG(target.st_mode):
        return InputFile(p, rid, "unsupported", "not a regular file (a pipe, socket or device)")
    suffix = p.suffix.lower()
    if suffix in ARTICLE_SUFFIXES + JSONL_SUFFIXES:
        return InputFile(p, rid)
    if suffix == SIDECAR_SUFFIX and siblings is not None and any(
            f"{p.stem}{s}".lower() in siblings for s in ARTICLE_SUFFIXES):
        return None
    what = "a .json file with no article beside it (a sidecar goes with <stem>.txt or <stem>.html)" \
        if suffix == SIDECAR_SUFFIX else f"file type {suffix or '(none)'} is not read"
    return InputFile(p, rid, "unsupported", f"{what}; inputs are .txt, .html, .htm and .jsonl files")


def _walk(folder: Path, root: Path, out: list[InputFile]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        out.append(InputFile(folder, _relative_id(folder, root) + "/", "unreadable",
                             f"folder cannot be listed: {_os_reason(err)}"))
        return
    siblings = {e.name.lower() for e in entries}
    for e in entries:
        if e.name.startswith("."):
            continue
        p = Path(e.path)
        try:
            is_dir = e.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            _walk(p, root, out)
            continue
        found = _classify(p, root, siblings)
        if found is not None:
            out.append(found)


def discover(inputs: Sequence[Path]) -> list[InputFile]:
    """Every file found in the inputs (folders recursively, symlinked folders not followed), in sorted order.

    input_id paths are relative to the folder given (or, for a file given by name, to its folder)."""
    found: list[InputFile] = []
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            _walk(item, item, found)
        elif item.exists() or item.is_symlink():
            f = _classify(item, item.parent, None)
            if f is not None:
                found.append(f)
        else:
            raise FileNotFoundError(f"input not found: {item}")
    return found


# -- reading them -----------------------------------------------------------------------------------------------

def _problem(inp: InputFile, status: str, reason: str, input_id: str | None = None) -> Article:
    return Article(input_id=input_id or inp.input_id, path=_name(inp.path), text="", status=status, reason=reason)


def _sidecar(path: Path) -> tuple[dict, str | None]:
    """Metadata of `<stem>.json` beside an article; a broken sidecar is noted, never fatal."""
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}, None
    try:
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return {}, f"sidecar {_name(sidecar.name)} ignored: over {MAX_SIDECAR_BYTES:,} bytes"
        loaded = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        return {}, f"sidecar {_name(sidecar.name)} ignored: {type(err).__name__}: {str(err)[:200]}"
    if not isinstance(loaded, dict):
        return {}, f"sidecar {_name(sidecar.name)} ignored: not a JSON object"
    return loaded, None


def read_file(inp: InputFile, max_chars: int = 2_000_000, min_english: float = 0.05) -> Iterator[Article]:
    """Articles of one input file (one, or one per JSONL line); every problem becomes a status, never an error."""
    if inp.status:
        yield _problem(inp, inp.status, inp.reason or inp.status)
        return
    suffix = inp.path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(inp, max_chars, min_english)
        return
    limit = BYTES_PER_CHAR_LIMIT * max_chars
    try:
        size = inp.path.stat().st_size
        if size > limit:
            yield _problem(inp, "too_large", f"file of {size:,} bytes is over the limit of {limit:,} bytes "
                                             f"({BYTES_PER_CHAR_LIMIT} x NEWSEVENTS_MAX_CHARS); not read")
            return
        with open(inp.path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as err:
        yield _problem(inp, "unreadable", f"cannot be read: {_os_reason(err)}")
        return
    decoded = decode_bytes(raw)
    if decoded.text is None:
        yield _problem(inp, decoded.status or "undecodable", decoded.note or "not text")
        return
    meta, meta_note = _sidecar(inp.path)
    yield make_article(inp.input_id, _name(inp.path), decoded.text, meta, max_chars, min_english,
                       notes=[decoded.note, meta_note], recoded=decoded.status == "recoded",
                       is_html=True if suffix in HTML_SUFFIXES else None)


def _byte_lines(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) of each line; bytes None for a line longer than `limit` (skipped, not held)."""
    lineno = 0
    while True:
        line = f.readline(limit)
        if not line:
            return
        lineno += 1
        if len(line) >= limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                chunk = f.readline(limit)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield lineno, None, size
        else:
            yield lineno, line, len(line)


def _read_jsonl(inp: InputFile, max_chars: int, min_english: float) -> Iterator[Article]:
    limit = BYTES_PER_CHAR_LIMIT * max_chars
    try:
        f = open(inp.path, "rb")  # noqa: SIM115 - closed below, errors become a row
    except OSError as err:
        yield _problem(inp, "unreadable", f"cannot be read: {_os_reason(err)}")
        return
    with f:
        try:
            head = f.read(4096)
            f.seek(0)
            first = decode_bytes(head[: len(head) - len(head) % 4])
            if first.encoding.startswith(("utf-16", "utf-32")):
                # Lines of a UTF-16/32 file cannot be split on the byte b"\n": decode the whole file.
                size = os.fstat(f.fileno()).st_size
                if size > limit:
                    yield _problem(inp, "too_large", f"{first.encoding.upper()} JSONL file of {size:,} bytes is "
                                                     f"over the limit of {limit:,} bytes")
                    return
                whole = decode_bytes(f.read())
                if whole.text is None:
                    yield _problem(inp, whole.status or "undecodable", whole.note or "not text")
                    return
                lines = ((n, line, None) for n, line in enumerate(whole.text.split("\n"), start=1))
                yield from _jsonl_records(inp, lines, max_chars, min_english, whole.note)
                return
            if first.status == "binary":
                yield _problem(inp, "binary", first.note or "binary file")
                return
            yield from _jsonl_records(inp, _decoded_lines(_byte_lines(f, limit + 1)), max_chars, min_english,
                                      None)
        except OSError as err:
            yield _problem(inp, "unreadable", f"read failed: {_os_reason(err)}", f"{inp.input_id}:read-error")


def _decoded_lines(lines: Iterator[tuple[int, bytes | None, int]]) -> Iterator[tuple[int, str | Decoded | None,
                                                                                      int | None]]:
    for lineno, raw, size in lines:
        if raw is None:
            yield lineno, None, size
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode("utf-8"), None
        except UnicodeDecodeError:
            yield lineno, decode_bytes(raw.rstrip(b"\r\n")), None


def _jsonl_records(inp: InputFile, lines: Iterable[tuple[int, str | Decoded | None, int | None]], max_chars: int,
                   min_english: float, file_note: str | None) -> Iterator[Article]:
    """One article per line; blank lines at the very end (after the file's final newline) are not records."""
    pending_blank: list[Article] = []
    for lineno, line, size in lines:
        line_id = f"{inp.input_id}:{lineno}"
        if line is None:
            yield from pending_blank
            pending_blank = []
            yield _problem(inp, "too_large", f"line {lineno}: {size:,} bytes, over the limit of "
                                             f"{BYTES_PER_CHAR_LIMIT * max_chars:,} bytes; not read", line_id)
            continue
        note = file_note
        if isinstance(line, Decoded):
            if line.text is None:
                yield from pending_blank
                pending_blank = []
                yield _problem(inp, line.status or "undecodable", f"line {lineno}: {line.note}", line_id)
                continue
            line, note = line.text, line.note
        if not line.strip():
            pending_blank.append(_problem(inp, "empty", f"line {lineno}: blank line", line_id))
            continue
        yield from pending_blank
        pending_blank = []
        yield _jsonl_record(inp, lineno, line, note, max_chars, min_english)


def _jsonl_record(inp: InputFile, lineno: int, line: str, note: str | None, max_chars: int,
                  min_english: float) -> Article:
    line_id = f"{inp.input_id}:{lineno}"
    where = f"line {lineno}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as err:
        return _problem(inp, "malformed_json", f"{where}: invalid JSON ({err.msg} at column {err.colno})", line_id)
    except (ValueError, RecursionError) as err:
        return _problem(inp, "malformed_json", f"{where}: JSON not read ({type(err).__name__}: "
                                               f"{str(err)[:120]})", line_id)
    if not isinstance(rec, dict):
        return _problem(inp, "malformed_json", f"{where}: a JSON {type(rec).__name__}, not an object", line_id)
    raw_id = rec.get("id")
    notes = [note]
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, float)) or str(raw_id).strip() == "":
        input_id = line_id
        if raw_id not in (None, ""):
            notes.append(f"id ignored (a JSON {type(raw_id).__name__}, not a string or number)")
    else:
        input_id = replace_surrogates(str(raw_id).strip())[:MAX_ID_CHARS]
    body = rec.get("text")
    if body is None:
        return _problem(inp, "malformed_json", f"{where}: no \"text\" field", input_id)
    if not isinstance(body, str):
        return _problem(inp, "malformed_json", f"{where}: \"text\" is a JSON {type(body).__name__}, not a string",
                        input_id)
    art = make_article(input_id, _name(inp.path), body, rec, max_chars, min_english, notes=notes,
                       recoded=note is not None)
    return replace(art, reason=f"{where}: {art.reason}" if art.reason else None)


def read_inputs(inputs: Sequence[Path], max_chars: int = 2_000_000, min_english: float = 0.05) -> list[Article]:
    """All articles of all inputs, one per file or JSONL line, with duplicates marked."""
    articles = [a for f in discover(inputs) for a in read_file(f, max_chars, min_english)]
    return mark_duplicates(articles)


def mark_duplicates(articles: list[Article]) -> list[Article]:
    """The first article (in input order) with a given text stays as it is; later copies become `duplicate`.

    A repeated input_id cannot be two rows of documents/, so the later one becomes `duplicate_id` under
    `<id>#2` (`#3`...)."""
    first_by_doc: dict[str, str] = {}
    seen_ids: set[str] = set()
    out: list[Article] = []
    for a in articles:
        if a.input_id in seen_ids:
            n = 2
            while f"{a.input_id}#{n}" in seen_ids:
                n += 1
            new_id = f"{a.input_id}#{n}"
            seen_ids.add(new_id)
            out.append(replace(a, input_id=new_id, status="duplicate_id", text="", reason=_join(
                [f"input_id {a.input_id!r} given twice (this one from {a.path}); not extracted", a.reason])))
            continue
        seen_ids.add(a.input_id)
        if a.extractable:
            first = first_by_doc.setdefault(a.doc_id, a.input_id)
            if first != a.input_id:
                a = replace(a, status="duplicate", reason=_join([f"same text as {first}", a.reason]))
        out.append(a)
    return out
