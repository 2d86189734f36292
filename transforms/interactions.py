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
7. actors are named by `transforms.interaction_actors` (canonical names from the actor tables, otherwise the
   cleaned text of a named entity; unmarked nouns take the document's country; pronouns are resolved or dropped).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from transforms.actor_tables import lookup_text, state_actor
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
from transforms.interaction_actors import (
    ACTOR_LABELS,
    LOCATION_PREPS,
    DocumentContext,
    dedupe_names,
    is_pronoun,
    noun_actors,
    noun_sides,
    place_names,
    prep_objects,
    verb_objects,
)
from transforms.rule_words import RULES

_WORDS = RULES.interactions  # word lists: transforms/data/interactions_words.json

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
# Agentless passive state actions: the state they happened in acts ("was arrested in Lebanon").
STATE_ACTION_VERBS = _WORDS["state_action_verbs"]


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


def _is_actor_noun(tok: Token, ctx: DocumentContext) -> bool:
    return bool(noun_sides(tok, ctx, depth=0, resolve_pronouns=False)[0])


def _subject_tokens(verb: Token, ctx: DocumentContext) -> tuple[list[Token], bool]:
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
            if _is_actor_noun(noun, ctx) or is_pronoun(noun):
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


def _conditional_subjects(nodes: list[Token], ctx: DocumentContext) -> list[str]:
    """ "... unless Baghdad accepted", "if the United States goes ahead": the party the condition is put to."""
    out: list[str] = []
    for node in nodes:
        for child in node.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS
                                             for m in child.children):
                for subj in child.children:
                    if subj.dep_ in ("nsubj", "nsubjpass"):
                        for conj in (subj, *subj.conjuncts):
                            out += noun_actors(conj, ctx, resolve_pronouns=False)
    return out


def _place_targets(nodes: list[Token], ctx: DocumentContext) -> list[str]:
    """The place an act happened in, as its target when it has no other ("imposed a curfew in Algiers",
    "demonstrated in Serbia")."""
    out: list[str] = []
    objects = [c for n in nodes for c in n.children if c.dep_ == "dobj"]
    heads = list(nodes) + objects + [a for o in objects for a in o.children if a.dep_ == "acl"]
    for node in heads:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in LOCATION_PREPS | {"at", "along", "near", "across", "on"}:
                for pobj in prep_objects(child):
                    if _lemma(pobj) in BORDER_NOUNS:  # "along the border with Israel"
                        out += [n for p in pobj.children if p.dep_ == "prep" and p.lower_ == "with"
                                for o in prep_objects(p) for n in noun_actors(o, ctx, places=True)]
                    elif child.lower_ not in ("along", "across", "on"):
                        out += place_names(pobj, ctx)
    return dedupe_names(out)


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
        "target_actors": [t for t in dedupe_names(targets) if t not in sources or t in keep],
        "mood": mood,
    }


def _interaction(head: Token, ctx: DocumentContext) -> dict | None:
    chain = _chain(head)
    complements = _complements(chain)
    nodes = chain + [n for c in complements for n in _chain(c)]
    subjects, _ = _subject_tokens(head, ctx)
    sources: list[str] = []
    targets: list[str] = []
    for tok in subjects:
        agents, patients = noun_sides(tok, ctx)
        sources += agents
        targets += patients
    sources = dedupe_names(sources)
    ctx.named = set()
    ctx.object_country = next((ctx.country_of[n] for n in sources if n in ctx.country_of), None)
    passive = _passive(head)
    skip = frozenset(t.i for s in subjects for t in s.subtree)
    targets += verb_objects(nodes, ctx, passive_subject=passive, skip=skip)
    ctx.object_country = None  # a party told to act or put a condition to is another party
    for comp in complements:  # "demanded that the US cancel ...", "allowed Ouattara to participate"
        for child in comp.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for conj in (child, *child.conjuncts):
                    targets += noun_actors(conj, ctx, resolve_pronouns=False)
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
        sources, targets = givers, dedupe_names(sources + [t for t in targets if t not in givers])
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
        objects += [o for c in node.children if c.dep_ == "prep" and c.lower_ == "on" for o in prep_objects(c)]
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


def _givers(nodes: list[Token], ctx: DocumentContext) -> list[str]:
    """The actor behind what the subject receives or undergoes: "received aid from X", "won support from X",
    "came under fire from X", "faces sanctions by X"."""
    def from_by(tok: Token) -> list[str]:
        return [n for p in tok.children if p.dep_ == "prep" and p.lower_ in ("from", "by")
                for o in prep_objects(p) for n in noun_actors(o, ctx)]

    found: list[str] = []
    for node in nodes:
        if _lemma(node) in RECEIVE_VERBS and not _passive(node):
            found += from_by(node)
            for obj in node.children:
                if obj.dep_ == "dobj":
                    found += from_by(obj)
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                for pobj in prep_objects(prep):
                    found += from_by(pobj)
    return dedupe_names(found)


def _psych_roles(head: Token, ctx: DocumentContext, sources: list[str],
                 targets: list[str]) -> tuple[list[str], list[str]]:
    """A verb of feeling: the experiencer (object, or passive subject) reacts to the cause (subject, or agent)."""
    if _passive(head):
        experiencer = [c for c in head.children if c.dep_ == "nsubjpass"]
    else:
        experiencer = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    feeling = dedupe_names(n for c in experiencer for x in (c, *c.conjuncts) for n in noun_actors(x, ctx))
    if not feeling:
        return sources, targets
    return feeling, dedupe_names([n for n in sources + targets if n not in feeling])


def _agentless_passive(head: Token, chain: list[Token], ctx: DocumentContext,
                       targets: list[str]) -> tuple[list[str], list[str]]:
    """Sources of a passive clause without a by-agent, where the text still says who acts:
    "X was ordered to withdraw" (X withdraws), "the president's visit to Kenya was postponed" (the president),
    "was arrested in Lebanon" (Lebanon's state)."""
    subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and len(chain) > 1 and any(n.dep_ == "xcomp" and _is_verb(n) for n in chain):
        sources = dedupe_names(n for c in (subject, *subject.conjuncts) for n in noun_actors(c, ctx))
        if sources:
            return sources, [t for t in targets if t not in sources]
    if subject is not None and _lemma(subject) in EVENT_NOUNS:
        agents, patients = [], []
        for c in (subject, *subject.conjuncts):
            a, p = noun_sides(c, ctx)
            agents += a
            patients += p
        if agents:
            return dedupe_names(agents), [t for t in targets + patients if t not in agents]
    if _lemma(head) in STATE_ACTION_VERBS:
        return _state_in(head, ctx), targets
    return [], targets


def _state_in(verb: Token, ctx: DocumentContext) -> list[str]:
    """The state an agentless passive state action happened in: "was arrested in Lebanon", "was put under
    investigation in Italy" -> that country's government."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for pobj in prep_objects(prep):
            places = place_names(pobj, ctx) if prep.lower_ in LOCATION_PREPS else []
            if not places:
                places = [n for p2 in pobj.children if p2.dep_ == "prep" and p2.lower_ in LOCATION_PREPS
                          for o in prep_objects(p2) for n in place_names(o, ctx)]
            states = [n for n in places if n.startswith("Government of")]
            if states:
                return states[:1]
    return []


def _shell_report(shell: Token, ctx: DocumentContext) -> list[dict]:
    """What an attribution verb itself says about a dyad: an addressee ("told Syria that ...", "assured the UN
    that ...") is the speaker's target; a deontic content ("Russia said Sudan must return the helicopter") is a
    demand of the speaker on the content's subject. A bare "X said" gives nothing."""
    speakers, _ = _subject_tokens(shell, ctx)
    sources = dedupe_names(n for tok in speakers for n in noun_sides(tok, ctx)[0])
    if not sources:
        return []
    addressees: list[str] = []
    for child in shell.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN"):
            addressees += [n for c in (child, *child.conjuncts) for n in noun_actors(c, ctx, resolve_pronouns=False)]
        elif child.dep_ in ("prep", "dative") and child.lower_ == "to":
            addressees += [n for p in prep_objects(child) for n in noun_actors(p, ctx, resolve_pronouns=False)]
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
                        targets += noun_actors(conj, ctx, resolve_pronouns=False)
        if not [t for t in targets if t not in sources]:
            continue
        targets += verb_objects(chain, ctx, passive_subject=_passive(comp))
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
    ctx = DocumentContext(published, countries)
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
