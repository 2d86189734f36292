"""What an incremental run re-extracts, carries over, or drops (`transforms.incremental.plan_run`)."""
from __future__ import annotations

from transforms.incremental import document_row, plan_run
from transforms.ingest import Article


def _article(input_id: str, text: str) -> Article:
    return Article(input_id=input_id, path=f"{input_id}.txt", text=text, source="Outlet")


def _state(articles: list[Article]) -> tuple[list[dict], list[dict], list[dict]]:
    docs = [document_row(a, "run-1") for a in articles]
    cands = [{"doc_id": a.doc_id, "char_start": 0, "trigger": "old"} for a in articles]
    inter = [{"doc_id": a.doc_id, "char_start": 0, "verb": "old"} for a in articles]
    return docs, cands, inter


def test_unchanged_inputs_are_carried_not_reextracted() -> None:
    a, b = _article("a", "Troops shelled the town."), _article("b", "Police arrested ten protesters.")
    docs, cands, inter = _state([a, b])
    plan = plan_run([a], docs, cands, "run-2", inter)
    assert plan.to_extract == []
    assert plan.unchanged == 1
    assert [d["input_id"] for d in plan.carried_documents] == ["b"]  # runs accumulate
    assert {c["doc_id"] for c in plan.carried_candidates} == {a.doc_id, b.doc_id}
    assert {i["doc_id"] for i in plan.carried_interactions} == {a.doc_id, b.doc_id}


def test_stale_state_reextracts_given_inputs_and_keeps_the_others() -> None:
    a, b = _article("a", "Troops shelled the town."), _article("b", "Police arrested ten protesters.")
    docs, cands, inter = _state([a, b])
    plan = plan_run([a], docs, cands, "run-2", inter, stale=True)
    assert [x.input_id for x in plan.to_extract] == ["a"]
    assert plan.documents[0]["run_id"] == "run-2"
    # a's old rows are replaced by the fresh extraction; b, not given, keeps its rows
    assert {c["doc_id"] for c in plan.carried_candidates} == {b.doc_id}
    assert {i["doc_id"] for i in plan.carried_interactions} == {b.doc_id}


def test_changed_text_drops_the_old_documents_rows() -> None:
    a = _article("a", "Troops shelled the town.")
    docs, cands, inter = _state([a])
    edited = _article("a", "Troops shelled the village.")
    plan = plan_run([edited], docs, cands, "run-2", inter)
    assert [x.doc_id for x in plan.to_extract] == [edited.doc_id]
    assert plan.carried_candidates == [] and plan.carried_interactions == []
