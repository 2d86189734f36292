"""Dyadic political interactions (PLOVER-style source -> target), one record per clause, flagged by mood.

Why a module of its own: ACLED codes only what happened and only violence, protests and strategic developments,
so verbal acts ("Greece demanded that its partners refuse ...", "Iran threatened to launch an offensive",
"Libya offered to hand over two suspects to Britain") never become events. The project rule is that threats,
plans and denials are never events; here they are recorded, with a `mood` flag saying how the clause reports the
act (asserted, negated, intended, threatened, demanded, conditional, question, habitual, background), so downstream
users can filter. The clause structure (head, verb chain, folded complements) and the mood are the clause frame's
(`transforms.clause_frames`), the same one `transforms.events` reads: a clause has one mood.

How a clause is read (rules on the dependency parse, reusing `transforms.events` and `transforms.actors`):

1. every verb heading a clause is a candidate; its xcomp/acomp chain ("offered to hand over", "is willing to
   withdraw"), the complement of a demand/threat/agreement verb ("demanded that the US cancel ...") and the
   clause of an object-control verb ("allowed Ouattara to participate") belong to the head's clause;
2. attribution shells ("X said", "a newspaper reported") are skipped: the reported content is the clause, and a
   pronoun subject of it ("Syria says it will ...") is the speaker (number/person agreement decides between
   candidates). A shell gives a record of its own only when it names an addressee ("told Syria that ...") or
   its content is deontic ("Russia said Sudan must return ...": a demand of the speaker on Sudan);
3. source = subject (passive: the by-agent; a relative pronoun: the noun it hangs on); target = direct object,
   dative, passive subject, prepositional objects (to, with, against, on, for, from, toward(s), at, into,
   between, about), the subject of a demanded content or of an if/unless condition, along the whole chain;
4. a noun that names no actor is looked into: "an Indian proposal", "Haiti's efforts", "sanctions on the
   Taliban", "calls by Belarus's rulers", "the removal of President X", "an offer to host talks with X";
5. roles follow meaning where the syntax inverts them: the experiencer of a verb of feeling is the source
   ("Greece was angered by Turkey's decision"), the giver of what the subject receives or undergoes ("received
   aid from Egypt", "came under pressure from the UN"), and coordinated parties of a reciprocal act ("X and Y
   signed a truce") are each other's targets;
6. without another target, the place an act happened in is its target ("imposed a curfew in Algiers",
   "demonstrated in Serbia"); an agentless passive state action ("was arrested in Lebanon") has that state as
   source;
7. actors are canonical names from the actor tables (`resolve_actors`), otherwise the cleaned text of a named
   entity (PERSON/ORG/NORP/GPE); unmarked nouns take the document's country ("the government"), an object's
   unmarked state forces the source's ("sent troops"); a people without a state of its own ("the Kurdish
   leader"), an unknown named person ("President X") or an "ethnic" minority is not made a state by context;
   pronouns are resolved to an antecedent in the sentence or dropped, never output.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from transforms.actors import _lexicon, countries_in, generic_actor, lookup_text, resolve_actors, state_actor
from transforms.event_parties import noun_phrase
from transforms.clause_frames import (CONDITIONAL_MARKS, DEMAND_NOUNS, DEONTIC_MODALS, INTEND_ADJECTIVES,  # noqa: F401
                                      INTEND_NOUNS, SAY_VERBS, SPEECH_NOUNS, THREAT_NOUNS, THREAT_VERBS)
from transforms.clause_frames import chain as _chain
from transforms.clause_frames import clause_heads as _clause_heads
from transforms.clause_frames import complements as _complements
from transforms.clause_frames import frames_of
from transforms.clause_frames import is_passive as _passive
from transforms.clause_frames import is_verb as _is_verb
from transforms.clause_frames import lemma_of as _lemma
from transforms.clause_frames import need_to as _need_to
from transforms.places import iso3_of_iso2
from transforms.rule_words import RULES

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
# Passives that describe the subject's own stance: "Cairo was opposed to", "troops are engaged in fighting".
STATIVE_PASSIVES = _WORDS["stative_passives"] | INTEND_ADJECTIVES
# Verbs of feeling: the one who feels is the source and the cause is the target ("Greece was angered by
# Turkey's decision" and "Turkey's decision angered Greece" both: Greece -> Turkey).
PSYCH_VERBS = _WORDS["psych_verbs"]
PROTEST_VERBS = _WORDS["protest_verbs"]
PROTEST_NOUNS = _WORDS["protest_nouns"]
# Verbs and objects that coordinated parties do with each other ("X and Y met", "X and Y signed a treaty"):
# each party is then the other's target, as CAMEO codes both directions of a reciprocal event.
RECIPROCAL_VERBS = _WORDS["reciprocal_verbs"]
RECIPROCAL_NOUNS = _WORDS["reciprocal_nouns"]
# Verbs whose subject is the receiving end: the one it receives from is the source ("received aid from X").
RECEIVE_VERBS = _WORDS["receive_verbs"]
BORDER_NOUNS = _WORDS["border_nouns"]
# Verbs whose object is what the source moves: its own unnamed troops or ships are not the other side.
MOVE_VERBS = _WORDS["move_verbs"]
# Nominal acts whose possessor or nationality adjective is the actor ("the president's visit to Kenya").
EVENT_NOUNS = _WORDS["event_nouns"]
LOCATION_PREPS = _WORDS["location_preps"]
# Agentless passive state actions: the state they happened in acts ("was arrested in Lebanon").
STATE_ACTION_VERBS = _WORDS["state_action_verbs"]
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


def _is_pronoun(tok: Token) -> bool:
    """ "it", "they", "who" (but not "US", the country, whatever the tagger says)."""
    if tok.text.isupper() and len(tok.text) > 1:
        return False
    return tok.pos_ == "PRON" or tok.lower_ in PRONOUNS


def _dedupe(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out


def _pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition, conjuncts included ("against the United States and Britain")."""
    return [c for p in prep.children if p.dep_ == "pobj" for c in (p, *p.conjuncts)]


class _Context:
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


def _country_state(text: str, ctx: _Context) -> str | None:
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


def _span_names(span: Span, ctx: _Context, country: str | None = None) -> list[str]:
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
            actors = [a for a in actors if _lexicon().rows.get(a.name) is None
                      or _lexicon().rows[a.name].kind not in ("group", "igo", "ngo")]
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


def _ethnic_minority(span: Span, ctx: _Context) -> str | None:
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
                    if _is_pronoun(child):
                        deeper = _antecedent(child, hops - 1) if child.lower_ in PERSONAL and hops > 0 else []
                        if deeper and _agrees(tok, deeper[0]):
                            return deeper
                    elif child.pos_ in ("NOUN", "PROPN") and _agrees(tok, child):
                        return [child]
    return []


def _noun_sides(tok: Token, ctx: _Context, depth: int = MAX_DEPTH, places: bool = False,
                resolve_pronouns: bool = True) -> tuple[list[str], list[str]]:
    """(actors a noun phrase names or that act in it, actors it is aimed at).

    A phrase naming an actor gives that actor. Otherwise the actors inside it: possessor, nationality adjective,
    named compound, "of/by" objects act ("Russia's deployment", "US strikes", "calls by Belarus's rulers");
    "against/on/with/to" objects are aimed at ("riots against Israel", "sanctions on the Taliban")."""
    if _is_pronoun(tok):
        if not resolve_pronouns and not (tok.lower_ in RELATIVES and tok.tag_ in ("WDT", "WP")):
            return [], []  # an object "them"/"it" is left out; "whom they had taken hostage" is resolved
        agents: list[str] = []
        for ante in _antecedent(tok):
            agents += _noun_sides(ante, ctx, depth - 1, places, False)[0]
        return agents, []
    if tok.pos_ not in ("NOUN", "PROPN", "NUM", "X") and not (tok.pos_ == "ADJ" and tok.ent_type_ in ACTOR_LABELS):
        return [], []
    phrase = noun_phrase(tok)
    owner = next((c for c in tok.children if c.dep_ == "poss" and _is_pronoun(c)), None)
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
                        for o in _pobjs(c) for n in _noun_actors(o, ctx, depth - 1, places)]
        return _dedupe(names), patients
    if depth <= 0:
        return [], []
    agents, patients = [], []
    for child in tok.children:
        if child.dep_ == "poss" and not _is_pronoun(child):
            a, p = _noun_sides(child, ctx, depth - 1, places)
            agents += a + p
        elif child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i:
            if child.ent_type_ in ACTOR_LABELS or child.pos_ == "PROPN":
                span = tok.doc[child.left_edge.i: child.i + 1]
                agents += _span_names(span, ctx) or _modifier_names(span, ctx)
            elif child.pos_ == "NOUN":  # "Ugandan opposition candidates", "US Predator attacks"
                a, p = _noun_sides(child, ctx, depth - 1, places)
                agents += a
                patients += p
        elif child.dep_ == "appos" and child.i > tok.i:  # "the capital, Kabul"
            a, p = _noun_sides(child, ctx, depth - 1, places)
            agents += a
            patients += p
        elif child.dep_ == "amod" and child.pos_ == "ADJ":  # "aid worth 2 million dollars to the victims"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in PATIENT_PREPS:
                    for pobj in _pobjs(prep):
                        a, p = _noun_sides(pobj, ctx, depth - 1, places)
                        patients += a + p
        elif child.dep_ == "prep":
            prep = child.lower_
            for pobj in _pobjs(child):
                if prep in AGENT_PREPS:
                    a, p = _noun_sides(pobj, ctx, depth - 1, places)
                    agents += a
                    patients += p
                elif prep in PATIENT_PREPS:
                    a, p = _noun_sides(pobj, ctx, depth - 1, places)
                    patients += a + p
                elif prep == "in" and _lemma(pobj) in IN_PURPOSE_NOUNS:
                    a, p = _noun_sides(pobj, ctx, depth - 1, places)
                    patients += a + p
                elif places and prep in LOCATION_PREPS | {"near"}:
                    patients += _place_names(pobj, ctx)
        elif child.dep_ == "acl" and _is_verb(child):
            # "the offer to host a summit", "lines leading into Kabul", "property seized by government forces"
            if child.tag_ == "VBN":
                agents += _agent_actors(child, ctx, depth - 1)
            patients += _verb_objects([child], ctx, depth - 1, places)
    return _dedupe(agents), _dedupe(patients)


def _antecedent_country(pronoun: Token, ctx: _Context) -> str | None:
    """The country (ISO3) of the actor a possessive pronoun stands for ("Bosnian Serbs said their forces ...")."""
    for ante in _antecedent(pronoun):
        for actor in resolve_actors([noun_phrase(ante)], ctx.published, context_country=ctx.country):
            if actor.country:
                return actor.country
        found = countries_in(list(ante.subtree))
        if found:
            return found[0]
    return None


def _noun_actors(tok: Token, ctx: _Context, depth: int = MAX_DEPTH, places: bool = False,
                 resolve_pronouns: bool = True) -> list[str]:
    """Every actor of a noun phrase on one side (objects: whoever is named in it is the other side)."""
    a, p = _noun_sides(tok, ctx, depth, places, resolve_pronouns)
    return _dedupe(a + p)


def _modifier_names(span: Span, ctx: _Context) -> list[str]:
    """A nationality or place used as a modifier ("US offer", "Indian proposal"): its state or its name."""
    ent = _entity_of(span[-1])
    text = _clean(ent.text if ent is not None else span.text)
    state = _country_state(text, ctx)
    if state:
        return [state]
    if ent is not None and ent.end == span[-1].i + 1 and _good_name(text):
        return [text]
    return []


def _agent_actors(verb: Token, ctx: _Context, depth: int) -> list[str]:
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return [n for pobj in _pobjs(child) for n in _noun_actors(pobj, ctx, depth)]
    return []


def _place_names(tok: Token, ctx: _Context, depth: int = 2) -> list[str]:
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
            for pobj in _pobjs(child):
                out += _place_names(pobj, ctx, depth - 1)
        elif child.dep_ in ("compound", "poss", "appos") and child.ent_type_ in PLACE_LABELS:
            out += _place_names(child, ctx, 0)
    return out


# ------------------------------------------------------------------------------------------------ clause structure


def _is_shell(verb: Token) -> bool:
    """An attribution verb whose content is a clause of its own, or that only tags the sentence ("..., X said")."""
    if _lemma(verb) not in SAY_VERBS:
        return False
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "claims to be manufacturing": the speaker does it
    has_content = any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or verb.dep_ in ("parataxis", "ccomp")
    has_object = any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
    return has_content or not has_object


def _is_actor_noun(tok: Token, ctx: _Context) -> bool:
    return bool(_noun_sides(tok, ctx, depth=0, resolve_pronouns=False)[0])


def _subject_tokens(verb: Token, ctx: _Context) -> tuple[list[Token], bool]:
    """(subject tokens incl. conjuncts, is the by-agent of a passive), climbing to the governing verb when the verb
    has no subject of its own (xcomp, conjoined verbs, participles, purposes)."""
    current = verb
    for _ in range(8):
        passive = _passive(current)
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj") and child.pos_ != "VERB":
                return [child, *child.conjuncts], False
            if child.dep_ == "nsubj" and child.tag_ == "VBG":  # "The Red Cross operating in Iraq said"
                inner = next((g for g in child.children if g.dep_ == "nsubj"), None)
                if inner is not None:
                    return [inner, *inner.conjuncts], False
            if child.dep_ == "agent" or (passive and child.dep_ == "prep" and child.lower_ == "by"):
                pobjs = [p for p in child.children if p.dep_ == "pobj"]
                if pobjs:
                    return [pobjs[0], *pobjs[0].conjuncts], True
        if passive:
            nsubjpass = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            if nsubjpass is not None and _lemma(current) in STATIVE_PASSIVES | PSYCH_VERBS and not any(
                    c.dep_ == "agent" for c in current.children):
                return [nsubjpass, *nsubjpass.conjuncts], False  # "Vietnam is committed to ..."
            return [], False
        if current.head.i == current.i:
            return [], False
        if current.dep_ in ("acl", "relcl") and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            noun = current.head
            if current.tag_ == "VBN":  # "refugees ordered out of Nigeria": the noun is acted upon
                return [], False
            if _is_actor_noun(noun, ctx) or _is_pronoun(noun):
                return [noun, *noun.conjuncts], False
            # "issued a declaration demanding ...": the one who issued it
            current = noun.head if noun.dep_ in ("dobj", "pobj", "attr") else noun
            if current.pos_ == "ADP":
                current = current.head
            if not _is_verb(current):
                return [], False
            continue
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp", "ccomp") or current.pos_ == "ADP":
            if current.dep_ == "ccomp" and _lemma(current.head) in SAY_VERBS:
                return [], False
            current = current.head
            continue
        if current.dep_ == "prep" or current.pos_ == "ADJ":
            current = current.head
            continue
        return [], False
    return [], False


# ------------------------------------------------------------------------------------------------ targets


def _verb_objects(nodes: list[Token], ctx: _Context, depth: int = MAX_DEPTH, places: bool = True,
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
                    for pobj in _pobjs(child):
                        targets += _noun_actors(pobj, ctx, depth, places, False)
                    continue
                for conj in (child, *child.conjuncts):
                    targets += _noun_actors(conj, ctx, depth, places, False)
            elif child.dep_ == "prep" and (child.lower_ in TARGET_PREPS or (
                    child.lower_ == "of" and child.head.lower_ in ("out", "ahead", "because"))):
                for pobj in _pobjs(child):
                    targets += _noun_actors(pobj, ctx, depth, places, False)
            elif child.dep_ == "prep" and child.lower_ == "in":
                for pobj in _pobjs(child):
                    if _lemma(pobj) in IN_PURPOSE_NOUNS:
                        targets += _noun_actors(pobj, ctx, depth, places, False)
    return _dedupe(targets)


def _conditional_subjects(nodes: list[Token], ctx: _Context) -> list[str]:
    """ "... unless Baghdad accepted", "if the United States goes ahead": the party the condition is put to."""
    out: list[str] = []
    for node in nodes:
        for child in node.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS
                                             for m in child.children):
                for subj in child.children:
                    if subj.dep_ in ("nsubj", "nsubjpass"):
                        for conj in (subj, *subj.conjuncts):
                            out += _noun_actors(conj, ctx, resolve_pronouns=False)
    return out


def _place_targets(nodes: list[Token], ctx: _Context) -> list[str]:
    """The place an act happened in, as its target when it has no other ("imposed a curfew in Algiers",
    "demonstrated in Serbia")."""
    out: list[str] = []
    objects = [c for n in nodes for c in n.children if c.dep_ == "dobj"]
    heads = list(nodes) + objects + [a for o in objects for a in o.children if a.dep_ == "acl"]
    for node in heads:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in LOCATION_PREPS | {"at", "along", "near", "across", "on"}:
                for pobj in _pobjs(child):
                    if _lemma(pobj) in BORDER_NOUNS:  # "along the border with Israel"
                        out += [n for p in pobj.children if p.dep_ == "prep" and p.lower_ == "with"
                                for o in _pobjs(p) for n in _noun_actors(o, ctx, places=True)]
                    elif child.lower_ not in ("along", "across", "on"):
                        out += _place_names(pobj, ctx)
    return _dedupe(out)


# ------------------------------------------------------------------------------------------------ mood


# ------------------------------------------------------------------------------------------------ verb phrase


def _verb_phrase(nodes: list[Token]) -> str:
    """Short lemma phrase: the chain's verbs with their particles, and the last verb's non-actor object."""
    words: list[str] = []
    for node in nodes:
        if _lemma(node) == "be":
            continue
        words.append(_lemma(node))
        words += [c.lower_ for c in node.children if c.dep_ == "prt"]
    obj = next((c for c in nodes[-1].children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if obj is not None and obj.ent_type_ not in ACTOR_LABELS and not lookup_text(obj.text):
        words.append(_lemma(obj))
    return re.sub(r"\s+", " ", " ".join(w for w in words if re.search(r"\w", w))).strip()


# ------------------------------------------------------------------------------------------------ clauses


def _record(sent: Span, verb: str, sources: list[str], targets: list[str], mood: str,
            named: Iterable[str] = ()) -> dict:
    """The output row; a target equal to a source stays only where the text names it ("Bashir lifted the
    curfew in Sudan"), not where a generic noun was filled in from context ("Benin opened its borders")."""
    keep = set(named)
    return {
        "sentence": sent.text,
        "char_start": sent.start_char,
        "char_end": sent.end_char,
        "verb": verb,
        "source_actors": sources,
        "target_actors": [t for t in _dedupe(targets) if t not in sources or t in keep],
        "mood": mood,
    }


def _interaction(head: Token, ctx: _Context) -> dict | None:
    chain = _chain(head)
    complements = _complements(chain)
    nodes = chain + [n for c in complements for n in _chain(c)]
    subjects, _ = _subject_tokens(head, ctx)
    sources: list[str] = []
    targets: list[str] = []
    for tok in subjects:
        agents, patients = _noun_sides(tok, ctx)
        sources += agents
        targets += patients
    sources = _dedupe(sources)
    ctx.named = set()
    ctx.object_country = next((ctx.country_of[n] for n in sources if n in ctx.country_of), None)
    passive = _passive(head)
    skip = frozenset(t.i for s in subjects for t in s.subtree)
    targets += _verb_objects(nodes, ctx, passive_subject=passive, skip=skip)
    ctx.object_country = None  # a party told to act or put a condition to is another party
    for comp in complements:  # "demanded that the US cancel ...", "allowed Ouattara to participate"
        for child in comp.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for conj in (child, *child.conjuncts):
                    targets += _noun_actors(conj, ctx, resolve_pronouns=False)
    targets += _conditional_subjects(nodes, ctx)
    if not sources and passive:
        sources, targets = _agentless_passive(head, chain, ctx, targets)
    named = set(ctx.named)
    if not [t for t in targets if t not in sources or t in named]:
        targets += _place_targets(nodes, ctx)
        named |= ctx.named
    ctx.object_country = None
    if _lemma(head) in PSYCH_VERBS and sources and targets:
        sources, targets = _psych_roles(head, ctx, sources, targets)
    if len(sources) > 1 and len(subjects) > 1 and _reciprocal(nodes) and not [t for t in targets if t not in sources]:
        targets = list(sources)  # "Armenia and Azerbaijan signed a ceasefire": each is the other's counterpart
        named |= set(sources)
    givers = _givers(nodes, ctx) if sources else []
    if givers:  # "Sudan received aid from Egypt", "Iraq came under pressure from the UN": the giver acts
        sources, targets = givers, _dedupe(sources + [t for t in targets if t not in givers])
    if not sources:
        return None
    if not [t for t in targets if t not in sources or t in named] and _protest(nodes) and ctx.country:
        authority = state_actor(ctx.country, "government", ctx.published)  # a protest addresses the authorities
        targets = [authority.name] if authority and authority.name not in sources else targets
    if {_lemma(n) for n in nodes} & MOVE_VERBS:  # "sent two warships to the Gulf": its own, not a target
        own = {ctx.country_of.get(n) for n in sources} - {None}
        targets = [t for t in targets if t in named or t not in ctx.state_names or ctx.country_of.get(t) not in own]
    return _record(head.sent, _verb_phrase(nodes), sources, targets, frames_of(head.doc)[head.i].mood, named)


def _protest(nodes: list[Token]) -> bool:
    """ "demonstrated", "went on strike", "staged a sit-in": a protest, whose target is the authorities unless
    the text names another."""
    for node in nodes:
        if _lemma(node) in PROTEST_VERBS:
            return True
        objects = [c for c in node.children if c.dep_ == "dobj"]
        objects += [o for c in node.children if c.dep_ == "prep" and c.lower_ == "on" for o in _pobjs(c)]
        if any(_lemma(o) in PROTEST_NOUNS for o in objects):
            return True
    return False


def _reciprocal(nodes: list[Token]) -> bool:
    """A verb (or verb + object) that two coordinated parties do with each other: met, signed an agreement."""
    for node in nodes:
        if _lemma(node) in RECIPROCAL_VERBS:
            return True
        if any(c.dep_ == "dobj" and _lemma(c) in RECIPROCAL_NOUNS for c in node.children):
            return True
    return False


def _givers(nodes: list[Token], ctx: _Context) -> list[str]:
    """The actor behind what the subject receives or undergoes: "received aid from X", "won support from X",
    "came under fire from X", "faces sanctions by X"."""
    def from_by(tok: Token) -> list[str]:
        return [n for p in tok.children if p.dep_ == "prep" and p.lower_ in ("from", "by")
                for o in _pobjs(p) for n in _noun_actors(o, ctx)]

    found: list[str] = []
    for node in nodes:
        if _lemma(node) in RECEIVE_VERBS and not _passive(node):
            found += from_by(node)
            for obj in node.children:
                if obj.dep_ == "dobj":
                    found += from_by(obj)
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                for pobj in _pobjs(prep):
                    found += from_by(pobj)
    return _dedupe(found)


def _psych_roles(head: Token, ctx: _Context, sources: list[str], targets: list[str]) -> tuple[list[str], list[str]]:
    """A verb of feeling: the experiencer (object, or passive subject) reacts to the cause (subject, or agent)."""
    if _passive(head):
        experiencer = [c for c in head.children if c.dep_ == "nsubjpass"]
    else:
        experiencer = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    feeling = _dedupe(n for c in experiencer for x in (c, *c.conjuncts) for n in _noun_actors(x, ctx))
    if not feeling:
        return sources, targets
    return feeling, _dedupe([n for n in sources + targets if n not in feeling])


def _agentless_passive(head: Token, chain: list[Token], ctx: _Context,
                       targets: list[str]) -> tuple[list[str], list[str]]:
    """Sources of a passive clause without a by-agent, where the text still says who acts:
    "X was ordered to withdraw" (X withdraws), "the president's visit to Kenya was postponed" (the president),
    "was arrested in Lebanon" (Lebanon's state)."""
    subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and len(chain) > 1 and any(n.dep_ == "xcomp" and _is_verb(n) for n in chain):
        sources = _dedupe(n for c in (subject, *subject.conjuncts) for n in _noun_actors(c, ctx))
        if sources:
            return sources, [t for t in targets if t not in sources]
    if subject is not None and _lemma(subject) in EVENT_NOUNS:
        agents, patients = [], []
        for c in (subject, *subject.conjuncts):
            a, p = _noun_sides(c, ctx)
            agents += a
            patients += p
        if agents:
            return _dedupe(agents), [t for t in targets + patients if t not in agents]
    if _lemma(head) in STATE_ACTION_VERBS:
        return _state_in(head, ctx), targets
    return [], targets


def _state_in(verb: Token, ctx: _Context) -> list[str]:
    """The state an agentless passive state action happened in: "was arrested in Lebanon", "was put under
    investigation in Italy" -> that country's government."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for pobj in _pobjs(prep):
            places = _place_names(pobj, ctx) if prep.lower_ in LOCATION_PREPS else []
            if not places:
                places = [n for p2 in pobj.children if p2.dep_ == "prep" and p2.lower_ in LOCATION_PREPS
                          for o in _pobjs(p2) for n in _place_names(o, ctx)]
            states = [n for n in places if n.startswith("Government of")]
            if states:
                return states[:1]
    return []


def _shell_report(shell: Token, ctx: _Context) -> list[dict]:
    """What an attribution verb itself says about a dyad: an addressee ("told Syria that ...", "assured the UN
    that ...") is the speaker's target; a deontic content ("Russia said Sudan must return the helicopter") is a
    demand of the speaker on the content's subject. A bare "X said" gives nothing."""
    speakers, _ = _subject_tokens(shell, ctx)
    sources = _dedupe(n for tok in speakers for n in _noun_sides(tok, ctx)[0])
    if not sources:
        return []
    addressees: list[str] = []
    for child in shell.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN"):
            addressees += [n for c in (child, *child.conjuncts) for n in _noun_actors(c, ctx, resolve_pronouns=False)]
        elif child.dep_ in ("prep", "dative") and child.lower_ == "to":
            addressees += [n for p in _pobjs(child) for n in _noun_actors(p, ctx, resolve_pronouns=False)]
    out = []
    for comp in shell.children:
        if comp.dep_ != "ccomp" or not _is_verb(comp):
            continue
        modals = {c.lower_ for c in comp.children if c.dep_ == "aux"}
        deontic = bool(modals & DEONTIC_MODALS) or _need_to(comp)
        chain = _chain(comp)
        targets = list(addressees)
        if deontic:
            for child in comp.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    for conj in (child, *child.conjuncts):
                        targets += _noun_actors(conj, ctx, resolve_pronouns=False)
        if not [t for t in targets if t not in sources]:
            continue
        targets += _verb_objects(chain, ctx, passive_subject=_passive(comp))
        frame = frames_of(comp.doc).get(comp.i)
        mood = "demanded" if deontic else (frame.mood if frame is not None else "asserted")
        if shell.sent.text.rstrip().endswith("?"):
            mood = "question"
        verb = ("demand " if deontic else _lemma(shell) + " ") + _verb_phrase(chain)
        out.append(_record(shell.sent, verb.strip(), sources, targets, mood))
    return out


def extract_interactions(doc: Doc, published: date | None = None, countries: Sequence[str] = (),
                         head_index: list[int] | None = None) -> list[dict]:
    """One dict per interaction clause of the parsed document; `head_index`, when given, gets the clause head's token
    index of each dict (its frame: `transforms.clause_frames`)."""
    ctx = _Context(published, countries)
    out: list[dict] = []
    for sent in doc.sents:
        folded: set[int] = set()
        heads = _clause_heads(sent)
        for head in heads:
            for comp in _complements(_chain(head)):
                folded.add(comp.i)
        for head in heads:
            if head.i in folded:
                continue  # the content of a demand/threat or of "allowed X to": part of its governing clause
            if _is_shell(head):
                for record in _shell_report(head, ctx):
                    out.append(record)
                    if head_index is not None:
                        head_index.append(head.i)
                continue
            record = _interaction(head, ctx)
            if record is not None and record not in out:
                out.append(record)
                if head_index is not None:
                    head_index.append(head.i)
    return out
