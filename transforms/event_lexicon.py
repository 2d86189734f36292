"""The trigger lexicon and ACLED's taxonomy, and the look-ups every reader of an event clause shares.

Why a module of its own: the trigger rules (`transforms/data/event_triggers.csv`) and the word lists
(`transforms/data/events_words.json`) are data; this is the one place that loads them and answers the questions
the other event modules ask of a token: its lemma (with the spelling variants news text uses), the words around
it, and the first lexicon row whose context test it passes ("strike" near "drone" -> Air/drone strike; near
"missile" -> Shelling/artillery/missile attack). A cheap lemma look-up keeps most sentences, which hold no
trigger, from reaching anything more costly (`might_report_event`).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from transforms.rule_words import RULES

_WORDS = RULES.events  # this module's word lists: transforms/data/events_words.json

DATA_DIR = Path(__file__).parent / "data"
TRIGGERS_CSV = DATA_DIR / "event_triggers.csv"
TAXONOMY_CSV = Path(__file__).parents[1] / "schemas" / "data" / "acled_event_taxonomy.csv"
CONTEXT_WINDOW = 6  # tokens either side of a trigger that its context words may sit in

# Trigger lemmas that name violence without saying against whom: against armed men they are a battle.
COMBAT_NEUTRAL = _WORDS["combat_neutral"]


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
class TriggerCandidate:
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


def trigger_lemma(token: Token) -> str:
    """The lexicon lemma of a token (what `detect_events` matches it as): lower-cased, with the lexicon's listed
    forms repairing lemmatiser slips ("raped" -> "rap").

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


def _is_known_town(name: str) -> bool:
    """A subdivision or a town of 50,000+ people: an object the tagger called a group ("captured Lysychansk
    (Luhansk)" tagged ORG) is still a place."""
    from transforms.place_text import _is_well_known_place  # noqa: PLC0415 - place rules read no event rules

    return _is_well_known_place(name)


def _is_named_person(token: Token) -> bool:
    """Whether the token heads a name the entity model calls a person and the gazetteer does not know as a place:
    the small model calls many towns persons ("seized Palmyra", "seized Kafr Nabl")."""
    if token.ent_type_ != "PERSON":
        return False
    from transforms.place_lookup import resolve_place  # noqa: PLC0415 - place rules read no event rules

    return resolve_place(_entity_text(token)) is None


def _entity_text(token: Token) -> str:
    """The whole name the token heads ("Kafr Nabl", "Ivan Fedorov"), or the token alone outside any entity."""
    return next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)


def _context_lemmas(token: Token) -> set[str]:
    """Lemmas and lower-cased words near the trigger or attached to it: what a rule's context test looks at."""
    sent = token.sent
    start = max(sent.start, token.i - CONTEXT_WINDOW)
    end = min(sent.end, token.i + CONTEXT_WINDOW + 1)
    near = list(token.doc[start:end]) + list(token.children) + [token.head]
    words = {trigger_lemma(t) for t in near} | {t.lower_ for t in near}
    # named places near the trigger, as pseudo-words a rule can ask for ("captured @gpe")
    words |= {"@" + t.ent_type_.lower() for t in near if t.ent_type_ in ("GPE", "LOC", "FAC") and t.i != token.i}
    if any(c.dep_ == "dobj" and c.pos_ == "PROPN" and (c.ent_type_ not in ("PERSON", "ORG", "NORP")
                                                       or _is_known_town(_entity_text(c)))
           for c in token.children):
        words.add("@propn_obj")  # "captured Lysychansk", "seized Palmyra": a proper-noun object the NER did not
        # place, or called a group or a person although the gazetteer knows it as a subdivision or a big town
    if any(c.dep_ == "dobj" and _is_named_person(c) for c in token.children):
        words.add("@person_obj")  # "seized Ivan Fedorov": a named person is taken, not a place
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


def excluded_sense(token: Token) -> bool:
    """Whether a word near the trigger marks another sense of it, one its lexicon row excludes, with none of the
    words the row asks for ("protested that the cuts were unfair": a complaint; "the treaty entered into
    force"). Unlike a missing required word, which only says the rules do not know this context, that is the
    rules' positive reading that this is no such event. Both kinds of word at once ("security forces entered the
    district") is a conflict the rules cannot settle."""
    rules = load_trigger_rules().get(trigger_lemma(token))
    if not rules:
        return False
    context = _context_lemmas(token)
    return any(rule.excludes_any & context and not (rule.requires_any & context)
               for rule in rules if _pos_matches(rule, token))


def match_rule(token: Token) -> TriggerRule | None:
    """The first lexicon row for this token whose part of speech and context test pass."""
    rules = load_trigger_rules().get(trigger_lemma(token))
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
