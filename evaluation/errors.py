"""List the misses behind one figure, for error analysis on the *tune* half (never tune on the check half).

    python -m evaluation errors GOLD OUTPUT_DIR FIELD [--half tune] [--limit 40]

Each miss shows the document id, the gold value(s), what the event chosen by honest matching said (the field's
own value never chose it), and the first characters of the document text, so that an error class can be named
and counted before a rule or a feature is changed for it.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from evaluation.gold import load_gold, present
from evaluation.predictions import actor_names, get, load_run
from evaluation.scoring import ALL_ACTOR_KEYS, FIELDS, MATCHING_GROUPS, choose, gold_actor_names
from evaluation.splits import Half

# What to print of gold and of the prediction for a field (the predicted keys shown beside the gold value).
_SHOWN: dict[str, tuple[str, ...]] = {
    "country": ("country", "admin1", "location"), "admin1": ("country", "admin1", "location"),
    "location": ("country", "admin1", "location"), "place": ("country", "admin1", "location"),
    "event_type": ("event_type", "sub_event_type"), "sub_event_type": ("event_type", "sub_event_type"),
    "date_exact": ("event_date", "time_precision"), "date_within_7d": ("event_date", "time_precision"),
    "date_year_only": ("event_date", "time_precision"), "date_parts": ("event_date", "time_precision"),
    "fatalities_exact": ("fatalities",), "fatalities_20pct": ("fatalities",),
}
_GOLD_KEYS: dict[str, tuple[str, ...]] = {
    "country": ("country", "admin1", "location"), "admin1": ("admin1", "location"), "location": ("location", "admin1"),
    "place": ("places",), "date_exact": ("event_date", "year", "month", "day"),
    "date_within_7d": ("event_date",), "date_year_only": ("event_date", "year"), "date_parts": ("year", "month"),
    "fatalities_exact": ("fatalities",), "fatalities_20pct": ("fatalities",),
}


def list_errors(gold_path: Path, output_dir: Path, field: str, half: Half | None = "tune",
                limit: int = 40) -> str:
    """The misses of one field (or `actors`: gold actors not found) as plain text, most common gold values first."""
    scorers = {n: (grp, s) for n, _, grp, s in FIELDS}
    if field not in scorers and field != "actors":
        raise SystemExit(f"unknown field {field!r}: one of {', '.join(list(scorers) + ['actors'])}")
    docs = load_gold(Path(gold_path), half)
    run = load_run(Path(output_dir))
    lines: list[str] = []
    total = missed = 0
    by_gold: Counter[str] = Counter()
    for doc in docs:
        preds = run.for_doc(doc.id)
        for gold in doc.events:
            if field == "actors":
                chosen = choose(gold, preds, "actors")
                got = actor_names(chosen, ALL_ACTOR_KEYS)
                from evaluation.names import actors_match  # noqa: PLC0415
                wanted = gold_actor_names(gold)
                lost = [w for w in wanted if not any(actors_match(w, g) for g in got)]
                total += len(wanted)
                if not lost:
                    continue
                missed += len(lost)
                by_gold.update(lost)
                shown = f"lost {lost} | predicted {got} | {len(preds)} events"
            else:
                group, scorer = scorers[field]
                chosen = choose(gold, preds, group if group in MATCHING_GROUPS else "fatalities")
                outcome = scorer(gold, chosen)
                if outcome is None:
                    continue
                total += 1
                if outcome:
                    continue
                missed += 1
                gold_shown = {k: gold.get(k) for k in _GOLD_KEYS.get(field, (field,)) if present(gold.get(k))}
                by_gold[str(gold_shown.get(field, gold_shown))] += 1
                pred_shown = {k: get(chosen, k) for k in _SHOWN.get(field, (field,))} if chosen else None
                shown = f"gold {gold_shown} | predicted {pred_shown} | {len(preds)} events"
            text = " ".join((doc.text or "").split())[:300]
            lines.append(f"- {doc.id}: {shown}\n    {text}")
    head = [f"{field}: {missed} missed of {total} ({Path(gold_path).name}, half={half or 'all'})",
            "most common gold values among the misses: "
            + "; ".join(f"{v} x{n}" for v, n in by_gold.most_common(12)), ""]
    return "\n".join(head + lines[:limit])
