"""HTML pages (and JSONL texts that are HTML) -> the article's text, title and date.

trafilatura finds the main text of a page and drops the boilerplate (navigation, footers, cookie banners,
comments); its date comes from the page's metadata (htmldate, conservative settings: no guessing from the
running text). When trafilatura finds no main text, the markup is stripped instead (scripts and styles dropped,
block tags as line breaks), and the reason says so. Nothing here reaches the network.
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import date

_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section|header|footer|title)\b[^>]{0,2000}>", re.I)
_DROP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_DOC_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_CONTENT_TAGS = re.compile(r"</?(p|div|br|span|a|article|section|h[1-6]|li|ul|table|td|tr|img|strong|em|b|i)\b"
                           r"[^>]{0,2000}>", re.I)


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    published: date | None
    note: str


def looks_like_html(text: str) -> bool:
    """A whole page (doctype, <html>, <head>, <body>) or a fragment with several content tags."""
    head = text[:5000]
    if "<" not in head:
        return False
    return bool(_DOC_MARKERS.search(head)) or len(_CONTENT_TAGS.findall(head)) >= 3


def strip_html(markup: str) -> str:
    """Markup to plain text: scripts dropped, block tags become line breaks, entities unescaped."""
    text = _DROP.sub(" ", markup)
    text = _BLOCK.sub("\n", text)
    return html.unescape(_TAG.sub(" ", text))


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def html_to_article(markup: str) -> HtmlArticle:
    """Main text, title and date of an HTML page; never raises (falls back to stripping the tags)."""
    import trafilatura  # imported late: loading it costs a second, and most inputs are not HTML

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            favor_recall=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on is still read, by stripping its tags
        doc = None
    title = _clean(getattr(doc, "title", None)) if doc is not None else None
    published = _iso_date(getattr(doc, "date", None)) if doc is not None else None
    text = getattr(doc, "text", None) if doc is not None else None
    if text and text.strip():
        return HtmlArticle(text, title, published, "HTML page reduced to its article text (trafilatura)")
    return HtmlArticle(strip_html(markup), title, published,
                       "HTML markup removed (no main text recognised, all text kept)")


def _clean(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
