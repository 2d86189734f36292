"""Canonical ACLED-style actors from parsed text.

Why this module: ACLED names an actor by what it is, not by how the article words it. "Russian marines",
"the Pentagon", "Putin" and "Moscow" (when it acts) all become a state actor named by country and regime period
("Military Forces of Russia (2000-)"); "civilians" become "Civilians (Syria)". The knowledge lives in CSV files
in `transforms/data/` so a user can read and extend it without touching code:

- `actors.csv`: every canonical actor (state forces per regime period, named groups, state units, international
  bodies) with aliases, country, inter code, kind and validity dates.
- `actors_countries.csv`: country names, adjectives, demonyms and capitals (the evidence for state actors).
- `actors_people.csv`: people -> the actor they act for, with the years they did.
- `actors_generic.csv`: noun classes ("troops", "officials", "civilians", "gunmen") -> actor template.
- `actors_state_organs.csv`: names of state bodies ("Pentagon", "Kremlin", "IDF") -> country and kind.

Matching is on token n-grams, longest first. Short acronyms written in capitals in the tables ("US", "IS",
"WHO") match only in that case, so the verb "is" or the pronoun "us" never become actors.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from spacy.tokens import Span, Token

from transforms.rule_words import RULES

_WORDS = RULES.actors  # this module's word lists: transforms/data/actors_words.json

DATA_DIR = Path(__file__).parent / "data"

# Actor types and interaction text are facts of the schema: defined once in schemas/vocabularies.py.
from schemas.vocabularies import INTER_LABELS  # noqa: E402
from schemas.vocabularies import interaction_label as _interaction_label  # noqa: E402

STATE_KINDS = ("government", "military", "police")
# A bare place name governed by one of these prepositions is where something happened, not who did it.
LOCATIVE_PREPS = _WORDS["locative_preps"]
# A capital stands for its government only in these roles (subject, possessor, agent, partner, target).
CAPITAL_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "ROOT"})
CAPITAL_AGENT_PREPS = _WORDS["capital_agent_preps"]
# "Iran-backed militia": the country is a patron, not the militia's own country.
PATRON_SUFFIXES = _WORDS["patron_suffixes"]
MAX_NGRAM = 12


@dataclass(frozen=True)
class Actor:
    """An actor as ACLED writes it: canonical name (period resolved), inter code, ISO3 of its state or base."""

    name: str
    inter: int
    country: str | None


@dataclass(frozen=True)
class ActorRow:
    """One row of actors.csv, with validity bounds parsed (valid_to exclusive)."""

    name: str
    country: str | None
    inter: int
    kind: str
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class PersonRow:
    name: str
    country: str | None
    kind: str | None
    actor: str | None
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True)
class NounClass:
    name: str
    template: str
    inter: int
    kind: str


@dataclass(frozen=True)
class Hit:
    """A table entry found in the text: tokens [start, end) of the matched token list."""

    start: int
    end: int
    category: str  # named | person | organ | country | noun
    payload: object
    form: str = ""  # for countries: name | adjective | demonym | capital; for organs: the kind


# ---------------------------------------------------------------------------------------------------- loading


def _parse_bound(value: str, upper: bool) -> date | None:
    """'2015' or '2015-07-17' -> a date; a year as upper bound means the end of that year (exclusive next Jan 1)."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) == 4:
        return date(int(value) + 1, 1, 1) if upper else date(int(value), 1, 1)
    return date.fromisoformat(value)


_SPACES = re.compile(r"[\s\-\u2010-\u2014]+")
_NOT_LETTERS = re.compile(r"[^A-Za-z]")


@lru_cache(maxsize=200_000)
def _norm(text: str) -> str:
    """Key for comparing surface forms: unify quotes, drop apostrophes, hyphens to spaces, collapse spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    return _SPACES.sub(" ", text).strip()


def _case_sensitive(alias: str) -> bool:
    """Short forms with capitals inside ("US", "IS", "WHO", "LeT") must match in their own case."""
    if len(alias) > 12:
        return False
    letters = _NOT_LETTERS.sub("", alias)
    return len(letters) <= 5 and any(c.isupper() for c in letters[1:])


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class _Lexicon:
    """All tables, indexed by normalised surface form (one dict per case mode)."""

    def __init__(self) -> None:
        self.ci: dict[str, list[Hit]] = {}
        self.cs: dict[str, list[Hit]] = {}
        self.rows: dict[str, ActorRow] = {}
        self.state: dict[tuple[str, str], list[ActorRow]] = {}
        self.country_names: dict[str, str] = {}  # ISO3 -> ACLED country name
        self.classes: dict[str, NounClass] = {}
        self.aliases: list[tuple[str, str, str]] = []  # (alias, label, id) for EntityRuler patterns
        self.imported_people = 0  # people of imported tables: matched by the tables, not compiled into the ruler

    def add(self, alias: str, category: str, payload: object, form: str = "") -> None:
        if _case_sensitive(alias):
            self.cs.setdefault(_norm(alias), []).append(Hit(0, 0, category, payload, form))
        else:
            self.ci.setdefault(_norm(alias).lower(), []).append(Hit(0, 0, category, payload, form))

    def lookup(self, text: str) -> list[Hit]:
        key = _norm(text)
        return self.cs.get(key, []) + self.ci.get(key.lower(), [])


def _tables(prefix: str) -> list[str]:
    """The curated table first, then imported ones (`actors_phoenix_*`): a curated alias always wins."""
    suffix = {"actors": "groups", "actors_people": "people", "actors_state_organs": "state_organs"}[prefix]
    return [f"{prefix}.csv", *sorted(p.name for p in DATA_DIR.glob(f"actors_*_{suffix}.csv"))]


def _common_word(alias: str) -> bool:
    """An alias that is one common English word ("army", "police", "Front") can never name an actor by itself."""
    if _case_sensitive(alias):  # "IS", "WHO" match only in capitals: the words "is", "who" stay words
        return False
    words = _norm(alias).split()
    return len(words) == 1 and words[0].lower() in _common_words()


def _names_a_country(lex: "_Lexicon", alias: str) -> bool:
    """An imported alias that is a country's name, adjective or capital ("Colombia") would make the country a
    group: such aliases are the country table's."""
    if alias.count(" ") > 3:  # no country's name, adjective or capital is that long
        return False
    return any(h.category == "country" for h in lex.lookup(alias))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

    words = set(STOP_WORDS)
    for r in _read("actors_generic.csv"):
        for noun in _split(r["nouns"]):
            words.update(_norm(noun).lower().split())
    for r in _read_cues():
        if r["kind"] != "lead":  # "Liwa", "Jaish" open names; they are not English words
            words.update(r["phrase"].lower().split())
    words.update(COMMON_EXTRA | ORG_SEAT_HEADS)
    return frozenset(words)


# Single words that look like names in upper-case dictionaries but are ordinary English.
COMMON_EXTRA = _WORDS["common_extra"]


def _read_cues() -> list[dict[str, str]]:
    with open(DATA_DIR / "actors_cues.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@dataclass(frozen=True)
class Cues:
    """actors_cues.csv, by kind: words that make a name an organisation, holders, assoc phrases, versus words."""

    org_words: dict[str, str]
    lead_words: dict[str, str]
    identity_words: frozenset[str]
    holders: frozenset[str]
    assoc: tuple[tuple[str, ...], ...]
    versus: frozenset[str]
    crowd: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cues() -> Cues:
    rows = _read_cues()

    def of(kind: str) -> list[dict[str, str]]:
        return [r for r in rows if r["kind"] == kind]

    return Cues(
        org_words={r["phrase"].lower(): r["inter"] for r in of("org_word")},
        lead_words={r["phrase"].lower(): r["inter"] for r in of("lead")},
        identity_words=frozenset(r["phrase"].lower() for r in of("identity")),
        holders=frozenset(r["phrase"].lower() for r in of("holder")),
        assoc=tuple(sorted((tuple(r["phrase"].lower().split()) for r in of("assoc")), key=len, reverse=True)),
        versus=frozenset(r["phrase"].lower() for r in of("versus")),
        crowd=frozenset(r["phrase"].lower() for r in of("crowd")),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    lex = _Lexicon()
    for r in _read("actors_countries.csv"):
        iso = r["iso3"]
        lex.country_names[iso] = r["name"]
        for alias in [r["name"], *_split(r["aliases"])]:
            lex.add(alias, "country", iso, "name")
        for alias in _split(r["adjectives"]):
            lex.add(alias, "country", iso, "adjective")
        for alias in _split(r["demonyms"]):
            lex.add(alias, "country", iso, "demonym")
        for alias in _split(r["capitals"]):
            lex.add(alias, "country", iso, "capital")
    taken: set[str] = set()  # normalised aliases of curated rows: an imported row never shadows them
    for table in _tables("actors"):
        imported = table != "actors.csv"
        for r in _read(table):
            row = ActorRow(
                name=r["canonical_name"], country=r["country"] or None, inter=int(r["inter"]), kind=r["kind"],
                valid_from=_parse_bound(r["valid_from"], upper=False),
                valid_to=_parse_bound(r["valid_to"], upper=True),
            )
            aliases = [a for a in _split(r["aliases"]) if not (imported and (
                _norm(a).lower() in taken or _common_word(a) or _names_a_country(lex, a)))]
            if imported and not aliases:
                continue
            if imported and row.name in lex.rows:  # more aliases of a curated actor ("Zarqawi" -> Islamic State)
                row = lex.rows[row.name]
            lex.rows[row.name] = row
            if row.kind in STATE_KINDS and row.country and not _split(r["aliases"]):
                lex.state.setdefault((row.country, row.kind), []).append(row)
            for alias in aliases:
                lex.add(alias, "named", row)
                if not imported or row.kind == "group":  # imported IGOs/NGOs: tables only, not the ruler
                    lex.aliases.append((alias, "ORG", row.name))
                if not imported:
                    taken.add(_norm(alias).lower())
    people_taken: set[str] = set()
    for table in _tables("actors_people"):
        imported = table != "actors_people.csv"
        for r in _read(table):
            person = PersonRow(
                name=r["name"], country=r["country"] or None, kind=r["kind"] or None, actor=r["actor"] or None,
                valid_from=_parse_bound(r["valid_from"], upper=False),
                valid_to=_parse_bound(r["valid_to"], upper=True),
            )
            aliases = [r["name"], *_split(r["aliases"])]
            if imported:  # one-word aliases are the risky ones ("Colombia", "Army"): checked; names pass
                aliases = [a for a in aliases if _norm(a).lower() not in people_taken and (
                    " " in a.strip() or not (_common_word(a) or _names_a_country(lex, a)))]
            for alias in aliases:
                lex.add(alias, "person", person)
                if imported:
                    lex.imported_people += 1
                else:
                    lex.aliases.append((alias, "PERSON", person.name))
            if not imported:
                people_taken.update(_norm(a).lower() for a in [r["name"], *_split(r["aliases"])])
    for table in _tables("actors_state_organs"):
        for r in _read(table):
            if table != "actors_state_organs.csv" and (_norm(r["alias"]).lower() in taken or _common_word(r["alias"])
                                                         or _names_a_country(lex, r["alias"])):
                continue
            lex.add(r["alias"], "organ", r["country"], r["kind"])
            lex.aliases.append((r["alias"], "ORG", f"{r['kind']}:{r['country']}"))
    for r in _read("actors_generic.csv"):
        cls = NounClass(r["class"], r["template"], int(r["inter"]), r["kind"])
        lex.classes[cls.name] = cls
        for noun in _split(r["nouns"]):
            lex.add(noun, "noun", cls)
    return lex


# ---------------------------------------------------------------------------------------------------- matching


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _within(when: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= when) and (end is None or when < end)


def _pick_period(rows: Sequence[ActorRow], when: date | None) -> ActorRow | None:
    """The regime period valid at `when`; without a date, the open (current) one; else the nearest."""
    if not rows:
        return None
    if when is None:
        open_rows = [r for r in rows if r.valid_to is None] or list(rows)
        return max(open_rows, key=lambda r: r.valid_from or date.min)
    valid = [r for r in rows if _within(when, r.valid_from, r.valid_to)]
    if valid:
        return max(valid, key=lambda r: r.valid_from or date.min)

    def distance(r: ActorRow) -> int:
        if r.valid_from and when < r.valid_from:
            return (r.valid_from - when).days
        return (when - r.valid_to).days if r.valid_to else 0

    return min(rows, key=distance)


def state_actor(country: str, kind: str, when: date | None = None) -> Actor | None:
    """'Government'/'Military Forces'/'Police Forces' of an ISO3 country for the regime period valid at `when`."""
    row = _pick_period(_lexicon().state.get((country, kind), []), _as_date(when))
    return Actor(row.name, row.inter, row.country) if row else None


def _find_hits(words: Sequence[tuple[str, int]]) -> list[Hit]:
    """Longest-first, left-to-right matching over (text, doc index) pairs; n-grams must be adjacent in the doc."""
    lex = _lexicon()
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        found = None
        for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
            chunk = words[i:i + n]
            if chunk[-1][1] - chunk[0][1] != n - 1 or not _wordlike(chunk[0][0]) or not _wordlike(chunk[-1][0]):
                continue
            text = "".join(w for w, _ in chunk[:-1]) + chunk[-1][0].rstrip()
            entries = lex.lookup(text)
            if entries and not any(c.isupper() for c in text):
                # names are written with capitals: "an offer of amnesty" is not Amnesty International, "turkey"
                # not Turkey; only the generic noun classes ("troops", "government") match in lower case
                entries = [e for e in entries if e.category == "noun"]
            if entries:
                found = [Hit(i, i + n, e.category, e.payload, e.form) for e in entries]
                break
        if found:
            hits.extend(found)
            i = found[0].end
        else:
            i += 1
    return hits


def _wordlike(text: str) -> bool:
    """An n-gram must start and end on a word, or "Iranian-" would match "Iranian"."""
    return any(c.isalnum() for c in text)


def _words(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    return [(t.text_with_ws, t.i) for t in tokens]


def _is_patron(tokens: Sequence[Token], hit: Hit) -> bool:
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


def _capital_acts(tok: Token) -> bool:
    """A capital is its government only when it acts or is acted upon ("Moscow denied", "talks with Tehran")."""
    dep, prep = _governing_prep(tok)
    if dep == "pobj":
        return prep in CAPITAL_AGENT_PREPS
    return dep in CAPITAL_AGENT_DEPS


PARTITIVES = _WORDS["partitives"]


def _heads_phrase(tok: Token, root: Token) -> bool:
    """A class noun counts only as the head of the phrase ("Russian troops"), the title of a name ("President
    Avril"), or after a partitive ("thousands of protesters"); not as a modifier ("military plan")."""
    if tok.i == root.i:
        return True
    if root.pos_ == "PROPN" and tok.dep_ in ("compound", "appos", "nmod") and tok.head.i == root.i:
        return True
    if tok.dep_ == "appos" and tok.head.i == root.i:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.i == root.i:
        return root.lower_ in PARTITIVES or root.pos_ in ("NUM", "PRON") or _is_holder(root)
    if (_is_holder(root) or root.lemma_.lower() in STRIKE_NOUNS) and tok.head.i == root.i and tok.dep_ in (
            "compound", "amod", "nmod", "poss"):
        return True  # "regime positions", "an army checkpoint", "regime bombing": who holds it, who does it
    return False


def _is_holder(tok: Token) -> bool:
    """A thing an armed actor holds ("positions", "checkpoint", "convoy"): it stands for its holder."""
    return tok.lower_ in cues().holders


# Heads under which a named actor in a modifier still names the actor ("al-Qaeda terror network").
ORG_HEADS = _WORDS["org_heads"]


def _hit_head(toks: Sequence[Token], hit: Hit) -> Token:
    """The syntactic head of a multi-word match ("Secretary" in "Secretary of State")."""
    inside = toks[hit.start:hit.end]
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[-1])


def _names_actor(toks: Sequence[Token], hits: Sequence[Hit], root: Token) -> bool:
    """A phrase names an actor only when its head does: "a Russian build-up" or "Fox News" name none."""
    if root.lower_ in PARTITIVES or root.lower_ in ORG_HEADS or root.pos_ == "PRON" or _is_holder(root):
        return True
    for h in hits:
        span_ids = {t.i for t in toks[h.start:h.end]}
        if root.i in span_ids or (h.category == "noun" and _heads_phrase(_hit_head(toks, h), root)):
            return True
    return False


def _core(tokens: Sequence[Token], root: Token) -> list[Token]:
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


# ---------------------------------------------------------------------------------------------------- resolving


def _person_date(person: PersonRow, when: date | None) -> date | None:
    """Without an event date, a person of the past speaks for the regime of their own time."""
    if when is not None:
        return when
    if person.valid_to is None:
        return None
    if person.valid_from is not None:  # the middle of their time: year-only bounds overlap the next regime
        return date.fromordinal((person.valid_from.toordinal() + person.valid_to.toordinal()) // 2)
    return date.fromordinal(person.valid_to.toordinal() - 1)


def _pick_person(people: Sequence[PersonRow], when: date | None) -> PersonRow:
    if when is not None:
        valid = [p for p in people if _within(when, p.valid_from, p.valid_to)]
        if valid:
            return valid[-1]
    open_rows = [p for p in people if p.valid_to is None]
    return (open_rows or list(people))[-1]


def _regional_variant(row: ActorRow, countries: Sequence[str | None]) -> ActorRow:
    """'Islamic State' acting in Syria is ACLED's 'Islamic State (Syria)' when the table has that variant."""
    lex = _lexicon()
    for iso in countries:
        if iso and row.country is None:
            variant = lex.rows.get(f"{row.name} ({lex.country_names.get(iso, '')})")
            if variant:
                return variant
    return row


def _finish(actor: Actor | None, event_country: str | None) -> Actor | None:
    """A state's forces acting outside their own country are 'External/Other forces' (inter 8)."""
    if actor and actor.inter == 1 and event_country and actor.country and event_country != actor.country:
        return Actor(actor.name, 8, actor.country)
    return actor


def generic_actor(class_name: str, country: str | None) -> Actor | None:
    """The generic actor of a noun class in actors_generic.csv ("unidentified", "protesters", "rioters") for a
    country (ISO3): what ACLED codes when a report of violence or a protest names no actor."""
    cls = _lexicon().classes.get(class_name)
    return _from_template(cls, country) if cls else None


def _from_template(cls: NounClass, country: str | None) -> Actor:
    name = _lexicon().country_names.get(country or "", "")
    if name:
        return Actor(cls.template.format(country=name), cls.inter, country)
    return Actor(re.sub(r"\s*\(\{country\}\)", "", cls.template), cls.inter, None)


def _closest(hits: Sequence[Hit], tokens: Sequence[Token], root: Token) -> Hit:
    """Prefer the hit that contains the phrase's head word, else the one nearest to it."""
    for h in hits:
        if any(t.i == root.i for t in tokens[h.start:h.end]):
            return h
    return min(hits, key=lambda h: abs(tokens[h.end - 1].i - root.i))


def _resolve_tokens(
    tokens: Sequence[Token], root: Token, when: date | None, context_country: str | None,
    event_country: str | None, whole: Sequence[Token] | None = None, setting: str | None = None,
) -> Actor | None:
    """Decide the actor of a phrase from the table entries found in it (core first, then the whole phrase)."""
    for toks in (_core(tokens, root), list(whole or tokens)):
        hits = _find_hits(_words(toks))
        actor = _decide(toks, hits, root, when, context_country, event_country, setting)
        if actor:
            return actor
    return None


# ---------------------------------------------------------------------------------------------------- unknown names

# Words that join the parts of a name as written ("Liwa al-Fatah", "Army of Conquest", "Ahrar ash-Sham").
NAME_LINKS = _WORDS["name_links"]
# Words of a state's own forces' names: with a country word and nothing else distinctive, the name is the state's
# ("Syrian Arab Army", "Iraqi Special Operations Forces"), not a group the tables lack.
WEAK_NAME_WORDS = _WORDS["weak_name_words"]
STATE_UNIT_WORDS = _WORDS["state_unit_words"]
ORG_SEAT_HEADS = _WORDS["org_seat_heads"]


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _name_of(head: Token) -> list[Token]:
    """The proper name a capitalised head word ends or opens, as written: its capitalised left modifiers with their
    links ("Liwa al-Fatah Brigade") and an "of"/"for" tail of capitalised words ("Army of Conquest")."""
    doc = head.doc
    left = head.left_edge.i
    start = head.i
    for j in range(head.i - 1, left - 1, -1):
        t = doc[j]
        if _capitalised(t) or t.lower_ in NAME_LINKS or t.text in ("-", "'", "\u2019") or t.like_num:
            start = j
        else:
            break
    end = head.i + 1
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == head.i + 1:
            tail = doc[child.i + 1:child.right_edge.i + 1]
            if tail and all(_capitalised(t) or t.lower_ in NAME_LINKS or t.text in ("-", "'", "\u2019") for t in tail):
                end = child.right_edge.i + 1
    toks = list(doc[start:end])
    while toks and toks[0].is_sent_start and toks[0].i != head.i and toks[0].lower_ in _common_words():
        toks = toks[1:]  # "Regime Brigade ..." no; "Opposition Hamza Division": a capital that only opens a sentence
    while toks and (toks[0].lower_ in NAME_LINKS or not any(c.isalnum() for c in toks[0].text) or toks[0].like_num):
        toks = toks[1:]
    while toks and not any(c.isalnum() for c in toks[-1].text):
        toks = toks[:-1]
    return toks


def _name_text(toks: Sequence[Token]) -> str:
    text = toks[0].doc.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"[\u2019']s$", "", text).strip(" ,.;:\"'\u2019-")
    return re.sub(r"\s+", " ", text)


def _org_inter(code: str, setting: str | None) -> int | None:
    """An org word's inter code in a setting (see actors_cues.csv)."""
    if code.isdigit():
        return int(code)
    if code == "violent":
        return 2 if setting == "violent" else None
    if code == "party":
        return {"violent": 3, "protest": 6, "riot": 5}.get(setting or "", 7)
    if code == "civil":  # outside crowds and violence "X Association" is mostly a source ("Press Association")
        return {"protest": 6, "riot": 5, "violent": 7}.get(setting or "")
    return None


def unknown_org(name_tokens: Sequence[Token] | Sequence[str], setting: str | None = "violent") -> tuple[str, int] | None:
    """(inter code, for a capitalised name the tables may lack) when its words make it an organised actor.

    Works on tokens or plain words. The words that decide are in actors_cues.csv: an org word ("Brigade", "Front",
    "Party", "Union"), a leading word ("Liwa", "Jaish", "Army of"). A name must also have a word of its own beyond
    org words, links and country words ("Sultan Murad Division", "Liberation Front"), and a country word with a
    state unit word and nothing else ("Syrian Arab Army", "Iraqi Special Forces") is the state's, not a new group.
    """
    words = [t if isinstance(t, str) else t.text for t in name_tokens]
    low = [w.lower().replace("\u2019", "'") for w in words]
    alpha = [(w, lw) for w, lw in zip(words, low) if any(c.isalpha() for c in w) and lw not in NAME_LINKS]
    if not alpha:
        return None
    c = cues()
    codes: list[str] = []
    if alpha[0][1] in c.lead_words:
        codes.append(c.lead_words[alpha[0][1]])
    first = low.index(alpha[0][1])
    if first + 1 < len(low) and f"{low[first]} {low[first + 1]}" in c.lead_words:  # "Army of Conquest"
        codes.insert(0, c.lead_words[f"{low[first]} {low[first + 1]}"])
    org_hits = [(w, lw) for w, lw in alpha if lw in c.org_words and w[:1].isupper()]
    # the head word of an English name is its last word, or the word before an "of"/"for" tail ("Congress of
    # South African Trade Unions"): only the head's org word decides ("Union Buildings" is no union)
    tail = next((i for i, lw in enumerate(low) if lw in ("of", "for") and i > 0), None)
    head_word = low[tail - 1] if tail is not None else alpha[-1][1]
    codes.extend(c.org_words[lw] for _, lw in org_hits if lw == head_word)
    if not codes:
        return None
    countries = {lw for w, lw in alpha if any(h.category == "country" for h in _lexicon().lookup(w))}
    cue_words = {lw for _, lw in org_hits} | ({alpha[0][1]} if alpha[0][1] in c.lead_words else set())
    own = [lw for w, lw in alpha if lw not in cue_words and lw not in countries and lw not in WEAK_NAME_WORDS
           and w[:1].isupper()]
    if not own and len(cue_words) < 2:
        return None
    if countries and (alpha[0][1] in countries) and not own and cue_words <= STATE_UNIT_WORDS:
        return None
    inters = [_org_inter(code, setting) for code in codes]
    if "party" in codes:  # "Democratic Union Party": the party decides
        inters = [_org_inter("party", setting)]
    inter = next((i for i in inters if i is not None), None)
    if inter is None:
        return None
    if inter in (2, 3) and any(lw in c.identity_words for lw in low):
        inter = 4
    return _name_text(name_tokens) if not isinstance(name_tokens[0], str) else " ".join(words), inter


def _unknown_org(toks: Sequence[Token], hits: Sequence[Hit], root: Token, setting: str | None,
                 country: str | None) -> Actor | None:
    """A named organisation the tables lack, under its own name: "the Liwa al-Fatah Brigade attacked ..." ->
    "Liwa al-Fatah Brigade" (Rebel group), "fighters of the Hamza Division" -> "Hamza Division"."""
    heads = [root]
    if root.lower_ in PARTITIVES or root.lower_ in ORG_HEADS or root.lower_ in ORG_SEAT_HEADS or _is_holder(root):
        heads = [p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
    members = {t.i for t in toks}
    named_before = _name_before_armed_noun(toks, hits, root, members)
    if named_before is not None:
        return Actor(named_before[0], named_before[1], country)
    for head in heads:
        if head.i not in members or not _capitalised(head):
            continue
        name = _name_of(head)
        if len(name) < 2 or not all(t.i in members for t in name):
            continue
        ids = {t.i for t in name}
        inside = [h for h in hits if h.category in ("named", "person", "organ")
                  and any(t.i in ids for t in toks[h.start:h.end])]
        # a table name that opens the name ("Qassam Brigades", "Hezbollah fighters") is the table's actor; one
        # inside it after a word of the name's own ("Liwa al-Fatah Brigade", "Jaish al-Fatah") is not
        if any(toks[h.start].i <= name[0].i for h in inside):
            continue
        found = unknown_org(name, setting)
        if found:
            text, inter = found
            own = next((str(h.payload) for h in hits if h.category == "country"
                        and any(t.i in ids for t in toks[h.start:h.end]) and not _is_patron(toks, h)), None)
            return Actor(text, inter, own or country)
    return None


# Generic armed nouns a name before them makes a named group: "CODECO militiamen", "BLA militants".
ARMED_NOUN_INTER = {"militants": 2, "militant": 2, "fighters": 2, "rebels": 2, "insurgents": 2, "guerrillas": 2,
                    "guerillas": 2, "militiamen": 3, "militia": 3, "militias": 3}


def _name_before_armed_noun(toks: Sequence[Token], hits: Sequence[Hit], root: Token,
                            members: set[int]) -> tuple[str, int] | None:
    """An acronym or proper name the tables lack before a generic armed noun names the group ("CODECO
    militiamen" -> "CODECO", Political militia); nationality words ("Kurdish fighters") and table names do not."""
    inter = ARMED_NOUN_INTER.get(root.lower_)
    if inter is None:
        return None
    mods = [c for c in root.children if c.dep_ in ("compound", "nmod") and c.i < root.i and c.i in members]
    if not mods:
        return None
    name = [t for t in root.doc[min(m.left_edge.i for m in mods):root.i] if t.dep_ != "det"]
    known = {t.i for h in hits if h.category != "noun" for t in toks[h.start:h.end]}
    words = [t for t in name if any(c.isalpha() for c in t.text)]
    if not words or any(t.i in known for t in name) or any(t.ent_type_ in ("NORP", "GPE", "DATE") for t in name):
        return None
    acronym = len(words) == 1 and words[0].text.isupper() and len(words[0].text) >= 2
    proper = all(t.pos_ == "PROPN" and _capitalised(t) and not (t.is_sent_start and t.lower_ in _common_words())
                 for t in words)
    if not (acronym or proper):
        return None
    return _name_text(name), inter


def _state_noun_kind(toks: Sequence[Token], hits: Sequence[Hit], root: Token) -> str | None:
    """The kind of a state noun class heading the phrase ("forces" in "Assad's forces" -> military)."""
    for h in hits:
        if h.category == "noun" and root.i in {t.i for t in toks[h.start:h.end]}:
            cls = h.payload
            if isinstance(cls, NounClass) and cls.kind in ("military", "police"):
                return cls.kind
    return None


@lru_cache(maxsize=1)
def _successions() -> dict[str, tuple[str, date]]:
    """actors_successions.csv: armed groups that became a state's government -> (ISO3, from that date)."""
    with open(DATA_DIR / "actors_successions.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {r["actor"]: (r["country"], date.fromisoformat(r["valid_from"])) for r in rows}


def is_party(actor: Actor) -> bool:
    """Whether an actor is a party or political movement of the tables (kind party in actors.csv)."""
    row = _lexicon().rows.get(actor.name)
    return bool(row and row.kind == "party")


def _hit_country(hit: Hit) -> str | None:
    """The ISO3 country a table entry belongs to (None for generic nouns and international actors)."""
    payload = hit.payload
    if isinstance(payload, (ActorRow, PersonRow)):
        return payload.country
    if hit.category in ("organ", "country"):
        return str(payload)
    return None


@lru_cache(maxsize=1)
def _local_aliases() -> dict[str, str]:
    """actors_local_aliases.csv: short aliases that name an actor only in their own country -> its ISO3."""
    with open(DATA_DIR / "actors_local_aliases.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {_norm(r["alias"]): r["country"] for r in rows}


def _local_only(toks: Sequence[Token], hits: Sequence[Hit], country: str | None) -> list[Hit]:
    """Drop table entries matched by a local alias ("PDF", "FC") in an event of another known country."""
    if country is None:
        return list(hits)
    local = _local_aliases()
    out = []
    for h in hits:
        text = _norm("".join(t.text_with_ws for t in toks[h.start:h.end]).strip())
        home = local.get(text)
        if h.category != "noun" and home and home != country and _hit_country(h) == home:
            continue
        out.append(h)
    return out


def _by_country(hits: Sequence[Hit], country: str | None) -> list[Hit]:
    """An acronym several tables know resolves by the event's country: "SNA" in Somalia is the Somali National
    Army (a state organ), in Syria the Syrian National Army (a group); "SAF" in Sudan the Sudanese Armed Forces.
    Where entries of one span disagree, those of `country` win; without such an entry all are kept."""
    if country is None or len(hits) < 2:
        return list(hits)
    spans: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        spans.setdefault((h.start, h.end), []).append(h)
    out: list[Hit] = []
    for group in spans.values():
        own = [h for h in group if _hit_country(h) == country]
        if own and len(own) < len(group) and any(h.category != "noun" for h in own):
            group = own + [h for h in group if h.category == "noun"]
        out.extend(group)
    return out


def _decide(
    toks: Sequence[Token], hits: Sequence[Hit], root: Token, when: date | None, context_country: str | None,
    event_country: str | None, setting: str | None = None,
) -> Actor | None:
    org = _unknown_org(toks, hits, root, setting, context_country or event_country)
    if org is not None:
        return org
    hits = _by_country(_local_only(toks, hits, event_country or context_country), event_country or context_country)
    if not hits or not _names_actor(toks, hits, root):
        return None
    in_root = [h for h in hits if h.category in ("named", "person", "organ")
               and root.i in {t.i for t in toks[h.start:h.end]}]
    if in_root:  # "Quds head Qassem Soleimani and Putin": for the conjunct Putin, Putin decides
        hits = [h for h in hits if h.category != in_root[0].category or h in in_root]
    named = [h for h in hits if h.category == "named"]
    if named and (not in_root or in_root[0].category == "named"):
        row = _closest(named, toks, root).payload
        assert isinstance(row, ActorRow)
        row = _regional_variant(row, [event_country, context_country])
        took_over = _successions().get(row.name)
        if took_over and when is not None and when >= took_over[1]:  # "Taliban intelligence agents" in 2023
            kind = next((h.payload.kind for h in hits if h.category == "noun" and isinstance(h.payload, NounClass)
                         and h.payload.kind in STATE_KINDS and _heads_phrase(_hit_head(toks, h), root)), "military")
            return state_actor(took_over[0], kind, when)
        if row.kind == "party":  # a party or movement: protesters in a protest, a political militia in violence
            return Actor(row.name, _org_inter("party", setting) or row.inter, row.country)
        return Actor(row.name, row.inter, row.country)
    people = [h for h in hits if h.category == "person"]
    if people and (not in_root or in_root[0].category in ("named", "person")):
        hit = _closest(people, toks, root)
        person = _pick_person([h.payload for h in people if h.start == hit.start], when)  # type: ignore[misc]
        if person.actor:
            row = _lexicon().rows.get(person.actor)
            return Actor(row.name, row.inter, row.country) if row else None
        if person.country and person.kind:  # "Assad's forces": the forces of his state
            kind = _state_noun_kind(toks, hits, root) if person.kind == "government" else None
            return state_actor(person.country, kind or person.kind, _person_date(person, when))
    organs = [h for h in hits if h.category == "organ"]
    if organs:
        hit = _closest(organs, toks, root)
        return state_actor(str(hit.payload), hit.form, when)
    countries = [h for h in hits if h.category == "country" and not _is_patron(toks, h)]
    nouns = [h for h in hits if h.category == "noun"]
    own = str(countries[0].payload) if countries else None
    nouns = [h for h in nouns if _heads_phrase(_hit_head(toks, h), root)]
    if nouns:
        cls = _closest(nouns, toks, root).payload
        assert isinstance(cls, NounClass)
        if cls.kind in STATE_KINDS:
            country = own or context_country or event_country
            kind = cls.kind
            if cls.kind == "government" and (_is_holder(root) or root.lemma_.lower() in STRIKE_NOUNS or (
                    setting == "violent" and root.lemma_.lower() in FORCE_USING_GOVERNMENT)):
                kind = "military"  # "regime positions", "regime bombing", "the regime has hit rebel areas"
            return state_actor(country, kind, when) if country else None
        return _from_template(cls, own or context_country or event_country)
    if countries:
        hit = _closest(countries, toks, root)
        if root.i not in {t.i for t in toks[hit.start:hit.end]}:
            if _is_holder(root) and toks[hit.end - 1].head.i == root.i and not is_locative(root):
                return state_actor(str(hit.payload), "military", when)  # "Turkish positions", "Syrian checkpoints"
            return None  # "the Lebanese militant group": the adjective alone does not make it the state
        head = toks[hit.end - 1]
        if hit.form == "capital" and not _capital_acts(head):
            return None
        if (hit.form in ("name", "adjective") and head.dep_ in ("compound", "nmod", "amod")
                and head.head.lemma_.lower() in STRIKE_NOUNS):
            return state_actor(str(hit.payload), "military", when)  # "US strikes", "a U.S. attack"
        if hit.form in ("name", "capital") and is_locative(head):
            return None
        if hit.form == "demonym" and not any(t.lower_ == "the" for t in toks[:hit.start]):
            return _from_template(_lexicon().classes["civilians"], str(hit.payload))
        # "The US launched missiles", "Turkey shelled Afrin": a state that uses force acts through its military
        kind = "military" if setting == "violent" and hit.form in ("name", "capital") else "government"
        return state_actor(str(hit.payload), kind, when)
    return None


def resolve_actor(
    span: Span, event_date: date | None = None, context_country: str | None = None,
    event_country: str | None = None, setting: str | None = None,
) -> Actor | None:
    """The canonical actor a noun phrase / entity / subtree names, or None when it names no actor.

    Handles aliases and acronyms, people (-> the organisation they act for), nationality adjective + noun class
    ("Russian marines"), state organs and capitals used as agents ("the Pentagon", "Moscow said"), generics
    ("civilians" -> "Civilians (<context country>)"). The regime period is the one valid at `event_date`
    (the current one without a date). `context_country` (ISO3) fills in the country of unmarked nouns;
    `event_country` (ISO3) is where the event happened: a state actor from elsewhere gets inter 8.
    `setting` ("violent", "protest", "riot" or None) is the kind of event the phrase takes part in: it decides the
    actor type of a name the tables lack ("X Party" is a political militia in violence, protesters in a protest).
    """
    when = _as_date(event_date)
    actor = _resolve_tokens(list(span), _head(span), when, context_country, event_country, setting=setting)
    return _finish(actor, event_country)


NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _head(span: Span) -> Token:
    """The span's head noun; when a bad parse makes a verb the root ("Quds head[VERB] Qassem Soleimani"),
    the last noun of the span stands in."""
    if span.root.pos_ in NOMINAL:
        return span.root
    nouns = [t for t in span if t.pos_ in NOMINAL]
    return nouns[-1] if nouns else span.root


def _own_tokens(tok: Token) -> set[int]:
    """A conjunct's own tokens: itself and its dependents except further conjuncts and the 'and'/'or'."""
    own = {tok.i}
    for child in tok.children:
        if child.dep_ not in ("conj", "cc") and not (child.dep_ == "punct" and child.text == ","):
            own |= {t.i for t in child.subtree}
    return own


def _coordinations(span: Span) -> list[list[Token]]:
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
SOURCE_PREPS = _WORDS["source_preps"]


def _named_source(span: Span, actor: Actor | None, when: date | None, context_country: str | None,
                  event_country: str | None, setting: str | None) -> Actor | None:
    """A generic armed actor ("Unidentified Armed Group") whose head has a "from X"/"of X" phrase the span left out
    that names a group of the tables: that group."""
    if actor is None or not actor.name.startswith("Unidentified"):
        return actor
    root = _head(span)
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in SOURCE_PREPS or span.start <= prep.i < span.end:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            sub = pobj.doc[pobj.left_edge.i:pobj.right_edge.i + 1]
            found = resolve_actor(sub, when, context_country, event_country, setting)
            if found and found.inter in (2, 3, 4) and not found.name.startswith(("Unidentified", "Opposition Rebels")):
                return found
    return actor


def resolve_actors(
    spans: Iterable[Span], event_date: date | None = None, context_country: str | None = None,
    event_country: str | None = None, setting: str | None = None,
) -> list[Actor]:
    """All actors of one or more phrases, coordinations split, de-duplicated, in order.

    "The governments of Russia, Syria and Iran" -> three Government actors; "Hungarian and Romanian officials"
    -> two. Each conjunct is resolved with the rest of the phrase (its head noun) but without the other conjuncts.
    """
    when = _as_date(event_date)
    out: list[Actor] = []
    for span in spans:
        groups = _coordinations(span)
        if not groups:
            found = [_named_source(span, resolve_actor(span, when, context_country, event_country, setting),
                                   when, context_country, event_country, setting)]
        else:
            members = groups[0]
            cc = {t.i for t in span if t.dep_ == "cc" or (t.dep_ == "punct" and t.head.i in {m.i for m in members})}
            found = []
            for m in members:
                others = set().union(*(_own_tokens(o) for o in members if o.i != m.i))
                toks = [t for t in span if t.i not in others and t.i not in cc]
                root = _head(span) if _head(span).i not in others else m
                actor = _resolve_tokens(toks, root, when, context_country, event_country, whole=toks,
                                        setting=setting)
                found.append(_finish(actor, event_country))
        found = [_suspected(span, a, context_country or event_country) for a in found]
        for actor in found:
            if actor and actor not in out:
                out.append(actor)
    return out


# Words that make an attribution a suspicion ("suspected insurgents", "alleged state agents").
SUSPICION_WORDS = _WORDS["suspicion_words"]


def _suspected(span: Span, actor: Actor | None, country: str | None) -> Actor | None:
    """ACLED codes perpetrators the report only suspects, and names by a generic noun, as an unidentified armed
    group: "suspected insurgents", "suspected state agents" -> Unidentified Armed Group (X); a named group stays
    ("suspected al-Shabaab militants" -> Al Shabaab)."""
    if actor is None or actor.inter not in (1, 2, 3) or not any(t.lower_ in SUSPICION_WORDS for t in span):
        return actor
    if any(h.category in ("named", "organ", "person") for h in lookup_text(span.text)):
        return actor
    if actor.name.startswith("Unidentified"):
        return actor
    return generic_actor("unidentified", actor.country or country) or actor


# ---------------------------------------------------------------------------------------------------- helpers


def interaction(inter1: int, inter2: int | None) -> str:
    """ACLED interaction text: both types, lower code first ("State forces-Rebel group"), or "<type> only"."""
    return _interaction_label(inter1, inter2) or ""


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def entity_ruler_patterns() -> list[dict]:
    """EntityRuler patterns (ORG / PERSON) for every alias in the tables, so the NER finds our actors.

    Token patterns match case-insensitively (LOWER), except short capitalised acronyms (ORTH). The pattern id is
    the canonical actor (or person) name. Add them with `nlp.add_pipe("entity_ruler", before="ner")`.
    """
    tok = _tokenizer()
    patterns = []
    seen = set()
    for alias, label, ident in _lexicon().aliases:
        key = (alias, label, ident)
        if key in seen or _common_word(alias):  # "army", "police", "Front" alone are never a name
            continue
        seen.add(key)
        attr = "ORTH" if _case_sensitive(alias) else "LOWER"
        words = [t.text if attr == "ORTH" else t.lower_ for t in tok(alias)]
        patterns.append({"label": label, "pattern": [{attr: w} for w in words], "id": ident})
    return patterns


def lookup_text(text: str) -> list[Hit]:
    """Table entries found in a bare string (no parse): used to audit what the tables cover."""
    return _find_hits([(t.text_with_ws, t.i) for t in _tokenizer()(text)])


def _covers_head(text: str) -> bool:
    """True when a table entry covers the last word of an entity string (its head in English noun phrases):
    "Russian" and "Quds Force commander" are covered, "Syrian Observatory" is not."""
    tokens = [t for t in _tokenizer()(text) if any(c.isalnum() for c in t.text)]
    if not tokens:
        return True
    last = tokens[-1].i
    hits = lookup_text(text)
    if any(h.start == 0 and h.category in ("named", "person", "organ") for h in hits):
        return True
    if unknown_org([t.text for t in _tokenizer()(text)]):  # "Sultan Murad Division": a group the tables lack
        return False
    return any(h.start <= last < h.end for h in hits)


def unmatched_actor_report(
    entities: Iterable[tuple[str, str]], labels: Iterable[str] = ("ORG", "NORP", "PERSON"), top: int | None = 50,
) -> list[tuple[str, str, int]]:
    """Most frequent entity strings (text, label) that match nothing in the tables: what to add next. Names that
    the pipeline kept as unknown organised actors ("Sultan Murad Division", "Liwa al-Fatah Brigade") are listed
    even though a generic word of theirs ("Division") is in the tables.

    Input: (text, label) pairs, e.g. `(e.text, e.label_) for doc in docs for e in doc.ents`.
    Output: [(text, label, count)] ranked by count, at most `top`.
    """
    wanted = set(labels)
    counts: Counter[tuple[str, str]] = Counter()
    for text, label in entities:
        text = re.sub(r"^(the|The)\s+", "", text.strip())
        if label in wanted and text and not _covers_head(text):
            counts[(text, label)] += 1
    return [(text, label, n) for (text, label), n in counts.most_common(top)]


def countries_in(tokens: Iterable[Token]) -> list[str]:
    """ISO3 codes of the countries named (by name, adjective, demonym or capital) in a stretch of text, in order.

    A caller can use the first one of a sentence or article as `context_country`.
    """
    toks = list(tokens)
    out: list[str] = []
    for hit in _find_hits(_words(toks)):
        if hit.category == "country" and hit.payload not in out and not _is_patron(toks, hit):
            out.append(str(hit.payload))
    return out


# ---------------------------------------------------------------------------------------------------- victims


@dataclass(frozen=True)
class Victims:
    """What `victims_in` read off a sentence: whether people or civilian things were hit, and the groups of
    actors_generic.csv the victims belong to (women, refugees, health workers...)."""

    persons: bool = False
    things: bool = False
    groups: tuple[str, ...] = ()
    displaced: bool = False  # people fled or were displaced ("7,000 families fled their homes")

    @property
    def any(self) -> bool:
        return self.persons or self.things


@lru_cache(maxsize=1)
def _victim_table() -> tuple[dict[tuple[str, ...], tuple[str, str]], frozenset[str], int, frozenset[str]]:
    """actors_victims.csv: (lower-case words -> (kind, group)), verbs whose subject is no victim, longest phrase,
    verbs of displacement."""
    with open(DATA_DIR / "actors_victims.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    verbs = set()
    leaving = set()
    for r in rows:
        if r["kind"] == "not_verb":
            verbs.add(r["phrase"].lower())
        elif r["kind"] == "displacement":
            leaving.add(r["phrase"].lower())
        elif r["kind"] == "harm_verb":
            continue  # read by `harmed_phrases`
        else:
            phrases[tuple(r["phrase"].lower().split())] = (r["kind"], (r["group"] or "").strip())
    return phrases, frozenset(verbs), max(len(p) for p in phrases), frozenset(leaving)


def _speaks_or_flees(tok: Token, verbs: frozenset[str]) -> bool:
    """'residents said', 'families fled their homes', 'villagers told reporters': the subject of such a verb;
    'according to medics': a source."""
    t = tok
    while t.dep_ in ("conj", "appos", "compound", "amod") and t.head is not t:
        t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according":
        return True  # "according to medics and investigators": a source
    return t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in verbs


def _names_armed(tok: Token) -> bool:
    """A victim word inside a phrase that names an armed or state actor ("armed men", "police personnel")."""
    left = tok.left_edge.i
    text = tok.doc[left:tok.i + 1].text
    for hit in lookup_text(text):
        if hit.category in ("named", "organ", "person"):
            return True
        if hit.category == "noun" and isinstance(hit.payload, NounClass) and hit.payload.name != "civilians":
            return True
    return False


def victims_in(sentence: Span, exclude: Iterable[Span] = ()) -> Victims:
    """People or civilian things a violent sentence says were hit (actors_victims.csv), outside the phrases that
    name the attackers (`exclude`). "wounding three foreign workers", "struck a house in Sderot", "raped a woman"
    (group women), "at Abu Shouk IDP camp" (group refugees); not "residents said" nor "armed men"."""
    phrases, verbs, longest, leaving = _victim_table()
    skip = {t.i for s in exclude for t in s}
    toks = list(sentence)
    persons = prop = people = False
    groups: list[str] = []
    i = 0
    while i < len(toks):
        found = None
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = tuple(t.lower_ for t in toks[i:i + n])
            if key in phrases:
                found = (n, *phrases[key])
                break
        if not found:
            i += 1
            continue
        n, kind, group = found
        words = toks[i:i + n]
        head = words[-1]
        i += n
        people = people or kind == "person"
        if any(t.i in skip for t in words) or _speaks_or_flees(head, verbs) or _names_armed(head):
            continue
        if kind == "person" and head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        if kind == "person":
            persons = True
        else:
            prop = True
        if group == "women" and (head.conjuncts or any(c.dep_ == "conj" for c in head.children)):
            continue  # "mostly women and children": civilians at large, not women as such
        if group and group not in groups:
            groups.append(group)
    displaced = people and any(t.lemma_.lower() in leaving for t in toks)
    return Victims(persons, prop, tuple(groups), displaced)


@lru_cache(maxsize=1)
def _harm_verbs() -> frozenset[str]:
    with open(DATA_DIR / "actors_victims.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return frozenset(r["phrase"].lower() for r in rows if r["kind"] == "harm_verb")


def harmed_phrases(sentence: Span, exclude: Iterable[Span] = ()) -> list[Span]:
    """The patients of the sentence's harm verbs (actors_victims.csv kind harm_verb), outside `exclude`: "ten
    police personnel ... were killed", "killing two soldiers". Each conjunct is its own phrase."""
    skip = {t.i for s in exclude for t in s}
    out: list[Span] = []
    for tok in sentence:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in _harm_verbs():
            continue
        for child in tok.children:
            if child.dep_ not in ("nsubjpass", "dobj") or child.i in skip:
                continue
            for head in [child, *child.conjuncts]:
                left = min([head.i] + [c.left_edge.i for c in head.children if c.i < head.i and c.dep_ != "cc"])
                right = max([head.i] + [c.right_edge.i for c in head.children
                                        if c.i > head.i and c.dep_ == "prep" and c.lower_ == "of"])
                out.append(sentence.doc[left:right + 1])
    return out
