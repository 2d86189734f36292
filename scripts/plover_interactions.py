"""PLOVER source/target actors found by `transforms.interactions.extract_interactions`, role-aware.

    .venv/bin/python scripts/plover_interactions.py [--errors tune|check|all] [--gold data/devsets/plover_gsr_cameo.json]

A gold source actor counts as found when it matches (by `evaluation.scoring.plover_actor_found`: name or alias,
or ISO3 country) one of the predicted `source_actors` of any interaction of that record;
targets likewise against `target_actors`. Unlike `python -m evaluation score`, the event rows' actors are not added: this
isolates the interaction extractor. Records whose gold source/target is not a
list of actors are not counted for that role (as `evaluation.score_source_and_target`). The role-agnostic figure
(any predicted actor, either role) is printed beside it. Figures are given separately for the tune and check halves of
the fixed split (`evaluation.splits`): tune on the tune half only, and read the check half as held out.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.gold import load_gold  # noqa: E402
from evaluation.scoring import plover_actor_found  # noqa: E402
from evaluation.splits import half_of  # noqa: E402
from transforms.interactions import extract_interactions  # noqa: E402
from transforms.nlp import load_pipeline  # noqa: E402
from transforms.places import document_countries  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parents[1] / "data" / "devsets" / "plover_gsr_cameo.json"


def role_found(actors: list[dict], names: list[str]) -> bool | None:
    return all(plover_actor_found(a, names) for a in actors) if actors else None


def both(a: bool | None, b: bool | None) -> bool | None:
    labelled = [r for r in (a, b) if r is not None]
    return all(labelled) if labelled else None


def rate(values: list[bool | None]) -> str:
    counted = [v for v in values if v is not None]
    return f"{sum(counted) / len(counted):.3f} ({sum(counted)}/{len(counted)})" if counted else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--errors", choices=("tune", "check", "all"), help="print the misses of that half")
    args = parser.parse_args()

    gold_docs = load_gold(args.gold)
    nlp = load_pipeline()
    rows = []
    for index, (gold, doc) in enumerate(zip(gold_docs, nlp.pipe((g.text for g in gold_docs), batch_size=32))):
        event = gold.events[0]
        found_interactions = extract_interactions(doc, published=None, countries=document_countries(doc))
        sources = [n for i in found_interactions for n in i["source_actors"]]
        targets = [n for i in found_interactions for n in i["target_actors"]]
        src = role_found(event["source_actors"], sources)
        tgt = role_found(event["target_actors"], targets)
        anyrole = sources + targets
        rows.append({
            "index": index, "half": half_of(gold.id), "type": event["plover_event"], "text": gold.text, "gold": event,
            "interactions": found_interactions, "src": src, "tgt": tgt, "both": both(src, tgt),
            "agnostic": both(role_found(event["source_actors"], anyrole), role_found(event["target_actors"], anyrole)),
        })

    for half in ("tune", "check", None):
        part = [r for r in rows if half is None or r["half"] == half]
        print(f"== {half or 'all'}: {len(part)} records")
        print(f"   source found          {rate([r['src'] for r in part])}")
        print(f"   target found          {rate([r['tgt'] for r in part])}")
        print(f"   source and target     {rate([r['both'] for r in part])}   (role-aware)")
        print(f"   either role           {rate([r['agnostic'] for r in part])}   (role-agnostic)")
    print("== per PLOVER event type (role-aware source and target: tune | check)")
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    for kind, part in sorted(by_type.items(), key=lambda kv: -len(kv[1])):
        tune = rate([r["both"] for r in part if r["half"] == "tune"])
        check = rate([r["both"] for r in part if r["half"] == "check"])
        print(f"   {kind:<12} {tune:<18} | {check}")

    if args.errors:
        for r in rows:
            if (args.errors != "all" and r["half"] != args.errors) or r["both"] is not False:
                continue
            g = r["gold"]
            print(f"\n#{r['index']} {r['type']} src={r['src']} tgt={r['tgt']}: {r['text']}")
            print("   gold S:", [(a["name"], a["code"]) for a in g["source_actors"]],
                  " T:", [(a["name"], a["code"]) for a in g["target_actors"]])
            for i in r["interactions"]:
                print(f"   - {i['verb']!r} [{i['mood']}] S={i['source_actors']} T={i['target_actors']}")


if __name__ == "__main__":
    main()
