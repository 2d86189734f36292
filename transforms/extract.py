"""Articles -> candidate event reports: one row per event-reporting clause, with every field resolved.

This module only assembles: `events` finds and classifies clauses, `actors` names who acted, `places` picks
where, `dates` when, `fatalities` how many died. Each report is a plain dict keyed by the columns of
`schemas.tables.CANDIDATE_FIELDS`; `merge` later folds reports of one real-world event into one row.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from schemas.vocabularies import INTER_LABELS, sub_event
from transforms import confidence
from transforms.actors import (Actor, countries_in, generic_actor, harmed_phrases, is_party, resolve_actors,
                              state_actor, victims_in)
from transforms.coreference import DATE_SOURCE, corefer
from transforms.dates import resolve_event_date_with_source
from transforms.events import COMBAT_NEUTRAL, EventClause, detect_events, trigger_lemma
from transforms.fatalities import count_fatalities, is_civilian_targeting
from transforms.ingest import UNKNOWN_SOURCE, Article
from transforms.nlp import load_pipeline
from transforms.places import (Place, choose_event_place, country_place, document_countries, iso2_of_iso3,
                               iso3_of_iso2)

CIVILIANS = 7
# Version of the extraction rules: part of the key under which extracted reports are reused (a rerun re-extracts
# every article when it differs from the version that extracted it). Bump it when a change to transforms/ should
# reach articles extracted before.
EXTRACTOR_VERSION = "2026.12.3"  # 2026.12.3: bracketed subdivisions, victims and local acronyms, year-only dates
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


# When a report names no actor, ACLED still codes one: the generic actor of the event's kind, in its country.
UNNAMED_ACTOR_CLASS = {"Battles": "unidentified", "Explosions/Remote violence": "unidentified",
                       "Violence against civilians": "unidentified", "Protests": "protesters", "Riots": "rioters"}


# The kind of event an actor takes part in decides the type of a name the tables lack ("X Party" in a battle is a
# political militia, in a protest the protesters' organisation): see `resolve_actor`'s `setting`.
SETTINGS = {"Battles": "violent", "Explosions/Remote violence": "violent", "Violence against civilians": "violent",
            "Protests": "protest", "Riots": "riot"}


# A crowd event's own generic actor and the inter code a named organisation in it gets (see actors_cues.csv).
CROWD_OF = {"Protests": ("protesters", 6), "Riots": ("rioters", 5)}


# Sub-event types whose other side is who suffered it: "five militants were arrested" names no arrester.
PATIENT_SIDE2 = frozenset({"Arrests", "Abduction/forced disappearance", "Sexual violence"})


def _sides(clause: EventClause, event_date, context_iso2: str | None,  # noqa: ANN001
           place: Place | None) -> tuple[list[Actor], list[Actor], bool]:
    """Actors of both sides; civilians always end up on side 2 (ACLED); an unnamed side 1 of violence or a
    protest becomes the generic actor of its kind (Unidentified Armed Group, Protesters, Rioters). The flag says
    whether side 1 was read from the text (False when it is such a stand-in, or empty)."""
    from transforms.events import RECIPROCAL_LEMMAS  # noqa: PLC0415

    event_country = iso3_of_iso2(place.iso2) if place and place.iso2 else None
    context_country = event_country or iso3_of_iso2(context_iso2)
    setting = SETTINGS.get(clause.event_type)

    def resolve(country: str | None) -> tuple[list[Actor], list[Actor]]:
        return (resolve_actors(clause.agents, event_date=event_date, context_country=country,
                               event_country=event_country, setting=setting),
                resolve_actors(clause.targets, event_date=event_date, context_country=country,
                               event_country=event_country, setting=setting))

    if context_country is None:  # no place: the sentence's own country words ("Nigerian Army troops")
        context_country = next(iter(countries_in(clause.sentence)), None)
    side1, side2 = resolve(context_country)
    if context_country is None:
        # still none: the home country of a named group (else of a state force) in the clause ("RSF fighters
        # shelled ...": Sudan; "FAMa soldiers executed ...": Mali)
        found = [a for a in side1 + side2 if a.country and a.inter in (1, 2, 3, 4)]
        home = next((a.country for a in sorted(found, key=lambda a: a.inter == 1)), None)
        if home:
            context_country = home
            side1, side2 = resolve(context_country)
    if not side2:  # "captured X after fighting with Y", "retook X from Y", "intercepted drones launched by Y"
        side2 = [a for a in resolve_actors(_other_side_spans(clause), event_date=event_date,
                                           context_country=context_country, event_country=event_country,
                                           setting=setting) if a.inter != CIVILIANS]
    if not side2 and clause.event_type == "Explosions/Remote violence":
        # "ten police personnel ... were killed when Maoists blew up their vehicle": the armed dead are the target
        side2 = [a for a in resolve_actors(harmed_phrases(clause.sentence, clause.agents), event_date=event_date,
                                           context_country=context_country, event_country=event_country,
                                           setting=setting)
                 if a.inter in ARMED and not is_party(a) and a not in side1][:1]
    side2 = [a for a in side2 if a not in side1]
    if (not side2 and len(clause.agents) == 1 and len(side1) >= 2
            and trigger_lemma(clause.trigger) in RECIPROCAL_LEMMAS):
        side1, side2 = side1[:1], side1[1:]  # "Ukrainian and Russian forces clashed": one side each
    if side1 and all(a.inter == CIVILIANS for a in side1) and side2:
        side1, side2 = side2, side1
    if not side1 and side2 and any(a.inter != CIVILIANS for a in side2) and clause.sub_event_type not in PATIENT_SIDE2:
        # "two policemen and three attackers were killed": the dead of both sides; the non-state one is more
        # often the attacker the article names elsewhere (its other tellings then agree on who is actor1)
        armed = [a for a in side2 if a.inter != CIVILIANS]
        side1 = sorted(armed, key=lambda a: a.inter not in (2, 3, 4))[:1]
        side2 = [a for a in side2 if a not in side1]
    crowd = CROWD_OF.get(clause.event_type)
    if crowd and side1 and all(a.inter in (crowd[1], CIVILIANS) for a in side1) and any(
            a.inter == crowd[1] for a in side1) and not any(a.name.startswith(("Protesters", "Rioters")) for a in side1):
        # ACLED: a protest by a named union, party or group is "Protesters (X)" with the group as assoc_actor_1
        protesters = generic_actor(crowd[0], context_country)
        side1 = [protesters, *side1] if protesters else side1
    crowd_actor = generic_actor(crowd[0], context_country) if crowd else None
    if crowd_actor and side1 and not any(a.name.startswith(("Protesters", "Rioters")) for a in side1 + side2) and all(
            a.inter == 1 for a in side1):
        # ACLED: a crowd event always has its crowd; police who break up a sit-in face "Protesters (X)"
        side2 = [crowd_actor, *(a for a in side2 if a.inter != CIVILIANS)]
    if crowd:
        side1, side2 = _crowd_organisations(clause, side1, side2, event_date, context_country, event_country, setting)
    named = bool(side1)
    unnamed = UNNAMED_ACTOR_CLASS.get(clause.event_type)
    if not side1 and unnamed:
        fallback = generic_actor(unnamed, context_country)
        side1 = [fallback] if fallback else []
    if not side1 and clause.sub_event_type == "Arrests" and context_country:
        # "he was arrested on 5 April": ACLED codes the state's police when the arresting force is not named
        police = state_actor(context_country, "police", event_date)
        side1 = [police] if police else []
    if clause.event_type == "Violence against civilians" and not side2:  # its victims are civilians by definition
        victims = generic_actor("civilians", context_country)
        side2 = [victims] if victims else []
    if clause.event_type == "Explosions/Remote violence" and not side2 and is_civilian_targeting(clause.sentence.text):
        # "shelling of a residential district ... killing four children": remote violence stays remote violence,
        # with the civilians it hit as the other side (ACLED codes civilian_targeting on it)
        victims = generic_actor("civilians", context_country)
        side2 = [victims] if victims else []
    side2 = _victims_side(clause, side2, context_country)
    if clause.event_type == "Strategic developments" and clause.sub_event_type == "Other" and victims_in(
            clause.sentence).displaced:
        # "7,000 families fled their homes": ACLED codes a displacement as the civilians who fled, refugees/IDPs
        displaced = [generic_actor(name, context_country) for name in ("civilians", "refugees")]
        side1, side2 = [a for a in displaced if a], []
    return side1, side2, named


GENERIC_PREFIXES = ("Protesters", "Rioters", "Civilians", "Opposition", "Unidentified")


def _crowd_organisations(clause: EventClause, side1: list[Actor], side2: list[Actor], event_date,  # noqa: ANN001
                         context_country: str | None, event_country: str | None,
                         setting: str | None) -> tuple[list[Actor], list[Actor]]:
    """ACLED: the organisation of a protest or riot is an associated actor of "Protesters (X)" / "Rioters (X)":
    a named group modifying a crowd noun of actors_cues.csv anywhere in the sentence ("to disperse a peaceful CCC
    gathering", "a rally of PTI supporters") joins the crowd's side."""
    from transforms.actors import cues  # noqa: PLC0415

    def is_crowd(a: Actor) -> bool:
        return a.name.startswith(("Protesters", "Rioters"))

    side = side1 if any(is_crowd(a) for a in side1) else side2 if any(is_crowd(a) for a in side2) else None
    if side is None:
        return side1, side2
    spans: list[Span] = []
    for tok in clause.sentence:
        if tok.lower_ not in cues().crowd:
            continue
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < tok.i:
                spans.append(tok.doc[child.left_edge.i:child.i + 1])
            elif child.dep_ == "prep" and child.lower_ == "of":
                spans.extend(tok.doc[o.left_edge.i:o.right_edge.i + 1] for o in child.children if o.dep_ == "pobj")
    found = [a for a in resolve_actors(spans, event_date=event_date, context_country=context_country,
                                       event_country=event_country, setting=setting)
             if a.inter not in (1, 8) and not a.name.startswith(GENERIC_PREFIXES) and a not in side1 + side2]
    if not found:
        return side1, side2
    at = next(i for i, a in enumerate(side) if is_crowd(a)) + 1
    grown = side[:at] + found + side[at:]
    return (grown, side2) if side is side1 else (side1, grown)


# Nouns of fighting whose "with X" / "against X" names a battle's other side wherever it stands in the sentence
# ("Taliban fighters captured Kandahar after a week of fighting with government forces").
BATTLE_NOUNS = frozenset("fighting fight fights clash clashes battle battles gunfight gunfights firefight firefights "
                         "skirmish skirmishes confrontation confrontations".split())
TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _in_clause_of(tok: Token, verb: Token) -> bool:
    """Whether a token hangs off `verb` without crossing into another clause (relative, adverbial, complement)."""
    while tok.i != verb.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _other_side_spans(clause: EventClause) -> list[Span]:
    """Phrases naming the other side of an event whose parse gave none: a battle's "fighting / clashes with X" and,
    for territory taken, "from X"; for a weapon intercepted or defused, who launched or planted it ("drones
    launched by Russian forces", "IEDs planted by ISWAP") or whose it is ("three Ukrainian drones")."""
    from transforms.events import _expand, noun_phrase  # noqa: PLC0415

    trigger = clause.trigger
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    taken = {t.i for s in clause.agents for t in s}
    spans: list[Span] = []
    if clause.sub_event_type == "Disrupted weapons use":
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            agents = [p for a in obj.children if a.dep_ in ("acl", "relcl") for b in a.children if b.dep_ == "agent"
                      for p in b.children if p.dep_ == "pobj"]
            spans.extend(_expand(agents[0]) if agents else [noun_phrase(obj)])
    elif clause.event_type == "Battles":
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        if clause.sub_event_type in TERRITORY_SUBS:  # "retook Masagawa in the Galgaduud region from al-Shabaab"
            spans.extend(p for c in clause.sentence if c.dep_ == "prep" and c.lower_ == "from"
                         and _in_clause_of(c, verb) for o in c.children if o.dep_ == "pobj" for p in _expand(o))
        for tok in clause.sentence:
            if tok.lower_ in BATTLE_NOUNS and tok.i != trigger.i:
                spans.extend(p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
                             for o in c.children if o.dep_ == "pobj" for p in _expand(o))
    return [s for s in spans if not any(t.i in taken for t in s)]


# Events whose victims, when no armed target is named, are the civilians the sentence says were hit.
VICTIM_EVENT_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
VICTIM_SUB_EVENT_TYPES = frozenset({"Looting/property destruction"})


def _victims_side(clause: EventClause, side2: list[Actor], country: str | None) -> list[Actor]:
    """ACLED's victims: a strike, bombing or attack that hit people or civilian things ("wounding three foreign
    workers", "struck a house") and names no armed target has "Civilians (X)" as the other side; victims of a
    group (a woman raped, IDPs, medical staff) add that group ("Women (X)") as associated actor. Words in
    `transforms/data/actors_victims.csv`."""
    if clause.event_type == "Violence against civilians" and side2 and not any(a.inter == CIVILIANS for a in side2) \
            and any(is_party(a) for a in side2):
        civilians = generic_actor("civilians", country)  # "abducted 3 MDC Alliance activists": civilians of a party
        side2 = [civilians, *side2] if civilians else side2
    victims = victims_in(clause.sentence, clause.agents)
    if not victims.any:
        return side2
    has_civilians = any(a.inter == CIVILIANS for a in side2)
    armed_target = any(a.inter in ARMED and not is_party(a) for a in side2)
    hit = (clause.event_type in VICTIM_EVENT_TYPES or clause.sub_event_type in VICTIM_SUB_EVENT_TYPES
           or (clause.event_type == "Riots" and victims.persons))
    if hit and not has_civilians and not armed_target:
        civilians = generic_actor("civilians", country)
        if civilians:
            side2 = [civilians, *side2]
            has_civilians = True
    if has_civilians and victims.groups:
        at = max(i for i, a in enumerate(side2) if a.inter == CIVILIANS) + 1
        own = side2[at - 1].country or country  # "a US newspaper reporter": Civilians and Journalists (United States)
        extra = [g for g in (generic_actor(name, own) for name in victims.groups) if g and g not in side2]
        side2 = side2[:at] + extra + side2[at:]
    return side2


def report_from_clause(clause: EventClause, doc: Doc, article: Article, countries: Sequence[str]) -> dict:
    """One candidate report with every event column resolved (nulls where the text does not say)."""
    return report_and_features(clause, doc, article, countries)[0]


def report_and_features(clause: EventClause, doc: Doc, article: Article,
                        countries: Sequence[str]) -> tuple[dict, dict[str, float]]:
    """The report and the facts its confidence was computed from (what `scripts/calibrate_confidence.py` fits)."""
    sent = clause.sentence
    event_date, precision, date_source = resolve_event_date_with_source(
        sent.text, article.published_at, _paragraph_context(doc, sent), anchor=clause.trigger.idx - sent.start_char)
    place = choose_event_place(sent, clause.trigger, doc, countries)
    side1, side2, named = _sides(clause, event_date, countries[0] if countries else None, place)
    place = _counterpart_place(clause, place, side2)
    sub = _refine_by_actors(clause, side1 if named else [], side2, place)
    info = sub_event(sub)
    fatalities = count_fatalities(sent.text) if info.disorder_type != "Strategic developments" else 0
    civilian = info.event_type == "Violence against civilians" or (
        any(a.inter == CIVILIANS for a in side2) and is_civilian_targeting(sent.text))
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
    }
    report.update(_place_columns(place))
    facts = confidence.features(clause.confidence, report, named)
    report["confidence"] = confidence.calibrated(facts)
    return report, facts


ARMED = frozenset({1, 2, 3, 4, 8})
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


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
    if sub in TERRITORY and named_side1:
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
    keys = ("country", "iso", "region", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
    if place is None:
        return dict.fromkeys(keys)
    return {k: getattr(place, k) for k in keys}


def extract_document(doc: Doc, article: Article, min_confidence: float = confidence.MIN_PUBLISHED_CONFIDENCE,
                     min_lead_confidence: float = confidence.MIN_LEAD_CONFIDENCE,
                     clauses: list[dict] | None = None) -> list[dict]:
    """The candidate reports of one parsed article: the tellings of one event given its values (coreference),
    events less confident than `min_confidence` left out (the article's lead event: `min_lead_confidence`).
    `clauses`: the article's `event_clause_reports`, when the caller already has them."""
    if clauses is None:
        clauses = event_clause_reports(doc, article)
    return corefer(clauses, min_confidence, min(min_confidence, min_lead_confidence))


def event_clause_reports(doc: Doc, article: Article) -> list[dict]:
    """One report per event clause of the article, before coreference and the publication bar."""
    countries = document_countries(doc, title=article.title or "")
    return [report_from_clause(c, doc, article, countries) for c in detect_events(doc)]


def interaction_rows(doc: Doc, article: Article, reports: Sequence[dict]) -> list[dict]:
    """The article's PLOVER-style interactions (rows of the interactions table), each marked with whether its
    sentence also gave an ACLED event report."""
    from transforms.interactions import extract_interactions  # noqa: PLC0415 - keeps this module importable alone

    countries = document_countries(doc, title=article.title or "")
    coded = {r["char_start"] for r in reports}
    return [{**row, "doc_id": article.doc_id, "coded_as_event": row["char_start"] in coded}
            for row in extract_interactions(doc, article.published_at, countries)]


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
