"""Who did it and to whom: the agents and targets of an event trigger, read off the dependency parse.

Why here and not in `transforms.actors`: this module only finds the noun phrases (one span per conjunct:
"Russia, Syria and Iran" -> three spans) in the roles the trigger gives them: the subject or passive by-agent,
the object, "clashes with X", "between X and Y", "against / targeting X", victims of a nominal event ("the
killing of three farmers"), associated actors ("backed by X"). Naming them as ACLED actors is `actors`' work.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.clause_frames import SAY_VERBS
from transforms.event_lexicon import trigger_lemma
from transforms.place_text import dateline_end
from transforms.rule_words import RULES

_WORDS = RULES.events  # word lists: transforms/data/events_words.json

# Sub-event types whose direct object is what the actor moves or builds, not another actor.
OBJECT_IS_MATERIAL = frozenset(
    {"Change to group/activity", "Headquarters or base established", "Disrupted weapons use",
     "Looting/property destruction"}
)
PLACE_NOUNS = _WORDS["place_nouns"]
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


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


def conjunct_phrases(token: Token) -> list[Span]:
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


_SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})


def _in_dateline(tok: Token) -> bool:
    """Whether a word is part of the dateline that opens the text ("KYIV, Ukraine (AP) — Russian forces have
    taken ...": the parser may make "KYIV" a subject of the first verb)."""
    return tok.idx < 120 and tok.idx < dateline_end(tok.doc.text)


def _speaker_of(subject: Token, verb: Token) -> Token | None:
    """The organisation a pronoun subject stands for when its clause is what that organisation said: "The Arakan
    Army said it had captured the outpost", "'We took the town,' the rebels said". None otherwise."""
    if subject.lower_ not in _SPEAKER_PRONOUNS or verb.dep_ != "ccomp" or verb.head.lemma_ not in SAY_VERBS:
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)


def _subject_of(verb: Token) -> list[Span]:
    """Agents of a verb, climbing through xcomp/pcomp/conj/acl heads when the verb has no subject of its own."""
    current = verb
    previous = None
    for _ in range(6):
        passive = any(c.dep_ == "nsubjpass" for c in current.children)
        for child in current.children:
            if child.dep_ == "nsubj":
                subject = child
                if _in_dateline(child):  # "GOMA, Congo (Reuters) - M23 rebels captured": the parser hung the real
                    # subject on the dateline's town, or set it beside it
                    subject = next((a for a in child.children if a.dep_ == "appos" and not _in_dateline(a)), None)
                    if subject is None:
                        continue
                return conjunct_phrases(_speaker_of(subject, current) or subject)
            if child.dep_ == "agent" or (passive and child.dep_ == "prep" and child.lower_ == "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return conjunct_phrases(pobj)
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
        if current.dep_ == "nsubjpass" and previous is not None and previous.dep_ == "acl":
            # "a barrel bomb believed to contain chlorine was dropped by a regime helicopter": the weapon's own
            # description; who dropped it is the agent of the verb the weapon is the passive subject of
            previous, current = current, current.head
            continue
        return []
    return []


def _versus_preps() -> frozenset[str]:
    """Prepositions after an event that name its other side ("clashes with X"): actors_cues.csv, kind versus."""
    from transforms.actor_tables import cues  # noqa: PLC0415 - the tables load on first use

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
            return trigger_lemma(pobj) not in ("home", "house", "office", "residence", "village", "town", "city",
                                               "street")
    return False


def _objects_of(verb: Token, include_direct: bool) -> list[Span]:
    """The other side of a verb: direct object, passive subject, with/against/on/at objects (no places/dates)."""
    spans: list[Span] = []
    versus = _versus_preps()
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass") and include_direct:
            spans.extend(conjunct_phrases(child))
        elif child.dep_ == "prep" and child.lower_ in versus:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and not (
                    (pobj.ent_type_ in PLACE_ENTS or trigger_lemma(pobj) in PLACE_NOUNS)
                    and child.lower_ in ("on", "at", "to")
                    and not _held_by_someone(pobj)
                ) and not (child.lower_ == "with" and trigger_lemma(pobj) in INSTRUMENT_NOUNS
                           and trigger_lemma(verb) not in RECIPROCAL_LEMMAS):
                    spans.extend(conjunct_phrases(pobj))  # "shelled X with artillery": a weapon, not a side
        elif child.dep_ == "dobj" and not include_direct:
            # "supplied Hezbollah with X": a named actor as object is still the other side
            if child.ent_type_ in ("ORG", "NORP", "PERSON", "GPE"):
                spans.extend(conjunct_phrases(child))
        elif child.dep_ in ("prep", "advcl", "acl") and child.lower_ == "targeting":  # "..., targeting X"
            spans.extend(s for c in child.children if c.dep_ in ("dobj", "pobj") for s in conjunct_phrases(c))
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
                        spans = conjunct_phrases(pobj)
                        if len(spans) >= 2:
                            return spans[:1], spans[1:]
                        return spans, []
    return None


def _names_a_table_actor(span: Span) -> bool:
    """Whether the actor tables know something in a span, or it is a name the actor rules keep ("Tomahawk" is not;
    "U.S.", "coalition forces", "Liwa al-Fatah Brigade" are)."""
    from transforms.actor_names import unknown_org  # noqa: PLC0415
    from transforms.actor_tables import lookup_text  # noqa: PLC0415

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
            spans.extend(conjunct_phrases(child))
        elif child.dep_ in ("compound", "amod", "nmod") and (
            child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.pos_ in ("PROPN", "NOUN")
        ):
            span = noun.doc[child.left_edge.i : child.i + 1]
            if _names_a_table_actor(span):  # "59 Tomahawk missiles", "car bomb": no actor in the modifier
                spans.append(span)
        elif child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    spans.extend(conjunct_phrases(pobj))
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "a missile fired by the Houthis", "an IED planted by X"
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                    spans.extend(s for pobj in agent.children if pobj.dep_ == "pobj" for s in conjunct_phrases(pobj))
                elif agent.dep_ == "prep" and agent.lower_ == "from":  # "an explosive dropped from a Russian drone"
                    spans.extend(noun_phrase(pobj) for pobj in agent.children
                                 if pobj.dep_ == "pobj" and trigger_lemma(pobj) in AIR_AGENT_WORDS)
    if not spans and trigger_lemma(noun) in AGENT_OF_NOUNS:
        for child in noun.children:  # "an airstrike of the US-led coalition": a named actor after "of" acts
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS - {"NORP"} and any(
                        h.category in ("named", "organ") for h in _hits_of(noun_phrase(pobj))
                    ):
                        spans.extend(conjunct_phrases(pobj))
    return spans


# Event nouns whose "of X" names who did it when X is a named actor ("airstrike of the coalition").
AGENT_OF_NOUNS = _WORDS["agent_of_nouns"]
# Aircraft a weapon is dropped or fired from: whose they are is who struck ("dropped from a Russian drone").
AIR_AGENT_WORDS = _WORDS["air_agent_words"]
# What an attack is made with ("with artillery", "with drones", "with rockets"): never its other side.
INSTRUMENT_NOUNS = AIR_AGENT_WORDS | _WORDS["artillery_agent_words"] | _WORDS["weapon_nouns"] | _WORDS["device_nouns"]


def _hits_of(span: Span) -> list:
    from transforms.actor_tables import lookup_text  # noqa: PLC0415

    return lookup_text(span.text)


def _noun_targets(noun: Token) -> list[Span]:
    spans: list[Span] = []
    versus = _versus_preps() - {"at", "to"}
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in versus:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS - {"GPE"}:
                    spans.extend(conjunct_phrases(pobj))
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
    from transforms.actor_tables import cues  # noqa: PLC0415

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
                    spans.extend(conjunct_phrases(obj))
                break
    return spans


def _in_any(span: Span, others: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end or span.start <= o.start < span.end for o in others)


DEVICE_NOUNS = _WORDS["device_nouns"]
DEVICE_VICTIM_VERBS = _WORDS["device_victim_verbs"]


def _struck_device(trigger: Token, head_noun: Token) -> Token | None:
    """The verb whose subject struck, hit or stepped on the trigger's bomb or mine, or None: that subject is what
    the device hit ("a patrol vehicle hit a landmine", "a soldier stepped on a mine"), not who laid it."""
    if trigger.pos_ in ("VERB", "AUX") or trigger_lemma(trigger) not in DEVICE_NOUNS:
        return None
    verb = head_noun.head
    if head_noun.dep_ == "pobj" and verb.lower_ in ("on", "over"):
        verb = verb.head
    elif head_noun.dep_ != "dobj":
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in DEVICE_VICTIM_VERBS else None


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
            owners = [s for c in nominal.children if c.dep_ == "poss" and c.pos_ != "PRON" for s in conjunct_phrases(c)]
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
        if trigger_lemma(token) in AGENT_TRIGGER_NOUNS and token.dep_ == "nsubj":
            # "Russian warplanes targeting positions of X killed 12 fighters": the phrase itself is the agent
            agent_noun = True
            agents = [noun_phrase(token)]
            targets = [s for c in token.children if c.dep_ == "acl" and trigger_lemma(c) in TARGETING_VERBS
                       for d in c.children if d.dep_ in ("dobj",) for s in conjunct_phrases(d)] + targets
        if not agents and verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "IS militants fired dozens of rockets loaded with a chemical agent", "dropped barrels filled with
            # chlorine": who fired the thing the trigger fills
            thing = verb.head
            while thing.dep_ == "pobj" and thing.head.lower_ == "of":
                thing = thing.head.head
            if thing.dep_ == "dobj" and thing.head.pos_ == "VERB":
                agents = _subject_of(thing.head)
        token = head_noun
        if verb.pos_ in ("VERB", "AUX"):
            if token.dep_ in ("nsubj", "csubj"):  # "the airstrike killed 12 civilians"
                if not agents and targets and not agent_noun and trigger_lemma(trigger) in RECIPROCAL_LEMMAS:
                    # "clashes with IS militants killed 10 soldiers": the dead fought on the other side (a
                    # one-sided event's dead are its victims: "an air strike on a market killed 21 people")
                    agents = [s for c in verb.children if c.dep_ == "dobj" for s in conjunct_phrases(c)]
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
                        s for c in verb.children if c.dep_ in ("nsubjpass", "dobj") for s in conjunct_phrases(c)
                    ]
                else:
                    targets = targets or _objects_of(verb, include_direct=False)
    if (struck := _struck_device(trigger, token)) is not None:  # "an army vehicle struck a roadside bomb"
        hit = list(agents) or _subject_of(struck)  # who struck it was hit
        agents, targets = [], hit + [t for t in targets if not _in_any(t, hit)]
    between = _between(token)
    if between is not None:
        first, rest = between
        if not agents or _in_any(first[0], agents) if first else False:
            agents = first
        targets = [t for t in targets if not _in_any(t, first)]
        targets = rest + [t for t in targets if not _in_any(t, rest)]
    if (len(agents) >= 2 and trigger_lemma(trigger) in RECIPROCAL_LEMMAS
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
