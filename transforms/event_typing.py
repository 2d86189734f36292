"""Rules propose, the learned typer reviews: the one place where the two opinions on an event clause meet.

The trigger rules (`transforms.events` and the `event_*` modules it reads with) find a clause, its sides and a sub-event type. The learned typer
(`transforms.event_typer`) reads the clause's sentence and gives P(type) over the 25 sub-event types and
"No event". Four decisions follow, with bounds in `transforms/data/event_typing.json` (the drop bound chosen by
`scripts/choose_drop_bound.py` on the dev sets' tune documents, read by typers refitted without their sentences;
the others by `scripts/train_event_typer.py --combine`, which runs this whole path, confidence and bars included,
on the training rows read by out-of-fold typers):

- **drop**: the sentence reads as no event at all (P("No event") >= `drop_no_event`): charges, plans, trends and
  statements that slipped past the rules' mood tests;
- **retype**: the rules' type is one the model all but rules out (P(rules' type) < `retype_max_rule`) while
  another type has some support (P >= `retype_min_model`): the model's type wins. A type already given to
  another clause of the same sentence is not taken twice (the model reads the sentence, not the clause), and an
  event of another kind becomes a crowd's (a protest, a riot) only in a sentence that names a crowd
  (`crowd_retype_words`). The model's type is the sentence's event, so a retyped clause whose trigger hung in a
  modifier of the main verb ("blew up houses despite the ceasefire agreement") is read from the main verb and its
  parties;
- **weigh**: the model's probability of the clause's (final) type (its *support*) and its P("No event") are two
  of the facts the calibrated confidence weighs (`transforms.confidence`, fitted on judged reports): a report the
  model reads too is more likely published, and one it doubts less. (Until session 7 a support of at least
  `confirm_min_model` lifted the confidence by hand, capped under the publication bar.)
- **propose**: only where the rules find no event clause in the whole article, the sentence the model reads
  most surely as an event (P(type) >= `confirm_min_model`, P("No event") under `drop_no_event`) becomes one
  clause, its trigger the sentence's main verb and its sides read off the parse as the rules read them. A news
  article nearly always reports something; wording the trigger list lacks ("wrested back", "broke into") no
  longer leaves it empty, and the model never adds an event to an article the rules already read. Where the
  sentence's main verb is a trigger word whose context test failed, the rules have read it and said no. When a
  word there marks another sense and none the rule asks for is there (`event_lexicon.excluded_sense`:
  "protested that the cuts were unfair", "the treaty entered into force") that no stands. When a required word
  is only missing ("planes carrying weapons landed") or the words conflict ("security forces entered the
  district"), the rules do not know the context, and the model may overrule them with the support
  `overrule_veto_model`.

Everything else keeps the rules' answer, which also keeps the rules' refinements by actors downstream.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from transforms.event_typer import NO_EVENT, type_probabilities
from transforms.event_lexicon import excluded_sense, load_taxonomy, load_trigger_rules, match_rule, trigger_lemma
from transforms.event_parties import agents_and_targets
from transforms.event_mood import is_legal_act
from transforms.events import EventClause
from transforms.non_events import by_accident, names_an_accident, outside_acled, tells_a_blast
from transforms.clause_frames import SAY_VERBS
from transforms.rule_words import RULES

SETTINGS_FILE = Path(__file__).resolve().parent / "data" / "event_typing.json"


@dataclass(frozen=True)
class TypingBounds:
    drop_no_event: float  # P("No event") at or above which a clause is dropped
    retype_max_rule: float  # the rules' type is overruled only below this probability ...
    retype_min_model: float  # ... and only by a type at least this probable
    confirm_min_model: float  # least support for a proposed clause (`propose`)
    # least support for proposing a sentence whose main verb the rules read and turned down (`_vetoed`); 1.01:
    # never, the rules' no stands
    overrule_veto_model: float = 1.01


@lru_cache(maxsize=1)
def load_bounds(path: Path = SETTINGS_FILE) -> TypingBounds:
    """The combination bounds; a missing or malformed file is a one-line error naming it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        bounds = TypingBounds(float(raw["drop_no_event"]), float(raw["retype_max_rule"]),
                              float(raw["retype_min_model"]), float(raw["confirm_min_model"]),
                              float(raw["overrule_veto_model"]))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise RuntimeError(f"{path.name}: cannot read the event-typing bounds ({type(err).__name__}: {err})") from err
    for name, value in vars(bounds).items():
        if not 0.0 <= value <= 1.01:
            raise RuntimeError(f"{path.name}: {name} = {value} is not a probability")
    return bounds


class Reading(NamedTuple):
    """A clause as the typer leaves it, with the model's two numbers the confidence model weighs."""
    clause: EventClause
    support: float  # P(the clause's final sub-event type); 0 when no model is shipped
    no_event: float  # P("No event") of its sentence; 1 when no model is shipped (nothing vouches for the clause)


def review(clauses: list[EventClause], bounds: TypingBounds | None = None,
           read: Callable[[str], dict[str, float]] = type_probabilities) -> list[Reading]:
    """The clauses the model does not reject, each with the type the two opinions settle on, the model's
    support for it and its P("No event") (0 and 1 when no model is shipped, as for a clause no model read), in
    text order.

    `read`: P(type) of a sentence (the shipped typer; tests pass their own)."""
    bounds = bounds or load_bounds()
    by_sentence: dict[int, list[EventClause]] = {}
    for clause in clauses:
        by_sentence.setdefault(clause.sentence.start, []).append(clause)
    kept: list[Reading] = []
    seen: dict[int, dict[str, float]] = {}  # the model reads each sentence once
    for clause in clauses:
        start = clause.sentence.start
        if start not in seen:
            seen[start] = read(clause.sentence.text)
        probs = seen[start]
        if not probs:
            kept.append(Reading(clause, 0.0, 1.0))  # no model shipped: the rules decide alone
            continue
        if probs.get(NO_EVENT, 0.0) >= bounds.drop_no_event:
            continue
        clause = retype(clause, probs, by_sentence[start], bounds)
        kept.append(Reading(clause, probs.get(clause.sub_event_type, 0.0), probs.get(NO_EVENT, 0.0)))
    return kept


def retype(clause: EventClause, probs: dict[str, float], sentence_clauses: list[EventClause],
           bounds: TypingBounds) -> EventClause:
    """The clause with the model's type where the model rules the rules' type out (see the module doc)."""
    types = {t: p for t, p in probs.items() if t != NO_EVENT}
    best = max(types, key=types.get)
    if (best == clause.sub_event_type or types[best] < bounds.retype_min_model
            or types.get(clause.sub_event_type, 0.0) >= bounds.retype_max_rule):
        return clause
    if any(other is not clause and other.sub_event_type == best for other in sentence_clauses):
        return clause
    if _crowd_type(best) and not _crowd_type(clause.sub_event_type) and not _names_a_crowd(clause.sentence):
        return clause  # "suspected militants attacked a police post" is no mob, "fire on a bus" no protest
    return _reanchored(replace(clause, sub_event_type=best, event_type=load_taxonomy()[best][1]), sentence_clauses)


CROWD_EVENT_TYPES = frozenset({"Protests", "Riots"})
# words of a crowd, without one of which the model may not turn an event of another kind into a crowd's
CROWD_RETYPE_WORDS = frozenset(RULES.events["crowd_retype_words"])


def _crowd_type(sub_event_type: str) -> bool:
    """Whether a sub-event type is a crowd's (a protest, a riot, mob violence)."""
    return load_taxonomy()[sub_event_type][1] in CROWD_EVENT_TYPES


def _names_a_crowd(sentence: Span) -> bool:
    """Whether the sentence names a crowd or what crowds do (protesters, a rally, villagers, a mob, thousands):
    the model reads the whole sentence, and words of a place or a people it has seen in crowd events ("Kuki",
    "pilgrims") must not make an armed group's attack a riot."""
    return any(t.lower_ in CROWD_RETYPE_WORDS or t.lemma_.lower() in CROWD_RETYPE_WORDS for t in sentence)


def _reanchored(clause: EventClause, sentence_clauses: list[EventClause]) -> EventClause:
    """A retyped clause read from the verb that tells the sentence's event, when the rules' trigger hangs below it.

    The model reads the whole sentence, so the type it overrules the rules with is the sentence's event, told by
    its main verb; a trigger the rules found in a modifier of that verb ("blew up houses despite the ceasefire
    agreement", "deployed troops following renewed clashes between two factions", "seized heights after heavy
    fighting") is a background event, and its parties (none, or the factions) are not this event's. The main
    verb's own subjects and objects replace them; a verb another clause of the sentence already reads, or one
    whose parse names no subject, leaves the clause as the rules read it."""
    verb = _main_verb(clause.sentence)
    trigger = clause.trigger
    if verb is trigger or trigger.i not in {t.i for t in verb.subtree} or _coordinated(trigger, verb):
        return clause
    if any(other.trigger.i == verb.i for other in sentence_clauses) or excluded_sense(verb):
        return clause
    agents, targets = agents_and_targets(verb, clause.sub_event_type)
    if not agents:
        return clause
    return replace(clause, trigger=verb, action=verb.lemma_.lower(), agents=agents,
                   targets=tuple(t for t in targets if t not in agents))


def _coordinated(token: Token, verb: Token) -> bool:
    """Whether `token` is a verb coordinated with `verb` ("shelled the town and stormed it"): an event of its own,
    not a modifier."""
    t = token
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
        if t is verb:
            return True
    return False


MIN_PROPOSAL_WORDS = 6  # a shorter "sentence" is a headline fragment or a caption


def propose(doc: Doc, bounds: TypingBounds | None = None,
            read: Callable[[str], dict[str, float]] = type_probabilities) -> list[Reading]:
    """For an article where the rules found no event clause: at most one clause, from the sentence the model
    reads most surely as an event, with the model's support (see the module doc); [] when none qualifies."""
    bounds = bounds or load_bounds()
    best: tuple[float, Span, str, Token, float] | None = None
    for sent in doc.sents:
        if sum(1 for t in sent if t.is_alpha) < MIN_PROPOSAL_WORDS:
            continue
        probs = read(sent.text)
        if not probs or probs.get(NO_EVENT, 0.0) >= bounds.drop_no_event:
            continue
        label, support = max(((t, p) for t, p in probs.items() if t != NO_EVENT), key=lambda tp: tp[1])
        if support >= bounds.confirm_min_model and (best is None or support > best[0]):
            verb = _main_verb(sent)
            if _opens_with_a_court_act(sent, verb):
                continue  # "charged four men over the June 2023 attack": a court's act, the attack is its content
            if not _vetoed(verb) or (support >= bounds.overrule_veto_model and not excluded_sense(verb)):
                best = (support, sent, label, verb, probs.get(NO_EVENT, 0.0))
    if best is None:
        return []
    support, sent, label, verb, no_event = best
    trigger = _proposal_anchor(sent, label, verb)
    agents, targets = agents_and_targets(trigger, label)
    if by_accident(trigger, agents) or outside_acled(label, sent) or (
            tells_a_blast(sent) and names_an_accident(sent.doc)):
        return []  # a disaster, an accident or a robber's arrest, whatever the model read
    clause = EventClause(sentence=sent, trigger=trigger, event_type=load_taxonomy()[label][1],
                         sub_event_type=label, action=trigger.lemma_.lower(), agents=agents,
                         targets=tuple(t for t in targets if t not in agents), confidence=round(support, 3))
    return [Reading(clause, support, no_event)]


def _proposal_anchor(sent: Span, label: str, main: Token) -> Token:
    """The verb a proposed clause is read from: the main verb, unless it is no trigger of the proposed type and
    another verb of the sentence is one whose sense no word excludes ("troops regained control of the town ...;
    the rebels had held it since July", parsed with 'held' as the root: the proposal is read from 'regained',
    so its sides are the troops, not the rebels who held the town)."""
    def of_label(tok: Token) -> bool:
        return any(rule.sub_event_type == label for rule in load_trigger_rules().get(trigger_lemma(tok), ()))

    if of_label(main):
        return main
    return next((t for t in sent if t.pos_ == "VERB" and of_label(t) and not excluded_sense(t)), main)


def _opens_with_a_court_act(sent: Span, verb: Token) -> bool:
    """Whether the sentence's main verb is a court's or a prosecutor's act told before any event word ("sentenced
    three men for helping to organise a 2023 suicide bombing"): the event is the content of the legal process.
    Not when an event comes first ("police arrested him ...; he was later charged with treason") nor a hyphenated
    charge ("police baton-charged the sit-in")."""
    if not is_legal_act(verb) or (verb.i > 0 and verb.nbor(-1).text in ("-", "–")):
        return False
    rules = load_trigger_rules()
    return not any(trigger_lemma(t) in rules for t in sent if t.i < verb.i)


def _vetoed(verb: Token) -> bool:
    """The rules have read the sentence and said no: its main verb is a trigger word whose context test fails
    here ("the ruling demonstrated the court's independence")."""
    return verb.lemma_.lower() in load_trigger_rules() and match_rule(verb) is None


def _main_verb(sent: Span) -> Token:
    """The verb that tells the event: the sentence's root, or below a verb of saying the clause it reports ("The
    army said villages were wrested back": wrested); the first verb when the root is not one."""
    verb = sent.root if sent.root.pos_ == "VERB" else next((t for t in sent if t.pos_ == "VERB"), sent.root)
    while verb.lemma_.lower() in SAY_VERBS:
        reported = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if not reported:
            break
        verb = reported[0]
    return verb
