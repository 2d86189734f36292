"""Precision of the published events, hand-judged on a fresh sample from the check halves.

    PYTHONPATH=. .venv/bin/python scripts/judged_precision.py draw [--eval output/eval] [--n 200] [--tag 2026-12b]
    PYTHONPATH=. .venv/bin/python scripts/judged_precision.py score [--tag 2026-12b]
    PYTHONPATH=. .venv/bin/python scripts/judged_precision.py census [--eval output/eval]

`draw` samples published events of a `make eval` run over the CHECK halves of the article sets (hrdsattack,
fakes_syria: the product's main input), the description check/test files and event_location_gold, with a fixed
seed, and writes two files:
- `data/calibration/judging_<tag>.csv`: what the judge sees (the event's sentence, its trigger word, the
  sentence before it) with empty columns `is_event`, `event_type`, `sub_event_type`, `note` to fill in. The
  system's type is NOT in it: the judge names the type blind;
- `data/calibration/judging_<tag>.system.csv`: the system's event_type / sub_event_type of each sampled row.

`census` scores a whole run instead of one sample: every published check-half event whose sentence any judging
file holds takes that judgement (the latest file wins), and it prints the judged share and the real share by
corpus, by confidence band, and at several confidence bars. Why: `draw` skips sentences judged before, so after a
few samples a fresh draw is no longer a random sample of the run (on HRDsAttack it is nearly all of the events
never drawn before, which are mostly the ones recent changes added); the census covers most of the run at once.
Its caveat: the judgements come from different judges.

`score` reads both and prints: real events (share judged `is_event` = 1), right event_type and right
sub_event_type (among all sampled rows and among the real ones). The figures hold for the run they were drawn
from; a later run is scored by re-drawing and re-judging, not by reusing these labels.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.splits import half_of  # noqa: E402

CALIBRATION = ROOT / "data" / "calibration"
TYPING = ROOT / "data" / "typing"
SHARES = {"hrdsattack.dev": 0.4, "fakes_syria.dev": 0.4, "acled_descriptions.test": 0.1, "event_location_gold": 0.1}
SEED = 20261201  # the seed of the first tag, "2026-12"; later tags derive theirs from the tag


def _paths(tag: str) -> tuple[Path, Path]:
    return CALIBRATION / f"judging_{tag}.csv", CALIBRATION / f"judging_{tag}.system.csv"


def _seed(tag: str) -> int:
    return SEED if tag == "2026-12" else int(hashlib.sha256(tag.encode()).hexdigest()[:8], 16)


def seen_sentences(tag: str) -> set[str]:
    """Sentences the judge may have read already: earlier judging files and the typer's labelled sentences."""
    seen: set[str] = set()
    for path in sorted(CALIBRATION.glob("judging_*.csv")):
        if path.name.endswith(".system.csv") or path == _paths(tag)[0]:
            continue
        with path.open(encoding="utf-8") as handle:
            seen.update(norm(r["sentence"]) for r in csv.DictReader(handle))
    for path in sorted(TYPING.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.add(norm(json.loads(line)["text"]))
    return seen


def norm(sentence: str) -> str:
    return " ".join(sentence.split()).lower()


def _texts(eval_dir: Path, name: str) -> dict[str, str]:
    texts = {}
    for line in (eval_dir / f"{name}.input.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts[row["id"]] = row["text"]
    return texts


def published(eval_dir: Path, name: str) -> list[dict]:
    """One row per published event of the run's check-half documents: its first mention's sentence."""
    run = eval_dir / name
    events = pd.read_parquet(run / "events")
    mentions = pd.read_parquet(run / "mentions").sort_values(["event_id", "confidence"], ascending=[True, False])
    docs = pd.read_parquet(run / "documents")[["doc_id", "input_id"]]
    first = mentions.drop_duplicates("event_id").merge(docs, on="doc_id").merge(
        events[["event_id", "event_type", "sub_event_type"]], on="event_id")
    held_out = name.endswith(".test")
    first = first[first["input_id"].map(lambda i: held_out or half_of(i) == "check")]
    texts = _texts(eval_dir, name)
    rows = []
    for r in first.sort_values(["input_id", "char_start"]).itertuples():
        text = texts.get(r.input_id, "")
        before = text[max(0, int(r.char_start) - 300):int(r.char_start)].split("\n")[-1]
        rows.append({"corpus": name, "input_id": r.input_id, "event_id": r.event_id, "trigger": r.trigger,
                     "sentence": r.sentence, "before": before.strip(), "event_type": r.event_type,
                     "sub_event_type": r.sub_event_type})
    return rows


def draw(eval_dir: Path, n: int, tag: str) -> None:
    judged_path, system_path = _paths(tag)
    rng = random.Random(_seed(tag))
    seen = seen_sentences(tag) if tag != "2026-12" else set()
    sample: list[dict] = []
    rest: list[dict] = []
    for name, share in SHARES.items():
        rows = [r for r in published(eval_dir, name) if norm(r["sentence"]) not in seen]
        drawn = rng.sample(rows, min(len(rows), round(n * share)))
        sample += drawn
        if name in ("hrdsattack.dev", "fakes_syria.dev"):
            rest += [r for r in rows if r not in drawn]
    if len(sample) < n:  # a set with fewer published events than its share: the article sets make up the rest
        sample += rng.sample(rest, min(len(rest), n - len(sample)))
    rng.shuffle(sample)
    judged_path.parent.mkdir(parents=True, exist_ok=True)
    with judged_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["row", "corpus", "input_id", "trigger", "before", "sentence", "is_event", "event_type",
                      "sub_event_type", "note"])
        for i, r in enumerate(sample, 1):
            out.writerow([i, r["corpus"], r["input_id"], r["trigger"], r["before"], r["sentence"], "", "", "", ""])
    with system_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["row", "event_id", "event_type", "sub_event_type"])
        for i, r in enumerate(sample, 1):
            out.writerow([i, r["event_id"], r["event_type"], r["sub_event_type"]])
    print(f"drew {len(sample)} events into {judged_path.relative_to(ROOT)} "
          f"(system types: {system_path.relative_to(ROOT)}; {len(seen)} sentences seen before were skipped)")


def score(tag: str) -> None:
    judged_path, system_path = _paths(tag)
    with judged_path.open(encoding="utf-8") as handle:
        judged = {r["row"]: r for r in csv.DictReader(handle)}
    with system_path.open(encoding="utf-8") as handle:
        system = {r["row"]: r for r in csv.DictReader(handle)}
    rows = [(judged[k], system[k]) for k in judged if judged[k]["is_event"] in ("0", "1")]
    real = [(j, s) for j, s in rows if j["is_event"] == "1"]
    by_corpus: dict[str, list[int]] = {}
    for j, _ in rows:
        by_corpus.setdefault(j["corpus"], []).append(int(j["is_event"]))
    print(f"judged rows: {len(rows)} of {len(judged)}")
    print(f"real events: {len(real) / len(rows):.3f} ({len(real)} / {len(rows)})")
    for key in ("event_type", "sub_event_type"):
        right = sum(1 for j, s in real if j[key] == s[key])
        print(f"right {key}: {right / len(rows):.3f} of all sampled ({right} / {len(rows)}), "
              f"{right / len(real):.3f} of the real ones ({right} / {len(real)})")
    for corpus, marks in sorted(by_corpus.items()):
        print(f"  {corpus}: real events {sum(marks) / len(marks):.3f} ({sum(marks)} / {len(marks)})")


BANDS = (0.0, 0.3, 0.45, 0.6, 0.75, 0.9, 1.0001)


def census(eval_dir: Path) -> None:
    """Real share of the run's published check-half events, from every judgement on file (see the module doc)."""
    judged: dict[str, int] = {}
    for path in sorted(CALIBRATION.glob("judging_*.csv"), key=lambda p: (len(p.stem), p.stem)):
        if path.name.endswith(".system.csv"):
            continue
        with path.open(encoding="utf-8") as handle:
            judged.update({norm(r["sentence"]): int(r["is_event"]) for r in csv.DictReader(handle)
                           if r["is_event"] in ("0", "1")})
    rows = []
    for name in SHARES:
        conf = pd.read_parquet(eval_dir / name / "events").set_index("event_id")["confidence"]
        rows += [{"corpus": name, "confidence": float(conf[r["event_id"]]), "real": judged.get(norm(r["sentence"]))}
                 for r in published(eval_dir, name)]
    frame = pd.DataFrame(rows)
    frame["band"] = pd.cut(frame["confidence"], BANDS, right=False)
    table = frame.groupby(["corpus", "band"], observed=True).agg(
        published=("confidence", "size"), judged=("real", "count"), real_share=("real", "mean"))
    print(table.round(3).to_string())
    told = {name: _told(eval_dir, name) for name in ARTICLE_SETS}
    for bar in (0.0, 0.3, 0.45, 0.5, 0.6):
        kept = frame[frame["confidence"] >= bar]
        by = kept.groupby("corpus")["real"].mean().round(3).to_dict()
        print(f"confidence >= {bar:.2f}: {len(kept)} published, {kept['real'].count()} judged, "
              f"real {kept['real'].mean():.3f}; " + ", ".join(f"{k} {v}" for k, v in by.items()))
        for name, (documents, best) in told.items():
            print(f"    {name}: check documents with an event at this bar {(best >= bar).sum() / documents:.3f}")


# The article sets whose every document has a gold event: what a higher bar costs them in documents left empty.
ARTICLE_SETS = ("hrdsattack.dev", "fakes_syria.dev")


def _told(eval_dir: Path, name: str) -> tuple[int, pd.Series]:
    """(check-half documents, each one's most confident published event). Every event of an article below the
    publication bar (0.6) is its lead, so dropping the events under a lower bar is what that lead bar would do."""
    run = eval_dir / name
    docs = pd.read_parquet(run / "documents")[["doc_id", "input_id"]]
    docs = docs[docs["input_id"].map(lambda i: half_of(i) == "check")]
    conf = pd.read_parquet(run / "events")[["event_id", "confidence"]]
    best = pd.read_parquet(run / "mentions")[["doc_id", "event_id"]].merge(conf, on="event_id").groupby(
        "doc_id")["confidence"].max()
    return docs["input_id"].nunique(), best[best.index.isin(docs["doc_id"])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("draw", "score", "census"))
    parser.add_argument("--eval", type=Path, default=ROOT / "output" / "eval")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--tag", default="2026-12", help="names the sample's files; a new tag is a fresh sample")
    args = parser.parse_args()
    if args.command == "census":
        census(args.eval)
    elif args.command == "draw":
        draw(args.eval, args.n, args.tag)
    else:
        score(args.tag)


if __name__ == "__main__":
    main()
