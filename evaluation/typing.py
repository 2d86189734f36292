"""Event typing read as a classification: per-type F1 and the confusions that remain.

    python -m evaluation typing GOLD [GOLD ...]                 # the learned typer alone, one sentence at a time
    python -m evaluation typing GOLD --run OUTPUT_DIR           # the pipeline's top event per document

GOLD is a labelled-sentence file (`data/typing/heldout_articles.jsonl`) or a one-event-per-document dev set
(`data/devsets/acled_descriptions.test.jsonl`); a document without a predicted event is class "No event". Dev
files are scored on their reported half (the check half), held-out files whole.

Why apart from `scoring`: the weighted F1 in the report is one number; choosing what to fix next needs the
types it is made of and what each is mistaken for.
"""
from __future__ import annotations

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


def typing_report(golds: list[Path], run_dir: Path | None = None) -> str:
    """The report for each gold file: the typer alone, or the run in `run_dir` when given."""
    parts = []
    for gold_path in golds:
        ids, texts, gold = labelled(gold_path)
        predicted = run_predictions(ids, run_dir) if run_dir else typer_predictions(texts)
        who = f"pipeline run {run_dir}" if run_dir else "learned typer alone"
        parts.append(format_typing(f"{gold_path.name} ({who})", gold, predicted))
    return "\n".join(parts)
