"""Bytes of an input -> text, or the reason there is no text: the encoding step of ingest.

Order of decisions (first that applies wins):
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) names the encoding; bytes not valid in it are
   `undecodable` (the file says one thing and is another);
2. a known binary signature (PDF, PNG, JPEG, GIF, ZIP/Office, gzip, xz, bzip2, 7z, ELF, SQLite, Parquet...) is `binary`;
3. NUL bytes: UTF-16 without a byte-order mark when they sit in every other byte (ASCII text in UTF-16), else
   `binary`;
4. many control bytes is `binary`;
5. valid UTF-8 is taken as it is;
6. otherwise a legacy 8-bit encoding: Windows-1252 when it gives Latin text, else what charset-normalizer
   detects (Cyrillic, Greek... code pages), else Latin-1; the text is then `recoded`, with the encoding named.
   Text still full of control characters after that is `undecodable`.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Signatures of common binary formats; text never starts with these bytes.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"BZh91AY&SY", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (old Office) document"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)
# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | set(range(0x0E, 0x20)) | {0x7F})
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SNIFF = 65536  # bytes looked at for NUL and control-byte shares


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding: `text` is None when `status` says there is no usable text."""

    text: str | None
    status: str | None = None  # None (plain UTF-8), "recoded", "binary", "undecodable"
    note: str | None = None
    encoding: str = "utf-8"


def replace_surrogates(text: str) -> str:
    """Lone UTF-16 surrogates (from a JSON escape like "\\ud800", or an undecodable file name) -> U+FFFD, so
    every string can be written as UTF-8."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def has_surrogates(text: str) -> bool:
    return _SURROGATES.search(text) is not None


def binary_signature(raw: bytes) -> str | None:
    for sig, name in _SIGNATURES:
        if raw.startswith(sig):
            return name
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes sit in every other byte, as in mostly-ASCII UTF-16 text."""
    head = raw[:_SNIFF]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:_SNIFF]
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) if sample else 0.0


def _latin_share(text: str) -> float:
    """Among letters, the share that are ASCII: high for English (and most Western European) text."""
    letters = [c for c in text[:_SNIFF] if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 1.0


def _legacy(raw: bytes) -> Decoded:
    """Not UTF-8: Windows-1252 when it reads as Latin text, else charset-normalizer's guess, else Latin-1."""
    try:
        text = raw.decode("cp1252")
        if _latin_share(text) >= 0.7 and _control_share(text) < 0.01:
            return Decoded(text, "recoded", "decoded as Windows-1252 (not valid UTF-8)", "cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: only legacy files need it

    best = from_bytes(raw[: 4 * _SNIFF]).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        try:
            text = raw.decode(best.encoding)
            if _control_share(text) < 0.01:
                return Decoded(text, "recoded", f"decoded as {best.encoding} (detected; not valid UTF-8)",
                               best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    text = raw.decode("latin-1")
    if _control_share(text) > 0.05:
        return Decoded(None, "undecodable", "not valid UTF-8, and no 8-bit encoding gives readable text "
                       f"({_control_share(text):.0%} control characters)", "unknown")
    return Decoded(text, "recoded", "decoded as Latin-1 (not valid UTF-8)", "latin-1")


def decode_bytes(raw: bytes) -> Decoded:
    """Decode the bytes of one article (or one JSONL file); never raises."""
    if not raw:
        return Decoded("")
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                return Decoded(None, "undecodable", f"starts with a {label} byte-order mark but is not valid "
                               f"{label} (byte {err.start + len(bom)})", codec)
            if codec == "utf-8":
                return Decoded(text)
            return Decoded(text, "recoded", f"decoded as {label} (byte-order mark)", codec)
    sig = binary_signature(raw)
    if sig:
        return Decoded(None, "binary", f"binary file ({sig}), not text", "binary")
    head = raw[:_SNIFF]
    if b"\x00" in head:
        codec = _utf16_without_bom(raw)
        if codec:
            try:
                text = raw[: len(raw) - len(raw) % 2].decode(codec)
                if _control_share(text) < 0.01:
                    return Decoded(text, "recoded", f"decoded as {codec.upper()} (detected, no byte-order mark)",
                                   codec)
            except UnicodeDecodeError:
                pass
        return Decoded(None, "binary", f"binary file ({head.count(0)} NUL bytes in the first {len(head)}), "
                       "not text", "binary")
    if sum(b in _CONTROL_BYTES for b in head) / len(head) > 0.05:
        return Decoded(None, "binary", "binary file (control bytes), not text", "binary")
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _legacy(raw)
