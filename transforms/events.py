"""Detect event-reporting clauses in parsed news text and classify them into ACLED's 25 sub-event types.

Why rules and not a trained classifier: we have no labelled ACLED training text here, the analysts' codebook is
itself a set of rules (trigger words, a priority order between tactics, "did it happen?"), and a rule can be read,
disputed and extended by a user. The trigger lexicon is data (`transforms/data/event_triggers.csv`); this module
holds only the machinery:

1. a cheap lemma look-up per token (most sentences hold no trigger and never reach step 2);
2. each trigger picks its sub-event type from the first lexicon row whose context test passes
   ("strike" near "drone" -> Air/drone strike; near "missile" -> Shelling/artillery/missile attack);
3. triggers that did not happen are dropped: negation, modals/future, plans and threats, conditionals,
   questions, habitual background (the mood of the trigger's clause frame, `transforms.clause_frames`, which
   `interactions` reports too; plus the trigger's own phrase: "possible attacks", "without clashes"); hedged
   reports ("reportedly", "suspected") keep a lower confidence; so are triggers that tell no event of their own (`background_reason`): the content of a charge, trial or
   accusation, a "since" starting point, an ongoing state ("fighting continues"), a count or a span of weeks
   ("killed dozens over the past weeks"), a description ("rebel groups battling Assad"), a name;
4. triggers are grouped by clause (the nearest governing finite verb); one clause gives one event, and between
   several tactics in a clause ACLED's priority order decides (an airstrike during a clash is a Battle), a
   specific tactic beating a generic one of the same event type ("attacked ... and kidnapped" is an abduction).
   Clauses that only tell a toll ("two people were killed") fold into the sentence's tactic clause ("... in a
   shelling of X"); context then refines the type (armed victims make a battle, the air force as agent an air
   strike, protesters' stones a violent demonstration, "without a fight" a non-violent transfer);
   across sentences, a toll or "the attack" without a tactic takes the remote-violence type told nearby;
5. agents and targets are read off the dependency parse and returned as noun-phrase spans. Coordinated actors
   ("Russia, Syria and Iran") come back as one span per conjunct.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from transforms.clause_frames import frame_of, habitual_cue
from transforms.rule_words import RULES

_WORDS = RULES.events  # this module's word lists: transforms/data/events_words.json

DATA_DIR = Path(__file__).parent / "data"
TRIGGERS_CSV = DATA_DIR / "event_triggers.csv"
TAXONOMY_CSV = Path(__file__).parents[1] / "schemas" / "data" / "acled_event_taxonomy.csv"

MIN_CONFIDENCE = 0.4
CONTEXT_WINDOW = 6  # tokens either side of a trigger that its context words may sit in

# Words whose presence anywhere above a trigger means the trigger is wished, planned, feared or denied, not done.
IRREALIS_HEADS = _WORDS["irrealis_heads"]
MODALS = _WORDS["modals"]
NEGATIONS = _WORDS["negations"]
IRREALIS_MODIFIERS = _WORDS["irrealis_modifiers"]
CONDITIONAL_MARKS = _WORDS["conditional_marks"]
HABITUAL_WORDS = _WORDS["habitual_words"]
HEDGE_WORDS = _WORDS["hedge_words"]
# Verbs whose object/subject noun trigger is clearly an event that took place ("signed an agreement",
# "the airstrike killed").
SUPPORT_VERBS = _WORDS["support_verbs"]
# An infinitive trigger ("to deploy") is only an event when its head says it was carried out.
REALISED_INFINITIVE_HEADS = _WORDS["realised_infinitive_heads"]
# Head nouns that keep a modifying trigger an event: "chemical weapons", "drone attack", "mortar fire".
EVENT_HEAD_NOUNS = _WORDS["event_head_nouns"]
# Nouns of weapons and containers: a participle after them says what they held ("a munition containing sarin").
WEAPON_NOUNS = _WORDS["weapon_nouns"]
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "conj"})
STATE_AGENT_WORDS = _WORDS["state_agent_words"]
NONSTATE_AGENT_WORDS = _WORDS["nonstate_agent_words"]
COMBATANT_WORDS = _WORDS["combatant_words"]
# Military targets: an attack on them is a battle, not violence against civilians.
MILITARY_TARGET_WORDS = _WORDS["military_target_words"]
# Agents that are weapons: "warplanes killed 12", "the air force killed", "regime artillery killed".
AIR_AGENT_WORDS = _WORDS["air_agent_words"]
ARTILLERY_AGENT_WORDS = _WORDS["artillery_agent_words"]
# Trigger lemmas that name violence without saying against whom: against armed men they are a battle.
COMBAT_NEUTRAL = _WORDS["combat_neutral"]
DIPLOMATIC_WORDS = _WORDS["diplomatic_words"]
PROTEST_WORDS = _WORDS["protest_words"]
PROTEST_INTERVENTION_WORDS = _WORDS["protest_intervention_words"]
LETHAL_WORDS = _WORDS["lethal_words"]
# Sub-event types whose direct object is what the actor moves or builds, not another actor.
OBJECT_IS_MATERIAL = frozenset(
    {"Change to group/activity", "Headquarters or base established", "Disrupted weapons use",
     "Looting/property destruction"}
)
PLACE_NOUNS = _WORDS["place_nouns"]
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


@dataclass(frozen=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str  # VERB, NOUN, ADJ or ANY
    sub_event_type: str
    action: str  # template: {obj} {xcomp} {of} {from} {verb} {amod}
    requires_any: frozenset[str]
    excludes_any: frozenset[str]
    confidence: float
    weak: bool  # an outcome ("kill") rather than a tactic: used only when no tactic is in the clause
    forms: tuple[str, ...]
    # "generic": a tactic word that names no particular weapon ("attack", "strike" without context); it yields
    # to a specific trigger of the same event type in its clause ("attacked ... and kidnapped" -> Abduction)
    generic: bool = False
    # further context tests that must ALL pass too (requires_any cells written "down&helicopter|plane")
    requires_also: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class EventClause:
    """One clause that reports one event."""

    sentence: Span  # the spaCy sentence holding the trigger
    trigger: Token  # head verb/noun of the event
    event_type: str  # one of ACLED's 6
    sub_event_type: str  # one of ACLED's 25
    action: str  # short normalised phrase: "sign agreement", "airstrike", "deploy troop"
    agents: tuple[Span, ...]  # who did it, one span per conjunct
    targets: tuple[Span, ...]  # the other side (object, with/against X, victims)
    confidence: float  # 0..1, how sure this clause reports a real event of this type


@dataclass(frozen=True)
class _Candidate:
    token: Token
    rule: TriggerRule
    confidence: float


# --------------------------------------------------------------------------- knowledge loading


def _words(cell: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in (cell or "").split("|") if w.strip())


@lru_cache(maxsize=1)
def load_trigger_rules() -> dict[str, tuple[TriggerRule, ...]]:
    """Lexicon rows grouped by lemma, in file order (the first row whose context passes wins)."""
    rules: dict[str, list[TriggerRule]] = {}
    with TRIGGERS_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lemma = (row["lemma"] or "").strip().lower()
            if not lemma or lemma.startswith("#"):
                continue
            requires = [_words(part) for part in (row["requires_any"] or "").split("&")]
            strength = row["strength"].strip()
            rule = TriggerRule(
                lemma=lemma,
                pos=row["pos"].strip().upper(),
                sub_event_type=row["sub_event_type"].strip(),
                action=row["action"].strip(),
                requires_any=requires[0],
                excludes_any=_words(row["excludes_any"]),
                confidence=float(row["confidence"]),
                weak=strength == "weak",
                forms=tuple(_words(row.get("forms") or "")),
                generic=strength == "generic",
                requires_also=tuple(group for group in requires[1:] if group),
            )
            rules.setdefault(lemma, []).append(rule)
    return {lemma: tuple(rows) for lemma, rows in rules.items()}


@lru_cache(maxsize=1)
def load_taxonomy() -> dict[str, tuple[int, str]]:
    """sub_event_type -> (ACLED priority rank, event_type); a lower rank wins when a clause holds several."""
    path = TAXONOMY_CSV if TAXONOMY_CSV.exists() else DATA_DIR / "acled_taxonomy.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["sub_event_type"]: (int(row["hierarchy_rank"]), row["event_type"]) for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def _prefilter_regex() -> re.Pattern[str]:
    """Surface stems of every trigger, so raw text can be screened before it reaches the parser."""
    stems: set[str] = set()
    for lemma, rules in load_trigger_rules().items():
        stem = lemma[:-1] if lemma.endswith("e") and len(lemma) > 4 else lemma
        stems.add(re.escape(stem) + r"\w*" if len(stem) >= 4 else re.escape(lemma) + r"(?:s|d|ed|es)?")
        for rule in rules:
            stems.update(re.escape(form) for form in rule.forms)
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def might_report_event(text: str) -> bool:
    """Cheap screen on raw text: False means no trigger word occurs, so the text need not be parsed at all."""
    return _prefilter_regex().search(text) is not None


# --------------------------------------------------------------------------- trigger matching


def _lemma(token: Token) -> str:
    """Lower-cased lemma, with the lexicon's listed forms repairing lemmatiser slips ("raped" -> "rap").

    Title-cased headline words are often tagged PROPN and left unlemmatised ("Rocket Attacks Kill ..."): their
    plural/past endings are stripped when that gives a trigger lemma."""
    lemma = token.lemma_.lower()
    rules = load_trigger_rules()
    if lemma in rules:
        return lemma
    form = _form_index().get(token.lower_)
    if form is not None:
        return form
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-":  # "sit-in", "baton-charged" split in three
        joined = token.lower_ + "-" + doc[token.i + 2].lemma_.lower()
        if joined in rules:
            return joined
    if lemma == token.lower_ and (token.is_title or token.is_upper) and len(lemma) > 4:
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
            if lemma.endswith(suffix) and lemma[: -len(suffix)] + repl in rules:
                return lemma[: -len(suffix)] + repl
    return lemma


@lru_cache(maxsize=1)
def _form_index() -> dict[str, str]:
    """Surface form -> trigger lemma, from the lexicon's `forms` column."""
    return {form: rule.lemma for rules in load_trigger_rules().values() for rule in rules for form in rule.forms}


def trigger_lemma(token: Token) -> str:
    """The lexicon lemma of a token (what `detect_events` matched it as)."""
    return _lemma(token)


def _is_known_town(name: str) -> bool:
    """A subdivision or a town of 50,000+ people: an object the tagger called a group ("captured Lysychansk
    (Luhansk)" tagged ORG) is still a place."""
    from transforms.places import _is_well_known_place  # noqa: PLC0415 - places reads no event rules

    return _is_well_known_place(name)


def _context_lemmas(token: Token) -> set[str]:
    """Lemmas and lower-cased words near the trigger or attached to it: what a rule's context test looks at."""
    sent = token.sent
    start = max(sent.start, token.i - CONTEXT_WINDOW)
    end = min(sent.end, token.i + CONTEXT_WINDOW + 1)
    near = list(token.doc[start:end]) + list(token.children) + [token.head]
    words = {_lemma(t) for t in near} | {t.lower_ for t in near}
    # named places near the trigger, as pseudo-words a rule can ask for ("captured @gpe")
    words |= {"@" + t.ent_type_.lower() for t in near if t.ent_type_ in ("GPE", "LOC", "FAC") and t.i != token.i}
    if any(c.dep_ == "dobj" and c.pos_ == "PROPN" and (c.ent_type_ not in ("PERSON", "ORG", "NORP")
                                                       or (c.ent_type_ != "PERSON" and _is_known_town(c.text)))
           for c in token.children):
        words.add("@propn_obj")  # "captured Lysychansk": a proper-noun object the NER did not place (or called a group)
    if any(c.dep_ == "dobj" for c in token.children):
        words.add("@dobj")  # "demonstrated their commitment": a verb with an object shows, it does not march
    if any(c.dep_ == "ccomp" for c in token.children):
        words.add("@ccomp")  # "protested that the vote was rigged": a complaint, not a gathering
    for part in token.lower_.split("-"):  # "drone-strike", "air-strike"
        words.add(part)
    return words


def _pos_matches(rule: TriggerRule, token: Token) -> bool:
    if rule.pos == "ANY":
        return True
    if rule.pos == "VERB":
        return token.pos_ in ("VERB", "AUX")
    if rule.pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ == rule.pos


def match_rule(token: Token) -> TriggerRule | None:
    """The first lexicon row for this token whose part of speech and context test pass."""
    rules = load_trigger_rules().get(_lemma(token))
    if not rules:
        return None
    context: set[str] | None = None
    for rule in rules:
        if not _pos_matches(rule, token):
            continue
        if rule.requires_any or rule.excludes_any or rule.requires_also:
            context = context if context is not None else _context_lemmas(token)
            if rule.requires_any and not (rule.requires_any & context):
                continue
            if any(not (group & context) for group in rule.requires_also):
                continue
            if rule.excludes_any & context:
                continue
        return rule
    return None


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


def _is_irrealis(token: Token) -> bool:
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
    if any(_lemma(child) in IRREALIS_MODIFIERS for child in token.children if child.dep_ in ("amod", "advmod")):
        return True
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
    if any(_lemma(node) in IRREALIS_HEADS for node in phrase if node.i != token.i):
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
    return _lemma(token.head) not in REALISED_INFINITIVE_HEADS and load_trigger_rules().get(_lemma(token.head)) is None


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


def _is_habitual(token: Token) -> bool:
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


def _is_background(token: Token) -> bool:
    return background_reason(token) is not None


def background_reason(token: Token) -> str | None:
    """Why the trigger names no event of its own that happened then (None when it may): the content of a charge,
    trial, accusation or statement; the starting point of a "since"; a state ("the ongoing fighting", "fighting
    continues"); one of a count ("81 incidents of assault"); a pattern over weeks or months ("killed dozens over
    the past weeks"); a description ("rebel groups battling Assad"); or a name ("the Committee Against Torture")."""
    chain = _ancestors_in_clause_chain(token)
    if any(_lemma(t) in LEGAL_WORDS for t in chain):
        return "legal"
    if any(_lemma(t) in STATEMENT_WORDS for t in chain) and not _tells_a_specific_event(token.sent):
        return "statement"  # "accused rebels of using toxic gas" (but: "accused ... of gassing 1300 people on
        # Wednesday" reports the attack)
    if _lemma(token) in TERRITORY_ENTRY_LEMMAS and not _without_fighting(token.sent):
        return "entry"  # "suicide bombers entered the base": an entry is a transfer of ground only without a fight
    if _in_named_body(token):
        return "name"
    if any(t.pos_ in ("VERB", "AUX") and _is_descriptive_verb(t) for t in chain[:6]):
        return "under a descriptive verb"  # "militants which are also fighting back by launching suicide attacks"
    if any(_lemma(t) in IRREALIS_HEADS for t in chain[:4]):
        return "under an irrealis verb"  # "warned security forces against beating suspects"
    if any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.children):
        return "any"  # "bombing any group that posed a threat", "holding any meeting"
    if token.pos_ in ("VERB", "AUX") and _is_descriptive_verb(token):
        return "descriptive verb"
    if token.pos_ in ("NOUN", "PROPN"):
        if any(_lemma(t) in SETTING_NOUNS for t in chain[:4]) and _lemma(clause_head(token)) in ("be", "remain"):
            return "setting"  # "Aleppo is at the heart of clashes", "the town has been the scene of fighting"
        lemma = _lemma(token)
        if lemma in AGREEMENT_NOUNS and _lemma(token.head) in AGREEMENT_STATE_VERBS and token.dep_ in (
            "dobj", "nsubj", "nsubjpass"
        ):
            return "agreement state"  # "have enjoyed a truce", "the ceasefire held"
        if lemma in AGREEMENT_NOUNS and token.dep_ == "pobj" and (
            token.head.lower_ in ("under", "per", "despite") or (
                token.head.lower_ == "of" and _lemma(token.head.head) in ("part", "term", "framework", "accordance")
            )
        ):
            return "agreement referred to"  # "handed over positions under a deal reached earlier"
        if any(_lemma(t) in REFERENCE_NOUNS | TREND_NOUNS for t in chain[:4] if t.pos_ in ("NOUN", "PROPN")):
            return "reference"  # "relatives of victims of the port explosion", "a surge in attacks"
        top = _compound_top(token)
        if (lemma in DEVICE_NOUNS | WEAPON_NOUNS or _lemma(top) in DEVICE_NOUNS | WEAPON_NOUNS) and (
            (top.dep_ in ("dobj", "nsubjpass") and _lemma(top.head) in DISRUPTING_VERBS)
            or any(_lemma(c) in DISRUPTING_VERBS for c in top.children if c.dep_ == "acl")
            or any(_lemma(t) in DISRUPTING_VERBS or (
                _lemma(t) == "detonation" and any(c.lower_ == "controlled" for c in t.children)) for t in chain[:4])
        ):
            return "device disrupted"  # "destroyed a car bomb", "an IED found buried", "a controlled detonation"
        if lemma in PROTESTER_NOUNS and not (
            (top.dep_ == "nsubj" and top.head.pos_ in ("VERB", "AUX") and _lemma(top.head) not in STATIVE_VERBS)
            or (top.dep_ == "pobj" and top.head.lower_ == "of" and _lemma(top.head.head) in CROWD_NOUNS)
        ):
            return "protesters not acting"  # a protest told by its people only when they do something
        if (lemma in ATTACKER_NOUNS or _lemma(top) in ATTACKER_NOUNS) and (
            top.dep_ in ("dobj", "nsubjpass", "attr", "appos", "npadvmod", "dative", "oprd")
            or (top.dep_ == "pobj" and top.head.lower_ != "by")
            or (top.dep_ == "nsubj" and _lemma(top.head) in STATIVE_VERBS)
        ):
            return "attacker not acting"  # "shot dead six suicide bombers", "82 armed opposition gunmen"
    # "the court granted bail to X, who was arrested in May": a relative clause under a legal main clause
    if any(t.dep_ in ("relcl", "appos", "acl") for t in [token, *chain]):
        root = token.sent.root
        if _lemma(root) in LEGAL_WORDS or any(
            _lemma(c) in LEGAL_WORDS for c in root.children if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
        ):
            return "legal main clause"
    # "in turmoil since the NATO bombardment", "since it began with protests": a starting point, not a report
    for node in [token, *_all_ancestors(token)]:
        if node.lower_ == "since" and node.dep_ in ("prep", "mark"):
            return "since"
        if node.i != token.i and any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children):
            return "since"
    if any(_lemma(c) in NONSPECIFIC_MODIFIERS for c in token.children if c.dep_ in ("amod", "advmod", "compound")):
        return "nonspecific modifier"  # "the ongoing fighting", "repeated attacks"
    if token.tag_ in ("NNS", "NNPS") and any(c.lower_ == "recent" for c in token.children if c.dep_ == "amod"):
        return "nonspecific modifier"  # "following recent attacks in the area"
    if token.pos_ in ("NOUN", "PROPN"):
        head = token.head
        if token.dep_ in ("nsubj",) and _lemma(head) in ONGOING_VERBS and (
            head.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and _lemma(c) in ("have", "be") for c in head.children)
        ):
            return "ongoing"  # "fighting continues", "fighting has continued", "clashes are raging"
        if token.dep_ == "nsubj" and _lemma(head) == "be" and any(
            c.dep_ in ("acomp", "attr") and (_lemma(c) in NONSPECIFIC_MODIFIERS or c.lower_ in ("underway", "ongoing"))
            for c in head.children
        ):
            return "ongoing"  # "such reinforcements have been ongoing for months"
        if token.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) in COUNT_NOUNS:
            return "count"  # "81 incidents of physical assault"
        if _lemma(token) == "demonstration":
            of = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"]
            if of and not any(p.ent_type_ in ("NORP", "ORG", "PERSON", "CARDINAL") or _lemma(p) in PEOPLE_WORDS
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
        and _lemma(prep.head) not in load_trigger_rules()
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
        ) and _lemma(token.head) not in (
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


def _is_outcome_only_noise(token: Token, rule: TriggerRule) -> bool:
    """Outcome words that are no violent event: "killed themselves", "people are dying"."""
    if not rule.weak or token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in REFLEXIVES for c in token.children):
        return True
    return token.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'re") for c in token.children
    )


def _confidence(token: Token, rule: TriggerRule) -> float:
    """Rule confidence adjusted by how firmly the clause reports the event."""
    score = rule.confidence
    if token.pos_ in ("NOUN", "PROPN"):
        if token.head.pos_ in ("VERB", "AUX") and _lemma(token.head) in SUPPORT_VERBS:
            score += 0.15
        elif token.dep_ == "pobj" and _lemma(token.head.head) in SUPPORT_VERBS | {"die"}:
            score += 0.1
        elif any(child.dep_ == "poss" for child in token.children):
            score += 0.05
        elif any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in token.children):
            score -= 0.25  # "the agreement requires...": a re-mention of an event told elsewhere, not a report
    elif token.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in token.children):
        score -= 0.1  # present simple: a headline, or a habitual statement
    if any(_lemma(t) in HEDGE_WORDS for t in token.sent):
        score *= 0.75
    return round(max(0.0, min(1.0, score)), 3)


# --------------------------------------------------------------------------- agents and targets


def noun_phrase(token: Token) -> Span:
    """A compact noun phrase around a head noun: determiners, modifiers, "of X", an apposition; no clauses."""
    left, right = token.i, token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod"):
            left = min(left, child.left_edge.i)
        elif child.i > token.i and child.dep_ == "appos":
            right = max(right, child.right_edge.i)
        elif child.i > token.i and child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and not objects[0].conjuncts:
                right = max(right, noun_phrase(objects[0]).end - 1)
            elif objects:
                right = max(right, noun_phrase(objects[0]).end - 1)
    end = token.doc[right]
    if end.ent_type_ == "ORG" and end.ent_iob_ in ("B", "I"):  # "members of the Ladies in White": the whole name
        ent = next((e for e in token.doc.ents if e.start <= right < e.end), None)
        if ent is not None and ent.start >= left:
            right = max(right, ent.end - 1)
    while right > left and token.doc[right].is_punct:
        right -= 1
    return token.doc[left : right + 1]


def _expand(token: Token) -> list[Span]:
    """One span per conjunct; "the governments of Russia, Syria and Iran" -> [governments of Russia, Syria, Iran]."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"):
        return []
    spans = [noun_phrase(token)]
    for conj in token.conjuncts:
        if conj.i > token.i:
            spans.append(noun_phrase(conj))
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    spans.extend(noun_phrase(c) for c in pobj.conjuncts if c.i > pobj.i)
    return spans


def _subject_of(verb: Token) -> list[Span]:
    """Agents of a verb, climbing through xcomp/pcomp/conj/acl heads when the verb has no subject of its own."""
    current = verb
    previous = None
    for _ in range(6):
        passive = any(c.dep_ == "nsubjpass" for c in current.children)
        for child in current.children:
            if child.dep_ == "nsubj":
                return _expand(child)
            if child.dep_ == "agent" or (passive and child.dep_ == "prep" and child.lower_ == "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _expand(pobj)
        if passive or current.head.i == current.i:
            return []
        if current.dep_ in ("xcomp", "conj", "pcomp", "advcl", "prep", "acl", "ccomp") or current.pos_ == "ADP":
            previous, current = current, current.head
            continue
        if (current.dep_ in ("dobj", "pobj") and previous is not None and previous.dep_ == "acl"
                and previous.tag_ == "VBG"):
            # "the army targeted the gatherings ..., killing the commander": a participle hung on the object
            previous, current = current, current.head
            continue
        return []
    return []


def _versus_preps() -> frozenset[str]:
    """Prepositions after an event that name its other side ("clashes with X"): actors_cues.csv, kind versus."""
    from transforms.actors import cues  # noqa: PLC0415 - actors imports nothing from here; keeps import order free

    return cues().versus


def _held_by_someone(pobj: Token) -> bool:
    """A place noun that names who holds it ("on a checkpoint of the army", "on regime positions") is a target."""
    for child in pobj.children:
        if child.dep_ == "prep" and child.lower_ == "of" and any(
            g.dep_ == "pobj" and g.ent_type_ not in PLACE_ENTS for g in child.children
        ):
            return True
        if child.dep_ in ("poss", "compound", "amod") and child.ent_type_ not in PLACE_ENTS and child.pos_ in (
            "NOUN", "PROPN", "ADJ"
        ) and child.lower_ not in ("military", "government"):
            return _lemma(pobj) not in ("home", "house", "office", "residence", "village", "town", "city", "street")
    return False


def _objects_of(verb: Token, include_direct: bool) -> list[Span]:
    """The other side of a verb: direct object, passive subject, with/against/on/at objects (no places/dates)."""
    spans: list[Span] = []
    versus = _versus_preps()
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass") and include_direct:
            spans.extend(_expand(child))
        elif child.dep_ == "prep" and child.lower_ in versus:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not (
                    (pobj.ent_type_ in PLACE_ENTS or _lemma(pobj) in PLACE_NOUNS) and child.lower_ in ("on", "at", "to")
                    and not _held_by_someone(pobj)
                ):
                    spans.extend(_expand(pobj))
        elif child.dep_ == "dobj" and not include_direct:
            # "supplied Hezbollah with X": a named actor as object is still the other side
            if child.ent_type_ in ("ORG", "NORP", "PERSON", "GPE"):
                spans.extend(_expand(child))
        elif child.dep_ in ("prep", "advcl", "acl") and child.lower_ == "targeting":  # "..., targeting X"
            spans.extend(s for c in child.children if c.dep_ in ("dobj", "pobj") for s in _expand(c))
    return spans


def _between(token: Token) -> tuple[list[Span], list[Span]] | None:
    """ "clashes between X and Y", "fighting raged between X and Y": X on one side, Y on the other."""
    holders = [token]
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and token.head.pos_ in ("VERB", "AUX"):
        holders.append(token.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        spans = _expand(pobj)
                        if len(spans) >= 2:
                            return spans[:1], spans[1:]
                        return spans, []
    return None


def _names_a_table_actor(span: Span) -> bool:
    """Whether the actor tables know something in a span, or it is a name the actor rules keep ("Tomahawk" is not;
    "U.S.", "coalition forces", "Liwa al-Fatah Brigade" are)."""
    from transforms.actors import lookup_text, unknown_org  # noqa: PLC0415

    return bool(lookup_text(span.text)) or unknown_org([t.text for t in span]) is not None


def _noun_agents(noun: Token) -> list[Span]:
    """Agents written inside a nominal event: "Russia's deployment", "US strikes", "strikes by the coalition",
    "a US-led coalition airstrike", "an airstrike of the US-led coalition"."""
    spans: list[Span] = []
    modifiers = [c for c in noun.children if c.i < noun.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    if len(modifiers) > 1:  # "a US-led coalition airstrike": the modifiers together name the actor
        whole = noun.doc[min(c.left_edge.i for c in modifiers) : max(c.i for c in modifiers) + 1]
        if any(h.category == "named" for h in _hits_of(whole)):
            return [whole]
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            spans.extend(_expand(child))
        elif child.dep_ in ("compound", "amod", "nmod") and (
            child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.pos_ in ("PROPN", "NOUN")
        ):
            span = noun.doc[child.left_edge.i : child.i + 1]
            if _names_a_table_actor(span):  # "59 Tomahawk missiles", "car bomb": no actor in the modifier
                spans.append(span)
        elif child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    spans.extend(_expand(pobj))
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "a missile fired by the Houthis", "an IED planted by X"
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                    spans.extend(s for pobj in agent.children if pobj.dep_ == "pobj" for s in _expand(pobj))
    if not spans and _lemma(noun) in AGENT_OF_NOUNS:
        for child in noun.children:  # "an airstrike of the US-led coalition": a named actor after "of" acts
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS - {"NORP"} and any(
                        h.category in ("named", "organ") for h in _hits_of(noun_phrase(pobj))
                    ):
                        spans.extend(_expand(pobj))
    return spans


# Event nouns whose "of X" names who did it when X is a named actor ("airstrike of the coalition").
AGENT_OF_NOUNS = _WORDS["agent_of_nouns"]


def _hits_of(span: Span) -> list:
    from transforms.actors import lookup_text  # noqa: PLC0415

    return lookup_text(span.text)


def _noun_targets(noun: Token) -> list[Span]:
    spans: list[Span] = []
    versus = _versus_preps() - {"at", "to"}
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in versus:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS - {"GPE"}:
                    spans.extend(_expand(pobj))
    return spans


# Quantity nouns an event noun hangs off by "of": the quantity meets the verb ("signed a set of agreements").
SERIES_NOUNS = _WORDS["series_nouns"]


# Events whose coordinated subjects are the two sides ("X and Y clashed", "X and Y traded fire").
RECIPROCAL_LEMMAS = _WORDS["reciprocal_lemmas"]


# Nouns that are at once the event and who did it: "Russian warplanes killed 12", "drones struck a convoy".
AGENT_TRIGGER_NOUNS = _WORDS["agent_trigger_nouns"]
# Verbs of a reduced relative on the agent that name the target: "warplanes targeting positions of X".
TARGETING_VERBS = _WORDS["targeting_verbs"]


def _assoc_of(heads: list[Token]) -> list[Span]:
    """Allies attached to a side by a cue phrase of actors_cues.csv (kind assoc): "supported by X", "backed by
    X", "alongside X", "together with X", "in coordination with X", "with the support of X"."""
    from transforms.actors import cues  # noqa: PLC0415

    spans: list[Span] = []
    for head in heads:
        doc = head.doc
        for child in head.children:
            if child.dep_ not in ("acl", "advcl", "prep", "advmod", "agent", "relcl", "npadvmod"):
                continue
            for phrase in cues().assoc:
                starts = sorted({child.i, child.left_edge.i})  # "together[advmod of with] with X"
                words = next((doc[i:i + len(phrase)] for i in starts
                              if tuple(t.lower_ for t in doc[i:i + len(phrase)]) == phrase), None)
                if words is None:
                    continue
                ids = {t.i for t in words}
                objects = [t for t in child.subtree if t.dep_ in ("pobj", "dobj") and t.head.i in ids
                           and t.i >= words.end]
                if not objects and phrase[-1] in ("alongside",):
                    objects = [t for t in child.children if t.dep_ in ("pobj", "dobj")]
                for obj in objects[:1]:
                    spans.extend(_expand(obj))
                break
    return spans


def _in_any(span: Span, others: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end or span.start <= o.start < span.end for o in others)


def agents_and_targets(token: Token, sub_event_type: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Read the two sides of an event off the parse around its trigger: agents first, then their allies ("supported
    by X": these become assoc_actor_1), and the other side ("clashes with X", "between X and Y", "targeting X")."""
    direct = sub_event_type not in OBJECT_IS_MATERIAL
    agent_noun = False
    trigger = token
    if token.pos_ in ("VERB", "AUX"):
        agents = _subject_of(token)
        targets = _objects_of(token, include_direct=direct)
    else:
        agents = _noun_agents(token)
        targets = _noun_targets(token)
        nominal = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
        if nominal is not None and nominal.pos_ == "NOUN":  # "Russia's expansion of its base": the owner acts
            owners = [s for c in nominal.children if c.dep_ == "poss" and c.pos_ != "PRON" for s in _expand(c)]
            if owners:
                agents = owners
                targets = [t for t in targets if not any(o.start <= x.i < o.end for o in owners for x in t)]
        head_noun = token
        while head_noun.dep_ in ("compound", "amod", "nmod") and head_noun.head.pos_ in ("NOUN", "PROPN"):
            head_noun = head_noun.head  # "RSF fighters fired artillery shells": the phrase's head meets the verb
        if (head_noun.dep_ == "pobj" and head_noun.head.lower_ == "of" and head_noun.head.head.lemma_.lower()
                in SERIES_NOUNS and not agents):
            head_noun = head_noun.head.head  # "signed a set of agreements", "carried out a series of raids"
        if head_noun is not token:
            agents = agents or [s for s in _noun_agents(head_noun) if not any(t.i == token.i for t in s)]
            targets = targets or _noun_targets(head_noun)
        verb = head_noun.head
        if head_noun.dep_ == "pobj" and verb.pos_ == "ADP":
            verb = verb.head
        if _lemma(token) in AGENT_TRIGGER_NOUNS and token.dep_ == "nsubj":
            # "Russian warplanes targeting positions of X killed 12 fighters": the phrase itself is the agent
            agent_noun = True
            agents = [noun_phrase(token)]
            targets = [s for c in token.children if c.dep_ == "acl" and _lemma(c) in TARGETING_VERBS
                       for d in c.children if d.dep_ in ("dobj",) for s in _expand(d)] + targets
        token = head_noun
        if verb.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("nsubj", "csubj"):  # "the airstrike killed 12 civilians"
                if not agents and targets and not agent_noun and _lemma(trigger) in RECIPROCAL_LEMMAS:
                    # "clashes with IS militants killed 10 soldiers": the dead fought on the other side (a
                    # one-sided event's dead are its victims: "an air strike on a market killed 21 people")
                    agents = [s for c in verb.children if c.dep_ == "dobj" for s in _expand(c)]
                targets = targets or _objects_of(verb, include_direct=True)
            elif token.dep_ in ("dobj", "attr", "pobj", "nsubjpass"):  # "Russia signed a deal with Iraq"
                if not agents and token.dep_ != "pobj":
                    agents = _subject_of(verb)
                if not agents and token.dep_ == "pobj" and token.head.lower_ in ("with", "using"):
                    # "the regime has hit rebel areas with air raids": the instrument's user acts
                    agents = _subject_of(verb)
                    targets = targets or _objects_of(verb, include_direct=True)
                if token.dep_ == "pobj" and token.head.lower_ in ("in", "by", "during", "after"):
                    # "killed in an airstrike": the verb's patient is the victim
                    targets = targets or [
                        s for c in verb.children if c.dep_ in ("nsubjpass", "dobj") for s in _expand(c)
                    ]
                else:
                    targets = targets or _objects_of(verb, include_direct=False)
    between = _between(token)
    if between is not None:
        first, rest = between
        if not agents or _in_any(first[0], agents) if first else False:
            agents = first
        targets = [t for t in targets if not _in_any(t, first)]
        targets = rest + [t for t in targets if not _in_any(t, rest)]
    if (len(agents) >= 2 and _lemma(trigger) in RECIPROCAL_LEMMAS
            and not any(_names_a_table_actor(t) for t in targets)):
        # "Somali forces and al-Shabaab fighters exchanged gunfire": the conjuncts fought each other
        agents, targets = agents[:1], agents[1:]
    heads = [s.root for s in agents]
    if token.pos_ in ("VERB", "AUX"):
        heads.append(token)
    elif token.head.pos_ in ("VERB", "AUX"):
        heads.append(token.head)
    assoc = [a for a in _assoc_of(heads) if not _in_any(a, agents)]
    targets = [t for t in targets if not _in_any(t, assoc)]
    agents = [s for s in agents if agent_noun or not any(t.i == token.i for t in s)] + assoc
    targets = [s for s in targets if not any(t.i == token.i for t in s) and s not in agents]
    return tuple(agents), tuple(targets)


# --------------------------------------------------------------------------- action phrase


def _phrase(token: Token) -> str:
    """Lower-cased lemma phrase of a head noun with its compounds/adjectives ("intelligence-sharing agreement")."""
    span = noun_phrase(token)
    words = [
        t for t in span
        if (t.dep_ not in ("det", "poss", "nummod", "punct", "appos", "case") or t.text == "-") and t.i <= token.i
    ]
    words = [t for t in words if t.i >= token.i or t.dep_ in ("compound", "amod", "npadvmod", "punct")]
    text = " ".join(t.lower_ if t.i != token.i else _lemma(t) for t in words)
    return re.sub(r"\s*-\s*", "-", text).strip()


def render_action(token: Token, rule: TriggerRule) -> str:
    """Fill the rule's action template from the parse; unfilled slots are dropped."""
    slots: dict[str, str] = {"verb": "", "obj": "", "xcomp": "", "of": "", "from": "", "amod": ""}
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and not slots["obj"]:
            slots["obj"] = _phrase(child)
        elif child.dep_ == "xcomp":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            slots["xcomp"] = _lemma(child) + (" " + _phrase(obj) if obj is not None else "")
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                slots[child.lower_] = _phrase(pobj)
        elif child.dep_ in ("amod", "compound") and child.i < token.i:
            slots["amod"] = (slots["amod"] + " " + child.lower_).strip()
    if token.pos_ in ("NOUN", "PROPN"):
        head = token.head.head if token.dep_ == "pobj" else token.head
        if head.pos_ in ("VERB", "AUX") and _lemma(head) not in ("be", "have"):
            slots["verb"] = _lemma(head)
        if "{verb}" in rule.action:
            slots["verb"] = (slots["verb"] + " " + _phrase(token)).strip()
            return re.sub(r"\s+", " ", rule.action.replace("{verb} " + rule.lemma, slots["verb"])).strip()
    action = rule.action
    for name, value in slots.items():
        action = action.replace("{" + name + "}", value)
    return re.sub(r"\s+", " ", action).strip(" -")


# --------------------------------------------------------------------------- clause-level decisions


def _rank(sub_event_type: str) -> int:
    return load_taxonomy().get(sub_event_type, (99, ""))[0]


def _refine(sub_event_type: str, chosen: _Candidate, group: list[_Candidate],
            agents: tuple[Span, ...], targets: tuple[Span, ...]) -> str:
    """Context rules ACLED applies after the tactic: who holds territory, protests met with force, combatant victims."""
    clause_words = {_lemma(t) for t in clause_head(chosen.token).subtree if t.ent_type_ not in ("DATE", "TIME")} | {
        _lemma(c.token) for c in group}
    agent_words = {_lemma(t) for span in agents for t in span}
    target_words = {_lemma(t) for span in targets for t in span}
    if (sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")
            or _lemma(chosen.token) in TERRITORY_ENTRY_LEMMAS) and _without_fighting(chosen.token.sent):
        return "Non-violent transfer of territory"  # "entered the city after the army withdrew; no fighting"
    if sub_event_type in ("Government regains territory", "Non-state actor overtakes territory"):
        common_agent_words = {_lemma(t) for span in agents for t in span if t.pos_ != "PROPN"}  # not "Islamic State"
        if common_agent_words & STATE_AGENT_WORDS:  # "regime forces and allied militias regained Saraqib"
            return "Government regains territory"
        if agent_words & NONSTATE_AGENT_WORDS:
            return "Non-state actor overtakes territory"
        return sub_event_type
    if sub_event_type == "Peaceful protest" and agent_words & DIPLOMATIC_WORDS:
        return "Other"  # "the US government protested against ...": a diplomatic move, not a street protest
    sent = chosen.token.sent
    sentence_words = {_lemma(t) for t in sent if t.ent_type_ not in ("DATE", "TIME")}
    protest_side = (sentence_words | target_words) & PROTEST_WORDS or (
        agent_words & DEMONSTRATOR_WORDS and _riot_action(sent))
    if protest_side and sub_event_type in PROTEST_REFINABLE:
        if _riot_action(sent):
            return "Violent demonstration"  # "protesters threw stones at police", "burned tyres"
        lethal = any(c.rule.weak or c.rule.sub_event_type == "Attack" for c in group) and bool(
            (clause_words | sentence_words) & LETHAL_WORDS)
        if lethal and sub_event_type != "Arrests":
            return "Excessive force against protesters"
        if _intervention(sent):
            return "Protest with intervention"
        if sub_event_type in ("Protest with intervention", "Excessive force against protesters"):
            return "Peaceful protest"
        if sub_event_type == "Peaceful protest":
            return sub_event_type
    if sub_event_type in ("Attack", "Looting/property destruction") and agent_words & MOB_AGENT_WORDS:
        return "Mob violence"  # "a crowd beat a woman to death", "villagers killed two women accused of sorcery"
    if sub_event_type == "Arrests" and DISAPPEARANCE_RE.search(sent.text):
        return "Abduction/forced disappearance"  # "took him to an unknown location"
    if sub_event_type == "Remote explosive/landmine/IED" and PREMATURE_RE.search(sent.text):
        return "Disrupted weapons use"  # "the device they were planting went off prematurely"
    remote = any(load_taxonomy().get(c.rule.sub_event_type, (0, ""))[1] == "Explosions/Remote violence"
                 for c in group if not c.rule.weak)
    if sub_event_type == "Attack" and _lemma(chosen.token) in COMBAT_NEUTRAL and not remote:
        # (a clause that names a bomb, shell or air strike keeps that tactic, whoever the victims)
        if agent_words & AIR_AGENT_WORDS:
            return "Air/drone strike"  # "the air force killed ...", "warplanes killed 12 people"
        if agent_words & ARTILLERY_AGENT_WORDS:
            return "Shelling/artillery/missile attack"
        if target_words & COMBATANT_WORDS or (not chosen.rule.weak and target_words & MILITARY_TARGET_WORDS):
            return "Armed clash"  # "the army killed 100 IS terrorists", "gunmen attacked an army checkpoint"
    return sub_event_type


PROTEST_REFINABLE = frozenset({
    "Attack", "Armed clash", "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Arrests", "Looting/property destruction", "Mob violence", "Violent demonstration",
})
# Acts of demonstrators that make a protest a riot (ACLED "Violent demonstration").
RIOT_LEMMAS = _WORDS["riot_lemmas"]
RIOT_OBJECTS = _WORDS["riot_objects"]
NEGATED_RE = re.compile(r"\b(?:no|without|not)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# People whose stone-throwing or burning is a violent demonstration even when no protest is named.
DEMONSTRATOR_WORDS = _WORDS["demonstrator_words"]
MOB_AGENT_WORDS = _WORDS["mob_agent_words"]
DISAPPEARANCE_RE = re.compile(
    r"unknown location|whereabouts (?:\w+ ){0,2}unknown|not (?:been )?heard from|(?:went|gone|go) missing|"
    r"incommunicado|forcibly disappeared|enforced disappearance|plain[ -]?clothes",
    re.IGNORECASE,
)
PREMATURE_RE = re.compile(
    r"\bprematurely\b|\baccidentally\b|\bwhile (?:planting|assembling|making|preparing|handling|transporting|"
    r"laying)\b|\btheir own (?:bomb|explosives?|device)",
    re.IGNORECASE,
)
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
               and _lemma(t.head) not in load_trigger_rules() for t in sent)


def _without_fighting(sent: Span) -> bool:
    """The sentence (or the next one: "No fighting was reported.") says a place changed hands without a fight."""
    text = sent.text
    following = sent.doc[sent.end:].sents if sent.end < len(sent.doc) else iter(())
    nxt = next(following, None)
    if nxt is not None and NO_FIGHT_RE.search(nxt.text) and not FIGHT_RE.search(text):
        return True
    if NO_FIGHT_RE.search(text):
        return True
    return bool(WITHDRAWAL_RE.search(text)) and not FIGHT_RE.search(text)


def _riot_action(sent: Span) -> bool:
    """Demonstrators' violence in the sentence: stones thrown, tyres burned, shops smashed or looted."""
    for t in sent:
        lemma = _lemma(t)
        if lemma in RIOT_LEMMAS and t.ent_type_ not in ("DATE", "TIME", "GPE", "ORG", "PERSON"):
            return True
        if lemma in ("throw", "burn", "set") and any(
            _lemma(c) in RIOT_OBJECTS or (lemma == "set" and _lemma(c) == "fire") for c in t.subtree if c.i != t.i
        ):
            return True  # "threw stones", "burned tyres", "set fire to a police post"
    return False


def _intervention(sent: Span) -> bool:
    """Forces stepped in (tear gas, dispersal, arrests), not denied ("no arrests were reported")."""
    for t in sent:
        if _lemma(t) in PROTEST_INTERVENTION_WORDS and t.ent_type_ not in ("DATE", "TIME"):
            before = sent.doc[max(sent.start, t.i - 3):t.i].text + " "
            if not NEGATED_RE.search(before):
                return True
    return False


def _type_rank(sub_event_type: str) -> int:
    """Rank of the event type a sub-event type belongs to (its best sub-type's rank)."""
    event_type = load_taxonomy().get(sub_event_type, (99, ""))[1]
    return min((rank for rank, kind in load_taxonomy().values() if kind == event_type), default=99)


def _choose(group: list[_Candidate], refined: dict[int, str]) -> _Candidate:
    """ACLED priority: among tactics in one clause the highest-ranked event type wins; inside one event type a
    specific tactic beats a generic one ("attacked the school and kidnapped 300 pupils" is an abduction, "strikes"
    next to "shelling" are shelling), then the sub-type priority; outcomes only when no tactic."""
    # an outcome that its context made a tactic ("the air force killed", "killed 17 soldiers") counts as one
    taxonomy = load_taxonomy()
    violent_tactic = any(not c.rule.weak and taxonomy.get(refined[c.token.i], (0, ""))[1] in VIOLENT_TYPES | {
        "Protests"} for c in group)
    strong = [c for c in group if not c.rule.weak or (
        not violent_tactic and refined[c.token.i] != c.rule.sub_event_type
        and _type_rank(refined[c.token.i]) in (1, 9))] or group
    coups = [c for c in strong if _lemma(c.token) in COUP_LEMMAS]
    if coups and all(_type_rank(refined[c.token.i]) >= 18 for c in strong):
        return coups[0]  # a coup's detentions and decrees are the coup (ACLED "Other")
    return min(strong, key=lambda c: (_type_rank(refined[c.token.i]), c.rule.generic, _rank(refined[c.token.i]),
                                      -c.confidence, c.token.i))


# Event types whose outcome words ("killed", "wounded") in another clause of the same sentence are that event's
# toll: "two people were killed and ten injured in a shelling of X" is one shelling.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


# Verbs of a diplomatic move ("Russia called for military cooperation", "Kerry called Lavrov"); the same verbs
# from a rights group or a UN body are statements, which ACLED does not code.
STATEMENT_TRIGGERS = _WORDS["statement_triggers"]


def _is_ngo_statement(chosen: _Candidate, agents: tuple[Span, ...]) -> bool:
    if _lemma(chosen.token) not in STATEMENT_TRIGGERS:
        return False
    return not any(t.ent_type_ in ("GPE", "NORP", "PERSON") or _lemma(t) in DIPLOMATIC_WORDS | STATE_AGENT_WORDS
                   for span in agents for t in span)


COUP_LEMMAS = _WORDS["coup_lemmas"]


def _merge_into_coup(groups: dict[int, list[_Candidate]]) -> dict[int, list[_Candidate]]:
    """Strategic developments told in the same sentence as a coup ("seized power, detaining the president and
    declaring a state of emergency") are the coup."""
    taxonomy = load_taxonomy()
    coup_heads = [h for h, g in groups.items() if any(_lemma(c.token) in COUP_LEMMAS for c in g)]
    if not coup_heads:
        return groups
    target = coup_heads[0]
    merged = {h: list(g) for h, g in groups.items()}
    for head, group in groups.items():
        if head != target and all(taxonomy.get(c.rule.sub_event_type, (0, ""))[1] == "Strategic developments"
                                  for c in group):
            merged[target].extend(group)
            del merged[head]
    return merged


def _merge_outcomes(groups: dict[int, list[_Candidate]]) -> dict[int, list[_Candidate]]:
    """Fold the clauses of a sentence that name violence without a tactic ("were killed", "gunmen attacked")
    into the nearest clause that names a specific violent tactic ("... in a shelling of X", "abducting scores of
    students"): the deaths are that tactic's toll, not a second event. Without such a clause, the unspecific
    violent clauses of the sentence are one event ("killed 17 soldiers and left three others wounded")."""
    taxonomy = load_taxonomy()

    def violent(c: _Candidate) -> bool:
        return taxonomy.get(c.rule.sub_event_type, (0, ""))[1] in VIOLENT_TYPES

    specific = [h for h, group in groups.items() if any(not c.rule.weak and not c.rule.generic and violent(c)
                                                          for c in group)]
    unspecific = [h for h, group in groups.items()
                  if all((c.rule.weak or c.rule.generic) and violent(c) for c in group)]
    if not unspecific or (not specific and len(unspecific) < 2):
        return groups
    merged: dict[int, list[_Candidate]] = {head: list(group) for head, group in groups.items()}
    targets = specific or unspecific[:1]
    for head in unspecific:
        if head in targets:
            continue
        target = min(targets, key=lambda h: abs(h - head))
        merged[target].extend(groups[head])
        del merged[head]
    return merged


def _is_modifier_only(token: Token) -> bool:
    """ "attack aircraft", "missile system", "chemical weapons depot": the word names a thing, not an event."""
    if any(child.dep_ == "conj" for child in token.children):
        return False  # "tear gas and sound bombs": a coordinated noun is a head of its own, whatever the parse says
    if "-" in _lemma(token) and token.i + 2 < len(token.doc) and token.head.i == token.i + 2:
        return False  # "a sit-in" split by the tokenizer: "sit" modifies "in", but the word is "sit-in"
    top = token
    while top.dep_ in ("compound", "amod", "nmod", "npadvmod") and top.head.i != top.i and top.head.pos_ in (
        "NOUN", "PROPN"
    ):
        top = top.head
    if top.i == token.i:
        return False
    if _lemma(top) in EVENT_HEAD_NOUNS:
        return False
    return _lemma(top) not in load_trigger_rules() or match_rule(top) is None


def _candidates(sent: Span) -> list[_Candidate]:
    rules = load_trigger_rules()
    found: list[_Candidate] = []
    for token in sent:
        if _lemma(token) not in rules:  # the cheap filter: one or two dict look-ups per token
            continue
        if token.ent_type_ in ("DATE", "TIME"):
            continue  # "On 5 March": the month, not a march
        rule = match_rule(token)
        if rule is None or _is_modifier_only(token) or _is_irrealis(token) or _is_background(token):
            continue
        if _is_outcome_only_noise(token, rule):
            continue
        found.append(_Candidate(token, rule, _confidence(token, rule)))
    return found


def detect_events(doc: Doc, min_confidence: float = MIN_CONFIDENCE) -> list[EventClause]:
    """Every clause of the document that reports an event which happened, in text order."""
    events: list[EventClause] = []
    for sent in doc.sents:
        candidates = _candidates(sent)
        if not candidates or _is_habitual(candidates[0].token):
            continue
        groups: dict[int, list[_Candidate]] = {}
        for cand in candidates:
            groups.setdefault(clause_head(cand.token).i, []).append(cand)
        groups = _merge_into_coup(_merge_outcomes(groups))
        for group in groups.values():
            sides = {c.token.i: agents_and_targets(c.token, c.rule.sub_event_type) for c in group}
            group_agents = tuple(a for c in group for a in sides[c.token.i][0])
            refined = {c.token.i: _refine(c.rule.sub_event_type, c, group, sides[c.token.i][0] or group_agents,
                                          sides[c.token.i][1]) for c in group}
            chosen = _choose(group, refined)
            sub_event_type = refined[chosen.token.i]
            agents, targets = sides[chosen.token.i]
            if not agents or not targets:  # borrow sides from other triggers of the same clause
                for other in group:
                    if other.token.i != chosen.token.i:
                        more_agents, more_targets = sides[other.token.i]
                        agents = agents or more_agents
                        targets = targets or tuple(t for t in more_targets if t not in agents)
            if _is_ngo_statement(chosen, agents):
                continue
            confidence = max(c.confidence for c in group if refined[c.token.i] == sub_event_type)
            # a re-mentioned tactic ("in the strikes") with its toll ("fighters have been killed") is as firm a
            # report as the toll alone
            confidence = max([confidence] + [c.confidence for c in group if c.rule.weak])
            if len(group) > 1:
                confidence = min(1.0, confidence + 0.05)  # a tactic plus its outcome reads as a real event
            if confidence < min_confidence:
                continue
            events.append(
                EventClause(
                    sentence=sent,
                    trigger=chosen.token,
                    event_type=load_taxonomy()[sub_event_type][1],
                    sub_event_type=sub_event_type,
                    action=render_action(chosen.token, chosen.rule),
                    agents=agents,
                    targets=targets,
                    confidence=round(confidence, 3),
                )
            )
    events.sort(key=lambda e: e.trigger.i)
    return _inherit_tactics(_drop_absorbed(events))


WITHDRAWAL_LEMMAS = _WORDS["withdrawal_lemmas"]


def _drop_absorbed(events: list[EventClause]) -> list[EventClause]:
    """A withdrawal told in the sentence of the take-over it made possible ("entered Kherson after Russian forces
    withdrew; no fighting") is part of that non-violent transfer, not a troop movement of its own."""
    transfers = {e.sentence.start for e in events if e.sub_event_type == "Non-violent transfer of territory"
                 and _lemma(e.trigger) not in WITHDRAWAL_LEMMAS}
    return [e for e in events if not (
        e.sentence.start in transfers and _lemma(e.trigger) in WITHDRAWAL_LEMMAS
        and e.sub_event_type in ("Change to group/activity", "Non-violent transfer of territory"))]


# Outcome and generic words that say someone was harmed but not how; "the attack", "were killed" in a story whose
# other sentences name the shelling or air strike are that strike's toll.
INHERITING_LEMMAS = _WORDS["inheriting_lemmas"]
INHERIT_BEFORE, INHERIT_AFTER = 3, 2  # sentences


def _tells_no_tactic(event: EventClause) -> bool:
    """ "Five people were killed", "in the attack": harm without a tactic or a named perpetrator."""
    trigger = event.trigger
    if _lemma(trigger) not in INHERITING_LEMMAS:
        return False
    if trigger.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in trigger.children):
            return True  # "in the attack": a re-mention
        # a headline or lead ("Four killed in terrorist attacks in Aleppo") that the story then details
        return not event.agents and event.sentence.start == next(event.sentence.doc.sents).start
    return not event.agents


def _inherit_tactics(events: list[EventClause]) -> list[EventClause]:
    """An Attack whose clause names no tactic takes the remote-violence type of the nearest event of the
    article (up to three sentences before, two after) that does: news tells the tactic once ("Rebel rockets hit
    Aleppo on Friday.") and the toll in other sentences ("Five people were killed in the attack.")."""
    if not events:
        return events
    sentence_index = {sent.start: n for n, sent in enumerate(events[0].sentence.doc.sents)}
    sources = [e for e in events if e.event_type == "Explosions/Remote violence"]
    if not sources:
        return events
    out: list[EventClause] = []
    for event in events:
        rule = match_rule(event.trigger)
        generic_remote = (event.event_type == "Explosions/Remote violence" and rule is not None and rule.generic
                          and rule.sub_event_type == event.sub_event_type)
        if generic_remote:
            specific = [s for s in sources if s is not event and not getattr(match_rule(s.trigger), "generic", True)]
        else:
            specific = sources
        if (event.sub_event_type == "Attack" and _tells_no_tactic(event)) or generic_remote:
            here = sentence_index[event.sentence.start]
            near = [(abs(sentence_index[s.sentence.start] - here), sentence_index[s.sentence.start] > here, s)
                    for s in specific
                    if -INHERIT_BEFORE <= sentence_index[s.sentence.start] - here <= INHERIT_AFTER
                    and s.sentence.start != event.sentence.start]
            if near:
                source = min(near, key=lambda x: (x[0], x[1]))[2]
                event = replace(event, sub_event_type=source.sub_event_type, event_type=source.event_type)
        out.append(event)
    return out


def same_event(a: EventClause, b: EventClause) -> bool:
    """Heuristic: two clauses tell the same event when type matches and they share an agent or target word.

    Used to merge e.g. one agreement told in three sentences; dates and places are compared by the caller.
    """
    if a.sub_event_type != b.sub_event_type:
        return False
    if a.trigger.i == b.trigger.i and a.trigger.doc is b.trigger.doc:
        return True

    def words(spans: tuple[Span, ...]) -> set[str]:
        return {t.lower_ for s in spans for t in s if t.pos_ in ("PROPN", "NOUN") and not t.is_stop}

    sides_a, sides_b = words(a.agents) | words(a.targets), words(b.agents) | words(b.targets)
    if sides_a and sides_b:
        return bool(sides_a & sides_b)
    return _lemma(a.trigger) == _lemma(b.trigger)


def lead_event(events: list[EventClause]) -> EventClause | None:
    """The event an article is mainly about: confident and early (news puts the main event in the lead).

    Each sentence of distance from the start costs 0.03 confidence, capped after ten sentences; measured on
    FA-KES this picks a cause-consistent event more often than confidence alone (85.6% vs 83.8%).
    """
    if not events:
        return None
    starts = sorted({e.sentence.start for e in events})
    sentence_rank = {}
    doc = events[0].sentence.doc
    for index, sent in enumerate(doc.sents):
        if sent.start in starts:
            sentence_rank[sent.start] = index
    return max(events, key=lambda e: (e.confidence - 0.03 * min(sentence_rank[e.sentence.start], 10), -e.trigger.i))
