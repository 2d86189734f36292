"""Canonical ACLED-style actors from parsed text: how a phrase's words decide its actor.

Why this module: ACLED names an actor by what it is, not by how the article words it. "Russian marines",
"the Pentagon", "Putin" and "Moscow" (when it acts) all become a state actor named by country and regime period
("Military Forces of Russia (2000-)"); "civilians" become "Civilians (Syria)". The tables and lookups are
`transforms.actor_tables`, the parse geometry `transforms.actor_phrases`, names the tables lack
`transforms.actor_names`, victims `transforms.actor_victims`.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Sequence

from spacy.tokens import Span, Token

from transforms.acronyms import document_acronyms, with_acled_name
from transforms.actor_names import org_inter, state_noun_kind, unknown_org_in_phrase
from transforms.actor_phrases import (FORCE_USING_GOVERNMENT, STRIKE_NOUNS, capital_acts, coordinations, heads_phrase,
                                      hit_head, is_holder, is_locative, is_patron, names_actor, own_tokens,
                                      phrase_core, phrase_head)
from transforms.actor_tables import (STATE_KINDS, Actor, ActorRow, Hit, NounClass, PersonRow, alias_key, as_date,
                                     find_hits, from_template, generic_actor, hit_country, lexicon, local_aliases,
                                     lookup_text, state_actor, successions, token_words, within_period)
from transforms.rule_words import RULES

_WORDS = RULES.actors  # transforms/data/actors_words.json

# Actor types and interaction text are facts of the schema: defined once in schemas/vocabularies.py.
from schemas.vocabularies import interaction_label as _interaction_label  # noqa: E402

# ---------------------------------------------------------------------------------------------------- resolving


def _person_date(person: PersonRow, when: date | None) -> date | None:
    """Without an event date, a person of the past speaks for the regime of their own time."""
    if when is not None:
        return when
    if person.valid_to is None:
        return None
    if person.valid_from is not None:  # the middle of their time: year-only bounds overlap the next regime
        return date.fromordinal((person.valid_from.toordinal() + person.valid_to.toordinal()) // 2)
    return date.fromordinal(person.valid_to.toordinal() - 1)


def _pick_person(people: Sequence[PersonRow], when: date | None) -> PersonRow:
    if when is not None:
        valid = [p for p in people if within_period(when, p.valid_from, p.valid_to)]
        if valid:
            return valid[-1]
    open_rows = [p for p in people if p.valid_to is None]
    return (open_rows or list(people))[-1]


def _regional_variant(row: ActorRow, countries: Sequence[str | None]) -> ActorRow:
    """'Islamic State' acting in Syria is ACLED's 'Islamic State (Syria)' when the table has that variant."""
    lex = lexicon()
    for iso in countries:
        if iso and row.country is None:
            variant = lex.rows.get(f"{row.name} ({lex.country_names.get(iso, '')})")
            if variant:
                return variant
    return row


def _finish(actor: Actor | None, event_country: str | None) -> Actor | None:
    """A state's forces acting outside their own country are 'External/Other forces' (inter 8)."""
    if actor and actor.inter == 1 and event_country and actor.country and event_country != actor.country:
        return Actor(actor.name, 8, actor.country)
    return actor


def _closest(hits: Sequence[Hit], tokens: Sequence[Token], root: Token) -> Hit:
    """Prefer the hit that contains the phrase's head word, else the one nearest to it."""
    for h in hits:
        if any(t.i == root.i for t in tokens[h.start:h.end]):
            return h
    return min(hits, key=lambda h: abs(tokens[h.end - 1].i - root.i))


def _resolve_tokens(
    tokens: Sequence[Token], root: Token, when: date | None, context_country: str | None,
    event_country: str | None, whole: Sequence[Token] | None = None, setting: str | None = None,
) -> Actor | None:
    """Decide the actor of a phrase from the table entries found in it (core first, then the whole phrase; the
    whole first when a table name in it runs past the core: "al-Qaeda in the Arabian Peninsula", whose "in ..." the
    parser hung on the verb, is AQAP, not al-Qaeda)."""
    core, full = phrase_core(tokens, root), list(whole or tokens)
    core_ids = {t.i for t in core}
    longer = any(h.category == "named" and h.end - h.start > len(core)
                 and core_ids <= {t.i for t in full[h.start:h.end]} for h in find_hits(token_words(full)))
    for toks in ((full, core) if longer else (core, full)):
        hits = find_hits(token_words(toks))
        actor = _decide(toks, hits, root, when, context_country, event_country, setting)
        if actor:
            return actor
    return None


def _local_only(toks: Sequence[Token], hits: Sequence[Hit], country: str | None) -> list[Hit]:
    """Drop table entries matched by a local alias ("PDF", "FC") in an event of another known country."""
    if country is None:
        return list(hits)
    local = local_aliases()
    out = []
    for h in hits:
        text = alias_key("".join(t.text_with_ws for t in toks[h.start:h.end]).strip())
        home = local.get(text)
        if h.category != "noun" and home and home != country and hit_country(h) == home:
            continue
        out.append(h)
    return out


def _by_country(hits: Sequence[Hit], country: str | None) -> list[Hit]:
    """An acronym several tables know resolves by the event's country: "SNA" in Somalia is the Somali National
    Army (a state organ), in Syria the Syrian National Army (a group); "SAF" in Sudan the Sudanese Armed Forces.
    Where entries of one span disagree, those of `country` win; without such an entry all are kept."""
    if country is None or len(hits) < 2:
        return list(hits)
    spans: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        spans.setdefault((h.start, h.end), []).append(h)
    out: list[Hit] = []
    for group in spans.values():
        own = [h for h in group if hit_country(h) == country]
        if own and len(own) < len(group) and any(h.category != "noun" for h in own):
            group = own + [h for h in group if h.category == "noun"]
        out.extend(group)
    return out


def _decide(
    toks: Sequence[Token], hits: Sequence[Hit], root: Token, when: date | None, context_country: str | None,
    event_country: str | None, setting: str | None = None,
) -> Actor | None:
    org = unknown_org_in_phrase(toks, hits, root, setting, context_country or event_country)
    if org is not None:  # "NRF fighters" after "the National Resistance Front (NRF)": "NRF: National Resistance Front"
        return with_acled_name(org, document_acronyms(root.doc))
    hits = _by_country(_local_only(toks, hits, event_country or context_country), event_country or context_country)
    if not hits or not names_actor(toks, hits, root):
        return None
    in_root = [h for h in hits if h.category in ("named", "person", "organ")
               and root.i in {t.i for t in toks[h.start:h.end]}]
    if in_root:  # "Quds head Qassem Soleimani and Putin": for the conjunct Putin, Putin decides
        hits = [h for h in hits if h.category != in_root[0].category or h in in_root]
    named = [h for h in hits if h.category == "named"]
    if named and (not in_root or in_root[0].category == "named"):
        row = _closest(named, toks, root).payload
        assert isinstance(row, ActorRow)
        row = _regional_variant(row, [event_country, context_country])
        took_over = successions().get(row.name)
        if took_over and when is not None and when >= took_over[1]:  # "Taliban intelligence agents" in 2023
            kind = next((h.payload.kind for h in hits if h.category == "noun" and isinstance(h.payload, NounClass)
                         and h.payload.kind in STATE_KINDS and heads_phrase(hit_head(toks, h), root)), "military")
            return state_actor(took_over[0], kind, when)
        if row.kind == "party":  # a party or movement: protesters in a protest, a political militia in violence
            return Actor(row.name, org_inter("party", setting) or row.inter, row.country)
        return Actor(row.name, row.inter, row.country)
    people = [h for h in hits if h.category == "person"]
    if people and (not in_root or in_root[0].category in ("named", "person")):
        hit = _closest(people, toks, root)
        person = _pick_person([h.payload for h in people if h.start == hit.start], when)  # type: ignore[misc]
        if person.actor:
            row = lexicon().rows.get(person.actor)
            return Actor(row.name, row.inter, row.country) if row else None
        if person.country and person.kind:  # "Assad's forces": the forces of his state
            kind = state_noun_kind(toks, hits, root) if person.kind == "government" else None
            return state_actor(person.country, kind or person.kind, _person_date(person, when))
    organs = [h for h in hits if h.category == "organ"]
    if organs:
        hit = _closest(organs, toks, root)
        return state_actor(str(hit.payload), hit.form, when)
    countries = [h for h in hits if h.category == "country" and not is_patron(toks, h)]
    nouns = [h for h in hits if h.category == "noun"]
    own = str(countries[0].payload) if countries else None
    nouns = [h for h in nouns if heads_phrase(hit_head(toks, h), root)]
    if nouns:
        cls = _closest(nouns, toks, root).payload
        assert isinstance(cls, NounClass)
        if cls.kind in STATE_KINDS:
            country = own or context_country or event_country
            kind = cls.kind
            if cls.kind == "government" and (is_holder(root) or root.lemma_.lower() in STRIKE_NOUNS or (
                    setting == "violent" and root.lemma_.lower() in FORCE_USING_GOVERNMENT)):
                kind = "military"  # "regime positions", "regime bombing", "the regime has hit rebel areas"
            return state_actor(country, kind, when) if country else None
        return from_template(cls, own or context_country or event_country)
    if countries:
        hit = _closest(countries, toks, root)
        if root.i not in {t.i for t in toks[hit.start:hit.end]}:
            if is_holder(root) and toks[hit.end - 1].head.i == root.i and not is_locative(root):
                return state_actor(str(hit.payload), "military", when)  # "Turkish positions", "Syrian checkpoints"
            return None  # "the Lebanese militant group": the adjective alone does not make it the state
        head = toks[hit.end - 1]
        if hit.form == "capital" and not capital_acts(head):
            return None
        if (hit.form in ("name", "adjective") and head.dep_ in ("compound", "nmod", "amod")
                and head.head.lemma_.lower() in STRIKE_NOUNS):
            return state_actor(str(hit.payload), "military", when)  # "US strikes", "a U.S. attack"
        if hit.form in ("name", "capital") and is_locative(head):
            return None
        if hit.form == "demonym" and not any(t.lower_ == "the" for t in toks[:hit.start]):
            return from_template(lexicon().classes["civilians"], str(hit.payload))
        # "The US launched missiles", "Turkey shelled Afrin": a state that uses force acts through its military
        kind = "military" if setting == "violent" and hit.form in ("name", "capital") else "government"
        return state_actor(str(hit.payload), kind, when)
    return None


def resolve_actor(
    span: Span, event_date: date | None = None, context_country: str | None = None,
    event_country: str | None = None, setting: str | None = None,
) -> Actor | None:
    """The canonical actor a noun phrase / entity / subtree names, or None when it names no actor.

    Handles aliases and acronyms, people (-> the organisation they act for), nationality adjective + noun class
    ("Russian marines"), state organs and capitals used as agents ("the Pentagon", "Moscow said"), generics
    ("civilians" -> "Civilians (<context country>)"). The regime period is the one valid at `event_date`
    (the current one without a date). `context_country` (ISO3) fills in the country of unmarked nouns;
    `event_country` (ISO3) is where the event happened: a state actor from elsewhere gets inter 8.
    `setting` ("violent", "protest", "riot" or None) is the kind of event the phrase takes part in: it decides the
    actor type of a name the tables lack ("X Party" is a political militia in violence, protesters in a protest).
    """
    when = as_date(event_date)
    actor = _resolve_tokens(list(span), phrase_head(span), when, context_country, event_country, setting=setting)
    return _finish(actor, event_country)


SOURCE_PREPS = _WORDS["source_preps"]


def _named_source(span: Span, actor: Actor | None, when: date | None, context_country: str | None,
                  event_country: str | None, setting: str | None) -> Actor | None:
    """A generic armed actor ("Unidentified Armed Group") whose head has a "from X"/"of X" phrase that names a group
    (of the tables, or one they lack: "gang members from the Viv Ansanm coalition"): that group. The phrase may lie
    inside the span: the span's core, read first, leaves it out."""
    if actor is None or not actor.name.startswith("Unidentified"):
        return actor
    root = phrase_head(span)
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in SOURCE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            sub = pobj.doc[pobj.left_edge.i:pobj.right_edge.i + 1]
            found = resolve_actor(sub, when, context_country, event_country, setting)
            if found and found.inter in (2, 3, 4) and not found.name.startswith(("Unidentified", "Opposition Rebels")):
                return found
    return actor


def resolve_actors(
    spans: Iterable[Span], event_date: date | None = None, context_country: str | None = None,
    event_country: str | None = None, setting: str | None = None,
) -> list[Actor]:
    """All actors of one or more phrases, coordinations split, de-duplicated, in order.

    "The governments of Russia, Syria and Iran" -> three Government actors; "Hungarian and Romanian officials"
    -> two. Each conjunct is resolved with the rest of the phrase (its head noun) but without the other conjuncts.
    """
    when = as_date(event_date)
    out: list[Actor] = []
    for span in spans:
        groups = coordinations(span)
        if not groups:
            found = [_named_source(span, resolve_actor(span, when, context_country, event_country, setting),
                                   when, context_country, event_country, setting)]
        else:
            members = groups[0]
            cc = {t.i for t in span if t.dep_ == "cc" or (t.dep_ == "punct" and t.head.i in {m.i for m in members})}
            found = []
            for m in members:
                others = set().union(*(own_tokens(o) for o in members if o.i != m.i))
                toks = [t for t in span if t.i not in others and t.i not in cc]
                root = phrase_head(span) if phrase_head(span).i not in others else m
                actor = _resolve_tokens(toks, root, when, context_country, event_country, whole=toks,
                                        setting=setting)
                found.append(_finish(actor, event_country))
        found = [_suspected(span, a, context_country or event_country) for a in found]
        for actor in found:
            if actor and actor not in out:
                out.append(actor)
    return out


# Words that make an attribution a suspicion ("suspected insurgents", "alleged state agents").
SUSPICION_WORDS = _WORDS["suspicion_words"]


def _suspected(span: Span, actor: Actor | None, country: str | None) -> Actor | None:
    """ACLED codes perpetrators the report only suspects, and names by a generic noun, as an unidentified armed
    group: "suspected insurgents", "suspected state agents" -> Unidentified Armed Group (X); a named group stays
    ("suspected al-Shabaab militants" -> Al Shabaab)."""
    if actor is None or actor.inter not in (1, 2, 3) or not any(t.lower_ in SUSPICION_WORDS for t in span):
        return actor
    if any(h.category in ("named", "organ", "person") for h in lookup_text(span.text)):
        return actor
    if actor.name.startswith("Unidentified"):
        return actor
    return generic_actor("unidentified", actor.country or country) or actor


# ---------------------------------------------------------------------------------------------------- helpers


def interaction(inter1: int, inter2: int | None) -> str:
    """ACLED interaction text: both types, lower code first ("State forces-Rebel group"), or "<type> only"."""
    return _interaction_label(inter1, inter2) or ""


def countries_in(tokens: Iterable[Token]) -> list[str]:
    """ISO3 codes of the countries named (by name, adjective, demonym or capital) in a stretch of text, in order.

    A caller can use the first one of a sentence or article as `context_country`.
    """
    toks = list(tokens)
    out: list[str] = []
    for hit in find_hits(token_words(toks)):
        if hit.category == "country" and hit.payload not in out and not is_patron(toks, hit):
            out.append(str(hit.payload))
    return out
