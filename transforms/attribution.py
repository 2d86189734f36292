"""Who the article says did it: a claim of responsibility or a blame, told after the event sentence.

Why a module of its own: a report often tells a bombing without its perpetrator and names it a sentence later
("A bomb exploded during Mass in Marawi ... Islamic State later claimed responsibility", "Officials blamed
fighters of the Oromo Liberation Army", "Hezbollah later said it had fired a barrage at the town"). ACLED codes
the claimed or blamed group as actor1, not "Unidentified Armed Group". The words are data
(`transforms/data/actors_words.json`: `claim_verbs`, `blame_verbs`, `claimed_act_verbs`); `sides` asks
`claimed_perpetrator` only for a violent event whose side 1 is a stand-in.

What counts: the subject of "claim" ("X claimed responsibility / the attack") or its agent ("an attack claimed by
X"); the object of "blame" or "accuse" ("blamed X", "blaming X for the attack", "accused X of carrying out the
attack", "was blamed on X"); the subject of a speech verb whose reported clause says "it" did an act of force
("X said it had fired ..."). Only the event's own sentence and the next few of its paragraph are read, and only
an organised non-state group is taken (inter 2, 3 or 4, not a generic "Unidentified" actor): "residents blamed
the heat" or "police blamed the driver" change nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from transforms.actor_tables import Actor
from transforms.clause_frames import SAY_VERBS
from transforms.rule_words import RULES

_WORDS = RULES.actors
CLAIM_VERBS = _WORDS["claim_verbs"]
BLAME_VERBS = _WORDS["blame_verbs"]
CLAIMED_ACT_VERBS = _WORDS["claimed_act_verbs"]
SENTENCES_AFTER = 3  # a claim told further on is more often about another event
NON_STATE = frozenset({2, 3, 4})


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _says_it_acted(verb: Token) -> bool:
    """'X said it had fired a barrage', 'X said two of its members had detonated ...', 'X said in a statement that
    its fighters had attacked ...': the group tells its act."""
    complements = [c for c in verb.children if c.dep_ == "ccomp"] + [
        a for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
        for a in o.children if a.dep_ == "acl"]  # "in a statement that ...": the parser hangs it on the noun
    for comp in complements:
        if comp.lemma_.lower() not in CLAIMED_ACT_VERBS:
            continue
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (subj.lower_ in ("it", "they") or any(
                t.lower_ in ("its", "their") for t in subj.subtree)):
            return True
    return False


def _prep_objects(verb: Token, dep: str, word: str | None = None) -> list[Token]:
    """Objects of the verb's preposition of that dependency (and word): "claimed by X", "blamed on X"."""
    return [o for p in verb.children if p.dep_ == dep and (word is None or p.lower_ == word)
            for o in p.children if o.dep_ == "pobj"]


def _claimants(sentence: Span) -> list[Token]:
    """Head tokens of the groups a sentence says claimed or were blamed for an act."""
    heads: list[Token] = []
    for tok in sentence:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma in CLAIM_VERBS or (lemma in SAY_VERBS and _says_it_acted(tok)):
            subj = _subject(tok)
            if subj is not None:
                heads.append(subj)
            if lemma in CLAIM_VERBS:  # "in attacks claimed by Islamic State"
                heads.extend(_prep_objects(tok, "agent"))
        elif lemma in BLAME_VERBS:
            heads.extend(c for c in tok.children if c.dep_ == "dobj")
            heads.extend(_prep_objects(tok, "prep", "on"))  # "the attack was blamed on Al Shabaab"
    return heads


def _sentences_from(sentence: Span) -> list[Span]:
    """The event's sentence and the next few of its paragraph."""
    out = [sentence]
    for sent in sentence.doc.sents:
        if sent.start < sentence.end:
            continue
        if len(out) > SENTENCES_AFTER or "\n\n" in sentence.doc.text[out[-1].start_char:sent.start_char]:
            break
        out.append(sent)
    return out


def claimed_perpetrator(sentence: Span, resolve: Callable[[list[Span]], list[Actor]],
                        phrase: Callable[[Token], Span]) -> Actor | None:
    """The organised non-state group the article says claimed or was blamed for the event of `sentence`, or None.

    `resolve` turns phrases into actors (with the event's date and country); `phrase` gives a head's noun phrase."""
    for sent in _sentences_from(sentence):
        for head in _claimants(sent):
            for actor in resolve([phrase(head)]):
                if actor.inter in NON_STATE and not actor.name.startswith(("Unidentified", "Opposition")):
                    return actor
    return None
