"""Who the nouns of an interaction clause are: actor names for subjects, objects and the nouns they hang on.

Why apart from the clause reading (`transforms.interactions`): naming an actor is its own set of rules, shared by
every role a clause gives. Actors are canonical names from the actor tables (`resolve_actors`), otherwise the
cleaned text of a named entity (PERSON/ORG/NORP/GPE). Unmarked nouns take the document's country ("the
government"), and an object's unmarked state forces take the source's ("sent troops"). A people without a state
of its own ("the Kurdish leader"), an unknown named person ("President X") or an "ethnic" minority is not made a
state by context. Pronouns are resolved to an antecedent in the sentence or dropped, never output. A noun that
names no actor is looked into: "an Indian proposal", "Haiti's efforts", "sanctions on the Taliban", "calls by
Belarus's rulers", "the removal of President X", "an offer to host talks with X".
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

from spacy.tokens import Span, Token

from transforms.actor_tables import generic_actor, lexicon, lookup_text, state_actor
from transforms.actors import countries_in, resolve_actors
from transforms.clause_frames import is_verb as _is_verb
from transforms.clause_frames import lemma_of as _lemma
from transforms.event_parties import noun_phrase
from transforms.places import iso3_of_iso2
from transforms.rule_words import RULES

_WORDS = RULES.interactions  # word lists: transforms/data/interactions_words.json

_WORDS = RULES.interactions  # this module's word lists: transforms/data/interactions_words.json

# ------------------------------------------------------------------------------------------------ word lists

# The mood words (verbs of saying, threat/demand/intention nouns, modals, conditional marks) are bound once, in
# `transforms.clause_frames`, which decides every clause's mood; this module reads the few it needs from there.

# Prepositions whose object is the other side of an act.
TARGET_PREPS = _WORDS["target_preps"]
# Inside a noun that names no actor: prepositions introducing who is behind it ("calls by X", "the deployment of
# NATO troops") and who it is aimed at ("riots against X", "sanctions on X").
AGENT_PREPS = _WORDS["agent_preps"]
PATIENT_PREPS = _WORDS["patient_preps"]
# "in protest of X", "in response to X", "in support of X": the noun's own object is the other side.
IN_PURPOSE_NOUNS = _WORDS["in_purpose_nouns"]
LOCATION_PREPS = _WORDS["location_preps"]
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PRONOUNS = _WORDS["pronouns"]
RELATIVES = _WORDS["relatives"]
PERSONAL = _WORDS["personal"]
PERSON_NOUNS = _WORDS["person_nouns"]
COLLECTIVE_NOUNS = _WORDS["collective_nouns"]
# A title that no longer makes its bearer act for the state: "former president Carlos Menem".
FORMER_WORDS = _WORDS["former_words"]
CLAUSAL = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj", "acl", "csubj", "dep"})
MAX_DEPTH = 3


# ------------------------------------------------------------------------------------------------ small helpers


def _clean(text: str) -> str:
    """Surface text of an entity as an actor name: no leading article, no possessive 's, no stray punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*['’]s?$", "", text)
    return text.strip(" ,.;:-\"'`()[]{}")


def _good_name(name: str) -> bool:
    return bool(name) and any(c.isalpha() for c in name) and (name.lower() not in PRONOUNS or name.isupper())


def is_pronoun(tok: Token) -> bool:
    """ "it", "they", "who" (but not "US", the country, whatever the tagger says)."""
    if tok.text.isupper() and len(tok.text) > 1:
        return False
    return tok.pos_ == "PRON" or tok.lower_ in PRONOUNS


def dedupe_names(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


def prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition, conjuncts included ("against the United States and Britain")."""
    return [c for p in prep.children if p.dep_ == "pobj" for c in (p, *p.conjuncts)]


class DocumentContext:
    """Per-document settings: the date for regime periods and the document's country for unmarked nouns."""

    def __init__(self, published: date | None, countries: Sequence[str]) -> None:
        self.published = published
        self.country = next((iso3_of_iso2(c) for c in countries if iso3_of_iso2(c)), None)
        # Actors resolved from a phrase that names them ("Sudan", "President Bashir"), as opposed to a generic
        # noun filled in from context ("its troops"): only these may be the target of their own source.
        self.named: set[str] = set()
        # While reading a clause's objects: the source's country, the owner of unmarked "troops", "aid workers".
        self.object_country: str | None = None
        self.country_of: dict[str, str] = {}  # actor name -> ISO3, as resolved
        self.state_names: set[str] = set()  # actor names that are state forces (inter 1)


# ------------------------------------------------------------------------------------------------ actors


def _entity_of(tok: Token, labels: frozenset[str] = ACTOR_LABELS) -> Span | None:
    """The named entity of one of `labels` that a token belongs to, if any."""
    if tok.ent_type_ not in labels:
        return None
    return next((e for e in tok.sent.ents if e.start <= tok.i < e.end), None)


def _country_state(text: str, ctx: DocumentContext) -> str | None:
    """'Lebanon', 'Indian', 'Tehran' where the tables do not take them as actors (a place, a modifier) -> the
    state's government: in a dyad, a country named as the other side is its state."""
    hits = lookup_text(text)
    countries = {str(h.payload) for h in hits if h.category == "country"}
    if hits and len(countries) == 1 and all(h.category == "country" and h.end == hits[0].end for h in hits):
        if hits[0].start == 0 or all(not w[:1].isupper() for w in text.split()[:hits[0].start]):
            actor = state_actor(countries.pop(), "government", ctx.published)
            return actor.name if actor else None
    return None


def _own_country(tok: Token) -> str | None:
    """The country a phrase places its head in ("rebels in the Ivory Coast", "a group based in Trinidad",
    "refugees fleeing the war in Liberia"): a country named under in/of/from/based-in, not against/with."""
    for t in tok.subtree:
        if t.i == tok.i or t.ent_type_ not in ("GPE", "NORP", "LOC", "ORG") or t.head.ent_iob_ == "I" and (
                t.head.i > t.i and t.head.ent_type_ == t.ent_type_):
            continue  # one token per entity: its last (the head of "Palestinian Authority")
        node, ok = t, True
        while node.i != tok.i and ok:
            if node.dep_ == "prep" and node.lower_ not in ("in", "inside", "of", "from", "throughout", "across"):
                ok = False
            if node.dep_ in ("relcl", "ccomp", "advcl", "conj", "appos", "poss"):
                ok = False
            node = node.head
        if ok and node.i == tok.i:
            ent = _entity_of(t, frozenset({"GPE", "NORP", "LOC", "ORG"}))
            found = countries_in(list(ent) if ent is not None else [t])
            if found:
                return found[0]
    return None


def _span_names(span: Span, ctx: DocumentContext, country: str | None = None) -> list[str]:
    """Canonical actors a phrase names; else the cleaned text of the entity its head belongs to."""
    person = _entity_of(span.root, frozenset({"PERSON"}))
    ethnic = _ethnic_minority(span, ctx)
    if ethnic:
        return [ethnic]
    if person is None or not any(t.lower_ in FORMER_WORDS for t in span):
        actors = resolve_actors([span], ctx.published, context_country=country or ctx.country)
        explicit = country is not None or any(t.ent_type_ in ACTOR_LABELS | PLACE_LABELS for t in span)
        if ctx.object_country and not explicit and actors and all(a.inter == 1 for a in actors):
            # unmarked "troops", "officials" as an object: the source's own ("sent troops to Iraq")
            actors = resolve_actors([span], ctx.published, context_country=ctx.object_country)
        ctx.country_of.update((a.name, a.country) for a in actors if a.country)
        ctx.state_names.update(a.name for a in actors if a.inter == 1)
        if not any(t.text[:1].isupper() for t in span):  # "an offer of amnesty" is not Amnesty International
            actors = [a for a in actors if lexicon().rows.get(a.name) is None
                      or lexicon().rows[a.name].kind not in ("group", "igo", "ngo")]
        group = _stateless_group(span)
        stateless = actors and all(a.inter == 1 for a in actors) and not countries_in(list(span))
        if group and stateless:
            actors = []  # "the Kurdish leader", "Yoruba leaders" do not act for the state (civilians stay ACLED-style)
            names = [group]
        elif stateless and person is not None and _unknown_person(person, span):
            names = []  # "President Mugabe" outside the tables: his name, not the state of whatever country is salient
        else:
            names = [a.name for a in actors]
        if names:
            if any(t.ent_type_ in ACTOR_LABELS | PLACE_LABELS for t in span):
                ctx.named.update(names)
            return names
    ent = _entity_of(span.root)
    if ent is None:
        return []
    text = _clean(ent.text)
    state = _country_state(text, ctx) if ent.label_ in ("GPE", "NORP") else None
    name = state or text
    if not _good_name(name):
        return []
    ctx.named.add(name)
    return [name]


def _ethnic_minority(span: Span, ctx: DocumentContext) -> str | None:
    """ "ethnic Albanians", "ethnic Russians in Estonia": an ethnicity, not a nationality; ACLED codes them as
    civilians of the country they live in (the document's), not of the country their demonym names."""
    if not any(t.lower_ == "ethnic" for t in span):
        return None
    kin = {str(h.payload) for h in lookup_text(span.text) if h.category == "country"}
    home = _own_country(span.root) or ctx.country
    if not kin or not home or home in kin:
        return None
    actor = generic_actor("civilians", home)
    return actor.name if actor else None


def _unknown_person(person: Span, span: Span) -> bool:
    """A named person the tables do not know, whose state would only come from the document's context."""
    if any(h.category in ("person", "named", "organ") for h in lookup_text(span.text)):
        return False
    return not any(h.category in ("person", "named") for h in lookup_text(person.text))


def _stateless_group(span: Span) -> str | None:
    """The name of a people or faction named by a NORP/ORG modifier that the tables know as no country."""
    for ent in span.ents:
        if ent.label_ in ("NORP", "ORG") and ent.root.i != span.root.i and not countries_in(list(ent)):
            if not lookup_text(ent.text):
                text = _clean(ent.text)
                return text if _good_name(text) else None
    return None


def _agrees(pronoun: Token, cand: Token) -> bool:
    """Number/person agreement between a pronoun and a candidate antecedent's head."""
    kind = PERSONAL.get(pronoun.lower_)
    if kind is None:
        return True
    plural = cand.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in cand.children)
    person = cand.ent_type_ == "PERSON" or cand.lower_ in PERSON_NOUNS or any(
        c.lower_ in PERSON_NOUNS for c in cand.children if c.dep_ == "compound")
    if kind == "plural":  # "they" also stands for a state, an organisation or a group ("a group of leaders")
        return plural or cand.ent_type_ in ("GPE", "ORG", "NORP") or cand.lower_ in COLLECTIVE_NOUNS
    if kind == "person":
        return person and not plural
    return not plural and not person


def _antecedent(tok: Token, hops: int = 2) -> list[Token]:
    """The antecedent of a pronoun: the noun a relative clause hangs on, else the nearest agreeing subject (then
    object) of a governing clause in the same sentence ("Syria says it will ..." -> Syria)."""
    if tok.lower_ in RELATIVES or tok.tag_ in ("WDT", "WP"):
        verb = tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return [verb.head]
        return []
    if tok.lower_ not in PERSONAL:
        return []
    own = tok.head  # the pronoun's own verb: its other arguments are not antecedents ("it will support X")
    while own.head.i != own.i and not _is_verb(own):
        own = own.head
    current = own
    for _ in range(10):
        if current.head.i == current.i:
            break
        current = current.head
        if not _is_verb(current):
            continue
        for dep in (("nsubj", "nsubjpass"), ("dobj",)):
            for child in current.children:
                if child.dep_ in dep and child.i != tok.i and not tok.is_ancestor(child) and not child.is_ancestor(tok):
                    if is_pronoun(child):
                        deeper = _antecedent(child, hops - 1) if child.lower_ in PERSONAL and hops > 0 else []
                        if deeper and _agrees(tok, deeper[0]):
                            return deeper
                    elif child.pos_ in ("NOUN", "PROPN") and _agrees(tok, child):
                        return [child]
    return []


def noun_sides(tok: Token, ctx: DocumentContext, depth: int = MAX_DEPTH, places: bool = False,
                resolve_pronouns: bool = True) -> tuple[list[str], list[str]]:
    """(actors a noun phrase names or that act in it, actors it is aimed at).

    A phrase naming an actor gives that actor. Otherwise the actors inside it: possessor, nationality adjective,
    named compound, "of/by" objects act ("Russia's deployment", "US strikes", "calls by Belarus's rulers");
    "against/on/with/to" objects are aimed at ("riots against Israel", "sanctions on the Taliban")."""
    if is_pronoun(tok):
        if not resolve_pronouns and not (tok.lower_ in RELATIVES and tok.tag_ in ("WDT", "WP")):
            return [], []  # an object "them"/"it" is left out; "whom they had taken hostage" is resolved
        agents: list[str] = []
        for ante in _antecedent(tok):
            agents += noun_sides(ante, ctx, depth - 1, places, False)[0]
        return agents, []
    if tok.pos_ not in ("NOUN", "PROPN", "NUM", "X") and not (tok.pos_ == "ADJ" and tok.ent_type_ in ACTOR_LABELS):
        return [], []
    phrase = noun_phrase(tok)
    owner = next((c for c in tok.children if c.dep_ == "poss" and is_pronoun(c)), None)
    names: list[str] = []
    if owner is None:
        names = _span_names(phrase, ctx, _own_country(tok))
    elif any(t.ent_type_ in ACTOR_LABELS for t in phrase):  # "its leader Abdullah Ocalan"
        names = _span_names(phrase, ctx)
    else:  # "their forces": the forces of whoever "their" is (as an object: the source's own)
        country = _antecedent_country(owner, ctx) if resolve_pronouns else ctx.object_country
        names = _span_names(phrase, ctx, country) if country else []
    if names:
        for child in tok.children:  # "the Philippine government and communist rebels" parsed as a modifier
            if child.dep_ in ("nmod", "compound") and any(c.dep_ == "cc" for c in child.children):
                names += [n for c in (child, *child.conjuncts) if c.i < tok.i and c.pos_ == "NOUN"
                          for n in _span_names(noun_phrase(c), ctx)]
        patients: list[str] = []
        if owner is not None and depth > 0:  # "recalled its ambassador from Togo": Togo is the other side
            patients = [n for c in tok.children if c.dep_ == "prep" and c.lower_ in PATIENT_PREPS | {"from"}
                        for o in prep_objects(c) for n in noun_actors(o, ctx, depth - 1, places)]
        return dedupe_names(names), patients
    if depth <= 0:
        return [], []
    agents, patients = [], []
    for child in tok.children:
        if child.dep_ == "poss" and not is_pronoun(child):
            a, p = noun_sides(child, ctx, depth - 1, places)
            agents += a + p
        elif child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i:
            if child.ent_type_ in ACTOR_LABELS or child.pos_ == "PROPN":
                span = tok.doc[child.left_edge.i: child.i + 1]
                agents += _span_names(span, ctx) or _modifier_names(span, ctx)
            elif child.pos_ == "NOUN":  # "Ugandan opposition candidates", "US Predator attacks"
                a, p = noun_sides(child, ctx, depth - 1, places)
                agents += a
                patients += p
        elif child.dep_ == "appos" and child.i > tok.i:  # "the capital, Kabul"
            a, p = noun_sides(child, ctx, depth - 1, places)
            agents += a
            patients += p
        elif child.dep_ == "amod" and child.pos_ == "ADJ":  # "aid worth 2 million dollars to the victims"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in PATIENT_PREPS:
                    for pobj in prep_objects(prep):
                        a, p = noun_sides(pobj, ctx, depth - 1, places)
                        patients += a + p
        elif child.dep_ == "prep":
            prep = child.lower_
            for pobj in prep_objects(child):
                if prep in AGENT_PREPS:
                    a, p = noun_sides(pobj, ctx, depth - 1, places)
                    agents += a
                    patients += p
                elif prep in PATIENT_PREPS:
                    a, p = noun_sides(pobj, ctx, depth - 1, places)
                    patients += a + p
                elif prep == "in" and _lemma(pobj) in IN_PURPOSE_NOUNS:
                    a, p = noun_sides(pobj, ctx, depth - 1, places)
                    patients += a + p
                elif places and prep in LOCATION_PREPS | {"near"}:
                    patients += place_names(pobj, ctx)
        elif child.dep_ == "acl" and _is_verb(child):
            # "the offer to host a summit", "lines leading into Kabul", "property seized by government forces"
            if child.tag_ == "VBN":
                agents += _agent_actors(child, ctx, depth - 1)
            patients += verb_objects([child], ctx, depth - 1, places)
    return dedupe_names(agents), dedupe_names(patients)


def _antecedent_country(pronoun: Token, ctx: DocumentContext) -> str | None:
    """The country (ISO3) of the actor a possessive pronoun stands for ("Bosnian Serbs said their forces ...")."""
    for ante in _antecedent(pronoun):
        for actor in resolve_actors([noun_phrase(ante)], ctx.published, context_country=ctx.country):
            if actor.country:
                return actor.country
        found = countries_in(list(ante.subtree))
        if found:
            return found[0]
    return None


def noun_actors(tok: Token, ctx: DocumentContext, depth: int = MAX_DEPTH, places: bool = False,
                 resolve_pronouns: bool = True) -> list[str]:
    """Every actor of a noun phrase on one side (objects: whoever is named in it is the other side)."""
    a, p = noun_sides(tok, ctx, depth, places, resolve_pronouns)
    return dedupe_names(a + p)


def _modifier_names(span: Span, ctx: DocumentContext) -> list[str]:
    """A nationality or place used as a modifier ("US offer", "Indian proposal"): its state or its name."""
    ent = _entity_of(span[-1])
    text = _clean(ent.text if ent is not None else span.text)
    state = _country_state(text, ctx)
    if state:
        return [state]
    if ent is not None and ent.end == span[-1].i + 1 and _good_name(text):
        return [text]
    return []


def _agent_actors(verb: Token, ctx: DocumentContext, depth: int) -> list[str]:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return [n for pobj in prep_objects(child) for n in noun_actors(pobj, ctx, depth)]
    return []


def place_names(tok: Token, ctx: DocumentContext, depth: int = 2) -> list[str]:
    """A named place under a noun: "the town of Cizre", "this jail in northern Israel" -> Cizre, Israel."""
    ent = _entity_of(tok, PLACE_LABELS)
    if ent is not None:
        text = _clean(ent.text)
        state = _country_state(text, ctx)
        if not _good_name(text):
            return []
        ctx.named.add(state or text)
        return [state or text]
    if depth <= 0:
        return []
    out: list[str] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "near"):
            for pobj in prep_objects(child):
                out += place_names(pobj, ctx, depth - 1)
        elif child.dep_ in ("compound", "poss", "appos") and child.ent_type_ in PLACE_LABELS:
            out += place_names(child, ctx, 0)
    return out


# ------------------------------------------------------------------------------------------------ targets


def verb_objects(nodes: list[Token], ctx: DocumentContext, depth: int = MAX_DEPTH, places: bool = True,
                  skip: frozenset[int] = frozenset(), passive_subject: bool = False) -> list[str]:
    """The other side of the verbs of a clause: objects, datives, prepositional objects."""
    targets: list[str] = []
    for node in nodes:
        kids = list(node.children)
        kids += [g for c in node.children if c.dep_ in ("prt", "advmod", "prep")  # "up to 16", "out of Beirut"
                 and c.lower_ in ("up", "out", "away", "back", "down", "ahead") for g in c.children]
        for child in kids:
            if child.i in skip:
                continue
            if child.dep_ in ("dobj", "dative", "oprd") or (child.dep_ == "nsubjpass" and passive_subject):
                if child.dep_ == "dative" and child.pos_ == "ADP":
                    for pobj in prep_objects(child):
                        targets += noun_actors(pobj, ctx, depth, places, False)
                    continue
                for conj in (child, *child.conjuncts):
                    targets += noun_actors(conj, ctx, depth, places, False)
            elif child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or (
                    child.lower_ == "of" and child.head.lower_ in ("out", "ahead", "because"))):
                for pobj in prep_objects(child):
                    targets += noun_actors(pobj, ctx, depth, places, False)
            elif child.dep_ == "prep" and child.lower_ == "in":
                for pobj in prep_objects(child):
                    if _lemma(pobj) in IN_PURPOSE_NOUNS:
                        targets += noun_actors(pobj, ctx, depth, places, False)
    return dedupe_names(targets)
