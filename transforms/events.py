"""Detect event-reporting clauses in parsed news text and classify them into ACLED's 25 sub-event types.

Why rules and not a trained classifier: we have no labelled ACLED training text here, the analysts' codebook is
itself a set of rules (trigger words, a priority order between tactics, "did it happen?"), and a rule can be read,
disputed and extended by a user. The trigger lexicon is data (`transforms/data/event_triggers.csv`); this module
holds only the machinery:

1. a cheap lemma look-up per token (most sentences hold no trigger and never reach step 2);
2. each trigger picks its sub-event type from the first lexicon row whose context test passes
   ("strike" near "drone" -> Air/drone strike; near "missile" -> Shelling/artillery/missile attack);
3. triggers that did not happen are dropped: negation, modals/future, plans and threats, conditionals,
   questions, habitual background; hedged reports ("reportedly", "suspected") keep a lower confidence;
4. triggers are grouped by clause (the nearest governing finite verb); one clause gives one event, and between
   several tactics in a clause ACLED's priority order decides (an airstrike during a clash is a Battle);
5. agents and targets are read off the dependency parse and returned as noun-phrase spans. Coordinated actors
   ("Russia, Syria and Iran") come back as one span per conjunct.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

DATA_DIR = Path(__file__).parent / "data"
TRIGGERS_CSV = DATA_DIR / "event_triggers.csv"
TAXONOMY_CSV = Path(__file__).parents[1] / "schemas" / "data" / "acled_event_taxonomy.csv"

MIN_CONFIDENCE = 0.4
CONTEXT_WINDOW = 6  # tokens either side of a trigger that its context words may sit in

# Words whose presence anywhere above a trigger means the trigger is wished, planned, feared or denied, not done.
IRREALIS_HEADS = frozenset(
    "threaten threat plan intend intention propose proposal seek want hope aim expect consider prepare fear "
    "possibility prospect risk danger chance deny refuse avoid prevent avert deter urge demand call warn "
    "would-be try attempt vow pledge promise ready willing able plot scheme seek desire need order "
    "ask request insist allow pressure".split()
)
MODALS = frozenset("will would may might could should can shall must 'll wo ca".split())
NEGATIONS = frozenset("not n't never no none nobody neither nor".split())
IRREALIS_MODIFIERS = frozenset("possible potential future planned proposed prospective hypothetical would-be".split())
CONDITIONAL_MARKS = frozenset("if unless lest".split())
HABITUAL_WORDS = frozenset(
    "commonplace routinely usually frequently regularly typically often history habitually tend".split()
)
HEDGE_WORDS = frozenset(
    "allegedly reportedly alleged suspected purportedly purported unconfirmed unclear whether rumour rumor".split()
)
# Verbs whose object/subject noun trigger is clearly an event that took place ("signed an agreement",
# "the airstrike killed").
SUPPORT_VERBS = frozenset(
    "sign reach enter conclude announce hold carry conduct launch stage mount kill hit target claim occur happen "
    "forge broker resume cause leave wound injure rock destroy damage strike seal finalize finalise break erupt "
    "witness report begin start continue see trigger implement agree perpetrate commit".split()
)
# An infinitive trigger ("to deploy") is only an event when its head says it was carried out.
REALISED_INFINITIVE_HEADS = frozenset("begin start continue manage force compel resume proceed agree consent".split())
# Head nouns that keep a modifying trigger an event: "chemical weapons", "drone attack", "mortar fire".
EVENT_HEAD_NOUNS = frozenset("attack use weapon gas agent fire strike operation campaign".split())
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "conj"})
STATE_AGENT_WORDS = frozenset("army regime government loyalist pro-government pro-regime state".split())
NONSTATE_AGENT_WORDS = frozenset(
    "rebel militant insurgent jihadist opposition isis isil daesh fighter militia islamist extremist".split()
)
COMBATANT_WORDS = frozenset("soldier troop fighter militant rebel insurgent jihadist combatant gunman".split())
DIPLOMATIC_WORDS = frozenset("government ministry embassy minister president official state department kremlin".split())
PROTEST_WORDS = frozenset("protest protester demonstrator demonstration rally march sit-in".split())
PROTEST_INTERVENTION_WORDS = frozenset("disperse tear cannon arrest detain rubber baton".split())
LETHAL_WORDS = frozenset("kill shoot dead fire live bullet die".split())
# Sub-event types whose direct object is what the actor moves or builds, not another actor.
OBJECT_IS_MATERIAL = frozenset(
    {"Change to group/activity", "Headquarters or base established", "Disrupted weapons use",
     "Looting/property destruction"}
)
PLACE_NOUNS = frozenset("home house office residence checkpoint market village town city area street base".split())
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
            rule = TriggerRule(
                lemma=lemma,
                pos=row["pos"].strip().upper(),
                sub_event_type=row["sub_event_type"].strip(),
                action=row["action"].strip(),
                requires_any=_words(row["requires_any"]),
                excludes_any=_words(row["excludes_any"]),
                confidence=float(row["confidence"]),
                weak=row["strength"].strip() == "weak",
                forms=tuple(_words(row.get("forms") or "")),
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
    """Lower-cased lemma, with the lexicon's listed forms repairing lemmatiser slips ("raped" -> "rap")."""
    lemma = token.lemma_.lower()
    if lemma in load_trigger_rules():
        return lemma
    return _form_index().get(token.lower_, lemma)


@lru_cache(maxsize=1)
def _form_index() -> dict[str, str]:
    """Surface form -> trigger lemma, from the lexicon's `forms` column."""
    return {form: rule.lemma for rules in load_trigger_rules().values() for rule in rules for form in rule.forms}


def _context_lemmas(token: Token) -> set[str]:
    """Lemmas and lower-cased words near the trigger or attached to it: what a rule's context test looks at."""
    sent = token.sent
    start = max(sent.start, token.i - CONTEXT_WINDOW)
    end = min(sent.end, token.i + CONTEXT_WINDOW + 1)
    near = list(token.doc[start:end]) + list(token.children) + [token.head]
    words = {_lemma(t) for t in near} | {t.lower_ for t in near}
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
        if rule.requires_any or rule.excludes_any:
            context = context if context is not None else _context_lemmas(token)
            if rule.requires_any and not (rule.requires_any & context):
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
    """True when the trigger is negated, modal, planned, threatened, conditional or asked about."""
    if token.sent.text.rstrip().endswith("?"):
        return True
    if any(_lemma(child) in IRREALIS_MODIFIERS for child in token.children if child.dep_ in ("amod", "advmod")):
        return True
    for node in _path_to_clause_head(token):
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
    # strict ancestors (the trigger itself may be "warn" or "call"): planned, feared, denied, threatened ...
    if any(_lemma(ancestor) in IRREALIS_HEADS for ancestor in _governors(token)):
        return True
    return _is_unrealised_infinitive(token)


def _governors(token: Token) -> list[Token]:
    """Strict ancestors inside the trigger's clause, plus the verb a complement clause hangs from.

    "denied that its forces had attacked" and "threatened to strike" are blocked through this; "called for
    talks as it stages exercises" is not (an adverbial clause keeps its own status).
    """
    path = _path_to_clause_head(token)[1:]
    head = clause_head(token)
    if head.i == token.i:
        path = []
    if head.dep_ in ("ccomp", "xcomp") and head.head.i != head.i:
        path.append(head.head)
    return path


def _is_unrealised_infinitive(token: Token) -> bool:
    """ "to deter", "in an effort to defeat": purposes, not events, unless the head says it was carried out."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    has_to = any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)
    if not has_to:
        return False
    return _lemma(token.head) not in REALISED_INFINITIVE_HEADS and load_trigger_rules().get(_lemma(token.head)) is None


# A war's running toll ("more than 400000 people have been killed since the war began", "Syria's five-year war")
# sums many events already reported one by one: background, not an event.
CUMULATIVE = re.compile(
    r"\bsince (?:the |[\w’']+ )?(?:civil )?(?:war|conflict|uprising|revolution|crisis|start|beginning|outbreak|\d{4})\b"
    r"|\b(?:\w+|\d+)[- ]year[- ](?:old[- ])?(?:civil )?(?:war|conflict|uprising|crisis)\b"
    r"|\b(?:war|conflict) (?:has|had) (?:killed|claimed|left)\b", re.IGNORECASE)


def _is_habitual(token: Token) -> bool:
    """Background statements ("attacks have become commonplace", "has a history of", a war's running toll)
    are not events."""
    return any(_lemma(t) in HABITUAL_WORDS for t in token.sent) or bool(CUMULATIVE.search(token.sent.text))


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
            current = current.head
            continue
        return []
    return []


def _objects_of(verb: Token, include_direct: bool) -> list[Span]:
    """The other side of a verb: direct object, passive subject, with/against/on/at objects (no places/dates)."""
    spans: list[Span] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass") and include_direct:
            spans.extend(_expand(child))
        elif child.dep_ == "prep" and child.lower_ in ("with", "against", "on", "at", "to", "targeting"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not (
                    (pobj.ent_type_ in PLACE_ENTS or _lemma(pobj) in PLACE_NOUNS) and child.lower_ in ("on", "at", "to")
                ):
                    spans.extend(_expand(pobj))
        elif child.dep_ == "dobj" and not include_direct:
            # "supplied Hezbollah with X": a named actor as object is still the other side
            if child.ent_type_ in ("ORG", "NORP", "PERSON", "GPE"):
                spans.extend(_expand(child))
    return spans


def _noun_agents(noun: Token) -> list[Span]:
    """Agents written inside a nominal event: "Russia's deployment", "US strikes", "strikes by the coalition"."""
    spans: list[Span] = []
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            spans.extend(_expand(child))
        elif child.dep_ in ("compound", "amod", "nmod") and (
            child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.pos_ == "PROPN"
        ):
            spans.append(noun.doc[child.left_edge.i : child.i + 1])
        elif child.dep_ == "prep" and child.lower_ in ("by", "between"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    spans.extend(_expand(pobj))
    return spans


def _noun_targets(noun: Token) -> list[Span]:
    spans: list[Span] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("against", "on", "with", "targeting"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS - {"GPE"}:
                    spans.extend(_expand(pobj))
    return spans


def agents_and_targets(token: Token, sub_event_type: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Read the two sides of an event off the parse around its trigger."""
    direct = sub_event_type not in OBJECT_IS_MATERIAL
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
        verb = token.head
        if token.dep_ == "pobj" and verb.pos_ == "ADP":
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("nsubj", "csubj"):  # "the airstrike killed 12 civilians"
                targets = targets or _objects_of(verb, include_direct=True)
            elif token.dep_ in ("dobj", "attr", "pobj", "nsubjpass"):  # "Russia signed a deal with Iraq"
                if not agents and token.dep_ != "pobj":
                    agents = _subject_of(verb)
                if token.dep_ == "pobj" and token.head.lower_ in ("in", "by", "during", "after"):
                    # "killed in an airstrike": the verb's patient is the victim
                    targets = targets or [
                        s for c in verb.children if c.dep_ in ("nsubjpass", "dobj") for s in _expand(c)
                    ]
                else:
                    targets = targets or _objects_of(verb, include_direct=False)
    agents = [s for s in agents if not any(t.i == token.i for t in s)]
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
    clause_words = {_lemma(t) for t in clause_head(chosen.token).subtree} | {_lemma(c.token) for c in group}
    agent_words = {_lemma(t) for span in agents for t in span}
    target_words = {_lemma(t) for span in targets for t in span}
    if sub_event_type in ("Government regains territory", "Non-state actor overtakes territory"):
        if agent_words & NONSTATE_AGENT_WORDS:
            return "Non-state actor overtakes territory"
        if agent_words & STATE_AGENT_WORDS:
            return "Government regains territory"
        return sub_event_type
    if sub_event_type == "Peaceful protest" and agent_words & DIPLOMATIC_WORDS:
        return "Other"  # "the US government protested against ...": a diplomatic move, not a street protest
    protest_side = (clause_words | target_words) & PROTEST_WORDS
    if protest_side:
        if sub_event_type in ("Attack", "Armed clash", "Peaceful protest") and clause_words & LETHAL_WORDS and (
            sub_event_type != "Peaceful protest" or any(c.rule.weak or c.rule.sub_event_type == "Attack" for c in group)
        ):
            return "Excessive force against protesters"
        if sub_event_type in ("Arrests", "Peaceful protest") and clause_words & PROTEST_INTERVENTION_WORDS:
            return "Protest with intervention"
    if chosen.rule.weak and target_words & COMBATANT_WORDS:
        return "Armed clash"
    return sub_event_type


def _choose(group: list[_Candidate], refined: dict[int, str]) -> _Candidate:
    """ACLED priority: among tactics in one clause the highest-ranked wins; outcomes only when no tactic."""
    strong = [c for c in group if not c.rule.weak] or group
    return min(strong, key=lambda c: (_rank(refined[c.token.i]), -c.confidence, c.token.i))


def _is_modifier_only(token: Token) -> bool:
    """ "attack aircraft", "missile system", "chemical weapons depot": the word names a thing, not an event."""
    if any(child.dep_ == "conj" for child in token.children):
        return False  # "tear gas and sound bombs": a coordinated noun is a head of its own, whatever the parse says
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
        rule = match_rule(token)
        if rule is None or _is_modifier_only(token) or _is_irrealis(token):
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
        for group in groups.values():
            sides = {c.token.i: agents_and_targets(c.token, c.rule.sub_event_type) for c in group}
            refined = {c.token.i: _refine(c.rule.sub_event_type, c, group, *sides[c.token.i]) for c in group}
            chosen = _choose(group, refined)
            sub_event_type = refined[chosen.token.i]
            agents, targets = sides[chosen.token.i]
            if not agents or not targets:  # borrow sides from other triggers of the same clause
                for other in group:
                    if other.token.i != chosen.token.i:
                        more_agents, more_targets = sides[other.token.i]
                        agents = agents or more_agents
                        targets = targets or tuple(t for t in more_targets if t not in agents)
            confidence = max(c.confidence for c in group if refined[c.token.i] == sub_event_type)
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
    return events


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
