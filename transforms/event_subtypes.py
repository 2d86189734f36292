"""One clause, one sub-event type: ACLED's priority order and the context that refines a trigger's type.

Why apart from detection: the codebook decides the type of a clause by rules of its own. Between several tactics
in a clause its priority order decides (an airstrike during a clash is a Battle), a specific tactic beats a
generic one of the same event type ("attacked ... and kidnapped" is an abduction), and context refines the type:
armed victims make a battle, the air force as agent an air strike, protesters' stones a violent demonstration,
"without a fight" a non-violent transfer. Clauses that only tell a toll fold into the sentence's tactic clause.
The learned typer's opinion meets this one in `transforms.event_typing`.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from transforms.event_lexicon import (
    COMBAT_NEUTRAL,
    TriggerCandidate,
    TriggerRule,
    load_taxonomy,
    load_trigger_rules,
    match_rule,
    trigger_lemma,
)
from transforms.event_mood import TERRITORY_ENTRY_LEMMAS, clause_head, without_fighting
from transforms.event_parties import AIR_AGENT_WORDS, noun_phrase
from transforms.rule_words import RULES

_WORDS = RULES.events  # word lists: transforms/data/events_words.json

# Head nouns that keep a modifying trigger an event: "chemical weapons", "drone attack", "mortar fire".
EVENT_HEAD_NOUNS = _WORDS["event_head_nouns"]
STATE_AGENT_WORDS = _WORDS["state_agent_words"]
NONSTATE_AGENT_WORDS = _WORDS["nonstate_agent_words"]
ATTACKER_NOUNS = _WORDS["attacker_nouns"]
COMBATANT_WORDS = _WORDS["combatant_words"]
# Military targets: an attack on them is a battle, not violence against civilians.
MILITARY_TARGET_WORDS = _WORDS["military_target_words"]
# Agents that are weapons: "warplanes killed 12", "the air force killed" (AIR_AGENT_WORDS, bound in
# event_parties), "regime artillery killed".
ARTILLERY_AGENT_WORDS = _WORDS["artillery_agent_words"]
DIPLOMATIC_WORDS = _WORDS["diplomatic_words"]
PROTEST_WORDS = _WORDS["protest_words"]
PROTEST_INTERVENTION_WORDS = _WORDS["protest_intervention_words"]
LETHAL_WORDS = _WORDS["lethal_words"]


# --------------------------------------------------------------------------- action phrase


def _phrase(token: Token) -> str:
    """Lower-cased lemma phrase of a head noun with its compounds/adjectives ("intelligence-sharing agreement")."""
    span = noun_phrase(token)
    words = [
        t for t in span
        if (t.dep_ not in ("det", "poss", "nummod", "punct", "appos", "case") or t.text == "-") and t.i <= token.i
    ]
    words = [t for t in words if t.i >= token.i or t.dep_ in ("compound", "amod", "npadvmod", "punct")]
    text = " ".join(t.lower_ if t.i != token.i else trigger_lemma(t) for t in words)
    return re.sub(r"\s*-\s*", "-", text).strip()


def render_action(token: Token, rule: TriggerRule) -> str:
    """Fill the rule's action template from the parse; unfilled slots are dropped."""
    slots: dict[str, str] = {"verb": "", "obj": "", "xcomp": "", "of": "", "from": "", "amod": ""}
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and not slots["obj"]:
            slots["obj"] = _phrase(child)
        elif child.dep_ == "xcomp":
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            slots["xcomp"] = trigger_lemma(child) + (" " + _phrase(obj) if obj is not None else "")
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                slots[child.lower_] = _phrase(pobj)
        elif child.dep_ in ("amod", "compound") and child.i < token.i:
            slots["amod"] = (slots["amod"] + " " + child.lower_).strip()
    if token.pos_ in ("NOUN", "PROPN"):
        head = token.head.head if token.dep_ == "pobj" else token.head
        if head.pos_ in ("VERB", "AUX") and trigger_lemma(head) not in ("be", "have"):
            slots["verb"] = trigger_lemma(head)
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


def refine_sub_event(sub_event_type: str, chosen: TriggerCandidate, group: list[TriggerCandidate],
            agents: tuple[Span, ...], targets: tuple[Span, ...]) -> str:
    """Context rules ACLED applies after the tactic: who holds territory, protests met with force, combatant victims."""
    clause_words = {trigger_lemma(t) for t in clause_head(chosen.token).subtree
                    if t.ent_type_ not in ("DATE", "TIME")} | {
        trigger_lemma(c.token) for c in group}
    agent_words = {trigger_lemma(t) for span in agents for t in span}
    target_words = {trigger_lemma(t) for span in targets for t in span}
    if (sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")
            or trigger_lemma(chosen.token) in TERRITORY_ENTRY_LEMMAS) and without_fighting(chosen.token.sent):
        return "Non-violent transfer of territory"  # "entered the city after the army withdrew; no fighting"
    if sub_event_type in ("Government regains territory", "Non-state actor overtakes territory"):
        # not "Islamic State"
        common_agent_words = {trigger_lemma(t) for span in agents for t in span if t.pos_ != "PROPN"}
        if common_agent_words & STATE_AGENT_WORDS:  # "regime forces and allied militias regained Saraqib"
            return "Government regains territory"
        if agent_words & NONSTATE_AGENT_WORDS:
            return "Non-state actor overtakes territory"
        return sub_event_type
    if sub_event_type == "Peaceful protest" and agent_words & DIPLOMATIC_WORDS:
        return "Other"  # "the US government protested against ...": a diplomatic move, not a street protest
    sent = chosen.token.sent
    sentence_words = {trigger_lemma(t) for t in sent if t.ent_type_ not in ("DATE", "TIME")}
    protest_side = (sentence_words | target_words) & PROTEST_WORDS or (
        agent_words & DEMONSTRATOR_WORDS and _riot_action(sent))
    if protest_side and sub_event_type in PROTEST_REFINABLE:
        if _riot_action(sent):
            return "Violent demonstration"  # "protesters threw stones at police", "burned tyres"
        lethal = any(c.rule.weak or c.rule.sub_event_type == "Attack" for c in group) and bool(
            (clause_words | sentence_words) & LETHAL_WORDS)
        if lethal and sub_event_type != "Arrests":
            if agent_words & (NONSTATE_AGENT_WORDS | ATTACKER_NOUNS) and not agent_words & STATE_AGENT_WORDS:
                return "Attack"  # "gunmen opened fire on a rally": force against protesters is the state's
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
    if sub_event_type == "Attack" and trigger_lemma(chosen.token) in COMBAT_NEUTRAL and not remote:
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


def _riot_action(sent: Span) -> bool:
    """Demonstrators' violence in the sentence: stones thrown, tyres burned, shops smashed or looted."""
    for t in sent:
        lemma = trigger_lemma(t)
        if lemma in RIOT_LEMMAS and t.ent_type_ not in ("DATE", "TIME", "GPE", "ORG", "PERSON"):
            return True
        if lemma in ("throw", "burn", "set") and any(
            trigger_lemma(c) in RIOT_OBJECTS or (lemma == "set" and trigger_lemma(c) == "fire")
            for c in t.subtree if c.i != t.i
        ):
            return True  # "threw stones", "burned tyres", "set fire to a police post"
    return False


def _intervention(sent: Span) -> bool:
    """Forces stepped in (tear gas, dispersal, arrests), not denied ("no arrests were reported")."""
    for t in sent:
        if trigger_lemma(t) in PROTEST_INTERVENTION_WORDS and t.ent_type_ not in ("DATE", "TIME"):
            before = sent.doc[max(sent.start, t.i - 3):t.i].text + " "
            if not NEGATED_RE.search(before):
                return True
    return False


def _type_rank(sub_event_type: str) -> int:
    """Rank of the event type a sub-event type belongs to (its best sub-type's rank)."""
    event_type = load_taxonomy().get(sub_event_type, (99, ""))[1]
    return min((rank for rank, kind in load_taxonomy().values() if kind == event_type), default=99)


def choose_trigger(group: list[TriggerCandidate], refined: dict[int, str]) -> TriggerCandidate:
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
    coups = [c for c in strong if trigger_lemma(c.token) in COUP_LEMMAS]
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


def is_ngo_statement(chosen: TriggerCandidate, agents: tuple[Span, ...]) -> bool:
    if trigger_lemma(chosen.token) not in STATEMENT_TRIGGERS:
        return False
    return not any(t.ent_type_ in ("GPE", "NORP", "PERSON") or trigger_lemma(t) in DIPLOMATIC_WORDS | STATE_AGENT_WORDS
                   for span in agents for t in span)


COUP_LEMMAS = _WORDS["coup_lemmas"]


def merge_into_coup(groups: dict[int, list[TriggerCandidate]]) -> dict[int, list[TriggerCandidate]]:
    """Strategic developments told in the same sentence as a coup ("seized power, detaining the president and
    declaring a state of emergency") are the coup."""
    taxonomy = load_taxonomy()
    coup_heads = [h for h, g in groups.items() if any(trigger_lemma(c.token) in COUP_LEMMAS for c in g)]
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


def merge_outcomes(groups: dict[int, list[TriggerCandidate]]) -> dict[int, list[TriggerCandidate]]:
    """Fold the clauses of a sentence that name violence without a tactic ("were killed", "gunmen attacked")
    into the nearest clause that names a specific violent tactic ("... in a shelling of X", "abducting scores of
    students"): the deaths are that tactic's toll, not a second event. Without such a clause, the unspecific
    violent clauses of the sentence are one event ("killed 17 soldiers and left three others wounded")."""
    taxonomy = load_taxonomy()

    def violent(c: TriggerCandidate) -> bool:
        return taxonomy.get(c.rule.sub_event_type, (0, ""))[1] in VIOLENT_TYPES

    specific = [h for h, group in groups.items() if any(not c.rule.weak and not c.rule.generic and violent(c)
                                                          for c in group)]
    unspecific = [h for h, group in groups.items()
                  if all((c.rule.weak or c.rule.generic) and violent(c) for c in group)]
    if not unspecific or (not specific and len(unspecific) < 2):
        return groups
    merged: dict[int, list[TriggerCandidate]] = {head: list(group) for head, group in groups.items()}
    targets = specific or unspecific[:1]
    for head in unspecific:
        if head in targets:
            continue
        target = min(targets, key=lambda h: abs(h - head))
        merged[target].extend(groups[head])
        del merged[head]
    return merged


def is_modifier_only(token: Token) -> bool:
    """ "attack aircraft", "missile system", "chemical weapons depot": the word names a thing, not an event."""
    if any(child.dep_ == "conj" for child in token.children):
        return False  # "tear gas and sound bombs": a coordinated noun is a head of its own, whatever the parse says
    if "-" in trigger_lemma(token) and token.i + 2 < len(token.doc) and token.head.i == token.i + 2:
        return False  # "a sit-in" split by the tokenizer: "sit" modifies "in", but the word is "sit-in"
    top = token
    while top.dep_ in ("compound", "amod", "nmod", "npadvmod") and top.head.i != top.i and top.head.pos_ in (
        "NOUN", "PROPN"
    ):
        top = top.head
    if top.i == token.i:
        return False
    if trigger_lemma(top) in EVENT_HEAD_NOUNS:
        return False
    return trigger_lemma(top) not in load_trigger_rules() or match_rule(top) is None
