"""Articles -> candidate event reports: one row per event-reporting clause, with every field resolved.

This module only assembles: `events` finds and classifies clauses, `event_typing` has the learned typer review
them, `sides` (with `actors`) names who acted, `places` picks where, `dates` when, `fatalities` how many died.
Each report is a plain dict keyed by the columns of `schemas.tables.CANDIDATE_FIELDS`; `merge` later folds
reports of one real-world event into one row.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from schemas.vocabularies import INTER_LABELS, sub_event
from transforms import confidence
from transforms.clause_frames import frame_of
from transforms.actor_tables import Actor
from transforms.coreference import DATE_SOURCE, PLACE_SOURCE, corefer, lead_paragraph_end
from transforms.dates import resolve_event_date_with_source
from transforms.event_typing import Reading, propose, review
from transforms.event_lexicon import COMBAT_NEUTRAL, trigger_lemma
from transforms.events import EventClause, detect_events
from transforms.fatalities import count_fatalities, is_civilian_targeting
from transforms.ingest import UNKNOWN_SOURCE, Article
from transforms.merge import PLACE_KEYS
from transforms.nlp import load_pipeline
from transforms.places import (Place, choose_event_place_with_source, country_place, document_countries,
                               iso2_of_iso3, iso3_of_iso2)
from transforms.sides import ARMED, CIVILIANS, TERRITORY_SUBS, acled_order, event_sides

# Version of the extraction rules: part of the key under which extracted reports are reused (a rerun re-extracts
# every article when it differs from the version that extracted it). Bump it when a change to transforms/ should
# reach articles extracted before.
EXTRACTOR_VERSION = "2027.01.10"  # 2027.01.10: "seized Ivan Fedorov" is an abduction, "seized Palmyra" a take-over where the entity model calls the town a person; 2027.01.09: ACLED's admin1 levels (Uganda's districts, Shan-North) and names ("Zaporizhia", "Hrodna"), bracketed districts, "(X, Jammu and Kashmir)", "the Chadian town of X" has no namesake abroad, tribes are no towns, names cut at a particle read whole; 2027.01.08: one name, one place per article; "X southeast of Y" links, beside within 100 km; the bigger town holds the quarter; compass and event words are no unknown places; a consonant-only match believed in the main country alone; 2027.01.07: "the Syrian capital", "the capital of Iraq", a bare "the capital" are the capital; ACLED's admin1 names for 29 subdivisions ("Bangkok", "Sud-Kivu", "West Java"); 2027.01.06: "one week after X" dates X, not what precedes it; a headline word the article writes in lower case is no place; a telling whose sentence names no place joins its article's firmer telling of the same day and type and takes its place, a quarter named without its town lies in the article's subdivision, "seven days of airstrikes" is a tally; 2027.01.05: "the districts/sectors/areas of X" and "X Syrias ..." make X a place, towns in capitals title-cased, identity words ("Christian villages") and "Human" are no places, "Tehran's crackdown" is the government's, "the Idlib town of X" is X in Idlib; 2027.01.04: the typer turns an armed event into a crowd event only where the sentence names a crowd; 2027.01.03: typer retrained with the 350 tune snippets, confidence refitted; 2027.01.02: "the town of X" keeps X a place when the entity model called it a nationality, place model refitted; 2027.01.01: chants and slogans mark a protest, gunmen firing on a rally attack it, a group named only to qualify another ("al Qaeda-linked") is none of the article's groups; 2026.12.31: quarrels, robberies and accidents told by their cause are no events; a bomb thrown by hand is a grenade, one worn a suicide bomb; what an inquiry, a warrant or an upheld sentence is about is no report; .30: the one named armed group of an article is who its "insurgents" are; events older than a month that only a later paragraph tells are context; routine deployments and commemorations are no events; .29: backstory older than a year and outside the lead paragraph, accidents, ordinary crime, planned protests and court sentences are no events; settlers; the village an attack was on; .28: airport codes, world-city spellings, "Congo", direction words, seats, treaties and speakers' places no longer move events abroad; a force's name and a dated dateline count for the focus; one event told twice takes its higher outcome; crowds named by the event type; a reported "it" is the speaker; who struck a mine was hit; a paragraph goes on from the town before it, a dateline's town is no subject, regime periods for 102 more countries, "Valle del Cauca" kept whole, natural hazards are no events; place model refitted; .27: a people named by its plural ("Hazaras", "Buddhists") are people hit, never a place; .26: who fired the rockets a chemical fills, the garrison encircled before a town is retaken, Russian mercenaries are the Wagner Group; .25: hyphenated place names kept whole, claims in the passive, place model refitted; .24: "British Columbia" is no Columbia owned by Britain, California not "Golden", a bracket the entity swallowed cut off, place model refitted, Mali's "Timbuktu" region; .23: admin1 names without local generic words ("Seoul", not "Seoul-teukbyeolsi"); .22: identity groups of victims and crowds, a retyped clause read from the main verb, a proposal from a verb of its type; .21: an organisation's seat and a broadcaster's name are no places, typer retrained with the fresh tune notes, a proposal may overrule a trigger the rules turned down, confidence refitted; .20: sites and quarters of a named town coded to the town, world cities over namesakes, bracketed towns, place appositives, place model refitted; .19: whose aircraft or launcher struck, the side driven out of a place taken, crowd events in ACLED's order, associates stay with their actor, movements lead protests, "X state" read with its state, bombers are no civilians, "with artillery" is no side; .18: acronyms the article spells out give ACLED names, 200 table actors, ethnic and clan militias, launchers of disrupted weapons, possessive countries over adjectives; .17: a later claim or blame names an unnamed perpetrator, groups before lower-case "gang"/"coalition" and "gunmen", who withdrew is the other side of a take-over, Islamic State country branches; .16: a month after "since" does not date the undated sentences after it; .15: "IS" read as the Islamic State, not the verb (token_norms); .14: typer retrained with 331 narrative article sentences (train_articles_d), confidence refitted; .13: the typer reads a sentence embedding (all-MiniLM-L6-v2), no drop bound, confidence refitted; .12: place model refitted on cleaner candidate labels, territory police, trailing directions, conjunct subjects, crowd events' force; .11: mislabeled town names found by the words around them, possessive and bracketed containers, towns kept in the subdivision the text names, captures of towns tagged as groups, container nouns; .10: possessive countries without apostrophes, towns abroad not believed against their container or in passing; .9: a toll over weeks or months is a tally, no fatalities; .8: districts (admin2), typer retrained on 198 more sentences, drop bound 0.95, retype 0.2/0.5; .7: confidence weighs the typer, bars 0.6 / lead 0.08, "Niger state"; .6: one-sided strikes, word senses, St/Saint, Russian admin1, drop bound 0.9; .5: the learned typer reviews the clauses; .4: one clause frame and mood
# text before a sentence that may carry its date ("On Monday, ... . Later, ..."): the article's narrative anchors an
# undated telling to the last date told before it, a few sentences back (dates.resolve_event_date_with_source)
CONTEXT_CHARS = 1500


@dataclass(frozen=True)
class DocStats:
    input_id: str
    n_sentences: int
    n_events: int
    # (text, label) of the named entities in event sentences: the raw material of the unknown-actor report
    entities: tuple[tuple[str, str], ...] = ()
    error: str | None = None  # why extraction of this article failed (its reports are left out, the run goes on)


def _paragraph_context(doc: Doc, sent: Span) -> str:
    """Text of the same paragraph before `sent`, at most CONTEXT_CHARS."""
    start = max(0, sent.start_char - CONTEXT_CHARS)
    before = doc.text[start:sent.start_char]
    return before.rsplit("\n\n", 1)[-1]


def report_from_clause(clause: EventClause, doc: Doc, article: Article, countries: Sequence[str]) -> dict:
    """One candidate report with every event column resolved (nulls where the text does not say)."""
    return report_and_features(clause, doc, article, countries)[0]


def report_and_features(clause: EventClause, doc: Doc, article: Article, countries: Sequence[str],
                        reading: Reading | None = None) -> tuple[dict, dict[str, float]]:
    """The report and the facts its confidence was computed from (what `scripts/calibrate_confidence.py` fits);
    `reading`: the learned typer's reading of the clause (None: the rules' clause alone)."""
    sent = clause.sentence
    event_date, precision, date_source = resolve_event_date_with_source(
        sent.text, article.published_at, _paragraph_context(doc, sent), anchor=clause.trigger.idx - sent.start_char)
    place, place_source = choose_event_place_with_source(sent, clause.trigger, doc, countries)
    side1, side2, named = event_sides(clause, event_date, countries[0] if countries else None, place)
    place = _counterpart_place(clause, place, side2)
    sub = _refine_by_actors(clause, side1 if named else [], side2, place)
    info = sub_event(sub)
    fatalities = count_fatalities(sent.text) if info.disorder_type != "Strategic developments" else 0
    civilian = info.event_type == "Violence against civilians" or (
        any(a.inter == CIVILIANS for a in side2) and is_civilian_targeting(sent.text))
    told_actor1 = side1[0].name if side1 else None  # the confidence model was fitted on sides as told
    side1, side2 = acled_order(info.event_type, info.sub_event_type, side1, side2)
    a1 = side1[0] if side1 else None
    a2 = side2[0] if side2 else None
    report = {
        "doc_id": article.doc_id,
        "sentence": sent.text,
        "char_start": sent.start_char,
        "char_end": sent.end_char,
        "trigger": clause.trigger.text,
        "event_date": event_date,
        "year": event_date.year if event_date else None,
        "time_precision": precision,
        "disorder_type": info.disorder_type,
        "event_type": info.event_type,
        "sub_event_type": info.sub_event_type,
        "action": clause.action,
        "actor1": a1.name if a1 else None,
        "assoc_actor_1": "; ".join(a.name for a in side1[1:]) or None,
        "inter1": INTER_LABELS[a1.inter] if a1 else None,
        "actor2": a2.name if a2 else None,
        "assoc_actor_2": "; ".join(a.name for a in side2[1:]) or None,
        "inter2": INTER_LABELS[a2.inter] if a2 else None,
        "civilian_targeting": bool(civilian),
        "fatalities": int(fatalities),
        "source": article.source or UNKNOWN_SOURCE,
        "published_at": article.published_at,
        DATE_SOURCE: date_source,  # not a column: read (and dropped) by coreference
        PLACE_SOURCE: place_source,  # not a column either
    }
    report.update(_place_columns(place))
    facts = confidence.features(clause.confidence, {**report, "actor1": told_actor1}, named,
                                (reading.support, reading.no_event) if reading else None)
    report["confidence"] = confidence.calibrated(facts)
    return report, facts




def _is_armed(actor: Actor) -> bool:
    """An organised armed actor: state forces, rebels, militias, external forces (not a government as such)."""
    return actor.inter in ARMED and not actor.name.startswith("Government of")


def _refine_by_actors(clause: EventClause, named_side1: list[Actor], side2: list[Actor],
                      place: Place | None) -> str:
    """The sub-event type once the actors are known (ACLED decides these by who fought whom):

    - a clash whose other side is civilians is violence against civilians (Attack);
    - a killing or attack that names no tactic, against armed men, is a battle (Armed clash): "the army killed
      12 Nusra fighters", "YPG killed 17 Turkish soldiers";
    - territory taken by the state's own forces (alone or with allies) is "Government regains", by anyone else
      (rebels, militias, a foreign army) "Non-state actor overtakes";
    - people "arrested" by a rebel group or militia are abducted.
    """
    sub = clause.sub_event_type
    if side2 and any(a.inter == CIVILIANS for a in side2) and sub == "Armed clash":
        return "Attack"  # armed actors against unarmed people is violence against civilians, not a battle
    if (sub == "Attack" and trigger_lemma(clause.trigger) in COMBAT_NEUTRAL and side2
            and all(_is_armed(a) for a in side2)):
        return "Armed clash"
    named_side1 = [a for a in named_side1 if not a.name.startswith("Unidentified")]  # no side known
    if sub in TERRITORY_SUBS and named_side1:
        country = iso3_of_iso2(place.iso2) if place and place.iso2 else None

        def own_state(actor: Actor) -> bool:
            return actor.inter == 1 and not actor.name.startswith("Government of") and (
                country is None or actor.country in (None, country))

        if any(own_state(a) for a in named_side1):  # "Rwandan and Mozambican soldiers recaptured ..."
            return "Government regains territory"
        taker = named_side1[0]
        if taker.inter in (2, 3, 4, 8) or (taker.inter == 1 and country and taker.country not in (None, country)):
            return "Non-state actor overtakes territory"
    if sub == "Arrests" and named_side1 and all(a.inter in (2, 3, 4) for a in named_side1):
        return "Abduction/forced disappearance"  # ACLED: an armed group's "arrest" is an abduction
    return sub


def _counterpart_place(clause: EventClause, place: Place | None, side2: list[Actor]) -> Place | None:
    """An agreement "with Iraq" that names no place of its own is coded to the counterpart state (precision 3).

    Why: the document's most-named country is usually the *subject's* (Russia in a story about Russia's deals),
    while agreements and meetings are reported from, and located by ACLED at, the counterpart's seat more often.
    """
    if clause.sub_event_type != "Agreement" or (place is not None and place.geo_precision < 3):
        return place
    iso2 = next((iso2_of_iso3(a.country) for a in side2 if a.inter in (1, 8) and a.country), None)
    return country_place(iso2) if iso2 else place


def _place_columns(place: Place | None) -> dict:
    if place is None:
        return dict.fromkeys(PLACE_KEYS)
    return {k: getattr(place, k) for k in PLACE_KEYS}


def extract_document(doc: Doc, article: Article, min_confidence: float = confidence.MIN_PUBLISHED_CONFIDENCE,
                     min_lead_confidence: float = confidence.MIN_LEAD_CONFIDENCE,
                     clauses: list[dict] | None = None) -> list[dict]:
    """The candidate reports of one parsed article: the tellings of one event given its values (coreference),
    events less confident than `min_confidence` left out (the article's lead event: `min_lead_confidence`).
    `clauses`: the article's `event_clause_reports`, when the caller already has them."""
    if clauses is None:
        clauses = event_clause_reports(doc, article)
    return corefer(clauses, min_confidence, min(min_confidence, min_lead_confidence), article.published_at,
                   confidence.BACKGROUND_DAYS, lead_paragraph_end(doc.text), confidence.MIN_NEXT_LEAD_CONFIDENCE,
                   confidence.RECENT_DAYS)


def event_clause_reports(doc: Doc, article: Article, reviewed: bool = True) -> list[dict]:
    """One report per event clause of the article (the rules' clauses as the learned typer reviews them; the
    rules' alone with `reviewed=False`), before coreference and the publication bar. The typer's reading of a
    reviewed clause is one of the facts its confidence weighs (`transforms.confidence`)."""
    if not reviewed:
        countries = document_countries(doc, title=article.title or "")
        return [report_from_clause(c, doc, article, countries) for c in detect_events(doc)]
    return [report for report, _ in reviewed_reports_and_features(doc, article)]


def interaction_rows(doc: Doc, article: Article, reports: Sequence[dict]) -> list[dict]:
    """The article's PLOVER-style interactions (rows of the interactions table), each marked with whether its
    clause (its frame: `transforms.clause_frames`) also gave an ACLED event report."""
    from transforms.interactions import extract_interactions  # noqa: PLC0415 - keeps this module importable alone

    countries = document_countries(doc, title=article.title or "")
    heads: list[int] = []
    rows = extract_interactions(doc, article.published_at, countries, head_index=heads)
    coded = _coded_heads(doc, reports)
    return [{**row, "doc_id": article.doc_id, "coded_as_event": head in coded} for row, head in zip(rows, heads)]


def _coded_heads(doc: Doc, reports: Sequence[dict]) -> set[int]:
    """Head token indices of the clauses whose trigger gave a report (the report keeps its trigger's text and its
    sentence's offsets)."""
    coded: set[int] = set()
    for r in reports:
        sent = doc.char_span(r["char_start"], r["char_end"], alignment_mode="expand")
        for tok in sent if sent is not None else ():
            if tok.text == r["trigger"]:
                frame = frame_of(tok)
                if frame is not None:
                    coded.add(frame.head)
    return coded


@dataclass(frozen=True)
class BatchResult:
    reports: list[dict]        # candidate event reports (candidates table)
    interactions: list[dict]   # interaction clauses (interactions table)
    stats: list[DocStats]      # per-article counts and the entities of event sentences


def extract_batch(articles: Sequence[Article], model: str, batch_size: int = 32) -> BatchResult:
    """Parse a batch of articles with one `nlp.pipe` call and extract their reports and interactions.

    One article whose extraction raises does not fail the batch: its `DocStats.error` says why and it gives no
    rows. If the parse itself raises, the rest of the batch is parsed one article at a time, so only the article
    that cannot be parsed is lost.

    Runs inside spaCy's memory zone: strings the batch adds to the vocabulary are freed when it ends, so a
    long-lived worker does not grow with the corpus (nothing that refers to a Doc leaves this function)."""
    nlp = load_pipeline(model)
    result = BatchResult([], [], [])
    done = 0
    with nlp.memory_zone():
        try:
            for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
                _extract_into(result, doc, article)
                done += 1
        except Exception:  # noqa: BLE001 - a parse failed somewhere in the rest of the batch: isolate it
            for article in articles[done:]:
                try:
                    doc = nlp(article.text)
                except Exception as err:  # noqa: BLE001 - recorded on the article
                    result.stats.append(DocStats(article.input_id, 0, 0, error=_reason("parse", err)))
                    continue
                _extract_into(result, doc, article)
    return result


def _reason(step: str, err: BaseException) -> str:
    return f"{step} failed: {type(err).__name__}: {err}"[:500]


def _extract_into(result: BatchResult, doc: Doc, article: Article) -> None:
    """Extract one parsed article into `result`; a failure is recorded in its stats, with no partial rows."""
    try:
        clauses = event_clause_reports(doc, article)
        found = extract_document(doc, article, clauses=clauses)
        interactions = interaction_rows(doc, article, found)
        # every sentence the extractor read an event in, published or not: where unknown actors are worth listing
        sentences = {(r["char_start"], r["char_end"]) for r in clauses}
        entities = tuple((e.text, e.label_) for e in doc.ents if (e.sent.start_char, e.sent.end_char) in sentences)
        n_sentences = sum(1 for _ in doc.sents)
    except Exception as err:  # noqa: BLE001 - one article's failure is recorded, not raised
        result.stats.append(DocStats(article.input_id, 0, 0, error=_reason("extraction", err)))
        return
    result.reports.extend(found)
    result.interactions.extend(interactions)
    result.stats.append(DocStats(article.input_id, n_sentences, len(found), entities))


def batches(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def reviewed_reports_and_features(doc: Doc, article: Article) -> list[tuple[dict, dict[str, float]]]:
    """Each event clause the learned typer keeps (or proposes), as a report with its confidence facts."""
    countries = document_countries(doc, title=article.title or "")
    clauses = detect_events(doc)
    readings = review(clauses) if clauses else propose(doc)
    return [report_and_features(r.clause, doc, article, countries, r) for r in readings]
