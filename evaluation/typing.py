"""Event typing read as a classification: per-type F1 and the confusions that remain.

    python -m evaluation typing GOLD [GOLD ...]                 # the learned typer alone, one sentence at a time
    python -m evaluation typing GOLD --run OUTPUT_DIR           # the pipeline's top event per document
    python -m evaluation typing GOLD --in-articles EVAL_DIR     # the pipeline on each sentence's own article

GOLD is a labelled-sentence file (`data/typing/heldout_articles.jsonl`) or a one-event-per-document dev set
(`data/devsets/acled_descriptions.test.jsonl`); a document without a predicted event is class "No event". Dev
files are scored on their reported half (the check half), held-out files whole.

`--in-articles` reads labelled sentences that name their source (`<dev set>:<document id>`, as in
`data/typing/`) in the runs `make eval` made of their whole articles (`EVAL_DIR/<dev set>`): a sentence's
predicted type is that of the most confident published event with a mention in that sentence ("No event" when
none). Why beside `--run`: a sentence run alone is a one-sentence article, where the document-level prior
(an article's lead event is published at a low bar, `transforms.confidence`) publishes whatever the rules read in
it; in its article the sentence is one of many and its clause must clear the ordinary bar unless it is the lead.
The pipeline is run on articles, so this is what an analyst gets; the one-sentence figure stays in the report.

Why apart from `scoring`: the weighted F1 in the report is one number; choosing what to fix next needs the
types it is made of and what each is mistaken for.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from evaluation.gold import NO_EVENT, load_gold
from evaluation.predictions import get, load_run
from evaluation.scoring import dataset_key, top_event, weighted_f1
from evaluation.targets import reported_half


def per_class(gold: list[str], predicted: list[str]) -> list[tuple[str, int, float, float, float]]:
    """(class, support, precision, recall, F1) for every gold class, most frequent first."""
    rows = []
    for cls, support in Counter(gold).most_common():
        tp = sum(1 for g, p in zip(gold, predicted) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted) if g != cls and p == cls)
        fn = support - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / support
        rows.append((cls, support, precision, recall, 2 * tp / (2 * tp + fp + fn) if tp else 0.0))
    return rows


def labelled(gold_path: Path) -> tuple[list[str], list[str], list[str]]:
    """(ids, texts, gold sub-event types) of the scored half of a one-event-per-document gold file."""
    half = reported_half(dataset_key(gold_path))
    docs = [d for d in load_gold(gold_path, half) if len(d.events) == 1 and d.text]  # type: ignore[arg-type]
    return [d.id for d in docs], [str(d.text) for d in docs], [str(d.events[0]["sub_event_type"]) for d in docs]


def typer_predictions(texts: list[str]) -> list[str]:
    """The learned typer's top label for each text, alone (no trigger rules)."""
    from transforms.event_typer import type_probabilities  # noqa: PLC0415

    out = []
    for text in texts:
        probs = type_probabilities(text)
        out.append(max(probs, key=probs.get) if probs else NO_EVENT)
    return out


def run_predictions(ids: list[str], run_dir: Path) -> list[str]:
    """The sub-event type of each document's most confident published event ("No event" when none)."""
    run = load_run(run_dir)
    return [str(get(top_event(run.for_doc(i)), "sub_event_type") or NO_EVENT) for i in ids]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def same_sentence(labelled_text: str, mention_sentence: str) -> bool:
    """Whether a mention's sentence is the labelled sentence: one holds the other, or they share at least 60% of
    the smaller one's words (the labeller split on end punctuation, the parser splits its own way)."""
    a, b = " ".join(labelled_text.lower().split()), " ".join(mention_sentence.lower().split())
    if a in b or b in a:
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def in_article_predictions(rows: list[dict], eval_dir: Path) -> list[str]:
    """Per labelled row: the sub-event type of the most confident published event told in that sentence of its
    source article's run (module doc); "No event" when none is."""
    import pandas as pd  # noqa: PLC0415

    runs: dict[str, tuple[dict[str, list[str]], pd.DataFrame, dict[str, dict]]] = {}
    out = []
    for row in rows:
        name, doc = str(row["source"]).split(":", 1)
        if name not in runs:
            run = eval_dir / name
            documents = pd.read_parquet(run / "documents")
            docs_of_input: dict[str, list[str]] = {}
            for d, i in zip(documents.doc_id, documents.input_id):
                docs_of_input.setdefault(str(i), []).append(str(d))
            events = {str(e["event_id"]): e for e in pd.read_parquet(run / "events").to_dict("records")}
            runs[name] = (docs_of_input, pd.read_parquet(run / "mentions"), events)
        docs_of_input, mentions, events = runs[name]
        doc_ids = set(docs_of_input.get(doc, []))
        told = [events[str(m.event_id)] for m in mentions[mentions.doc_id.isin(doc_ids)].itertuples()
                if str(m.event_id) in events and same_sentence(str(row["text"]), str(m.sentence))]
        best = max(told, key=lambda e: float(e.get("confidence") or 0.0), default=None)
        out.append(str(best["sub_event_type"]) if best is not None else NO_EVENT)
    return out


def format_typing(name: str, gold: list[str], predicted: list[str], confusions: int = 12) -> str:
    """Markdown: weighted F1 (with and without the No-event sentences), per-type table, top confusions."""
    events = [(g, p) for g, p in zip(gold, predicted) if g != NO_EVENT]
    lines = [f"### {name}: {len(gold)} texts", "",
             f"- weighted F1, all classes: {weighted_f1(gold, predicted):.3f}",
             f"- weighted F1 over the texts that report an event ({len(events)}): "
             f"{weighted_f1([g for g, _ in events], [p for _, p in events]):.3f}" if events else "",
             f"- accuracy: {sum(g == p for g, p in zip(gold, predicted)) / len(gold):.3f}", "",
             "| type | support | precision | recall | F1 |", "|---|---|---|---|---|"]
    lines += [f"| {c} | {n} | {p:.2f} | {r:.2f} | {f:.2f} |" for c, n, p, r, f in per_class(gold, predicted)]
    mistakes = Counter((g, p) for g, p in zip(gold, predicted) if g != p).most_common(confusions)
    lines += ["", "Most frequent confusions (gold → predicted):", ""]
    lines += [f"- {g} → {p}: {n}" for (g, p), n in mistakes]
    return "\n".join(line for line in lines if line is not None) + "\n"


ARTICLE_SETS = ("hrdsattack.dev", "fakes_syria.dev")  # whole articles; event_location_gold and plover documents
# are one or two sentences without a publication date (their runs quarantine undated events): the one-sentence run
# already reads them as they are


def in_article_report(gold_path: Path, eval_dir: Path) -> str:
    """The `--in-articles` report of a labelled-sentence file (module doc): the rows drawn from whole articles, in
    their articles' runs and, beside it, the same rows in the one-sentence run (`EVAL_DIR/<file stem>`)."""
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if str(r["source"]).split(":", 1)[0] in ARTICLE_SETS]
    gold = [str(r["label"]) for r in rows]
    parts = [format_typing(f"{gold_path.name}, sentences of whole articles (pipeline, each in its own article's "
                           f"run under {eval_dir})", gold, in_article_predictions(rows, eval_dir))]
    alone = eval_dir / gold_path.stem
    if alone.is_dir():
        ids = [str(r["id"]) for r in rows]
        parts.append(format_typing(f"{gold_path.name}, the same sentences run alone ({alone})", gold,
                                   run_predictions(ids, alone), confusions=0))
    return "\n".join(parts)


def typing_report(golds: list[Path], run_dir: Path | None = None, in_articles: Path | None = None) -> str:
    """The report for each gold file: the typer alone, the run in `run_dir`, or the sentences in their
    articles' runs under `in_articles`."""
    if in_articles is not None:
        return "\n".join(in_article_report(g, in_articles) for g in golds)
    parts = []
    for gold_path in golds:
        ids, texts, gold = labelled(gold_path)
        predicted = run_predictions(ids, run_dir) if run_dir else typer_predictions(texts)
        who = f"pipeline run {run_dir}" if run_dir else "learned typer alone"
        parts.append(format_typing(f"{gold_path.name} ({who})", gold, predicted))
    return "\n".join(parts)
