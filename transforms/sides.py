"""Who the sides of an event are: actor1 and its associates, actor2 and its associates, read from a clause.

`actors` resolves a phrase to an actor; this module decides which phrases are the two sides of one event the way
ACLED codes them: the other side from "fighting with X" or "retook X from Y" when the parse gave none, the
victims of a strike as "Civilians (X)" with their group as associates, a crowd's organisation beside
"Protesters (X)", the generic actor of an event that names none. `extract` assembles the report around it.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from transforms.actor_identity import identity_classes
from transforms.actor_tables import Actor, generic_actor, is_party, state_actor
from transforms.actor_victims import harmed_phrases, victims_in
from transforms.attribution import claimed_perpetrator
from transforms.document_groups import with_document_group
from transforms.actors import countries_in, resolve_actors
from transforms.event_lexicon import trigger_lemma
from transforms.events import WITHDRAWAL_LEMMAS, EventClause
from transforms.fatalities import is_civilian_targeting
from transforms.places import Place, iso3_of_iso2
from transforms.clause_frames import SAY_VERBS
from transforms.rule_words import RULES

_WORDS = RULES.sides  # this module's word lists: transforms/data/sides_words.json

CIVILIANS = 7  # inter code of civilians
ARMED = frozenset({1, 2, 3, 4, 8})  # inter codes of organised armed actors


# When a report names no actor, ACLED still codes one: the generic actor of the event's kind, in its country.
UNNAMED_ACTOR_CLASS = {"Battles": "unidentified", "Explosions/Remote violence": "unidentified",
                       "Violence against civilians": "unidentified", "Protests": "protesters", "Riots": "rioters"}


# Events whose unnamed perpetrator a later claim or blame may name (`transforms.attribution`).
CLAIMABLE = frozenset({"Explosions/Remote violence", "Violence against civilians"})


# The kind of event an actor takes part in decides the type of a name the tables lack ("X Party" in a battle is a
# political militia, in a protest the protesters' organisation): see `resolve_actor`'s `setting`.
SETTINGS = {"Battles": "violent", "Explosions/Remote violence": "violent", "Violence against civilians": "violent",
            "Protests": "protest", "Riots": "riot",
            "Disrupted weapons use": "violent"}  # who launched or planted what was stopped used force


# A crowd event's own generic actor and the inter code a named organisation in it gets (see actors_cues.csv).
CROWD_OF = {"Protests": ("protesters", 6), "Riots": ("rioters", 5)}


# Sub-event types whose other side is who suffered it: "five militants were arrested" names no arrester.
PATIENT_SIDE2 = frozenset({"Arrests", "Abduction/forced disappearance", "Sexual violence"})


def event_sides(clause: EventClause, event_date, context_iso2: str | None,  # noqa: ANN001
           place: Place | None) -> tuple[list[Actor], list[Actor], bool]:
    """Actors of both sides; civilians always end up on side 2 (ACLED); an unnamed side 1 of violence or a
    protest becomes the generic actor of its kind (Unidentified Armed Group, Protesters, Rioters). The flag says
    whether side 1 was read from the text (False when it is such a stand-in, or empty)."""
    from transforms.event_parties import RECIPROCAL_LEMMAS, noun_phrase  # noqa: PLC0415

    event_country = iso3_of_iso2(place.iso2) if place and place.iso2 else None
    context_country = event_country or iso3_of_iso2(context_iso2)
    setting = SETTINGS.get(clause.sub_event_type) or SETTINGS.get(clause.event_type)
    agents, targets = _seizer_and_owner(clause)

    def resolve(country: str | None) -> tuple[list[Actor], list[Actor]]:
        return (resolve_actors(agents, event_date=event_date, context_country=country,
                               event_country=event_country, setting=setting),
                resolve_actors(targets, event_date=event_date, context_country=country,
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
    if (not side1 and side2 and any(a.inter != CIVILIANS for a in side2) and clause.sub_event_type not in PATIENT_SIDE2
            and (len(side2) >= 2 or clause.event_type == "Battles")):
        # "two policemen and three attackers were killed": the dead of both sides; the non-state one is more
        # often the attacker the article names elsewhere (its other tellings then agree on who is actor1). One
        # armed group hit by a bomb or a strike ("a car bomb killed 20 rebels") is the target, not the attacker.
        armed = [a for a in side2 if a.inter != CIVILIANS]
        side1 = sorted(armed, key=lambda a: a.inter not in (2, 3, 4))[:1]
        side2 = [a for a in side2 if a not in side1]
    crowd = CROWD_OF.get(clause.event_type)
    if crowd and side1 and all(a.inter in (crowd[1], CIVILIANS) for a in side1) and not any(
            a.name.startswith(("Protesters", "Rioters")) for a in side1):
        # ACLED: a protest by a named union, party or group is "Protesters (X)" with the group as assoc_actor_1;
        # people who march are protesters, not civilians ("students demonstrated": Protesters (X), the generic
        # "Civilians (X)" dropped, a named civilian group kept as associate)
        protesters = generic_actor(crowd[0], context_country)
        side1 = [protesters, *(a for a in side1 if not a.name.startswith("Civilians"))] if protesters else side1
    crowd_actor = generic_actor(crowd[0], context_country) if crowd else None
    if crowd_actor and side1 and not any(a.name.startswith(("Protesters", "Rioters")) for a in side1 + side2) and all(
            a.inter == 1 for a in side1):
        # ACLED: a crowd event always has its crowd; police who break up a sit-in face "Protesters (X)"
        side2 = [crowd_actor, *(a for a in side2 if a.inter != CIVILIANS)]
    if crowd:
        side1, side2 = _crowd_organisations(clause, side1, side2, event_date, context_country, event_country, setting)
        side1 = _crowd_of_kind(side1, crowd[0])
    def claimed() -> Actor | None:
        return claimed_perpetrator(clause.sentence, lambda spans: resolve_actors(
            spans, event_date=event_date, context_country=context_country, event_country=event_country,
            setting=setting), noun_phrase)

    if clause.event_type in CLAIMABLE and side1 and all(a.inter == CIVILIANS for a in side1):
        side1 = []  # "a woman strapped with explosives blew herself up": a bomber is no civilian; who sent her is
        # the claimed or blamed group, else an unidentified armed group
    if clause.event_type in CLAIMABLE and (not side1 or side1[0].name.startswith("Unidentified")):
        # "A bomb exploded ... Islamic State later claimed responsibility": the claimed or blamed group is actor1
        if (perpetrator := claimed()) is not None and perpetrator not in side2:
            side1 = [perpetrator, *side1[1:]]
    if clause.sub_event_type == "Disrupted weapons use" and side1 and (
            not side2 or side2[0].name.startswith("Unidentified")):
        # "soldiers defused a roadside bomb ... He blamed al Shabaab": who planted or launched it is actor2
        if (launcher := claimed()) is not None and launcher not in side1:
            side2 = [launcher, *side2[1:]]
    if clause.event_type == "Explosions/Remote violence" and not side1:
        # "an explosive dropped from a Russian drone", "a barrel bomb ... dropped by a regime helicopter", "a SAF
        # aircraft dropped a barrel that released chlorine": whose aircraft or launcher it was, wherever the parse
        # hung it, struck; a vehicle the device hit is the other side's ("an army vehicle struck a roadside bomb")
        hit, used = [], []
        for span in _platform_spans(clause.sentence):
            (hit if any(t.start <= span.root.i < t.end for t in clause.targets) else used).append(span)

        def owners_of(spans: list[Span]) -> list[Actor]:
            return [a for a in resolve_actors(spans, event_date=event_date, context_country=context_country,
                                              event_country=event_country, setting=setting)
                    if a.inter in ARMED and not a.name.startswith("Unidentified") and a not in side2]
        side1 = owners_of(used)[:1]
        if not side2:
            side2 = [a for a in owners_of(hit) if a not in side1][:1]
    named = bool(side1)
    unnamed = UNNAMED_ACTOR_CLASS.get(clause.event_type)
    if not side1 and unnamed:
        fallback = generic_actor(unnamed, context_country)
        side1 = [fallback] if fallback else []
    # "the insurgents", "its fighters" in an article that names one armed group: that group (document_groups)
    side1 = with_document_group(side1, side2, clause.sentence, context_country)
    side2 = with_document_group(side2, side1, clause.sentence, context_country)
    if not side2 and clause.sub_event_type in INTERVENED_SUBS:
        # ACLED: the force that breaks up, fires on or clashes with a crowd is the crowd event's other side,
        # wherever the small parser hung it ("police baton-charged a PTI sit-in", "youths clashed with security
        # forces during an opposition protest"); only a state force, never a bystander
        side2 = [a for a in resolve_actors(_force_spans(clause.sentence, clause.agents), event_date=event_date,
                                           context_country=context_country, event_country=event_country,
                                           setting=setting)
                 if a.inter == 1 and a.name.startswith(STATE_FORCES) and a not in side1][:1]
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
    side2 = _victims_side(clause, side2, context_country, side1)
    if clause.event_type == "Strategic developments" and clause.sub_event_type == "Other" and victims_in(
            clause.sentence).displaced:
        # "7,000 families fled their homes": ACLED codes a displacement as the civilians who fled, refugees/IDPs
        displaced = [generic_actor(name, context_country) for name in ("civilians", "refugees")]
        side1, side2 = [a for a in displaced if a], []
    return side1, side2, named


# ACLED's order of a crowd event's sides: the crowd is actor1 of a protest (also one the police broke up), a riot
# and mob violence; the force is actor1 of excessive force against protesters. The parse gives whoever is the
# grammatical subject ("police dispersed a gathering ...") first.
FORCE_FIRST_SUBS = frozenset({"Excessive force against protesters"})


def acled_order(event_type: str, sub_event_type: str, side1: list[Actor],
                side2: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """The two sides of a protest or riot in ACLED's order (see FORCE_FIRST_SUBS); other events as they are.
    Applied to the report last (`extract`): the rules and the confidence model read the sides as the sentence
    tells them."""
    if event_type not in CROWD_OF:
        return side1, side2

    def has_crowd(side: list[Actor]) -> bool:
        return any(a.name.startswith(("Protesters", "Rioters")) for a in side)

    def has_force(side: list[Actor]) -> bool:
        return bool(side) and side[0].name.startswith(STATE_FORCES)

    if sub_event_type in FORCE_FIRST_SUBS:
        return (side2, side1) if has_crowd(side1) and has_force(side2) else (side1, side2)
    return (side2, side1) if has_crowd(side2) and not has_crowd(side1) and has_force(side1) else (side1, side2)


GENERIC_PREFIXES = ("Protesters", "Rioters", "Civilians", "Opposition", "Unidentified")


def _crowd_of_kind(side: list[Actor], kind: str) -> list[Actor]:
    """ACLED names the crowd of an event by the event's type: Rioters in a riot or mob violence, Protesters in a
    protest, whatever noun the text used ("a crowd beat a man to death" is Rioters; "crowd" is a protest noun)."""
    other = "Rioters" if kind == "protesters" else "Protesters"
    out = []
    for a in side:
        if a.name == other or a.name.startswith(other + " ("):
            a = generic_actor(kind, a.country) or a
        out.append(a)
    return out


def _crowd_organisations(clause: EventClause, side1: list[Actor], side2: list[Actor], event_date,  # noqa: ANN001
                         context_country: str | None, event_country: str | None,
                         setting: str | None) -> tuple[list[Actor], list[Actor]]:
    """ACLED: the organisation of a protest or riot is an associated actor of "Protesters (X)" / "Rioters (X)":
    a named group modifying a crowd noun of actors_cues.csv anywhere in the sentence ("to disperse a peaceful CCC
    gathering", "a rally of PTI supporters") joins the crowd's side."""
    from transforms.actor_tables import cues  # noqa: PLC0415

    def is_crowd(a: Actor) -> bool:
        return a.name.startswith(("Protesters", "Rioters"))

    side = side1 if any(is_crowd(a) for a in side1) else side2 if any(is_crowd(a) for a in side2) else None
    if side is None:
        return side1, side2
    spans: list[Span] = []
    identities: list[str] = []  # "Sinhalese mobs", "Hindu protesters": the crowd's identity group
    for tok in clause.sentence:
        if tok.lower_ not in cues().crowd:
            continue
        identities.extend(c for c in identity_classes(tok) if c not in identities)
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < tok.i:
                spans.append(tok.doc[child.left_edge.i:child.i + 1])
            elif child.dep_ == "prep" and child.lower_ == "of":
                spans.extend(tok.doc[o.left_edge.i:o.right_edge.i + 1] for o in child.children if o.dep_ == "pobj")
    found = [a for a in resolve_actors(spans, event_date=event_date, context_country=context_country,
                                       event_country=event_country, setting=setting)
             if a.inter not in (1, 8) and not a.name.startswith(GENERIC_PREFIXES) and a not in side1 + side2]
    found += [a for a in (generic_actor(c, context_country) for c in identities)
              if a and a not in found + side1 + side2]
    if not found:
        return side1, side2
    at = next(i for i, a in enumerate(side) if is_crowd(a)) + 1
    grown = side[:at] + found + side[at:]
    return (grown, side2) if side is side1 else (side1, grown)


def _seizer_and_owner(clause: EventClause) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The clause's (agents, targets), except for a weapons cache or device that a named subject seized, found or
    defused: "the army seized a Clan del Golfo weapons cache" is the army's event (actor1) against the group that
    owned the cache (actor2); the noun's own modifiers had made the owner actor1."""
    from transforms.event_parties import noun_phrase  # noqa: PLC0415

    trigger = clause.trigger
    if clause.sub_event_type != "Disrupted weapons use" or trigger.pos_ != "NOUN" or trigger.dep_ != "dobj":
        return tuple(clause.agents), tuple(clause.targets)
    subject = next((c for c in trigger.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is None:
        return tuple(clause.agents), tuple(clause.targets)
    seizer = noun_phrase(subject)
    owners = tuple(a for a in clause.agents if not any(t.i in range(seizer.start, seizer.end) for t in a))
    return (seizer,), owners + tuple(clause.targets)


# Crowd events with a second side that intervenes (ACLED: actor2 the police or army that acted against the crowd).
INTERVENED_SUBS = frozenset({"Protest with intervention", "Excessive force against protesters",
                             "Violent demonstration"})
STATE_FORCES = ("Police Forces of", "Military Forces of")  # not "Government of X": a government does not charge


def _force_spans(sentence: Span, agents: tuple[Span, ...] | list[Span]) -> list[Span]:
    """The sentence's noun phrases outside the clause's agents and the sources it quotes, each as its head noun with
    the words before it ("security forces", "police"): candidates for a crowd event's intervening force."""
    taken = {t.i for s in agents for t in s}
    doc = sentence.doc
    spans = []
    for tok in sentence:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in taken:
            continue
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SAY_VERBS:
            continue  # "..., police said": the source of the report, not a force that acted
        start = tok.i
        while start > sentence.start and doc[start - 1].dep_ in ("compound", "amod") and doc[start - 1].head.i in (
                tok.i, start) and doc[start - 1].i not in taken:
            start -= 1
        spans.append(doc[start:tok.i + 1])
    return spans


# Aircraft and launchers, and the words before them that say whose they are without a name ("army aircraft").
PLATFORM_NOUNS = _WORDS["platform_nouns"]
PLATFORM_OWNER_WORDS = _WORDS["platform_owner_words"]
# Verbs of driving a side out of a place ("expelled X"; with "out": "driving out X"): X is the side a territory was
# taken from.
EXPELLING_LEMMAS = _WORDS["expelling_lemmas"]
EXPELLING_WITH_OUT_LEMMAS = _WORDS["expelling_with_out_lemmas"]


def _platform_spans(sentence: Span) -> list[Span]:
    """Aircraft and launchers of the sentence written with whose they are: "a Russian drone", "SAF aircraft",
    "regime helicopters", "army aircraft". A bare "a drone" says nothing of whose it is and is left out (the
    state of the place would be a guess, and often the wrong side)."""
    doc = sentence.doc
    spans = []
    for tok in sentence:
        if tok.pos_ != "NOUN" or trigger_lemma(tok) not in PLATFORM_NOUNS:
            continue
        owners = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "poss", "nmod") and (
            c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN" or c.lower_ in PLATFORM_OWNER_WORDS)]
        if owners:
            spans.append(doc[min(c.left_edge.i for c in owners):tok.i + 1])
    return spans


# Nouns of fighting whose "with X" / "against X" names a battle's other side wherever it stands in the sentence
# ("Taliban fighters captured Kandahar after a week of fighting with government forces").
BATTLE_NOUNS = _WORDS["battle_nouns"]
TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _in_clause_of(tok: Token, verb: Token) -> bool:
    """Whether a token hangs off `verb` without crossing into another clause (relative, adverbial, complement)."""
    while tok.i != verb.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _withdrawn(sentence: Span, trigger: Token) -> list[Token]:
    """Who left the place taken, in the sentence of the take-over: "entered Kherson after Russian forces withdrew",
    "after Israeli forces pulled out", "Russian forces completed their withdrawal" (events_words.json
    withdrawal_lemmas), "clashes with HTS fighters, who withdrew", "forced government troops to abandon their
    base", "driving out RSF paramilitaries" (sides_words.json expelling lists): the side the territory was
    taken from."""
    out: list[Token] = []
    for tok in sentence:
        if tok.i == trigger.i or tok.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        lemma = tok.lemma_.lower()
        if lemma in WITHDRAWAL_LEMMAS:
            verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else tok
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            for subject in subjects:
                if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                    head = verb.head  # "HTS fighters, who withdrew towards Saraqeb"; "FARDC and allied
                    while head.dep_ == "conj" and head.head.i != head.i:  # Wazalendo fighters, who withdrew": all
                        head = head.head
                    out.append(head)
                elif subject.lower_ not in ("it", "they", "who"):
                    out.append(subject)
            if not subjects and verb.dep_ == "xcomp":  # "forced government troops to abandon their base"
                out.extend(c for c in verb.head.children if c.dep_ == "dobj")
        elif tok.pos_ == "VERB" and (lemma in EXPELLING_LEMMAS or lemma in EXPELLING_WITH_OUT_LEMMAS and any(
                c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)):
            out.extend(c for c in tok.children if c.dep_ == "dobj")  # "driving out RSF paramilitaries"
    return out


def _other_side_spans(clause: EventClause) -> list[Span]:
    """Phrases naming the other side of an event whose parse gave none: a battle's "fighting / clashes with X" and,
    for territory taken, "from X" or who withdrew from it; for a weapon intercepted or defused, who launched or planted it ("drones
    launched by Russian forces", "IEDs planted by ISWAP") or whose it is ("three Ukrainian drones")."""
    from transforms.event_parties import conjunct_phrases, noun_phrase  # noqa: PLC0415

    trigger = clause.trigger
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    taken = {t.i for s in clause.agents for t in s}
    spans: list[Span] = []
    if clause.sub_event_type == "Disrupted weapons use":
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            # "12 of the 15 missiles ...": the weapons are the partitive's object
            weapons = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                               for p in c.children if p.dep_ == "pobj"] if obj.like_num else [obj]
            agents = [p for w in weapons for a in w.children if a.dep_ in ("acl", "relcl") for b in a.children
                      if b.dep_ == "agent" for p in b.children if p.dep_ == "pobj"]
            agents = agents or [s for w in weapons for a in w.children if a.dep_ == "relcl" for s in a.children
                                if s.dep_ == "nsubj" and s.pos_ in ("PROPN", "NOUN")]  # "the missiles Russia fired"
            spans.extend(conjunct_phrases(agents[0]) if agents else [noun_phrase(obj)])
    if clause.event_type == "Battles":
        if clause.sub_event_type in TERRITORY_SUBS:  # "retook Masagawa in the Galgaduud region from al-Shabaab"
            spans.extend(p for c in clause.sentence if c.dep_ == "prep" and c.lower_ == "from"
                         and _in_clause_of(c, verb) for o in c.children if o.dep_ == "pobj" for p in conjunct_phrases(o))
        # "regained Lyman after encircling the Russian garrison", "took the town by routing the militia"
        spans.extend(p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("after", "by")
                     for v in c.children if v.dep_ == "pcomp" and v.pos_ == "VERB"
                     for o in v.children if o.dep_ == "dobj" for p in conjunct_phrases(o))
        for tok in clause.sentence:
            if tok.lower_ in BATTLE_NOUNS and tok.i != trigger.i:
                spans.extend(p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
                             for o in c.children if o.dep_ == "pobj" for p in conjunct_phrases(o))
    if clause.sub_event_type in TERRITORY_SUBS | {"Non-violent transfer of territory"}:
        spans.extend(p for s in _withdrawn(clause.sentence, trigger) for p in conjunct_phrases(s))
    return [s for s in spans if not any(t.i in taken for t in s)]


# Events whose victims, when no armed target is named, are the civilians the sentence says were hit.
VICTIM_EVENT_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})
VICTIM_SUB_EVENT_TYPES = frozenset({"Looting/property destruction"})


def _victims_side(clause: EventClause, side2: list[Actor], country: str | None,
                  side1: Sequence[Actor] = ()) -> list[Actor]:
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
        # a group already on side 1 ("Sinhalese mobs" beside "a Sinhalese driver") is not its own victim
        extra = [g for g in (generic_actor(name, own) for name in victims.groups)
                 if g and g not in side2 and g not in side1]
        side2 = side2[:at] + extra + side2[at:]
    return side2
