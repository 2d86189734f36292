"""Did the trigger's event happen? Mood, background and confidence of one trigger.

Why apart from the type and the parties: whether a clause reports an event is the question the codebook asks
first, and its answers are many small tests. Triggers that did not happen are dropped: negation, modals/future,
plans and threats, conditionals, questions, habitual background (the mood of the trigger's clause frame,
`transforms.clause_frames`, which `interactions` reports too; plus the trigger's own phrase: "possible attacks",
"without clashes"). Triggers that tell no event of their own give a reason (`background_reason`): the content of a
charge, trial or accusation, a "since" starting point, an ongoing state ("fighting continues"), a count or a span
of weeks ("killed dozens over the past weeks"), a description ("rebel groups battling Assad"), a name. Hedged
reports ("reportedly", "suspected") keep a lower confidence (`trigger_confidence`).
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from transforms.clause_frames import IRREALIS_HEADS, MODALS, REALISED_INFINITIVE_HEADS, frame_of, habitual_cue
from transforms.event_lexicon import TriggerRule, load_trigger_rules, trigger_lemma
from transforms.rule_words import RULES

_WORDS = RULES.events  # word lists: transforms/data/events_words.json

# IRREALIS_HEADS, MODALS and REALISED_INFINITIVE_HEADS are the clause frame's (one binding of each list).
CONDITIONAL_MARKS = _WORDS["conditional_marks"]
IRREALIS_MODIFIERS = _WORDS["irrealis_modifiers"]
HEDGE_WORDS = _WORDS["hedge_words"]
# Verbs whose object/subject noun trigger is clearly an event that took place ("signed an agreement",
# "the airstrike killed").
SUPPORT_VERBS = _WORDS["support_verbs"]
# Nouns of weapons and containers: a participle after them says what they held ("a munition containing sarin").
WEAPON_NOUNS = _WORDS["weapon_nouns"]
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "conj"})


# --------------------------------------------------------------------------- did it happen?


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token sits in (xcomp/pcomp/acl chains stay in their head's clause).

    A conjoined verb without its own subject ("called X and warned Y") belongs to the first verb's clause.
    """
    current = token
    while True:
        if current.pos_ in ("VERB", "AUX") and current.dep_ in CLAUSE_DEPS:
            if current.dep_ != "conj" or _has_subject(current) or current.head.pos_ not in ("VERB", "AUX"):
                return current
        if current.head.i == current.i:
            return current
        current = current.head


def _has_subject(token: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for child in token.children)


def _path_to_clause_head(token: Token) -> list[Token]:
    """The trigger and its ancestors up to and including its clause head."""
    head = clause_head(token)
    path = [token]
    current = token
    while current.i != head.i and current.head.i != current.i:
        current = current.head
        path.append(current)
    return path


def is_irrealis(token: Token) -> bool:
    """True when the trigger is negated, modal, planned, threatened, demanded, conditional or asked about.

    The clause's mood is its frame's (`transforms.clause_frames`: one mood per clause, the one `interactions`
    reports too); what is read here is the trigger's own phrase: "possible attacks", "without clashes", "there
    was no fighting", the nouns and prepositions between a noun trigger and its clause ("the threat of an
    attack", "plans for an offensive"), and an infinitive of purpose."""
    frame = frame_of(token)
    if frame is None:
        if token.sent.text.rstrip().endswith("?"):
            return True
    elif frame.mood not in ("habitual", "background") and frame.blocks(token):
        return True
    if any(trigger_lemma(child) in IRREALIS_MODIFIERS for child in token.children if child.dep_ in ("amod", "advmod")):
        return True
    if any(child.lower_ in IRREALIS_MODIFIERS for child in token.children if child.dep_ == "acl"):
        return True  # "mass protests planned for next Monday"
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True  # "took over the town without clashes"
    in_frame = set(frame.chain) if frame is not None else set()
    phrase = [n for n in _path_to_clause_head(token) if n.i not in in_frame]
    for node in phrase:
        for child in node.children:
            lower = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "aux" and lower in MODALS):
                return True
            if child.dep_ == "mark" and lower in CONDITIONAL_MARKS:
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children
            ):
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none", "nothing"):
                return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True  # "there was no fighting"
    # strict ancestors in the trigger's phrase (the trigger itself may be "warn" or "call"): "the threat of"
    if any(trigger_lemma(node) in IRREALIS_HEADS for node in phrase if node.i != token.i):
        return True
    return _is_unrealised_infinitive(token)


def _is_unrealised_infinitive(token: Token) -> bool:
    """ "to deter", "in an effort to defeat": purposes, not events, unless the head says it was carried out.
    A conjunct shares its head's "to" ("to consolidate its hold and regain territory")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children
    ):
        return _is_unrealised_infinitive(token.head)
    has_to = any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
    if not has_to:
        return False
    head = trigger_lemma(token.head)
    return head not in REALISED_INFINITIVE_HEADS and load_trigger_rules().get(head) is None


# Words that make a trigger the content of a charge, trial, accusation or inquiry ("convicted of kidnapping",
# "accused the army of shelling", "his role in the killings", "charged with resisting arrest"): a re-told or
# alleged act, not a report of it.
LEGAL_WORDS = _WORDS["legal_words"]
# Accusations and statements about an event: "accused rebels of using toxic gas", "denounced the arrest of
# journalists". Unless they name a day or a toll, they are no report of one event.
STATEMENT_WORDS = _WORDS["statement_words"]
# Verbs that tell the state of an agreement rather than its making: "have enjoyed a truce", "violated the deal",
# "the truce held", "the cessation of hostilities was hanging by a thread".
AGREEMENT_NOUNS = _WORDS["agreement_nouns"]
AGREEMENT_STATE_VERBS = _WORDS["agreement_state_verbs"]
# Nouns naming people who attack: the trigger of their act only when they act, not when they are shot or held
# ("Peshmerga shot dead six suicide bombers", "82 armed opposition gunmen" in a list of victims).
ATTACKER_NOUNS = _WORDS["attacker_nouns"]
REFERENCE_NOUNS = _WORDS["reference_nouns"]
TREND_NOUNS = _WORDS["trend_nouns"]
DEVICE_NOUNS = _WORDS["device_nouns"]
DISRUPTING_VERBS = _WORDS["disrupting_verbs"]
# "X is at the heart of the clashes", "the scene of heavy fighting": a setting described, not an event told.
SETTING_NOUNS = _WORDS["setting_nouns"]
# Nouns of an operation whose participle tells what it did: "a crackdown arresting 5,000 people".
OPERATION_NOUNS = _WORDS["operation_nouns"]
PROTESTER_NOUNS = _WORDS["protester_nouns"]
CROWD_NOUNS = _WORDS["crowd_nouns"]
STATIVE_VERBS = _WORDS["stative_verbs"]
# Prepositions and marks that open a clause of its own when climbing from a trigger: "charged after being
# arrested" keeps the arrest.
CLAUSE_OPENERS = _WORDS["clause_openers"]
# Modifiers that make an event noun a state, a pattern or a reference to earlier events ("the ongoing fighting",
# "repeated attacks", "previous strikes").
NONSPECIFIC_MODIFIERS = _WORDS["nonspecific_modifiers"]
# Verbs whose present (or present perfect) with an event noun as subject tell a state: "fighting continues".
ONGOING_VERBS = _WORDS["ongoing_verbs"]
# Head nouns that make an event noun one of a count: "81 incidents of assault", "the number of killings".
COUNT_NOUNS = _WORDS["count_nouns"]
# A time span longer than a day that an event is said to fill: an aggregate, not one event ("killed dozens over
# the past several weeks", "attacks in recent months", "in less than one month").
SPAN_RE = re.compile(
    r"\b(?:(?:over|during|throughout|within)\s+(?:the\s+)?(?:(?:past|last|previous|final|recent|coming|first)\s+)?"
    r"|(?:in|for)\s+the\s+(?:past|last|previous|final|recent|first)\s+|in\s+recent\s+)"
    r"(?:(?:few|several|many|two|three|four|five|six|seven|eight|nine|ten|\d+|couple\s+of)\s+)?"
    r"(days|weeks|months|years|decades)\b"
    r"|\bin\s+less\s+than\s+(?:a|one|two|three|\d+)\s+(days?|weeks?|months?|years?)\b"
    r"|\b(?:in|over|during|for)\s+(?:the\s+)?(?:past|last|previous|final|recent)\s+(month|year|decade)s?\b",
    re.IGNORECASE,
)
DAY_WORDS = _WORDS["day_words"]
PEOPLE_WORDS = _WORDS["people_words"]
REFLEXIVES = _WORDS["reflexives"]


def is_habitual(token: Token) -> bool:
    """Background statements ("attacks have become commonplace", "has a history of", a war's running toll,
    "used poison gas at least 15 times") are not events."""
    return habitual_cue(token.sent) is not None


def _ancestors_in_clause_chain(token: Token) -> list[Token]:
    """The trigger's ancestors up to the sentence root, stopping where a temporal clause or phrase opens
    ("charged after being arrested": "charged" is not above "arrested" in this sense)."""
    chain: list[Token] = []
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("prep", "mark") and current.lower_ in CLAUSE_OPENERS:
            break
        if any(c.dep_ == "mark" and c.lower_ in CLAUSE_OPENERS for c in current.children) and current.i != token.i:
            break
        if current.dep_ == "advcl" and any(c.dep_ == "mark" for c in current.children):
            break
        current = current.head
        chain.append(current)
    return chain


def is_legal_act(token: Token) -> bool:
    """Whether a word is a legal process or a verb whose object is one: "charged", "the trial", "opened an
    investigation into reports that ...", "upheld the death sentence for a man who ...", "issued an arrest
    warrant for": what such a clause tells is the process's content, not a report of the event."""
    return trigger_lemma(token) in LEGAL_WORDS or (token.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and trigger_lemma(c) in LEGAL_WORDS for c in token.children))


def is_background(token: Token) -> bool:
    return background_reason(token) is not None


def background_reason(token: Token) -> str | None:
    """Why the trigger names no event of its own that happened then (None when it may): the content of a charge,
    trial, accusation or statement; the starting point of a "since"; a state ("the ongoing fighting", "fighting
    continues"); one of a count ("81 incidents of assault"); a pattern over weeks or months ("killed dozens over
    the past weeks"); a description ("rebel groups battling Assad"); or a name ("the Committee Against Torture")."""
    chain = _ancestors_in_clause_chain(token)
    if any(is_legal_act(t) for t in chain):
        return "legal"
    if any(trigger_lemma(t) in STATEMENT_WORDS for t in chain) and not _tells_a_specific_event(token.sent):
        return "statement"  # "accused rebels of using toxic gas" (but: "accused ... of gassing 1300 people on
        # Wednesday" reports the attack)
    if trigger_lemma(token) in TERRITORY_ENTRY_LEMMAS and not without_fighting(token.sent):
        return "entry"  # "suicide bombers entered the base": an entry is a transfer of ground only without a fight
    if _in_named_body(token):
        return "name"
    if any(t.pos_ in ("VERB", "AUX") and _is_descriptive_verb(t) for t in chain[:6]):
        return "under a descriptive verb"  # "militants which are also fighting back by launching suicide attacks"
    if any(trigger_lemma(t) in IRREALIS_HEADS for t in chain[:4]):
        return "under an irrealis verb"  # "warned security forces against beating suspects"
    if any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.children):
        return "any"  # "bombing any group that posed a threat", "holding any meeting"
    if token.pos_ in ("VERB", "AUX") and _is_descriptive_verb(token):
        return "descriptive verb"
    if token.pos_ in ("NOUN", "PROPN"):
        if (any(trigger_lemma(t) in SETTING_NOUNS for t in chain[:4])
                and trigger_lemma(clause_head(token)) in ("be", "remain")):
            return "setting"  # "Aleppo is at the heart of clashes", "the town has been the scene of fighting"
        lemma = trigger_lemma(token)
        if lemma in AGREEMENT_NOUNS and trigger_lemma(token.head) in AGREEMENT_STATE_VERBS and token.dep_ in (
            "dobj", "nsubj", "nsubjpass"
        ):
            return "agreement state"  # "have enjoyed a truce", "the ceasefire held"
        if lemma in AGREEMENT_NOUNS and token.dep_ == "pobj" and (
            token.head.lower_ in ("under", "per", "despite") or (
                token.head.lower_ == "of"
                and trigger_lemma(token.head.head) in ("part", "term", "framework", "accordance")
            )
        ):
            return "agreement referred to"  # "handed over positions under a deal reached earlier"
        if any(trigger_lemma(t) in REFERENCE_NOUNS | TREND_NOUNS for t in chain[:4] if t.pos_ in ("NOUN", "PROPN")):
            return "reference"  # "relatives of victims of the port explosion", "a surge in attacks"
        top = _compound_top(token)
        if (lemma in DEVICE_NOUNS | WEAPON_NOUNS or trigger_lemma(top) in DEVICE_NOUNS | WEAPON_NOUNS) and (
            (top.dep_ in ("dobj", "nsubjpass") and trigger_lemma(top.head) in DISRUPTING_VERBS)
            or any(trigger_lemma(c) in DISRUPTING_VERBS for c in top.children if c.dep_ == "acl")
            or any(trigger_lemma(t) in DISRUPTING_VERBS or (
                trigger_lemma(t) == "detonation" and any(c.lower_ == "controlled" for c in t.children))
            for t in chain[:4])
        ):
            return "device disrupted"  # "destroyed a car bomb", "an IED found buried", "a controlled detonation"
        if lemma in PROTESTER_NOUNS and not (
            (top.dep_ == "nsubj" and top.head.pos_ in ("VERB", "AUX") and trigger_lemma(top.head) not in STATIVE_VERBS)
            or (top.dep_ == "pobj" and top.head.lower_ == "of" and trigger_lemma(top.head.head) in CROWD_NOUNS)
        ):
            return "protesters not acting"  # a protest told by its people only when they do something
        if (lemma in ATTACKER_NOUNS or trigger_lemma(top) in ATTACKER_NOUNS) and (
            top.dep_ in ("dobj", "nsubjpass", "attr", "appos", "npadvmod", "dative", "oprd")
            or (top.dep_ == "pobj" and top.head.lower_ != "by")
            or (top.dep_ == "nsubj" and trigger_lemma(top.head) in STATIVE_VERBS)
        ):
            return "attacker not acting"  # "shot dead six suicide bombers", "82 armed opposition gunmen"
    # "the court granted bail to X, who was arrested in May": a relative clause under a legal main clause
    if any(t.dep_ in ("relcl", "appos", "acl") for t in [token, *chain]):
        root = token.sent.root
        if trigger_lemma(root) in LEGAL_WORDS or any(
            trigger_lemma(c) in LEGAL_WORDS for c in root.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
        ):
            return "legal main clause"
    # "in turmoil since the NATO bombardment", "since it began with protests": a starting point, not a report
    for node in [token, *_all_ancestors(token)]:
        if node.lower_ == "since" and node.dep_ in ("prep", "mark"):
            return "since"
        if node.i != token.i and any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children):
            return "since"
    if any(trigger_lemma(c) in NONSPECIFIC_MODIFIERS
           for c in token.children if c.dep_ in ("amod", "advmod", "compound")):
        return "nonspecific modifier"  # "the ongoing fighting", "repeated attacks"
    if token.tag_ in ("NNS", "NNPS") and any(c.lower_ == "recent" for c in token.children if c.dep_ == "amod"):
        return "nonspecific modifier"  # "following recent attacks in the area"
    if token.pos_ in ("NOUN", "PROPN"):
        head = token.head
        if token.dep_ in ("nsubj",) and trigger_lemma(head) in ONGOING_VERBS and (
            head.tag_ in ("VBZ", "VBP")
            or any(c.dep_ == "aux" and trigger_lemma(c) in ("have", "be") for c in head.children)
        ):
            return "ongoing"  # "fighting continues", "fighting has continued", "clashes are raging"
        if token.dep_ == "nsubj" and trigger_lemma(head) == "be" and any(
            c.dep_ in ("acomp", "attr")
            and (trigger_lemma(c) in NONSPECIFIC_MODIFIERS or c.lower_ in ("underway", "ongoing"))
            for c in head.children
        ):
            return "ongoing"  # "such reinforcements have been ongoing for months"
        if token.dep_ == "pobj" and head.lower_ == "of" and trigger_lemma(head.head) in COUNT_NOUNS:
            return "count"  # "81 incidents of physical assault"
        if trigger_lemma(token) == "demonstration":
            of = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"]
            if of and not any(p.ent_type_ in ("NORP", "ORG", "PERSON", "CARDINAL") or trigger_lemma(p) in PEOPLE_WORDS
                              or any(n.dep_ == "nummod" for n in p.children) for p in of):
                return "illustration"  # "a demonstration of the fragile state": not a protest
    if _fills_a_long_span(token):
        return "long span"
    return None


def _compound_top(token: Token) -> Token:
    """The head noun a compound/modifier chain leads to ("suicide" in "ISIS suicide bombers" -> "bombers")."""
    top = token
    while top.dep_ in ("compound", "amod", "nmod") and top.head.i != top.i and top.head.pos_ in ("NOUN", "PROPN"):
        top = top.head
    return top


def _in_named_body(token: Token) -> bool:
    """The trigger is part of a name with a preposition in it: "the Working Group on Arbitrary Detention",
    "the Committee Against Torture"."""
    for ent in token.sent.ents:
        if ent.start <= token.i < ent.end and ent.label_ in ("ORG", "LAW", "WORK_OF_ART", "EVENT", "FAC"):
            if any((t.pos_ == "ADP" or t.dep_ == "prep") and t.i < token.i for t in ent):
                return True
    top = _compound_top(token)
    prep = top.head
    return bool(
        token.is_title and top.is_title and top.dep_ == "pobj" and prep.lower_ in ("on", "against", "for", "of")
        and prep.head.pos_ == "PROPN" and prep.head.is_title and prep.head.ent_type_ in ("ORG", "")
        and trigger_lemma(prep.head) not in load_trigger_rules()
    )


def _is_descriptive_verb(token: Token) -> bool:
    """Verb forms that describe a state or a pattern rather than report an act: present progressive ("they are
    fighting in Brigade 5", "people are dying"), a present participle modifying a noun ("rebel groups also
    battling Assad"), and a present perfect inside a relative clause ("Iran, which has deployed hundreds of
    advisers")."""
    aux = [c.lower_.replace("\u2019", "'") for c in token.children if c.dep_ == "aux"]
    if token.dep_ == "acl" and token.head.lower_ in ("those", "these", "others", "whoever", "anyone"):
        return True  # "those kidnapped", "those disappeared": people described, not an event told
    if token.tag_ == "VBG":
        if any(a in ("is", "are", "am", "'re", "'s") for a in aux):
            return True
        if token.dep_ in ("acl", "ccomp") and not aux and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children
        ) and trigger_lemma(token.head) not in (
            OPERATION_NOUNS | WEAPON_NOUNS | set(load_trigger_rules())
        ) and (
            any(c.dep_ in ("dobj", "xcomp", "advmod", "prt") for c in token.children)
            or token.lower_ not in load_trigger_rules()  # "regime shelling on the town": a gerund noun mis-tagged
        ):
            return True
    relative = token if token.dep_ != "conj" else token.head
    if relative.dep_ == "relcl" and token.tag_ == "VBN" and any(
        a in ("has", "have") for a in aux + [c.lower_ for c in relative.children if c.dep_ == "aux"]
    ):
        return True  # "Iran, which has poured billions ... and has deployed hundreds of advisers"
    return False


def _all_ancestors(token: Token) -> list[Token]:
    out = []
    current = token
    while current.head.i != current.i:
        current = current.head
        out.append(current)
    return out


def _fills_a_long_span(token: Token) -> bool:
    """A time span of days or more attached to the trigger's own clause (or to the trigger noun itself)."""
    sent = token.sent
    head = clause_head(token)
    scope = head.head if head.dep_ in ("advcl", "conj", "xcomp") else head
    if any(t.lower_ in DAY_WORDS for t in scope.subtree):
        return False  # "on Friday ... abducting scores of students in the third such raid in three months"
    for match in SPAN_RE.finditer(sent.text):
        unit = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if unit is None:
            continue
        unit_token = unit[-1]
        attach = unit_token
        for _ in range(4):  # "over the past several weeks" -> over -> its head
            if attach.head.i == attach.i:
                break
            attach = attach.head
            if attach.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
                break
        # the span belongs to the trigger itself or to the verb it is an argument of ("airstrikes have killed
        # dozens over the past weeks"), not to another verb of the clause ("lived there for years before being
        # arrested")
        governor = token.head
        for _ in range(2):  # "because of landmines" -> the verb above the prepositions
            if governor.pos_ in ("ADP", "SCONJ") or governor.dep_ in ("prep", "mark"):
                governor = governor.head
        if attach.i == token.i or (token.pos_ in ("NOUN", "PROPN") and attach.i == governor.i):
            return True
        if any(t.i == token.i for t in unit_token.subtree):
            return True  # "during the final months in the battle for Aleppo"
        if attach.dep_ in ("nsubj", "nsubjpass") and attach.head.i == token.i:
            return True  # "clashes in less than one month have killed 350 militants"
    return False


def is_outcome_only_noise(token: Token, rule: TriggerRule) -> bool:
    """Outcome words that are no violent event: "killed themselves", "people are dying"."""
    if not rule.weak or token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in REFLEXIVES for c in token.children):
        return True
    return token.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'re") for c in token.children
    )


def trigger_confidence(token: Token, rule: TriggerRule) -> float:
    """Rule confidence adjusted by how firmly the clause reports the event."""
    score = rule.confidence
    if token.pos_ in ("NOUN", "PROPN"):
        if token.head.pos_ in ("VERB", "AUX") and trigger_lemma(token.head) in SUPPORT_VERBS:
            score += 0.15
        elif token.dep_ == "pobj" and trigger_lemma(token.head.head) in SUPPORT_VERBS | {"die"}:
            score += 0.1
        elif any(child.dep_ == "poss" for child in token.children):
            score += 0.05
        elif any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in token.children):
            score -= 0.25  # "the agreement requires...": a re-mention of an event told elsewhere, not a report
    elif token.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in token.children):
        score -= 0.1  # present simple: a headline, or a habitual statement
    if any(trigger_lemma(t) in HEDGE_WORDS for t in token.sent):
        score *= 0.75
    return round(max(0.0, min(1.0, score)), 3)
# Taking a place without a fight: ACLED's "Non-violent transfer of territory".
TERRITORY_ENTRY_LEMMAS = _WORDS["territory_entry_lemmas"]
NO_FIGHT_RE = re.compile(
    r"\bwithout (?:a |any )?(?:fight|fighting|resistance|clash(?:es)?|bloodshed|opposition|firing a (?:single )?shot|"
    r"a (?:single )?shot (?:being )?fired)\b|\bno (?:fighting|clashes|resistance|shots?)\b|\bunopposed\b"
    r"|\bpeacefully\b|\bstood aside\b",
    re.IGNORECASE,
)
WITHDRAWAL_RE = re.compile(
    r"\b(?:after|as|once|when|following)\b[^.;]{0,80}\b(?:withdrew|withdrawn|withdrawal|pulled out|pulled back|"
    r"evacuated|abandoned|left|handed over)\b",
    re.IGNORECASE,
)
FIGHT_RE = re.compile(r"\b(?:fight\w*|clash\w*|battle\w*|shell\w*|fierce|heavy|assault|offensive|killed|dead)\b",
                      re.IGNORECASE)


def _tells_a_specific_event(sent: Span) -> bool:
    """A day ("on Wednesday", "14 August 2016") or a toll ("35 civilians") makes a statement report one event."""
    if any(t.lower_ in DAY_WORDS for t in sent):
        return True
    if any(e.label_ == "DATE" and any(t.like_num for t in e) for e in sent.ents):
        return True
    return any(t.like_num and t.ent_type_ in ("CARDINAL", "") and t.head.pos_ in ("NOUN", "PROPN")
               and trigger_lemma(t.head) not in load_trigger_rules() for t in sent)


def without_fighting(sent: Span) -> bool:
    """The sentence (or the next one: "No fighting was reported.") says a place changed hands without a fight."""
    text = sent.text
    following = sent.doc[sent.end:].sents if sent.end < len(sent.doc) else iter(())
    nxt = next(following, None)
    if nxt is not None and NO_FIGHT_RE.search(nxt.text) and not FIGHT_RE.search(text):
        return True
    if NO_FIGHT_RE.search(text):
        return True
    return bool(WITHDRAWAL_RE.search(text)) and not FIGHT_RE.search(text)
