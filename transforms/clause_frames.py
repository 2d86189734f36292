"""One frame per clause: its head and verb chain, who acts, on whom, and how the clause reports the act (its mood).

Why a layer of its own: `events` (is this trigger an event that happened?) and `interactions` (who did what to
whom, and is it asserted, threatened, demanded...?) read the same clauses. Each used to walk the parse its own way
and could disagree: "agreed to withdraw" was a withdrawal that happened for one and an intention for the other.
Here every clause gets one `Frame` with one `mood`, decided by one function (`clause_mood`), and the word that
decided it (`cue`); both modules read it. The frames are built by a spaCy component (`clause_frames`, added after
the parser by `transforms.nlp.load_pipeline`) over clause heads only, and stored on the Doc (`doc._.clause_frames`);
`frame_of(token)` finds the frame a token (an event trigger) sits in.

Moods (the codebook: ACLED codes only what happened):

- asserted: reported as done;
- negated: "did not attack", "denied shelling", "nobody was arrested", "refused to", "prevented";
- intended: future, plan, promise, offer, agreement to act, willingness, purpose ("to demand", "agreed to withdraw");
- threatened: "threatened to", "warned of", "vowed";
- demanded: "called on X to", "urged", "must", "has to";
- conditional: "if", "unless", "may", "could", "can", fear or risk of ("fears of an attack");
- question: the sentence asks;
- habitual: a pattern, not one act ("routinely", "repeatedly", "at least 15 times", a war's running toll);
- background: a starting point told as context ("since the 2019 coup").

A cue word whose meaning is the mood (threaten, demand, plan, deny...) governs its content but is itself an act
that happened ("Iran threatened to attack": the threat is asserted, the attack is not): `Frame.blocks(token)`
says whether the mood holds for a token of the clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from transforms.event_lexicon import load_trigger_rules
from transforms.rule_words import RULES

_E, _I, _C = RULES.events, RULES.interactions, RULES.clauses

MOODS = ("asserted", "negated", "intended", "threatened", "demanded", "conditional", "question", "habitual",
         "background")

# interaction words (transforms/data/interactions_words.json)
SAY_VERBS = _I["say_verbs"]
THREAT_VERBS = _I["threat_verbs"]
DEMAND_VERBS = _I["demand_verbs"]
INTEND_VERBS = _I["intend_verbs"]
DENY_VERBS = _I["deny_verbs"]
CLAIM_NOUNS = _I["claim_nouns"]
INTEND_ADJECTIVES = _I["intend_adjectives"]
DEMAND_NOUNS = _I["demand_nouns"]
THREAT_NOUNS = _I["threat_nouns"]
INTEND_NOUNS = _I["intend_nouns"]
SPEECH_NOUNS = DEMAND_NOUNS | THREAT_NOUNS | INTEND_NOUNS
LIGHT_VERBS = _I["light_verbs"]
CONTROL_VERBS = _I["control_verbs"]
DEONTIC_MODALS = _I["deontic_modals"]
POSSIBLE_MODALS = _I["possible_modals"]
FUTURE_MODALS = _I["future_modals"]
CONDITIONAL_MARKS = _I["conditional_marks"]
# event words (transforms/data/events_words.json): what made a trigger unreal in `events`
MODALS = _E["modals"]
IRREALIS_HEADS = _E["irrealis_heads"]
HABITUAL_WORDS = _E["habitual_words"]
REALISED_INFINITIVE_HEADS = _E["realised_infinitive_heads"]
# which mood an irrealis head word gives when the interaction lists do not say (transforms/data/clauses_words.json)
NEGATING_HEADS = _C["negating_heads"]        # "refused to", "prevented", "avoided"
POSSIBILITY_HEADS = _C["possibility_heads"]  # "fears of", "the risk of", "the possibility of"
THREAT_HEADS = _C["threat_heads"]            # "the threat of"
ABILITY_MODALS = _C["ability_modals"]        # "can", "ca(n't)": possible, not done
BACKGROUND_MARKS = _C["background_marks"]    # "since": a starting point

CLAUSAL = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj", "acl", "csubj", "dep"})

# A war's running toll ("more than 400000 people have been killed since the war began", "Syria's five-year war")
# sums many events already reported one by one: background, not an event.
CUMULATIVE = re.compile(
    r"\bsince (?:the |[\w’']+ )?(?:civil )?(?:war|conflict|uprising|revolution|crisis|start|beginning|outbreak|\d{4})\b"
    r"|\b(?:\w+|\d+)[- ]year[- ](?:old[- ])?(?:civil )?(?:war|conflict|uprising|crisis)\b"
    r"|\b(?:war|conflict) (?:has|had) (?:killed|claimed|left)\b", re.IGNORECASE)
# Repetition: "at least 15 times", "repeatedly", "on many occasions" tell a pattern, not one event.
REPEATED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|countless|dozens\s+of)"
    r"\s+times\b|\brepeatedly\b|\bon\s+(?:many|several|numerous|multiple|various|repeated)\s+occasions\b"
    r"|\btime\s+and\s+again\b|\bagain\s+and\s+again\b"
    r"|\bin\s+the\s+past\b(?!\s+(?:\d+|few|several|couple|two|three|four|five|six|seven|eight|nine|ten|"
    r"hours?|days?|weeks?|months?|years?|decades?)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Frame:
    """One clause. Token indices into the Doc (no Token objects: a frame outlives nothing it points into)."""

    head: int
    chain: tuple[int, ...]            # the head, its xcomp/acomp chain and the clauses folded into it, in text order
    subjects: tuple[int, ...]         # subjects (with conjuncts); the by-agent of a passive
    objects: tuple[int, ...]          # direct objects, datives, the subject of a passive
    prep_targets: tuple[int, ...]     # objects of "to/with/against/on/..." phrases of the chain
    nominal_events: tuple[tuple[int, int | None], ...]  # (event noun object/subject, its possessor or None)
    mood: str
    cue: int | None                   # the word that decided the mood (None: asserted)
    # what of the clause the mood holds for: "clause" (a negation, modal, condition, question: all of it),
    # "governed" (a word whose meaning is the mood, "threatened", "plan": what it governs, not the word itself; an
    # irrealis head word of the event rules governs all below it, "urged an inquiry into the use of chemical
    # weapons"; other cue words not what sits in the phrase of a noun that is no event: "has to deal with the
    # fallout of the arrest"), "chain" (a purpose "to ...": the verbs of the chain only)
    scope: str = "clause"

    def blocks(self, token: Token) -> bool:
        """Whether the clause's mood keeps `token` from being an act that happened."""
        if self.mood == "asserted":
            return False
        if self.scope == "clause" or self.cue is None:
            return True
        if self.scope == "chain":
            return token.i in self.chain
        cue = token.doc[self.cue]
        if token.i == cue.i or not cue.is_ancestor(token):
            return False  # the cue word itself, and what governs it, are the (asserted) speech act
        if lemma_of(cue) in IRREALIS_HEADS:
            return True  # "plan", "urge", "deny", "prevent": all they govern is unreal, nouns included

        rules = load_trigger_rules()
        current = token
        while current.i not in self.chain and current.i != cue.i:
            current = current.head
            if (current.i not in self.chain and current.i != cue.i and current.pos_ in ("NOUN", "PROPN")
                    and current.lemma_.lower() not in rules):
                return False  # inside the phrase of a noun that is no event: a fact ("the fallout of the arrest")
        return True


# ---------------------------------------------------------------------------------------------- clause structure


def lemma_of(tok: Token) -> str:
    """Plain lower-cased lemma (`event_lexicon.trigger_lemma` repairs lemmatiser slips for triggers)."""
    return tok.lemma_.lower()


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)



def clause_heads(sent: Span) -> list[Token]:
    """Verbs that head a clause of their own (xcomp chains and auxiliaries belong to their head)."""
    heads = []
    for tok in sent:
        if not is_verb(tok):
            continue
        if tok.dep_ == "acl" and not (tok.tag_ == "VBG" or any(c.dep_ == "aux" for c in tok.children)
                                      or any(c.dep_ == "agent" for c in tok.children)):
            continue  # "refugees ordered out of Nigeria": a description of the noun, not an act of its own
        if tok.dep_ in CLAUSAL or (tok.dep_ == "pcomp" and tok.head.lower_ in ("in", "by")):
            heads.append(tok)
    return heads


def chain(head: Token) -> list[Token]:
    """The head verb and the verbs/adjectives of its xcomp/acomp chain ("offered to hand over", "is willing to")."""
    nodes = [head]
    stack = [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in ("xcomp", "acomp") and (is_verb(child) or child.pos_ == "ADJ"):
                nodes.append(child)
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ == "to" and node.pos_ == "ADJ" or (
                child.dep_ == "prep" and lemma_of(node) == "commit" and child.lower_ == "to"
            ):  # "committed to opening", "ready to"
                nodes += [p for p in child.children if p.dep_ == "pcomp" and is_verb(p)]
    return sorted(nodes, key=lambda t: t.i)


def speech_noun(node: Token) -> Token | None:
    """A speech-act object of a light verb: "reiterated its demand", "issued a declaration demanding"."""
    for child in node.children:
        if child.dep_ == "dobj" and lemma_of(child) in SPEECH_NOUNS:
            return child
    return None


def folds_complement(verb: Token) -> bool:
    """Verbs whose that-clause is the content of their own act: demands, threats, agreements, denials."""
    lemma = lemma_of(verb)
    if lemma in DEMAND_VERBS | THREAT_VERBS | INTEND_VERBS | DENY_VERBS | {"accept", "reject", "accuse", "blame"}:
        return True
    return speech_noun(verb) is not None and lemma not in SAY_VERBS - LIGHT_VERBS


def complements(nodes: list[Token]) -> list[Token]:
    """Clauses folded into the chain's clause: the content of a demand/threat/agreement verb, and the clause of
    an object-control verb ("allowed Ouattara to participate")."""
    out = []
    for node in nodes:
        for c in node.children:
            if c.dep_ == "ccomp" and is_verb(c) and (folds_complement(node) or (
                lemma_of(node) in CONTROL_VERBS and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"))):
                out.append(c)
    return out


def governor_links(head: Token) -> list[tuple[Token, str]]:
    """Verbs above a clause that colour it, up to a few levels: the verb its complement or purpose hangs from, each
    with the relation climbed to reach it ("conj": a coordinated verb shares its first verb's auxiliaries and
    negation, not its meaning: "denied shooting and said the protests ..." does not deny the protests)."""
    out = []
    current = head
    for _ in range(4):
        if current.dep_ in ("ccomp", "xcomp", "advcl", "conj", "acl") and current.head.i != current.i:
            if current.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children):
                break  # "..., saying", "as he succeeded": an adverbial clause keeps its own status
            if current.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
                break
            link = current.dep_
            current = current.head
            if current.dep_ == "prep" or current.pos_ == "ADP":
                current = current.head
            if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj", "attr", "nsubjpass"):
                current = current.head  # "has no plans to send": the verb the noun hangs from
                if current.pos_ == "ADP":
                    current = current.head
            if is_verb(current) or current.pos_ == "ADJ":
                out.append((current, link))
                continue
        break
    return out


def governing_verbs(head: Token) -> list[Token]:
    return [g for g, _ in governor_links(head)]


# ---------------------------------------------------------------------------------------------- mood cues


def _demand_cue(nodes: list[Token]) -> Token | None:
    """A demand verb used as one: "called on/for", "called X to"; not "called early elections"."""
    for node in nodes:
        lemma = lemma_of(node)
        if lemma not in DEMAND_VERBS:
            continue
        if lemma not in ("call", "press", "push"):
            return node
        if any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "for"))
               for c in node.children):
            return node
    return None


def _denial_cue(nodes: list[Token]) -> Token | None:
    """ "denied that ...", "denied attacking", "denied the reports": the content is negated (but "denied entry
    to X" is a refusal that happened)."""
    for node in nodes:
        if lemma_of(node) not in DENY_VERBS:
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "pcomp") or (c.dep_ == "dobj" and (c.tag_ == "VBG" or lemma_of(c) in
               CLAIM_NOUNS)) for c in node.children):
            return node
    return None


def _negative_subject(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and (
            child.lower_ in ("nobody", "none", "nothing", "neither")
            or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        ):
            return child
    return None


def _conditional_cue(head: Token, nodes: list[Token]) -> Token | None:
    for node in nodes + [head]:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return child
            if child.dep_ == "advcl":
                mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS), None)
                if mark is not None:
                    return mark
    return None


def need_to(head: Token) -> bool:
    """ "X needs to / has to V"."""
    return lemma_of(head) in ("need", "have") and any(
        x.dep_ == "xcomp" and any(c.lower_ == "to" for c in x.children) for x in head.children)


def _going_to(nodes: list[Token]) -> Token | None:
    return next((n for n in nodes if n.lower_ == "going" and any(c.dep_ == "xcomp" for c in n.children)), None)


def _is_question(sent: Span) -> bool:
    return sent.text.rstrip().rstrip("\"'”’»)").endswith("?")


def habitual_cue(sent: Span) -> tuple[str, Token] | None:
    """A sentence that tells a pattern ("attacks have become commonplace", "routinely", "used poison gas at least
    15 times"): ("habitual", the word that says so); a war's running toll told from its start ("killed since the
    war began", "since the 2019 coup"): ("background", "since"). What `events` skips a sentence for."""
    for t in sent:
        if lemma_of(t) in HABITUAL_WORDS:
            return "habitual", t
    found = CUMULATIVE.search(sent.text)
    mood = "background" if found is not None and found.group(0).lower().startswith("since") else "habitual"
    found = found or REPEATED.search(sent.text)
    if found is None:
        return None
    span = sent.char_span(found.start(), found.end(), alignment_mode="expand")
    return mood, (span[0] if span is not None and len(span) else sent[0])


def _carried_out(infinitive: Token) -> bool:
    """A purpose infinitive whose head says it was carried out: "began to", "agreed" aside, the head of an act
    ("took to the streets to protest", "went on strike to demand": the protest is the act)."""

    head = infinitive.head
    if head.i == infinitive.i:
        return False
    return lemma_of(head) in REALISED_INFINITIVE_HEADS or lemma_of(head) in load_trigger_rules()


def _irrealis_head_mood(word: Token) -> str:
    """The mood an irrealis head word ("refuse", "fear", "try") gives when no interaction list names it."""
    lemma = lemma_of(word)
    if lemma in NEGATING_HEADS:
        return "negated"
    if lemma in POSSIBILITY_HEADS:
        return "conditional"
    if lemma in THREAT_HEADS | THREAT_VERBS:
        return "threatened"
    if lemma in DEMAND_VERBS:
        return "demanded"
    return "intended"


def clause_mood(head: Token, own_chain: list[Token], nodes: list[Token],
                links: list[tuple[Token, str]] | None = None, habitual: tuple[str, Token] | None = None) -> tuple[str, Token | None, str]:
    """The one mood of a clause: (mood, cue word, scope: what of the clause the mood holds for, see `Frame`).

    `own_chain`: the head's xcomp/acomp chain; `nodes`: that chain and the chains of the clauses folded into it;
    `links`: the verbs above it (`governor_links`); `habitual`: the sentence's (mood, cue), if it tells a
    pattern or a starting point. Order: question, threatened, negated, demanded, conditional, intended (the
    interaction rules), then what made an event trigger unreal in the event rules (any modal; an irrealis head
    word in the chain or right above it: "refused to", "tried to", "feared that"), then habitual and background."""
    sent = head.sent
    if _is_question(sent):
        return "question", sent[-1], "clause"
    links = governor_links(head) if links is None else links
    # the meaning of a verb above colours the clause unless only coordinated with it; its auxiliaries and negation
    # do unless it is an attribution ("did not say that") or a copula ("it was not clear whether")
    governors = [g for g, link in links if link != "conj"]
    unsaid = [g for g, _ in links if lemma_of(g) not in SAY_VERBS and lemma_of(g) != "be"]
    everything = nodes + governors
    for node in everything:
        if lemma_of(node) in THREAT_VERBS:
            return "threatened", node, "governed"
    light = [s for n in nodes if lemma_of(n) in LIGHT_VERBS and (s := speech_noun(n)) is not None]
    for noun in light:
        if lemma_of(noun) in THREAT_NOUNS:
            return "threatened", noun, "governed"
    negators = own_chain + unsaid
    for n in negators:
        for c in n.children:
            if c.dep_ == "neg" or c.lower_ == "never":
                return "negated", c, "clause"
    denial = _denial_cue(everything)
    if denial is not None:
        return "negated", denial, "governed"
    for n in negators:
        subject = _negative_subject(n)
        if subject is not None:
            return "negated", subject, "clause"
    aux = [c for n in negators for c in n.children if c.dep_ in ("aux", "auxpass")]
    demand = _demand_cue(everything)
    if demand is not None:
        return "demanded", demand, "governed"
    for noun in light:
        if lemma_of(noun) in DEMAND_NOUNS:
            return "demanded", noun, "governed"
    for c in aux:
        if c.lower_ in DEONTIC_MODALS:
            return "demanded", c, "clause"
    if need_to(head):
        return "demanded", head, "governed"
    condition = _conditional_cue(head, nodes)
    if condition is not None:
        return "conditional", condition, "clause"
    for c in aux:
        if c.lower_ in POSSIBLE_MODALS:
            return "conditional", c, "clause"
    for c in aux:
        if c.lower_ in FUTURE_MODALS:
            return "intended", c, "clause"
    for node in everything:
        if lemma_of(node) in INTEND_VERBS and (lemma_of(node) != "commit" or any(
                c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in node.children)):
            return "intended", node, "governed"  # "committed to", not "committed a massacre"
    for noun in light:
        if lemma_of(noun) in INTEND_NOUNS:
            return "intended", noun, "governed"
    for node in nodes:  # "is ready to", "are set to strike" (but "set fire", "set up a camp" are acts)
        if lemma_of(node) in INTEND_ADJECTIVES and (node.pos_ == "ADJ" or any(
                x.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
                for x in node.children)):
            return "intended", node, "governed"
    going = _going_to(nodes)
    if going is not None:
        return "intended", going, "governed"
    if head.dep_ in ("advcl", "acl", "ROOT"):
        to = next((c for c in head.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None and not _carried_out(head):
            return "intended", to, "chain"  # a purpose ("... to demand the resignation of ..."), a headline
    for c in aux:
        if c.lower_ in MODALS | ABILITY_MODALS:
            return ("conditional" if c.lower_ in ABILITY_MODALS else "intended"), c, "clause"
    above = nodes + ([head.head] if head.dep_ in ("ccomp", "xcomp") and head.head.i != head.i else [])
    for node in above:
        if lemma_of(node) in IRREALIS_HEADS:
            return _irrealis_head_mood(node), node, "governed"
    if habitual is not None:
        return habitual[0], habitual[1], "clause"
    for n in own_chain:
        for c in n.children:
            if c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS:
                return "background", c, "clause"  # "since it began": a starting point
    return "asserted", None, "clause"


# ---------------------------------------------------------------------------------------------- roles


def _subjects(head: Token) -> list[Token]:
    """Subjects with their conjuncts; the by-agent of a passive; climbing through xcomp/conj for a verb without."""
    current = head
    for _ in range(6):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return [child, *child.conjuncts]
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and is_passive(current)):
                pobjs = [p for p in child.children if p.dep_ == "pobj"]
                if pobjs:
                    return [pobjs[0], *pobjs[0].conjuncts]
        if is_passive(current) or current.dep_ not in ("xcomp", "conj", "advcl", "acomp", "pcomp"):
            return []
        current = current.head
    return []


TARGET_PREPS = _I["target_preps"]


def _roles(head: Token, nodes: list[Token]) -> tuple[list[Token], list[Token], list[Token]]:
    subjects = _subjects(head)
    objects: list[Token] = []
    preps: list[Token] = []
    for node in nodes:
        passive = is_passive(node)
        for child in node.children:
            if child.dep_ in ("dobj", "dative", "oprd") or (child.dep_ == "nsubjpass" and passive):
                if child.pos_ != "ADP":
                    objects += [child, *child.conjuncts]
            elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS and child.lower_ != "by":
                preps += [p for p in child.children if p.dep_ == "pobj"]
    return subjects, objects, preps


def _nominal_events(nouns: list[Token]) -> list[tuple[int, int | None]]:
    """Event nouns among the clause's subjects and objects ("Israel's strike", "the attack"), with a possessor."""

    rules = load_trigger_rules()
    out = []
    for noun in nouns:
        if noun.pos_ in ("NOUN", "PROPN") and lemma_of(noun) in rules:
            owner = next((c.i for c in noun.children if c.dep_ == "poss"), None)
            out.append((noun.i, owner))
    return out


# ---------------------------------------------------------------------------------------------- the component


def sentence_frames(sent: Span) -> list[Frame]:
    """The frames of one sentence: one per clause head that is not folded into another's clause."""
    heads = clause_heads(sent)
    chains = {h.i: chain(h) for h in heads}
    folded = {c.i for h in heads for c in complements(chains[h.i])}
    habitual = habitual_cue(sent)
    frames = []
    for head in heads:
        if head.i in folded:
            continue
        own = chains[head.i]
        nodes = own + [n for c in complements(own) for n in chain(c)]
        mood, cue, governs = clause_mood(head, own, nodes, habitual=habitual)
        subjects, objects, preps = _roles(head, nodes)
        frames.append(Frame(
            head=head.i, chain=tuple(sorted(n.i for n in nodes)), subjects=tuple(t.i for t in subjects),
            objects=tuple(t.i for t in objects), prep_targets=tuple(t.i for t in preps),
            nominal_events=tuple(_nominal_events(subjects + objects)), mood=mood,
            cue=None if cue is None else cue.i, scope=governs))
    return frames


def build_frames(doc: Doc) -> tuple[Frame, ...]:
    return tuple(f for sent in doc.sents for f in sentence_frames(sent))


if not Doc.has_extension("clause_frames"):
    Doc.set_extension("clause_frames", default=None)
    Doc.set_extension("clause_frame_index", default=None)


class ClauseFrames:
    """Stores `doc._.clause_frames` (tuple of `Frame`) and, per chain token, its frame (`clause_frame_index`)."""

    def __call__(self, doc: Doc) -> Doc:
        frames = build_frames(doc)
        doc._.clause_frames = frames
        doc._.clause_frame_index = {i: f for f in frames for i in f.chain}
        return doc


@Language.factory("clause_frames", default_config={})
def make_clause_frames(nlp: Language, name: str) -> ClauseFrames:
    return ClauseFrames()


def frames_of(doc: Doc) -> dict[int, Frame]:
    """Chain token index -> frame; built here when the pipeline did not run the component (a bare parse)."""
    index = doc._.clause_frame_index
    if index is None:
        ClauseFrames()(doc)
        index = doc._.clause_frame_index
    return index


def frame_of(token: Token) -> Frame | None:
    """The frame of the clause `token` sits in: the first frame chain met climbing from the token to the root."""
    index = frames_of(token.doc)
    current = token
    for _ in range(64):
        found = index.get(current.i)
        if found is not None:
            return found
        if current.head.i == current.i:
            return None
        current = current.head
    return None
