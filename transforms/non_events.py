"""What ACLED does not code although its words are those of violence: disasters and accidents, crime, routine.

Why a module of its own: an accident is told with a weapon's words ("a gas explosion tore through the block,
killing three"; "the blast brought down a wall"), a robbery or a drug haul ends in "police arrested four men", a
quarrel between neighbours in "shot him dead". Troops sent to dig out a landslide and a minute's silence on an
anniversary are the same trap: a deployment and a gathering are events only in a conflict or as a protest. The
rules and the learned typer both read such clauses as events. These checks run on a clause the rules or the typer
found (`transforms.events`, `transforms.event_typing`), with the words in `transforms/data/events_words.json`
(hazard_nouns, blast_words, accident_modifiers, accident_verbs, arson_words) and, for the kinds told by a
sentence's words (crime, quarrels, accidents told by their cause, routine deployments, commemorations), a table
of type sets, cue lists and veto lists: `transforms/data/outside_acled.csv`.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from schemas.vocabularies import SUB_EVENT_TYPES
from transforms.event_lexicon import trigger_lemma
from transforms.rule_words import RULES

_WORDS = RULES.events

HAZARD_NOUNS = _WORDS["hazard_nouns"]
BLAST_WORDS = frozenset(_WORDS["blast_words"])
ACCIDENT_MODIFIERS = frozenset(_WORDS["accident_modifiers"])
ACCIDENT_VERBS = frozenset(_WORDS["accident_verbs"])
ARSON_WORDS = frozenset(_WORDS["arson_words"])
# which types, cue words and veto words make a clause one ACLED does not code (one row a kind)
OUTSIDE_ACLED_FILE = Path(__file__).parent / "data" / "outside_acled.csv"


def is_accidental_blast(token: Token) -> bool:
    """Whether an explosion or blast is named as an accident ("a methane explosion", "the gas blast", "a boiler
    explosion"): no weapon, so no event, whatever verb tells what it did."""
    return any(c.dep_ in ("compound", "amod") and c.lower_ in ACCIDENT_MODIFIERS for c in token.children)


def names_an_accident(doc: Doc) -> bool:
    """Whether the article names an explosion an accident ("a gas explosion"): its bare "the blast" is that one."""
    return any(is_accidental_blast(t) for t in doc if t.lemma_.lower() in BLAST_WORDS)


def tells_a_blast(sent: Span) -> bool:
    """Whether the sentence names an explosion or a blast at all."""
    return any(t.lemma_.lower() in BLAST_WORDS for t in sent)


def _in_accidental_blast(token: Token) -> bool:
    """The trigger is an accidental explosion ("a methane explosion") or its modifier ("gas" of "a gas explosion"
    is no tear gas)."""
    return is_accidental_blast(token) or (token.dep_ in ("compound", "amod") and token.lower_ in ACCIDENT_MODIFIERS
                                          and token.head.lemma_.lower() in BLAST_WORDS)


def names_the_blast(trigger: Token, agents: tuple[Span, ...]) -> bool:
    """Whether a clause tells of an explosion only by the word ("the blast brought down a wall", "it exploded"),
    in an article that names its explosion an accident: the same accident told again, not a bombing."""
    return trigger_lemma(trigger) in BLAST_WORDS or any(trigger_lemma(a.root) in BLAST_WORDS for a in agents)


def by_hazard(agents: tuple[Span, ...]) -> bool:
    """Whether what did it is a natural hazard or an accident ("an earthquake ... killing 128", "floods swept
    through Mokwa, destroying homes", "a methane explosion ripped through a coal mine"): a disaster, which ACLED
    does not code, whatever verb tells it."""
    return bool(agents) and all(trigger_lemma(a.root) in HAZARD_NOUNS or is_accidental_blast(a.root)
                                for a in agents)


def by_accident(trigger: Token, agents: tuple[Span, ...]) -> bool:
    """Whether the clause tells a disaster or an accident, not violence: what did it is a hazard ("floods swept
    through Mokwa"), an explosion named an accident ("a methane explosion ripped through a mine", the "gas" of
    "a gas explosion" is no tear gas) or a bare fire ("a fire tore through a factory, killing nine"; "Israeli fire"
    is fire of a side); or, when no one did it, the harm came of a crash or a collapse ("killed when a bus collided
    with a tanker", "a building collapsed, killing eight", "killed in a collapse at the mine")."""
    if by_hazard(agents) or _in_accidental_blast(trigger):
        return True
    if agents and all(a.root.lemma_.lower() == "fire" and all(c.dep_ == "det" for c in a.root.children)
                      for a in agents) and not {t.lower_ for t in trigger.sent} & ARSON_WORDS:
        return True  # (but "destroyed by fire ... traces of accelerant" is arson)
    if any(_is_someone(a) for a in agents):
        return False  # "gunmen fired on the bus, sending it plunging into a gorge": the crash is the attack's
    verbs = [trigger] + [c for c in trigger.children if c.dep_ == "conj"]  # "were killed and 23 injured when"
    near = [trigger.head] + [c for v in verbs for c in v.children if c.dep_ in ("advcl", "prep")]
    for token in near:
        if token.lemma_.lower() in ACCIDENT_VERBS and token.pos_ == "VERB":
            return True
        if token.dep_ == "prep" and token.lower_ in ("in", "by") and any(
                c.dep_ == "pobj" and (c.lemma_.lower() in HAZARD_NOUNS or is_accidental_blast(c))
                for c in token.children):
            return True
    return False


_DOER_WORDS = frozenset(_WORDS["combatant_words"]) | frozenset(_WORDS["state_agent_words"]) | frozenset(
    _WORDS["nonstate_agent_words"]) | frozenset(_WORDS["attacker_nouns"]) | frozenset(_WORDS["mob_agent_words"])


def _is_someone(agent: Span) -> bool:
    """Whether a doer is a person, a force or a group (a name, a pronoun, "militants", "the army"), not a thing
    ("a minibus", "the building") that an accident makes the subject of "killing"."""
    root = agent.root
    return (root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or root.pos_ in ("PRON", "PROPN")
            or trigger_lemma(root) in _DOER_WORDS)


@dataclass(frozen=True)
class OutsideRule:
    """One kind of clause ACLED does not code (a row of `transforms/data/outside_acled.csv`): a clause of one of
    `sub_event_types` whose sentence (with the article's two lead sentences when `reads_lead`) has a cue word and
    no veto word."""

    kind: str
    sub_event_types: frozenset[str]
    cues: frozenset[str]
    vetoes: frozenset[str]
    reads_lead: bool


def load_outside_rules(path: Path = OUTSIDE_ACLED_FILE) -> tuple[OutsideRule, ...]:
    """The table's rows, checked: every type in the taxonomy, every word list in `events_words.json` (a typo
    would silently switch a row off)."""
    rules = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            types = frozenset(row["sub_event_types"].split("|"))
            unknown = sorted(types - set(SUB_EVENT_TYPES)) + sorted(
                {row["cue_words"], row["veto_words"]} - set(_WORDS))
            if unknown or row["reads_lead"] not in ("yes", "no"):
                raise ValueError(f"{path.name}, row {row['kind']!r}: unknown "
                                 f"{unknown or row['reads_lead']!r}")
            rules.append(OutsideRule(row["kind"], types, frozenset(_WORDS[row["cue_words"]]),
                                     frozenset(_WORDS[row["veto_words"]]), row["reads_lead"] == "yes"))
    return tuple(rules)


OUTSIDE_RULES = load_outside_rules()


def outside_acled_kind(sub_event_type: str, sent: Span) -> str | None:
    """The kind of what ACLED does not code that a clause of this type tells, or None. The words are an
    event's, the sentence says otherwise:
    - ordinary crime or police work against it (a drug haul, robbers arrested): ACLED codes arrests of political
      significance and looting by political actors or crowds only. The lead counts: "the suspect was arrested at a
      cattle post" in a story that opened with a domestic axe murder;
    - a personal quarrel or a robbery ("stabbed his brother in a dispute over farmland"); mob violence is not in
      the row (ACLED codes a lynching of thieves), nor is "robbers ... surrendering" an agreement;
    - an accident told by its cause ("blamed a short circuit", "derailed", "died in a crush at the gates");
    - a routine deployment (soldiers digging through landslide debris, police at a hearing or a match); ACLED codes
      troop movements for what they mean to a conflict, so a conflict cue ("to quell the unrest") keeps it.
      Exercises are not in the list: the project's analyst coding of the seed articles codes Russia's naval
      exercises off Syria as a change of activity;
    - a commemoration with no demand (a minute's silence, wreaths); a march that demands justice stays a protest.
    """
    words: set[str] | None = None
    lead_words: set[str] | None = None
    for rule in OUTSIDE_RULES:
        if sub_event_type not in rule.sub_event_types:
            continue
        if words is None:
            words = _words_of(sent)
        read = words
        if rule.reads_lead:
            if lead_words is None:
                lead_words = {w for s in list(sent.doc.sents)[:2] for w in _words_of(s)}
            read = words | lead_words
        if read & rule.cues and not read & rule.vetoes:
            return rule.kind
    return None


def outside_acled(sub_event_type: str, sent: Span) -> bool:
    """Whether a clause of this type tells what ACLED does not code although its words are an event's
    (`outside_acled_kind`)."""
    return outside_acled_kind(sub_event_type, sent) is not None


def _words_of(span: Span) -> set[str]:
    """The lower-case words of a span, less those a unit is named against ("anti-robbery squad", "anti-drug
    police": a police unit, not a crime)."""
    return {t.lower_ for t in span if not (t.i >= 2 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ == "anti")}
