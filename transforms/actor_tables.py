"""The actor tables and the lookups in them: the knowledge behind every actor name.

Why a module of its own: ACLED names an actor by what it is, not by how the article words it, and that knowledge
lives in CSV files in `transforms/data/` so a user can read and extend it without touching code:

- `actors.csv`: every canonical actor (state forces per regime period, named groups, state units, international
  bodies) with aliases, country, inter code, kind and validity dates.
- `actors_countries.csv`: country names, adjectives, demonyms and capitals (the evidence for state actors).
- `actors_people.csv`: people -> the actor they act for, with the years they did.
- `actors_generic.csv`: noun classes ("troops", "officials", "civilians", "gunmen") -> actor template.
- `actors_state_organs.csv`: names of state bodies ("Pentagon", "Kremlin", "IDF") -> country and kind.
- `actors_cues.csv`, `actors_successions.csv`, `actors_local_aliases.csv`: org words, groups that became a
  government, aliases that hold only in their own country.

Matching is on token n-grams, longest first. Short acronyms written in capitals in the tables ("US", "IS",
"WHO") match only in that case, so the verb "is" or the pronoun "us" never become actors. How a phrase's words
decide its actor is `transforms.actors`; this module only loads and looks up.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from spacy.tokens import Token

from transforms.rule_words import RULES

_WORDS = RULES.actors  # this module's word lists: transforms/data/actors_words.json

DATA_DIR = Path(__file__).parent / "data"

STATE_KINDS = ("government", "military", "police")
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


@lru_cache(maxsize=8_192)
def alias_key(text: str) -> str:
    """Key for comparing surface forms: unify quotes, drop apostrophes, hyphens to spaces, collapse spaces.
    Cached small: `find_hits` keys every n-gram of the text it scans (up to 12 per word), so a large cache fills
    with one-off n-grams (200,000 entries held about 70 MB per extraction worker); the words and names that
    recur stay in a small one."""
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
            self.cs.setdefault(alias_key(alias), []).append(Hit(0, 0, category, payload, form))
        else:
            self.ci.setdefault(alias_key(alias).lower(), []).append(Hit(0, 0, category, payload, form))

    def lookup(self, text: str) -> list[Hit]:
        key = alias_key(text)
        return self.cs.get(key, []) + self.ci.get(key.lower(), [])


def _tables(prefix: str) -> list[str]:
    """The curated table first, then imported ones (`actors_phoenix_*`): a curated alias always wins."""
    suffix = {"actors": "groups", "actors_people": "people", "actors_state_organs": "state_organs"}[prefix]
    return [f"{prefix}.csv", *sorted(p.name for p in DATA_DIR.glob(f"actors_*_{suffix}.csv"))]


def common_word(alias: str) -> bool:
    """An alias that is one common English word ("army", "police", "Front") can never name an actor by itself."""
    if _case_sensitive(alias):  # "IS", "WHO" match only in capitals: the words "is", "who" stay words
        return False
    words = alias_key(alias).split()
    return len(words) == 1 and words[0].lower() in common_words()


def names_a_country(lex: "_Lexicon", alias: str) -> bool:
    """An imported alias that is a country's name, adjective or capital ("Colombia") would make the country a
    group: such aliases are the country table's."""
    if alias.count(" ") > 3:  # no country's name, adjective or capital is that long
        return False
    return any(h.category == "country" for h in lex.lookup(alias))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

    words = set(STOP_WORDS)
    for r in _read("actors_generic.csv"):
        for noun in _split(r["nouns"]):
            words.update(alias_key(noun).lower().split())
    for r in _read_cues():
        if r["kind"] != "lead":  # "Liwa", "Jaish" open names; they are not English words
            words.update(r["phrase"].lower().split())
    words.update(COMMON_EXTRA | ORG_SEAT_HEADS)
    return frozenset(words)


# Single words that look like names in upper-case dictionaries but are ordinary English.
COMMON_EXTRA = _WORDS["common_extra"]
# Member nouns a group's name can precede or own ("fighters of the Hamza Division", "PKK militants"): ordinary
# words, never a name of their own.
ORG_SEAT_HEADS = _WORDS["org_seat_heads"]


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
    armed_nouns: dict[str, int]
    # a people or clan (lower case) -> the word of its militia's ACLED name: "kuki" -> "Ethnic", "abgaal" -> "Clan"
    militia_peoples: dict[str, str]
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
        armed_nouns={r["phrase"].lower(): int(r["inter"]) for r in of("armed_noun")},
        militia_peoples={**{r["phrase"].lower(): "Ethnic" for r in of("ethnic_group")},
                         **{r["phrase"].lower(): "Clan" for r in of("clan")}},
    )


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
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
                alias_key(a).lower() in taken or common_word(a) or names_a_country(lex, a)))]
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
                    taken.add(alias_key(alias).lower())
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
                aliases = [a for a in aliases if alias_key(a).lower() not in people_taken and (
                    " " in a.strip() or not (common_word(a) or names_a_country(lex, a)))]
            for alias in aliases:
                lex.add(alias, "person", person)
                if imported:
                    lex.imported_people += 1
                else:
                    lex.aliases.append((alias, "PERSON", person.name))
            if not imported:
                people_taken.update(alias_key(a).lower() for a in [r["name"], *_split(r["aliases"])])
    for table in _tables("actors_state_organs"):
        for r in _read(table):
            if table != "actors_state_organs.csv" and (alias_key(r["alias"]).lower() in taken or common_word(r["alias"])
                                                         or names_a_country(lex, r["alias"])):
                continue
            lex.add(r["alias"], "organ", r["country"], r["kind"])
            lex.aliases.append((r["alias"], "ORG", f"{r['kind']}:{r['country']}"))
    for r in _read("actors_generic.csv"):
        cls = NounClass(r["class"], r["template"], int(r["inter"]), r["kind"])
        lex.classes[cls.name] = cls
        for noun in _split(r["nouns"]):
            lex.add(noun, "noun", cls)
    return lex


# ---------------------------------------------------------------------------------------------------- periods


def as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def within_period(when: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= when) and (end is None or when < end)


def _pick_period(rows: Sequence[ActorRow], when: date | None) -> ActorRow | None:
    """The regime period valid at `when`; without a date, the open (current) one; else the nearest."""
    if not rows:
        return None
    if when is None:
        open_rows = [r for r in rows if r.valid_to is None] or list(rows)
        return max(open_rows, key=lambda r: r.valid_from or date.min)
    valid = [r for r in rows if within_period(when, r.valid_from, r.valid_to)]
    if valid:
        return max(valid, key=lambda r: r.valid_from or date.min)

    def distance(r: ActorRow) -> int:
        if r.valid_from and when < r.valid_from:
            return (r.valid_from - when).days
        return (when - r.valid_to).days if r.valid_to else 0

    return min(rows, key=distance)


def state_actor(country: str, kind: str, when: date | None = None) -> Actor | None:
    """'Government'/'Military Forces'/'Police Forces' of an ISO3 country for the regime period valid at `when`."""
    row = _pick_period(lexicon().state.get((country, kind), []), as_date(when))
    return Actor(row.name, row.inter, row.country) if row else None


# ---------------------------------------------------------------------------------------------------- lookups


def find_hits(words: Sequence[tuple[str, int]]) -> list[Hit]:
    """Longest-first, left-to-right matching over (text, doc index) pairs; n-grams must be adjacent in the doc."""
    lex = lexicon()
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        found = None
        for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
            chunk = words[i:i + n]
            if chunk[-1][1] - chunk[0][1] != n - 1 or not _wordlike(chunk[0][0]) or not _ends_name(chunk):
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


def _ends_name(chunk: Sequence[tuple[str, int]]) -> bool:
    """An n-gram ends on a word, or on the bracket that closes one inside it: "CPI (Maoist)"."""
    last = chunk[-1][0].strip()
    return _wordlike(last) or (last == ")" and any(w.strip() == "(" for w, _ in chunk[:-1]))


def token_words(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    return [(t.text_with_ws, t.i) for t in tokens]


@lru_cache(maxsize=1)
def successions() -> dict[str, tuple[str, date]]:
    """actors_successions.csv: armed groups that became a state's government -> (ISO3, from that date)."""
    with open(DATA_DIR / "actors_successions.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {r["actor"]: (r["country"], date.fromisoformat(r["valid_from"])) for r in rows}


def is_party(actor: Actor) -> bool:
    """Whether an actor is a party or political movement of the tables (kind party in actors.csv)."""
    row = lexicon().rows.get(actor.name)
    return bool(row and row.kind == "party")


def hit_country(hit: Hit) -> str | None:
    """The ISO3 country a table entry belongs to (None for generic nouns and international actors)."""
    payload = hit.payload
    if isinstance(payload, (ActorRow, PersonRow)):
        return payload.country
    if hit.category in ("organ", "country"):
        return str(payload)
    return None


@lru_cache(maxsize=1)
def local_aliases() -> dict[str, str]:
    """actors_local_aliases.csv: short aliases that name an actor only in their own country -> its ISO3."""
    with open(DATA_DIR / "actors_local_aliases.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {alias_key(r["alias"]): r["country"] for r in rows}


def generic_actor(class_name: str, country: str | None) -> Actor | None:
    """The generic actor of a noun class in actors_generic.csv ("unidentified", "protesters", "rioters") for a
    country (ISO3): what ACLED codes when a report of violence or a protest names no actor."""
    cls = lexicon().classes.get(class_name)
    return from_template(cls, country) if cls else None


def from_template(cls: NounClass, country: str | None) -> Actor:
    return templated_actor(cls.template, cls.inter, country)


def templated_actor(template: str, inter: int, country: str | None) -> Actor:
    """An actor named by a template with its country ("Kuki Ethnic Militia ({country})"); no country, no brackets."""
    name = lexicon().country_names.get(country or "", "")
    if name:
        return Actor(template.format(country=name), inter, country)
    return Actor(re.sub(r"\s*\(\{country\}\)", "", template), inter, None)


@lru_cache(maxsize=1)
def blank_tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def entity_ruler_patterns() -> list[dict]:
    """EntityRuler patterns (ORG / PERSON) for every alias in the tables, so the NER finds our actors.

    Token patterns match case-insensitively (LOWER), except short capitalised acronyms (ORTH). The pattern id is
    the canonical actor (or person) name. Add them with `nlp.add_pipe("entity_ruler", before="ner")`.
    """
    tok = blank_tokenizer()
    patterns = []
    seen = set()
    for alias, label, ident in lexicon().aliases:
        key = (alias, label, ident)
        if key in seen or common_word(alias):  # "army", "police", "Front" alone are never a name
            continue
        seen.add(key)
        attr = "ORTH" if _case_sensitive(alias) else "LOWER"
        words = [t.text if attr == "ORTH" else t.lower_ for t in tok(alias)]
        patterns.append({"label": label, "pattern": [{attr: w} for w in words], "id": ident})
    return patterns


def lookup_text(text: str) -> list[Hit]:
    """Table entries found in a bare string (no parse): used to audit what the tables cover."""
    return find_hits([(t.text_with_ws, t.i) for t in blank_tokenizer()(text)])
