"""What ACLED does not code although its words are those of violence: disasters and accidents, crime, routine.

Why a module of its own: an accident is told with a weapon's words ("a gas explosion tore through the block,
killing three"; "the blast brought down a wall"), a robbery or a drug haul ends in "police arrested four men", a
quarrel between neighbours in "shot him dead". Troops sent to dig out a landslide and a minute's silence on an
anniversary are the same trap: a deployment and a gathering are events only in a conflict or as a protest. The
rules and the learned typer both read such clauses as events. These checks run on a clause the rules or the typer
found (`transforms.events`, `transforms.event_typing`), with the words in `transforms/data/events_words.json`
(hazard_nouns, blast_words, accident_modifiers, accident_verbs, accident_cause_words, arson_words,
ordinary_crime_words, violent_crime_words, political_cue_words, routine_deployment_words, conflict_cue_words,
commemoration_words, protest_demand_words).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from transforms.event_lexicon import trigger_lemma
from transforms.rule_words import RULES

_WORDS = RULES.events

HAZARD_NOUNS = _WORDS["hazard_nouns"]
BLAST_WORDS = frozenset(_WORDS["blast_words"])
ACCIDENT_MODIFIERS = frozenset(_WORDS["accident_modifiers"])
ACCIDENT_VERBS = frozenset(_WORDS["accident_verbs"])
ARSON_WORDS = frozenset(_WORDS["arson_words"])
ORDINARY_CRIME_WORDS = frozenset(_WORDS["ordinary_crime_words"])
POLITICAL_CUE_WORDS = frozenset(_WORDS["political_cue_words"])
ROUTINE_DEPLOYMENT_WORDS = frozenset(_WORDS["routine_deployment_words"])
CONFLICT_CUE_WORDS = frozenset(_WORDS["conflict_cue_words"])
COMMEMORATION_WORDS = frozenset(_WORDS["commemoration_words"])
PROTEST_DEMAND_WORDS = frozenset(_WORDS["protest_demand_words"])
VIOLENT_CRIME_WORDS = frozenset(_WORDS["violent_crime_words"])
ACCIDENT_CAUSE_WORDS = frozenset(_WORDS["accident_cause_words"])


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


CRIME_SUBS = frozenset({"Arrests", "Looting/property destruction"})


def is_ordinary_crime(sub_event_type: str, sent: Span) -> bool:
    """Whether an arrest or a break-in is ordinary crime or police work against it (robbers, a drug haul, drunk
    drivers, a domestic killing) with nothing political in its sentence or the article's lead. ACLED codes arrests
    of political significance and looting by political actors or crowds only; a drug seizure or a jewellery store
    robbery is crime news, not an event of its dataset. The lead counts: "the suspect was arrested at a cattle
    post" in a story that opened with a domestic axe murder."""
    if sub_event_type not in CRIME_SUBS:
        return False
    lead = list(sent.doc.sents)[:2]
    words = _words_of(sent) | {w for s in lead for w in _words_of(s)}
    return bool(words & ORDINARY_CRIME_WORDS) and not words & POLITICAL_CUE_WORDS


def is_routine_deployment(sub_event_type: str, sent: Span) -> bool:
    """Whether a deployment or a show of force is routine work of the forces, not a move in a conflict: soldiers
    sent to dig through landslide debris, police deployed around a court for a hearing or at a football match.
    (Exercises are not in the list: the project's analyst coding of the seed articles codes Russia's naval
    exercises off Syria as a change of activity.) ACLED codes troop movements as "Change to group/activity" for
    what they mean to a conflict; a sentence that names such a purpose and no conflict ("to quell the unrest",
    "after the attack") tells none."""
    if sub_event_type != "Change to group/activity":
        return False
    words = _words_of(sent)
    return bool(words & ROUTINE_DEPLOYMENT_WORDS) and not words & CONFLICT_CUE_WORDS


def is_commemoration(sub_event_type: str, sent: Span) -> bool:
    """Whether a "peaceful protest" is a commemoration with no demand: a minute's silence observed, wreaths laid on
    an anniversary. A march on an anniversary that demands justice stays a protest (it names a march or a demand)."""
    if sub_event_type != "Peaceful protest":
        return False
    words = _words_of(sent)
    return bool(words & COMMEMORATION_WORDS) and not words & PROTEST_DEMAND_WORDS


# Types a personal quarrel or a robbery is misread as ("robbers ... surrendering": no agreement); mob violence is
# left out (ACLED codes a lynching of thieves).
CRIME_VIOLENCE_SUBS = frozenset({"Attack", "Abduction/forced disappearance", "Armed clash",
                                 "Excessive force against protesters", "Agreement"})
# Types an accident told without a weapon's doer is misread as.
ACCIDENT_SUBS = frozenset({"Attack", "Armed clash", "Air/drone strike", "Remote explosive/landmine/IED",
                           "Shelling/artillery/missile attack", "Disrupted weapons use", "Suicide bomb"})


def is_violent_crime(sub_event_type: str, sent: Span) -> bool:
    """Whether violence is a personal quarrel or a robbery ("stabbed his brother in a dispute over farmland", "shot
    a taxi driver after they argued", "took bank staff hostage in a botched robbery"), with nothing political in
    the sentence: interpersonal and criminal violence, which ACLED does not code."""
    if sub_event_type not in CRIME_VIOLENCE_SUBS:
        return False
    words = _words_of(sent)
    return bool(words & VIOLENT_CRIME_WORDS) and not words & POLITICAL_CUE_WORDS


def is_told_as_accident(sub_event_type: str, sent: Span) -> bool:
    """Whether the sentence names an accident's cause ("blamed a short circuit", "crashed ... derailed", "died in a
    crush at the gates") and no attacker: an explosion, a crash or a crush, not violence."""
    if sub_event_type not in ACCIDENT_SUBS:
        return False
    words = _words_of(sent)
    return bool(words & ACCIDENT_CAUSE_WORDS) and not words & POLITICAL_CUE_WORDS


def outside_acled(sub_event_type: str, sent: Span) -> bool:
    """Whether a clause of this type tells what ACLED does not code although its words are an event's: ordinary
    crime, personal or criminal violence, an accident told by its cause, a routine deployment, a commemoration."""
    return (is_ordinary_crime(sub_event_type, sent) or is_violent_crime(sub_event_type, sent)
            or is_told_as_accident(sub_event_type, sent) or is_routine_deployment(sub_event_type, sent)
            or is_commemoration(sub_event_type, sent))


def _words_of(span: Span) -> set[str]:
    """The lower-case words of a span, less those a unit is named against ("anti-robbery squad", "anti-drug
    police": a police unit, not a crime)."""
    return {t.lower_ for t in span if not (t.i >= 2 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ == "anti")}
