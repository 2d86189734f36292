"""Where a phrase's head is and what its words do there: the parse geometry actor decisions read.

Why a module of its own: whether "Syria" is an agent ("Syria shelled ...") or a place ("in Syria"), whether a class
noun heads the phrase ("Russian troops") or only modifies it ("a military plan"), and which conjunct a word
belongs to are questions about the dependency parse, not about the tables. `transforms.actors` asks them;
`transforms.actor_names` and `transforms.actor_victims` share them.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Span, Token

from transforms.actor_tables import Hit, cues
from transforms.rule_words import RULES

_WORDS = RULES.actors  # transforms/data/actors_words.json

# A bare place name governed by one of these prepositions is where something happened, not who did it.
LOCATIVE_PREPS = _WORDS["locative_preps"]
# A capital stands for its government only in these roles (subject, possessor, agent, partner, target).
CAPITAL_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "ROOT"})
CAPITAL_AGENT_PREPS = _WORDS["capital_agent_preps"]
# "Iran-backed militia": the country is a patron, not the militia's own country.
PATRON_SUFFIXES = _WORDS["patron_suffixes"]


def is_patron(tokens: Sequence[Token], hit: Hit) -> bool:
    """'Iran-backed', 'pro-Iranian', 'anti-government': the country names an ally or enemy, not the actor."""
    last, first = tokens[hit.end - 1], tokens[hit.start]
    doc = last.doc
    after = doc[last.i + 1:last.i + 3]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in PATRON_SUFFIXES:
        return True
    before = doc[max(first.i - 2, 0):first.i]
    return len(before) == 2 and before[1].text == "-" and before[0].lower_ in {"pro", "anti"}


def _governing_prep(tok: Token) -> tuple[str, str]:
    """(dep, preposition) of the phrase a token heads, climbing through conjuncts and appositions."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj":
        return "pobj", tok.head.lower_
    return tok.dep_, ""


# Acts of force a country's name before them makes the country's forces' ("US strikes", "Israeli raid").
STRIKE_NOUNS = _WORDS["strike_nouns"]
# Government nouns that, using force, are the state's forces ("the regime shelled", "government airstrikes").
FORCE_USING_GOVERNMENT = _WORDS["force_using_government"]


def is_locative(tok: Token) -> bool:
    """True when a place name is the place of something ("in Syria", "Moscow meeting"), not an agent."""
    dep, prep = _governing_prep(tok)
    if dep == "pobj":
        return prep in LOCATIVE_PREPS
    return dep in ("compound", "nmod", "npadvmod", "amod")


def capital_acts(tok: Token) -> bool:
    """A capital is its government only when it acts or is acted upon ("Moscow denied", "talks with Tehran")."""
    dep, prep = _governing_prep(tok)
    if dep == "pobj":
        return prep in CAPITAL_AGENT_PREPS
    return dep in CAPITAL_AGENT_DEPS


PARTITIVES = _WORDS["partitives"]


def heads_phrase(tok: Token, root: Token) -> bool:
    """A class noun counts only as the head of the phrase ("Russian troops"), the title of a name ("President
    Avril"), or after a partitive ("thousands of protesters"); not as a modifier ("military plan")."""
    if tok.i == root.i:
        return True
    if root.pos_ == "PROPN" and tok.dep_ in ("compound", "appos", "nmod") and tok.head.i == root.i:
        return True
    if tok.dep_ == "appos" and tok.head.i == root.i:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == root.i:
        return root.lower_ in PARTITIVES or root.pos_ in ("NUM", "PRON") or is_holder(root)
    if (is_holder(root) or root.lemma_.lower() in STRIKE_NOUNS) and tok.head.i == root.i and tok.dep_ in (
            "compound", "amod", "nmod", "poss"):
        return True  # "regime positions", "an army checkpoint", "regime bombing": who holds it, who does it
    return False


def is_holder(tok: Token) -> bool:
    """A thing an armed actor holds ("positions", "checkpoint", "convoy"): it stands for its holder."""
    return tok.lower_ in cues().holders


# Heads under which a named actor in a modifier still names the actor ("al-Qaeda terror network").
ORG_HEADS = _WORDS["org_heads"]


def hit_head(toks: Sequence[Token], hit: Hit) -> Token:
    """The syntactic head of a multi-word match ("Secretary" in "Secretary of State")."""
    inside = toks[hit.start:hit.end]
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[-1])


def names_actor(toks: Sequence[Token], hits: Sequence[Hit], root: Token) -> bool:
    """A phrase names an actor only when its head does: "a Russian build-up" or "Fox News" name none."""
    if root.lower_ in PARTITIVES or root.lower_ in ORG_HEADS or root.pos_ == "PRON" or is_holder(root):
        return True
    for h in hits:
        span_ids = {t.i for t in toks[h.start:h.end]}
        if root.i in span_ids or (h.category == "noun" and heads_phrase(hit_head(toks, h), root)):
            return True
    return False


def phrase_core(tokens: Sequence[Token], root: Token) -> list[Token]:
    """The tokens of the phrase proper: drop relative clauses and prepositional phrases other than 'of'."""
    keep = []
    members = {t.i for t in tokens}
    for tok in tokens:
        t, ok = tok, True
        while t.i != root.i and t.i in members and t.head.i != t.i:
            if t.dep_ in ("relcl", "acl", "advcl", "parataxis") or (t.dep_ == "prep" and t.lower_ != "of"):
                ok = False
                break
            t = t.head
        if ok:
            keep.append(tok)
    return keep


NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def phrase_head(span: Span) -> Token:
    """The span's head noun; when a bad parse makes a verb the root ("Quds head[VERB] Qassem Soleimani"),
    the last noun of the span stands in."""
    if span.root.pos_ in NOMINAL:
        return span.root
    nouns = [t for t in span if t.pos_ in NOMINAL]
    return nouns[-1] if nouns else span.root


def own_tokens(tok: Token) -> set[int]:
    """A conjunct's own tokens: itself and its dependents except further conjuncts and the 'and'/'or'."""
    own = {tok.i}
    for child in tok.children:
        if child.dep_ not in ("conj", "cc") and not (child.dep_ == "punct" and child.text == ","):
            own |= {t.i for t in child.subtree}
    return own


def coordinations(span: Span) -> list[list[Token]]:
    groups = []
    seen: set[int] = set()
    for tok in span:
        if tok.i in seen or tok.dep_ == "conj":
            continue
        members = [tok] + [c for c in tok.conjuncts if span.start <= c.i < span.end]
        if len(members) > 1:
            groups.append(members)
            seen |= {m.i for m in members}
    return groups


# Generic armed nouns whose "from X" / "of X" outside the phrase may name their group ("Gunmen from rival
# factions of the Sinaloa Cartel", "militants of the TTP").
