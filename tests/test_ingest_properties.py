"""Property-based tests (hypothesis): ingest and extraction never raise on arbitrary input and always return
well-typed rows that the Parquet schemas accept. Example counts are kept modest so the suite stays fast; the
database of failing examples is off so runs are repeatable and leave nothing behind."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.tables import build_table
from schemas.vocabularies import DOCUMENT_STATUSES
from transforms.decoding import decode_bytes
from transforms.extract import extract_document, interaction_rows
from transforms.incremental import document_row
from transforms.ingest import Article, make_article, mark_duplicates, read_inputs

FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Any character at all, surrogates and controls included.
ANY_CHAR = st.characters(exclude_categories=())
NEWSY = ["Gunmen", "killed", "five", "villagers", "in", "Idlib", "on", "Monday", ".", "Turkey", "deployed", "troops",
         "to", "Aleppo", "Syrian", "army", "shelled", "rebels", "protesters", "gathered", "Beirut", "police",
         "arrested", "12", "people", "said", ",", "\n", "\n\n", "Published on June 30, 2016", "<p>", "</p>", "<div>",
         "&amp;", "\u00a0", "\ud800", "\x00", "\u202e", "Hezbollah", "the", "government", "of", "Iraq", "signed",
         "an", "agreement", "with", "Russia", "\u0627\u0644\u062c\u064a\u0634", "\u00e9t\u00e9", "\U0001f600", "\t"]
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=400),
    st.lists(st.sampled_from(NEWSY), max_size=80).map(" ".join),
    st.lists(st.sampled_from(NEWSY), max_size=80).map("".join),
)
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR, max_size=30),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3), max_leaves=6)
META = st.fixed_dictionaries({}, optional={"title": JSON_VALUE, "source": JSON_VALUE, "url": JSON_VALUE,
                                           "published_at": st.one_of(JSON_VALUE, st.dates().map(str))})
SURROGATE = re.compile(r"[\ud800-\udfff]")


def assert_well_typed(a: Article) -> None:
    assert isinstance(a, Article)
    assert a.status in DOCUMENT_STATUSES
    for value in (a.input_id, a.path, a.text, a.title, a.source, a.url, a.reason):
        assert value is None or (isinstance(value, str) and not SURROGATE.search(value)), value
    assert re.fullmatch(r"[0-9a-f]{16}", a.doc_id)
    assert a.published_at_origin in ("input", "text", "none")
    assert (a.published_at is None) == (a.published_at_origin == "none")
    if a.status == "ok":
        assert a.text
    if a.status in ("empty", "too_large", "binary", "undecodable", "malformed_json", "unreadable",
                    "broken_symlink", "unsupported", "duplicate_id"):
        assert not a.text and a.reason


def assert_parquet_writable(articles: list[Article]) -> None:
    rows = [document_row(a, "run") for a in articles]
    pq.write_table(build_table("documents", rows), io.BytesIO())


@FAST
@given(text=TEXT, meta=META, max_chars=st.sampled_from([1000, 5000, 2_000_000]))
def test_make_article_never_raises_and_gives_a_typed_row(text: str, meta: dict, max_chars: int) -> None:
    a = make_article("id", "p.txt", text, meta, max_chars, 0.05)
    assert_well_typed(a)
    assert len(a.text) <= max_chars
    assert_parquet_writable([a])


@FAST
@given(raw=st.one_of(st.binary(max_size=600), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                     TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
                     TEXT.map(lambda t: t.encode("cp1252", "replace"))))
def test_decode_bytes_never_raises(raw: bytes) -> None:
    d = decode_bytes(raw)
    assert (d.text is None) == (d.status in ("binary", "undecodable"))
    assert d.status in (None, "recoded", "binary", "undecodable")
    if d.text is None:
        assert d.note


@FAST
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".jsonl", ".html", ".json", ".bin"]),
                                st.one_of(st.binary(max_size=400),
                                          TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                                          st.lists(st.dictionaries(st.sampled_from(["id", "text", "title"]),
                                                                   JSON_VALUE | TEXT, max_size=3), max_size=4)
                                          .map(lambda recs: "\n".join(_dumps(r) for r in recs).encode()))),
                      min_size=1, max_size=5))
def test_read_inputs_never_raises_and_accounts_for_every_file(tmp_path_factory, files) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("in")
    for i, (suffix, data) in enumerate(files):
        (folder / f"f{i}{suffix}").write_bytes(data)
    arts = read_inputs([folder], max_chars=2000)
    for a in arts:
        assert_well_typed(a)
    ids = [a.input_id for a in arts]
    assert len(ids) == len(set(ids))
    # every non-JSONL file has exactly one row (a .json beside nothing is `unsupported`, not lost)
    for i, (suffix, _) in enumerate(files):
        if suffix != ".jsonl":
            assert sum(Path(a.path).name == f"f{i}{suffix}" for a in arts) == 1
    assert_parquet_writable(arts)


def _dumps(rec: dict) -> str:
    import json

    return json.dumps(rec, default=str)


@FAST
@given(texts=st.lists(st.sampled_from(["a text", "A text", "another text", "", "a  text"]), max_size=8),
       ids=st.lists(st.sampled_from(["x", "y", "x#2", "z"]), min_size=8, max_size=8))
def test_duplicates_keep_ids_unique(texts: list[str], ids: list[str]) -> None:
    arts = [make_article(i, "p", t, {}) for t, i in zip(texts, ids)]
    out = mark_duplicates(arts)
    assert len(out) == len(arts)
    assert len({a.input_id for a in out}) == len(out)


@SLOW
@given(text=TEXT)
def test_extraction_never_raises_and_gives_typed_rows(nlp, text: str) -> None:  # noqa: ANN001
    article = make_article("t", "t.txt", text, {"published_at": "2016-11-21", "source": "Test"})
    if not article.extractable:
        return
    doc = nlp(article.text)
    reports = extract_document(doc, article)
    interactions = interaction_rows(doc, article, reports)
    for r in reports:
        assert 0 <= r["char_start"] < r["char_end"] <= len(article.text)
    pq.write_table(build_table("candidates", reports), io.BytesIO())
    pq.write_table(build_table("interactions", interactions), io.BytesIO())
