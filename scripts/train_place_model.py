"""Fit the place model (transforms/data/place_model.json) on the TUNE halves of the dev sets.

    PYTHONPATH=. .venv/bin/python scripts/train_place_model.py            # fit, print figures, write nothing
    PYTHONPATH=. .venv/bin/python scripts/train_place_model.py --write    # ... and store the coefficients
    PYTHONPATH=. .venv/bin/python scripts/train_place_model.py --measure  # tune-half figures of the pipeline

Training data (tune halves only, `evaluation.splits.half_of`):
- data/devsets/event_location_gold.jsonl: one sentence, its event verb and the event's place (Prodigy spans);
- data/devsets/hrdsattack.dev.jsonl: gold country / admin1 / location of the article's event;
- data/devsets/fakes_syria.dev.jsonl: gold admin1 of the article's event (country Syria);
- data/devsets/acled_descriptions.dev.jsonl: gold country / admin1 / location of each note's event.

Examples: every place mention that `transforms.place_candidates` finds (in the event sentence for the Prodigy
set, in the whole article for the article sets) with each of its gazetteer candidates. The candidate model
(which candidate a name means) is trained on the article sets, one choice per ambiguous name and article: label
1 when the candidate lies where `mention_targets` says (the gold admin1 for a name of the gold place itself, a
gold country for any other name), on names where some but not all candidates do. The event model (which
mention is the event's place) is trained on the Prodigy sentences: label 1 for the gold span's mention.
Both are logistic regressions fitted by Newton steps with an L2 penalty: deterministic, numpy only.

Parsed documents are cached in /tmp/places-cache (a speed-up only: the cache key is the text and the model).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluation.splits import half_of  # noqa: E402
from evaluation.gold import load_gold  # noqa: E402
from transforms.ingest import make_article  # noqa: E402
from transforms.nlp import DEFAULT_MODEL, load_pipeline  # noqa: E402

DEVSETS = ROOT / "data" / "devsets"
CORPORA = {"event_location_gold": DEVSETS / "event_location_gold.jsonl",
           "hrdsattack": DEVSETS / "hrdsattack.dev.jsonl",
           "fakes_syria": DEVSETS / "fakes_syria.dev.jsonl",
           "acled_descriptions": DEVSETS / "acled_descriptions.dev.jsonl"}
# Sets with a gold country (and admin1 / location) per article: the candidate model's training data.
ARTICLE_SETS = ("hrdsattack", "fakes_syria", "acled_descriptions")
CACHE = Path("/tmp/places-cache")


def gold_docs(name: str, half: str = "tune", limit: int | None = None) -> list:
    """GoldDocs of one dev set's half (never the other half)."""
    docs = [d for d in load_gold(CORPORA[name], half) if d.text and half_of(d.id) == half]
    return docs[:limit] if limit else docs


def articles_of(docs: list) -> list:
    """Articles as the pipeline reads them (same normalisation, dates, titles)."""
    meta = lambda d: {"title": d.title, "source": d.source, "published_at": d.published_at}  # noqa: E731
    return [make_article(d.id, "devset", d.text, meta(d), 2_000_000, 0.0) for d in docs]


def parse(articles: list, model: str = DEFAULT_MODEL) -> list:
    """spaCy Docs of the articles, from the cache when the same texts were parsed before."""
    from spacy.tokens import DocBin  # noqa: PLC0415

    nlp = load_pipeline(model)
    key = hashlib.sha256("\x00".join([model, *(a.text for a in articles)]).encode()).hexdigest()[:20]
    path = CACHE / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    # user_data holds the clause frames and place caches: rebuilt on demand, and frames are not serialisable
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


# --------------------------------------------------------------------------------------------------- training
L2 = 1.0


def _clean(value: object) -> str | None:
    return str(value) if value and str(value).lower() not in ("none", "unknown", "nan") else None


def _gold_places(gold_doc) -> list[tuple[str, str | None, str | None]]:  # noqa: ANN001
    """(iso2, admin1 label or None, location or None) of each gold event of an article that names its country."""
    from evaluation.names import country_iso3  # noqa: PLC0415
    from transforms.places import iso2_of_iso3  # noqa: PLC0415

    out = []
    for event in gold_doc.events:
        iso2 = iso2_of_iso3(country_iso3(event.get("country")))
        if iso2:
            out.append((iso2, _clean(event.get("admin1")), _clean(event.get("location"))))
    return out


def mention_targets(text: str, places: list[tuple[str, str | None, str | None]]) -> list[tuple[str, str | None]]:
    """Where a mention's right candidate lies, as far as the gold says.

    A mention that names a gold place (its location or admin1) lies in that event's country and admin1. Any other
    mention is only taken to lie in a gold country: an article coded to Israel also names Gaza, Washington or
    Berlin, and asking the model to put those in the event's admin1 (or to prefer a same-named hamlet there over
    the city meant) taught it that small places win."""
    from evaluation.names import same_place  # noqa: PLC0415

    named = [(iso2, admin1) for iso2, admin1, location in places
             if same_place(text, location) or same_place(text, admin1)]
    return named or sorted({(iso2, None) for iso2, _a, _l in places})


def _matches(cand, targets: list[tuple[str, str | None]]) -> bool:  # noqa: ANN001
    from evaluation.names import same_place  # noqa: PLC0415
    from transforms.gazetteer import _gazetteer  # noqa: PLC0415

    names = _gazetteer().admin1_names
    for iso2, admin1 in targets:
        if cand.iso2 != iso2:
            continue
        if admin1 is None or (cand.admin1 and same_place(admin1, names.get((cand.iso2, cand.admin1)))):
            return True
    return False


def candidate_rows(limit: int | None = None) -> tuple[list[list[float]], list[int], list[str]]:
    """Candidate-model rows from the article sets' tune halves: for each ambiguous name of an article (2+
    candidates, some but not all where `mention_targets` says), its first mention's candidates. One choice per
    name and article: a report that names Gaza 25 times is one piece of evidence, not 25."""
    from transforms.place_candidates import (candidate_features, document_focus, resolve_mentions,  # noqa: PLC0415
                                             sentence_mentions)
    from evaluation.names import place_key  # noqa: PLC0415

    x, y, groups = [], [], []
    for name in ARTICLE_SETS:
        docs = gold_docs(name, limit=limit)
        arts = articles_of(docs)
        for gold, art, doc in zip(docs, arts, parse(arts)):
            places = _gold_places(gold)
            if not places:
                continue
            focus = document_focus(doc, art.title or "")
            seen: set[str | None] = set()
            for sent in doc.sents:
                mentions = sentence_mentions(sent)
                resolve_mentions(mentions, focus)
                for m in mentions:
                    key = place_key(m.text)
                    if len(m.candidates) < 2 or key in seen:
                        continue
                    targets = mention_targets(m.text, places)
                    labels = [int(_matches(c, targets)) for c in m.candidates]
                    if 0 < sum(labels) < len(labels):
                        seen.add(key)
                        for c, label in zip(m.candidates, labels):
                            x.append(candidate_features(m, c, focus))
                            y.append(label)
                            groups.append(f"{name}:{gold.id}:{m.start}")
    return x, y, groups


def _overlaps(m, doc, gold_spans: list[tuple[int, int, str]]) -> bool:  # noqa: ANN001
    from evaluation.names import same_place  # noqa: PLC0415

    start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
    for g_start, g_end, g_text in gold_spans:
        if same_place(g_text, m.text) or (g_text and (m.text in g_text or g_text in m.text)):
            return True
        if g_end > g_start and g_start < end and start < g_end and doc.text[g_start:g_end].strip() == g_text.strip():
            return True
    return False


def event_rows(limit: int | None = None) -> tuple[list[list[float]], list[int], list[str]]:
    """Event-model rows from event_location_gold's tune half: the place mentions of each gold event sentence
    that names 2+ places, label 1 for the gold event place's mention."""
    from transforms.place_candidates import document_focus, event_features  # noqa: PLC0415
    from transforms.places import placed_mentions  # noqa: PLC0415

    x, y, groups = [], [], []
    docs = gold_docs("event_location_gold", limit=limit)
    for gold, doc in zip(docs, parse(articles_of(docs))):
        row = _PRODIGY_ROW(gold.id)
        spans = [(s.get("start", 0), s.get("end", 0), s.get("text") or row["text"][s["start"]:s["end"]])
                 for s in row.get("spans", []) if s.get("label") == "LOCATION"]
        if not spans:
            continue
        trigger = _trigger_of(gold, doc)
        sent = trigger.sent if trigger is not None else next(doc.sents)
        focus = document_focus(doc)
        placed = placed_mentions(sent, focus)
        labels = [int(_overlaps(m, doc, spans)) for m, *_ in placed]
        if len(placed) < 2 or sum(labels) == 0:
            continue
        mentions = [m for m, *_ in placed]
        for (m, c, p, _pl), label in zip(placed, labels):
            x.append(event_features(m, mentions, c, p, trigger, doc, focus))
            y.append(label)
            groups.append(gold.id)
    return x, y, groups


def _PRODIGY_ROW(doc_id: str) -> dict:  # noqa: N802
    if not _PRODIGY:  # noqa: SIM102
        _trigger_of(None, None)
    return _PRODIGY.get(doc_id, {})


def _group_accuracy(w, x, y, groups) -> float:  # noqa: ANN001
    """Share of groups (a mention's candidates / a sentence's mentions) whose top-scored row is a positive."""
    import numpy as np  # noqa: PLC0415

    if not x:
        return 0.0
    scores = np.asarray(x) @ w
    best: dict[str, tuple[float, int]] = {}
    for s, label, g in zip(scores, y, groups):
        if g not in best or s > best[g][0]:
            best[g] = (float(s), label)
    return sum(label for _s, label in best.values()) / max(1, len(best))


def train(limit: int | None = None, write: bool = False) -> dict:
    import numpy as np  # noqa: PLC0415

    from transforms import place_model  # noqa: PLC0415

    place_model.set_coefficients({"candidate": dict.fromkeys(place_model.CANDIDATE_FEATURES, 0.0),
                                  "event": dict.fromkeys(place_model.EVENT_FEATURES, 0.0)})
    cx, cy, cg = candidate_rows(limit)
    zeros_c, zeros_e = np.zeros(len(place_model.CANDIDATE_FEATURES)), np.zeros(len(place_model.EVENT_FEATURES))
    cw = place_model.fit_logistic(np.asarray(cx), np.asarray(cy), L2) if cx else zeros_c
    table = {"candidate": {n: float(v) for n, v in zip(place_model.CANDIDATE_FEATURES, cw)},
             "event": dict.fromkeys(place_model.EVENT_FEATURES, 0.0)}
    place_model.set_coefficients(table)  # the event rows use the fitted candidate model's choices
    ex, ey, eg = event_rows(limit)
    ew = place_model.fit_logistic(np.asarray(ex), np.asarray(ey), L2) if ex else zeros_e
    place_model.set_coefficients(None)
    info = {"candidate": {"rows": len(cy), "groups": len(set(cg)), "positives": int(sum(cy)),
                          "tune_top1_accuracy": round(_group_accuracy(cw, cx, cy, cg), 4),
                          "data": "tune halves of hrdsattack.dev.jsonl, fakes_syria.dev.jsonl and "
                                  "acled_descriptions.dev.jsonl; one choice per ambiguous name and article"},
            "event": {"rows": len(ey), "groups": len(set(eg)), "positives": int(sum(ey)),
                      "tune_top1_accuracy": round(_group_accuracy(ew, ex, ey, eg), 4),
                      "data": "tune half of event_location_gold.jsonl"},
            "l2": L2}
    for kind, names, w in (("candidate", place_model.CANDIDATE_FEATURES, cw), ("event", place_model.EVENT_FEATURES, ew)):
        print(f"{kind} model: {info[kind]['rows']} rows, {info[kind]['groups']} choices, "
              f"top-1 on its tune rows {info[kind]['tune_top1_accuracy']:.3f}")
        for n, v in zip(names, w):
            print(f"  {n:24s} {v:+.3f}")
    text = place_model.to_json(cw, ew, info)
    if write:
        place_model.MODEL_JSON.write_text(text, encoding="utf-8")
        place_model.set_coefficients(None)
        print(f"wrote {place_model.MODEL_JSON.relative_to(ROOT)}")
    return json.loads(text)


# ------------------------------------------------------------------------------------------------ measurement
PLACE_FIELDS = ("country", "admin1", "location", "place")


def _honest_match(gold: dict, reports: list[dict]) -> dict | None:
    """The report scored for a place field, chosen as `python -m evaluation` does (honest matching: by agreement
    on date, type and actors, never on the place itself; ties to confidence)."""
    from evaluation.scoring import choose  # noqa: PLC0415

    return choose(gold, reports, "place", "honest")


def event_place_hits(docs: list, parsed: list, verbose: bool = False) -> list[bool]:
    """Prodigy sentences: is the place chosen for the gold event verb one of the gold places (any level)?"""
    from evaluation.scoring import score_any_place  # noqa: PLC0415
    from transforms.places import choose_event_place, document_countries  # noqa: PLC0415

    hits = []
    for gold, doc in zip(docs, parsed):
        trigger = _trigger_of(gold, doc)
        sent = trigger.sent if trigger is not None else next(doc.sents)
        place = choose_event_place(sent, trigger, doc, document_countries(doc))
        pred = None if place is None else {"location": place.location, "admin1": place.admin1,
                                           "country": place.country}
        ok = score_any_place(gold.events[0], pred)
        if ok is None:
            continue
        hits.append(ok)
        if verbose and not ok:
            print(f"  MISS {gold.id}: gold={gold.events[0]['places']} pred={pred} | {doc.text[:160]}")
    return hits


_PRODIGY: dict[str, dict] = {}


def _trigger_of(gold, doc):  # noqa: ANN001, ANN202
    """The token of the gold VERB span (by its offsets, else by its text)."""
    if not _PRODIGY:  # noqa: SIM102
        seen: dict[str, int] = {}
        for line in CORPORA["event_location_gold"].read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            base = str(row.get("_id")).strip()
            seen[base] = seen.get(base, 0) + 1
            _PRODIGY[base if seen[base] == 1 else f"{base}#{seen[base]}"] = row
    if gold is None:
        return None
    row = _PRODIGY.get(gold.id, {})
    verb = next((s for s in row.get("spans", []) if s.get("label") == "VERB"), None)
    if verb is None:
        return None
    text = verb.get("text") or doc.text[verb["start"]:verb["end"]]
    token = next((t for t in doc if t.idx == verb["start"] and t.text == text.split()[0]), None)
    if token is None:
        token = next((t for t in doc if t.text == text.split()[0]), None)
    return token or next((t for t in doc if t.idx >= verb["start"]), None)


def article_figures(name: str, docs: list, parsed: list, verbose: bool = False) -> dict[str, float]:
    """Country / admin1 / location accuracy of the report chosen by honest matching (and of the top report)."""
    from evaluation.scoring import FIELDS  # noqa: PLC0415
    from transforms.extract import extract_document  # noqa: PLC0415

    scorers = {n: s for n, _l, _g, s in FIELDS if n in ("country", "admin1", "location")}
    results: dict[str, list[bool]] = {}
    per_article = []
    for gold, art, doc in zip(docs, articles_of(docs), parsed):
        reports = extract_document(doc, art)
        per_article.append(len(reports))
        top = max(reports, key=lambda r: float(r.get("confidence") or 0.0), default=None)
        for g in gold.events:
            pred = _honest_match(g, reports)
            for field, scorer in scorers.items():
                for tag, p in (("", pred), ("top_", top)):
                    ok = scorer(g, p)
                    if ok is not None:
                        results.setdefault(tag + field, []).append(bool(ok))
                if verbose and scorer(g, pred) is False:
                    got = pred and {k: pred.get(k) for k in ("location", "admin1", "country")}
                    print(f"  MISS {name} {gold.id} {field}: gold={g.get(field)!r} pred={got}")
    out = {k: sum(v) / len(v) for k, v in sorted(results.items())}
    out.update({f"n_{k}": len(v) for k, v in sorted(results.items()) if not k.startswith("top_")})
    out["reports_per_article"] = sum(per_article) / max(1, len(per_article))
    return out


def measure(limit: int | None = None, verbose: bool = False, only: str | None = None) -> None:
    for name in CORPORA:
        if only and name != only:
            continue
        docs = gold_docs(name, limit=limit)
        parsed = parse(articles_of(docs))
        if name == "event_location_gold":
            hits = event_place_hits(docs, parsed, verbose)
            print(f"{name} (tune, n={len(hits)}): event's own place chosen {sum(hits) / len(hits):.3f}")
        else:
            figures = article_figures(name, docs, parsed, verbose)
            print(f"{name} (tune): " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                                  for k, v in figures.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--measure", action="store_true")
    parser.add_argument("--parse-only", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--only", default=None)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.limit, args.verbose, args.only)
        return 0
    train(args.limit, args.write)
    if args.parse_only:
        for name in CORPORA:
            docs = gold_docs(name, limit=args.limit)
            parse(articles_of(docs))
            print(name, len(docs))
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
