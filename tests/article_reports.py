"""The one way the rule tests turn a text into published reports: the text as a whole article (real spaCy
pipeline, real extraction), published on a date the test names.

Why a module of its own: ten test files had copied the same two helpers. Each file binds the publication date its
sentences assume (actor periods and relative dates depend on it) with `published_on`.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from transforms.extract import extract_document
from transforms.ingest import make_article


def reports(nlp: Language, text: str, published: str | None) -> list[dict]:
    """Every report extracted from `text` as one article published on `published` (ISO date or None)."""
    article = make_article("t", "t.txt", text, {"published_at": published, "source": "Test"}, 2_000_000, 0.05)
    return extract_document(nlp(article.text), article)


def first(nlp: Language, text: str, published: str | None) -> dict:
    """The first report of `text`; fails the test, naming the text, when it has none."""
    found = reports(nlp, text, published)
    assert found, text
    return found[0]


def published_on(day: str | None) -> tuple[Callable[..., list[dict]], Callable[..., dict]]:
    """`reports` and `first` whose publication date defaults to `day` (a test may still pass its own)."""
    def reports_on(nlp: Language, text: str, published: str | None = day) -> list[dict]:
        return reports(nlp, text, published)

    def first_on(nlp: Language, text: str, published: str | None = day) -> dict:
        return first(nlp, text, published)

    return reports_on, first_on
