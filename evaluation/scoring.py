"""Per-field scoring of a run against gold, with matching that cannot flatter the field it scores.

Why honest matching: an article yields several predicted events and the gold labels one. If the event scored
for a field were the one agreeing with gold on the most fields *including that field*, a run that emits many
events would be rewarded for the spread (the right country somewhere among eight guesses). So:

- Fields fall in groups: place (country, admin1, location, any place), date (exact, within 7 days, partial,
  time precision), type (event and sub-event type, FA-KES cause of death), actors (actor1/2, assoc actors, FA-KES
  actor class), fatalities.
- To score a field, the document's predicted event is chosen by its agreement on the labelled fields of the
  *other* matching groups (place, date, type, actors); fatalities are matched on all four. Ties go to the higher
  confidence, then to the first. A document with no predicted event is a miss for every labelled field.
- "Top event" figures score the document's single most confident event for every field: what an analyst sees
  first, and the honest figure for one-event sets.
- "Optimistic" matching (the best match on every field, including the scored one) is what the project reported
  before; `evaluate(..., matching="optimistic")` reproduces it so the difference can be shown.

Also reported: events per article (predicted events linked to a document, averaged over documents) and, where
gold names actors, actor recall and precision of the matched event.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Literal

from evaluation.gold import NO_EVENT, GoldDoc, detect_format, gold_date, load_gold, number_in, present
from evaluation.names import (NOT_A_COUNTRY, actor_class_patterns, actors_match, cause_of_death_map,
                              contains_words, countries_in, country_iso3, fold, iso3_of_code, iso3_of_numeric,
                              place_key, same_place, split_country_label)
from evaluation.predictions import Dyad, Prediction, RunOutput, actor_names, as_date, confidence, get, load_run
from evaluation.splits import Half
from evaluation.targets import Target, targets_for

Matching = Literal["honest", "optimistic"]
GoldEvent = dict[str, Any]
# A scorer returns None when gold does not label the field (not counted), else whether the prediction agrees.
Scorer = Callable[[GoldEvent, Prediction | None], bool | None]


# ----------------------------------------------------------------------------------------------- field scorers
def _equal_field(name: str) -> Scorer:
    """Exact agreement on a categorical field (event_type, sub_event_type)."""
    def score(gold: GoldEvent, pred: Prediction | None) -> bool | None:
        if not present(gold.get(name)):
            return None
        return get(pred, name) is not None and str(get(pred, name)).strip().lower() == str(gold[name]).strip().lower()
    return score


def _place_field(name: str) -> Scorer:
    """Agreement on admin1 / location after `place_key`."""
    def score(gold: GoldEvent, pred: Prediction | None) -> bool | None:
        if place_key(gold.get(name)) is None:
            return None
        return same_place(gold[name], get(pred, name))
    return score


def score_country(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Country agreement by ISO3 (predicted `country`, else its numeric `iso`); any of several gold countries."""
    label = gold.get("country")
    if not present(label):
        return None
    wanted = {c for c in (country_iso3(p) for p in split_country_label(str(label))) if c}
    if not wanted and fold(str(label)) in NOT_A_COUNTRY:
        return None
    predicted = country_iso3(get(pred, "country"))
    if predicted is None and get(pred, "iso") is not None:
        predicted = iso3_of_numeric(int(get(pred, "iso")))
    if wanted and predicted:
        return predicted in wanted
    return same_place(str(label), get(pred, "country"))


def score_any_place(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Prodigy spans / PLOVER eventLoc: a marked place equals the predicted location, admin2, admin1 or country."""
    places = gold.get("places")
    if not places:
        return None
    predicted = [get(pred, k) for k in ("location", "admin2", "admin1", "country")]
    predicted_iso = country_iso3(get(pred, "country"))
    for place in places:
        if any(same_place(place, p) for p in predicted if p):
            return True
        if predicted_iso and country_iso3(place) == predicted_iso:
            return True
    return False


def _pred_date(pred: Prediction | None) -> date | None:
    return as_date(get(pred, "event_date"))


def score_date_exact(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Exact day, where gold has a day."""
    g = gold_date(gold)
    if g is None or g.full is None:
        return None
    return _pred_date(pred) == g.full


def score_date_7d(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Within 7 days, where gold has a day."""
    g = gold_date(gold)
    if g is None or g.full is None:
        return None
    p = _pred_date(pred)
    return p is not None and abs(p - g.full) <= timedelta(days=7)


def score_date_parts(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Year (and month) agreement, where gold has only a year or year+month."""
    g = gold_date(gold)
    if g is None or g.full is not None:
        return None
    p = _pred_date(pred)
    return p is not None and p.year == g.year and (g.month is None or p.month == g.month)


def score_year_only(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Year agreement, where gold has only a year."""
    g = gold_date(gold)
    if g is None or g.month is not None:
        return None
    p = _pred_date(pred)
    return p is not None and p.year == g.year


def score_time_precision(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """ACLED time_precision (1 day, 2 week, 3 month), where gold has it."""
    wanted = number_in(gold.get("time_precision"), 1, 3)
    if wanted is None:
        return None
    return number_in(get(pred, "time_precision"), 1, 3) == wanted


def _fatalities(gold: GoldEvent, pred: Prediction | None) -> tuple[int, int | None] | None:
    wanted = number_in(gold.get("fatalities"), 0, 10**7)
    if wanted is None:
        return None
    got = get(pred, "fatalities")
    return wanted, (int(got) if got is not None else None)


def score_fatalities_exact(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Fatalities equal to gold."""
    pair = _fatalities(gold, pred)
    return None if pair is None else pair[1] == pair[0]


def score_fatalities_20pct(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """Fatalities within ±20% of gold (exact when gold is 0)."""
    pair = _fatalities(gold, pred)
    if pair is None:
        return None
    wanted, got = pair
    return got is not None and abs(got - wanted) <= 0.2 * wanted


def score_cause_of_death(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """FA-KES cause_of_death consistent with the predicted sub_event_type (cause_of_death.csv)."""
    cause = gold.get("cause_of_death")
    if not present(cause):
        return None
    allowed = cause_of_death_map().get(str(cause).strip().lower())
    if allowed is None:
        return None
    return get(pred, "sub_event_type") in allowed


ALL_ACTOR_KEYS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
GOLD_ACTOR_KEYS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def score_actor_class(gold: GoldEvent, pred: Prediction | None) -> bool | None:
    """FA-KES perpetrator class named by the predicted perpetrator side (actor1 / assoc_actor_1)."""
    label = gold.get("actor_class")
    if not present(label):
        return None
    pattern = actor_class_patterns().get(str(label).strip().lower())
    if pattern is None:
        return None
    return any(pattern.search(n) for n in actor_names(pred, ("actor1", "assoc_actor_1")))


def _actor_field(name: str) -> Scorer:
    """A gold actor (actor1 or actor2) found among the event's actors (ACLED actor pairs are undirected)."""
    def score(gold: GoldEvent, pred: Prediction | None) -> bool | None:
        if not present(gold.get(name)):
            return None
        return any(actors_match(gold[name], n) for n in actor_names(pred, ALL_ACTOR_KEYS))
    return score


def gold_actor_names(gold: GoldEvent) -> list[str]:
    """Every actor gold names for an event (actor1, actor2 and the associated actors, split on ';')."""
    return [n.strip() for k in GOLD_ACTOR_KEYS if present(gold.get(k)) for n in str(gold[k]).split(";") if n.strip()]


# Reported figures, in report order: (name, label, matching group, scorer). Only those a gold file labels appear.
FIELDS: list[tuple[str, str, str, Scorer]] = [
    ("event_type", "event_type accuracy", "type", _equal_field("event_type")),
    ("sub_event_type", "sub_event_type accuracy", "type", _equal_field("sub_event_type")),
    ("cause_of_death", "cause_of_death consistent with sub_event_type", "type", score_cause_of_death),
    ("actor_class", "actor_class named by actor1/assoc_actor_1", "actors", score_actor_class),
    ("actor1", "gold actor1 found", "actors", _actor_field("actor1")),
    ("actor2", "gold actor2 found", "actors", _actor_field("actor2")),
    ("country", "country accuracy", "place", score_country),
    ("admin1", "admin1 accuracy", "place", _place_field("admin1")),
    ("location", "location accuracy", "place", _place_field("location")),
    ("place", "event place found (any level)", "place", score_any_place),
    ("date_exact", "date exact (gold has a day)", "date", score_date_exact),
    ("date_within_7d", "date within 7 days (gold has a day)", "date", score_date_7d),
    ("date_parts", "date year/month match (partial gold date)", "date", score_date_parts),
    ("date_year_only", "year match (gold has only a year)", "date", score_year_only),
    ("time_precision", "time_precision accuracy", "date", score_time_precision),
    ("fatalities_exact", "fatalities exact", "fatalities", score_fatalities_exact),
    ("fatalities_20pct", "fatalities within 20%", "fatalities", score_fatalities_20pct),
]
MATCHING_GROUPS = ("place", "date", "type", "actors")
# The fields whose agreement chooses a match, by group (date_exact would double-count the 7-day window).
_MATCHERS: dict[str, list[Scorer]] = {
    g: [s for n, _, grp, s in FIELDS if grp == g and n not in ("date_exact", "date_year_only", "time_precision")]
    for g in MATCHING_GROUPS}


def agreement(gold: GoldEvent, pred: Prediction, groups: tuple[str, ...] = MATCHING_GROUPS) -> int:
    """How many labelled fields of the given groups a predicted event agrees on."""
    return sum(1 for g in groups for s in _MATCHERS[g] if s(gold, pred) is True)


def choose(gold: GoldEvent, candidates: list[Prediction], scored_group: str,
           matching: Matching = "honest") -> Prediction | None:
    """The candidate scored for a field of `scored_group`: the one agreeing most with gold on the other matching
    groups (honest) or on every group (optimistic); ties go to the higher confidence, then to the first."""
    groups = MATCHING_GROUPS if matching == "optimistic" else tuple(g for g in MATCHING_GROUPS if g != scored_group)
    best, best_key = None, None
    for pred in candidates:
        key = (agreement(gold, pred, groups), confidence(pred))
        if best_key is None or key > best_key:
            best, best_key = pred, key
    return best


def top_event(preds: list[Prediction]) -> Prediction | None:
    """The document's single answer: its most confident predicted event (the first among equals)."""
    best = None
    for p in preds:
        if best is None or confidence(p) > confidence(best):
            best = p
    return best


# ----------------------------------------------------------------------------------------------------- PLOVER
def plover_actor_found(actor: dict[str, str | None], names: list[str]) -> bool:
    """A PLOVER actor found among predicted actor names: by name (or alias), or by its ISO3/CAMEO country code."""
    gold = actor.get("name")
    if any(actors_match(gold, n) or contains_words(n, gold) for n in names):
        return True
    code = iso3_of_code(str(actor.get("code") or ""))
    return bool(code) and any(code in countries_in(n) for n in names)


def plover_found(gold: GoldEvent, dyads: list[Dyad], role: str, any_role: bool = False) -> bool | None:
    """All gold actors of a PLOVER role found in the document: sources among the acting sides of its dyads,
    targets among the receiving sides (or on either side with `any_role`). None when the role is unlabelled."""
    actors = gold.get(role) or []
    if not actors:
        return None
    side = 0 if role == "source_actors" else 1
    names = [n for d in dyads for n in (d[0] + d[1] if any_role else d[side])]
    return all(plover_actor_found(a, names) for a in actors)


def plover_source_and_target(gold: GoldEvent, dyads: list[Dyad], any_role: bool = False) -> bool | None:
    """Every labelled role of a PLOVER record found (records with neither are not counted)."""
    results = [plover_found(gold, dyads, r, any_role) for r in ("source_actors", "target_actors")]
    labelled = [r for r in results if r is not None]
    return all(labelled) if labelled else None


PLOVER_SCORERS: list[tuple[str, str, Callable[[GoldEvent, list[Dyad]], bool | None]]] = [
    ("source_found", "PLOVER source actors found as source", lambda g, d: plover_found(g, d, "source_actors")),
    ("target_found", "PLOVER target actors found as target", lambda g, d: plover_found(g, d, "target_actors")),
    ("source_and_target", "PLOVER source and target found, each in its role", plover_source_and_target),
    ("source_and_target_any_role", "PLOVER source and target found, either role",
     lambda g, d: plover_source_and_target(g, d, any_role=True)),
]


# ----------------------------------------------------------------------------------------------------- report
@dataclass
class Metric:
    """One reported figure. `unit` is "rate" (hits/total), "count" (hits out of total), "mean" (a mean over
    `total` documents), "km" (a median) or "f1" (a support-weighted F1; `total` is the number of documents).
    `top` is the same figure for the document's most confident event, where that differs from `value`."""

    name: str
    label: str
    value: float | None
    hits: int | None
    total: int
    unit: str = "rate"
    target: Target | None = None
    top: float | None = None

    @property
    def passed(self) -> bool | None:
        """True/False against the target; None when there is no target or nothing to score."""
        if self.target is None or self.value is None:
            return None
        return self.target.met(self.value)


@dataclass
class EvalReport:
    """The figures of one gold file (one half of it, or all) against one run output."""

    gold_path: str
    output_dir: str
    dataset: str
    gold_format: str
    half: str
    matching: str
    n_docs: int
    n_gold_events: int
    metrics: list[Metric] = field(default_factory=list)

    def metric(self, name: str) -> Metric:
        """The metric called `name` (KeyError if this gold file does not label it)."""
        for m in self.metrics:
            if m.name == name:
                return m
        raise KeyError(name)

    def as_dict(self) -> dict[str, float | None]:
        """Metric name -> value, for tests and JSON dumps."""
        return {m.name: m.value for m in self.metrics}

    def missed_targets(self) -> list[Metric]:
        """Metrics that miss their target."""
        return [m for m in self.metrics if m.passed is False]


def _rate(name: str, label: str, results: list[bool], target: Target | None,
          top: list[bool] | None = None) -> Metric:
    hits = sum(results)
    top_value = sum(top) / len(top) if top else None
    return Metric(name, label, hits / len(results) if results else None, hits, len(results), "rate", target,
                  top_value)


def dataset_key(gold_path: Path) -> str:
    """The key of a gold file in targets.json: its name without the .json/.jsonl extension
    ("fakes_syria.dev.jsonl" -> "fakes_syria.dev")."""
    name = Path(gold_path).name
    for ext in (".jsonl", ".json"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def evaluate(gold_path: Path, output_dir: Path, half: Half | None = None,
             matching: Matching = "honest") -> EvalReport:
    """Per-field figures of a run output against a gold file, on one half of its documents (None: all)."""
    gold_path, output_dir = Path(gold_path), Path(output_dir)
    kind = detect_format(gold_path)
    docs = load_gold(gold_path, half)
    run = load_run(output_dir)
    key = dataset_key(gold_path)
    targets = targets_for(key, kind)

    results: dict[str, list[bool]] = {n: [] for n, *_ in FIELDS + PLOVER_SCORERS}
    top_results: dict[str, list[bool]] = {n: [] for n, *_ in FIELDS}
    actor_hits = {"recall": [0, 0], "precision": [0, 0]}
    for doc in docs:
        preds = run.for_doc(doc.id)
        top = top_event(preds)
        for gold in doc.events:
            chosen = {g: choose(gold, preds, g, matching) for g in MATCHING_GROUPS + ("fatalities",)}
            for name, _, group, scorer in FIELDS:
                outcome = scorer(gold, chosen[group])
                if outcome is not None:
                    results[name].append(bool(outcome))
                    top_results[name].append(bool(scorer(gold, top)))
            _count_actor_matches(gold, chosen["actors"], actor_hits)
            if kind == "plover":
                for name, _, plover_scorer in PLOVER_SCORERS:
                    outcome = plover_scorer(gold, run.dyads_for(doc.id))
                    if outcome is not None:
                        results[name].append(bool(outcome))

    report = EvalReport(str(gold_path), str(output_dir), key, kind, half or "all", matching, len(docs),
                        sum(len(d.events) for d in docs))
    with_events = [d for d in docs if d.events] if kind == "devset" else docs  # detection: of the event articles
    detected = [bool(run.for_doc(d.id)) for d in with_events]
    report.metrics.append(_rate("detection", "documents with >= 1 predicted event", detected,
                                targets.get("detection")))
    no_event_docs = [d for d in docs if not d.events] if kind == "devset" else []
    if no_event_docs:  # articles that report nothing ACLED codes (a flood, a verdict, a robbery): every row is false
        report.metrics.append(_rate("false_documents", "no-event documents with >= 1 predicted event",
                                    [bool(run.for_doc(d.id)) for d in no_event_docs], targets.get("false_documents")))
        false_rows = [len(run.for_doc(d.id)) for d in no_event_docs]
        report.metrics.append(Metric("events_per_no_event_document", "predicted events per no-event document",
                                     statistics.fmean(false_rows), sum(false_rows), len(false_rows), "mean",
                                     targets.get("events_per_no_event_document")))
    n_preds = [len(run.for_doc(d.id)) for d in docs]
    report.metrics.append(Metric("events_per_article", "predicted events per document",
                                 statistics.fmean(n_preds) if n_preds else None, sum(n_preds), len(n_preds), "mean",
                                 targets.get("events_per_article")))
    if kind == "reference":
        report.metrics += _reference_metrics(docs, run, targets)
    for name, label, *_ in FIELDS + PLOVER_SCORERS:
        if results[name]:
            report.metrics.append(_rate(name, label, results[name], targets.get(name), top_results.get(name)))
    for which, label in (("recall", "gold actors found on the matched event (recall)"),
                         ("precision", "actors of the matched event that gold names (precision)")):
        hits, total = actor_hits[which]
        if total:
            report.metrics.append(Metric(f"actor_{which}", label, hits / total, hits, total, "rate",
                                         targets.get(f"actor_{which}")))
    report.metrics += _classification_metrics(docs, run, targets)
    return report


def _count_actor_matches(gold: GoldEvent, pred: Prediction | None, counts: dict[str, list[int]]) -> None:
    """Add one event's actor recall and precision counts (gold actors found; predicted actors gold names)."""
    wanted = gold_actor_names(gold)
    if not wanted:
        return
    got = actor_names(pred, ALL_ACTOR_KEYS)
    counts["recall"][0] += sum(1 for w in wanted if any(actors_match(w, g) for g in got))
    counts["recall"][1] += len(wanted)
    counts["precision"][0] += sum(1 for g in got if any(actors_match(w, g) for w in wanted))
    counts["precision"][1] += len(got)


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """F1 per gold class, averaged with the classes' support as weights (scikit-learn's "weighted" average)."""
    total = 0.0
    for cls in set(gold):
        tp = sum(1 for g, p in zip(gold, predicted) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, predicted) if g == cls and p != cls)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        total += f1 * gold.count(cls)
    return total / len(gold) if gold else 0.0


def _classification_metrics(docs: list[GoldDoc], run: RunOutput, targets: dict[str, Target]) -> list[Metric]:
    """Documents that each describe one event, read as a classification task (the short-description sets): the
    top predicted event's type against gold, a document without one counting as class "No event" (the gold class
    of labelled sentences that report none)."""
    single = [d for d in docs if len(d.events) == 1 and d.text is not None]
    out: list[Metric] = []
    for name in ("event_type", "sub_event_type"):
        labelled = [d for d in single if present(d.events[0].get(name))]
        if len(labelled) < 2 or len(labelled) < len(docs) / 2:
            continue
        gold = [str(d.events[0][name]) for d in labelled]
        predicted = [str(get(top_event(run.for_doc(d.id)), name) or NO_EVENT) for d in labelled]
        if len(set(gold)) < 3:  # one-type corpora (FA-KES, HRDsAttack) are not a classification test
            continue
        out.append(Metric(f"{name}_weighted_f1", f"{name} weighted F1 (top event per document)",
                          weighted_f1(gold, predicted), None, len(labelled), "f1", targets.get(f"{name}_weighted_f1")))
    return out


def match_reference(gold_events: list[GoldEvent], preds: list[Prediction]) -> list[tuple[int, int]]:
    """One-to-one greedy pairs (gold index, prediction index) with the same event_type; pairs that also share the
    sub_event_type go first, then pairs agreeing on more of the other fields."""
    pairs = []
    for gi, g in enumerate(gold_events):
        for pi, p in enumerate(preds):
            if present(g.get("event_type")) and get(p, "event_type") == g["event_type"]:
                same_sub = get(p, "sub_event_type") == g.get("sub_event_type")
                pairs.append((-int(same_sub), -agreement(g, p, ("place", "date", "actors")), gi, pi))
    used_g, used_p, chosen = set(), set(), []
    for _, _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            chosen.append((gi, pi))
    return chosen


def _reference_metrics(docs: list[GoldDoc], run: RunOutput, targets: dict[str, Target]) -> list[Metric]:
    """Reference events found with the right event_type (one-to-one), sub-type matches, extra predicted events."""
    total = sum(len(d.events) for d in docs)
    found = same_sub = extra = 0
    for doc in docs:
        preds = run.for_doc(doc.id)
        pairs = match_reference(doc.events, preds)
        found += len(pairs)
        same_sub += sum(1 for gi, pi in pairs
                        if get(preds[pi], "sub_event_type") == doc.events[gi].get("sub_event_type"))
        extra += len(preds) - len(pairs)
    return [
        Metric("reference_type_found", "reference events found with the right event_type", found, found, total,
               "count", targets.get("reference_type_found")),
        Metric("reference_sub_type_found", "... of which with the right sub_event_type", same_sub, same_sub, total,
               "count", targets.get("reference_sub_type_found")),
        Metric("extra_events", "predicted events matching no reference event", extra, extra,
               sum(len(run.for_doc(d.id)) for d in docs), "count"),
    ]
