"""Draw unlabelled sentences from the dev sets' TUNE halves for the typer's labeller (how train_articles_c was drawn).

    PYTHONPATH=. .venv/bin/python scripts/draw_typer_sentences.py TUNE_RUN_DIR OUT.jsonl
    PYTHONPATH=. .venv/bin/python scripts/draw_typer_sentences.py --narrative OUT.jsonl   # train_articles_d

TUNE_RUN_DIR is the --out folder of `python -m evaluation run GOLD --half tune` over hrdsattack.dev and
fakes_syria.dev (the published events of the current pipeline are read from it).

Two draws, both skipping every sentence already in data/typing or in a judging file, and every document whose
reports feed the confidence fit (judged_reports_tune.csv, annotated_events.csv): the typer must not be trained on
the sentences the confidence model is fitted on, or its reading of them would look surer there than anywhere else.
- (a) agreements: up to two sentences per tune document with a word of agreement (AGREE below), from every
  article set;
- (b) published: sentences of events the pipeline published on the tune halves (hrdsattack 110, fakes_syria 60),
  at most three per document: what it codes today, real events and false ones alike.
The labeller sees the sentence and its source only, never the system's type.

`--narrative` (how train_articles_d was drawn, session 13) draws the way the held-out file was drawn
(data/typing/README.md), from the tune halves instead of the check halves: the held-out sentences are the
article's own narrative sentences with an event word, not the clauses the pipeline codes, and the typer had seen
few of that kind. Per tune document (fitted documents left out, as above; sorted by id, shuffled): sentences
split on end punctuation, 6 to 60 words, with an event word (EVENT_WORDS), not seen before, at most 5 drawn per
document, until the quota of each set; event_location_gold and plover documents (one or two sentences each) are
taken whole.
"""
from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.gold import load_gold  # noqa: E402
from evaluation.splits import base_id, half_of  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from judged_precision import norm, seen_sentences  # noqa: E402  (one notion of a sentence read before)

AGREE = re.compile(r"\b(agree[sd]?|agreements?|deals?|accords?|cease-?fire|truce|pact|memorand\w*|treaty|signed|swap|"
                   r"surrender\w*|handed over|brokered|reconcil\w*|settlement)\b", re.IGNORECASE)
SETS = {"fakes_syria.dev": "fakes_syria.dev.jsonl", "hrdsattack.dev": "hrdsattack.dev.jsonl",
        "event_location_gold": "event_location_gold.jsonl", "plover_gsr_cameo": "plover_gsr_cameo.json"}
PUBLISHED_QUOTA = {"hrdsattack.dev": 110, "fakes_syria.dev": 60}
SEED = 20261208
EVENT_WORDS = re.compile(
    r"\b(kill\w*|attack\w*|clash\w*|fight\w*|strikes?|struck|bomb\w*|shell\w*|arrest\w*|detain\w*|detention|"
    r"abduct\w*|kidnap\w*|protest\w*|demonstrat\w*|rall(y|ies|ied)|march\w*|shot|shoot\w*|gunm[ae]n|fired?|raid\w*|"
    r"seiz\w*|captur\w*|explo\w*|injur\w*|wound\w*|dead|died|death|tortur\w*|beat(en|ing)?|assault\w*|"
    r"disappear\w*|battle\w*|riot\w*|loot\w*|burn\w*|torch\w*|threat\w*|harass\w*|charged?|sentenced|"
    r"ceasefire|agree\w*|troops|forces|police|militants?|rebels?|killings?|murder\w*|massacre\w*|execut\w*|"
    r"recaptur\w*|retook|took control|withdr[ae]w\w*|displac\w*|air ?strikes?|missiles?|rockets?|mortars?)\b",
    re.IGNORECASE)
NARRATIVE_QUOTA = {"hrdsattack.dev": 170, "fakes_syria.dev": 90, "event_location_gold": 50, "plover_gsr_cameo": 30}
NARRATIVE_SEED = 20261213


def _fitted_documents(tune_run: Path) -> set[str]:
    """Documents of the confidence fit, as base input ids (annotated_events.csv keys them by the run's doc_id)."""
    calibration = ROOT / "data" / "calibration"
    docs = {base_id(r["input_id"]) for r in csv.DictReader((calibration / "judged_reports_tune.csv").open())}
    hashed = {r["doc_id"] for r in csv.DictReader((calibration / "annotated_events.csv").open())}
    for name in PUBLISHED_QUOTA:
        table = pd.read_parquet(tune_run / f"{name}.tune" / "documents")
        docs |= {base_id(i) for d, i in zip(table.doc_id, table.input_id) if d in hashed}
    return docs


def _fitted_by_text() -> set[str]:
    """Documents of the confidence fit, as content ids (annotated_events.csv keys them so) and base input ids."""
    from transforms.ingest import doc_id_for, normalise_text  # noqa: PLC0415

    calibration = ROOT / "data" / "calibration"
    docs = {base_id(r["input_id"]) for r in csv.DictReader((calibration / "judged_reports_tune.csv").open())}
    hashed = {r["doc_id"] for r in csv.DictReader((calibration / "annotated_events.csv").open())}
    for name in PUBLISHED_QUOTA:
        for doc in load_gold(ROOT / "data" / "devsets" / SETS[name], "tune"):
            if doc.text and {doc_id_for(doc.text), doc_id_for(normalise_text(doc.text))} & hashed:
                docs.add(base_id(doc.id))
    return docs


def narrative(out_path: Path) -> None:
    """The --narrative draw (module doc)."""
    seen, fitted = seen_sentences(""), _fitted_by_text()
    rows: list[dict] = []
    for name, quota in NARRATIVE_QUOTA.items():
        docs = {d.id: d for d in load_gold(ROOT / "data" / "devsets" / SETS[name], "tune")
                if d.text and base_id(d.id) not in fitted}
        order = sorted(docs)
        random.Random(NARRATIVE_SEED).shuffle(order)
        drawn = 0
        for doc_id in order:
            if drawn >= quota:
                break
            text = str(docs[doc_id].text)
            if name in ("event_location_gold", "plover_gsr_cameo"):
                found = [" ".join(text.split())] if norm(text) not in seen and len(text.split()) <= 80 else []
            else:
                sentences = [s.strip() for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"“])', text) if s.strip()]
                found = [s for s in sentences if EVENT_WORDS.search(s) and 6 <= len(s.split()) <= 60
                         and norm(s) not in seen]
                random.Random(f"{NARRATIVE_SEED}:{doc_id}").shuffle(found)
            for sentence in found[:min(5, quota - drawn)]:
                seen.add(norm(sentence))
                rows.append({"text": sentence, "source": f"{name}:{doc_id}", "draw": "narrative"})
                drawn += 1
    with out_path.open("w", encoding="utf-8") as handle:
        for n, row in enumerate(rows, 1):
            handle.write(json.dumps({"n": n, **row}) + "\n")
    print(f"{len(rows)} sentences to label in {out_path}")


def main() -> None:
    if sys.argv[1] == "--narrative":
        narrative(Path(sys.argv[2]))
        return
    tune_run, out_path = Path(sys.argv[1]), Path(sys.argv[2])
    seen, fitted = seen_sentences(""), _fitted_documents(tune_run)
    rng = random.Random(SEED)
    rows: list[dict] = []
    for name, file in SETS.items():
        done: set[str] = set()
        for doc in load_gold(ROOT / "data" / "devsets" / file, "tune"):
            if not doc.text or doc.id in done or base_id(doc.id) in fitted:
                continue
            done.add(doc.id)
            sentences = [s.strip() for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"“])', doc.text) if s.strip()]
            found = [s for s in sentences if AGREE.search(s) and 6 <= len(s.split()) <= 60 and norm(s) not in seen]
            rng.shuffle(found)
            rows += [{"text": s, "source": f"{name}:{doc.id}", "draw": "agreement-words"} for s in found[:2]]
    for name, quota in PUBLISHED_QUOTA.items():
        run = tune_run / f"{name}.tune"
        mentions = pd.read_parquet(run / "mentions").merge(
            pd.read_parquet(run / "documents")[["doc_id", "input_id"]], on="doc_id")
        keep = mentions.input_id.map(lambda i: half_of(i) == "tune" and base_id(i) not in fitted)
        found = list(dict.fromkeys((r.input_id, r.sentence) for r in mentions[keep].itertuples()
                                   if norm(r.sentence) not in seen))
        rng.shuffle(found)
        per_doc: dict[str, int] = {}
        drawn = 0
        for input_id, sentence in found:
            if per_doc.get(input_id, 0) >= 3 or drawn >= quota:
                continue
            per_doc[input_id] = per_doc.get(input_id, 0) + 1
            drawn += 1
            rows.append({"text": sentence, "source": f"{name}:{input_id}", "draw": "published"})
    unique: list[dict] = []
    for row in rows:  # a sentence told in two documents is labelled once, from the first
        if all(norm(row["text"]) != norm(u["text"]) for u in unique):
            unique.append(row)
    rng.shuffle(unique)
    with out_path.open("w", encoding="utf-8") as handle:
        for n, row in enumerate(unique, 1):
            handle.write(json.dumps({"n": n, **row}) + "\n")
    print(f"{len(unique)} sentences to label in {out_path}")


if __name__ == "__main__":
    main()
