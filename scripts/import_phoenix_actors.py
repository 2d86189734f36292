"""Convert the Phoenix/PETRARCH2 actor dictionaries into the project's own actor tables.

Why: the curated tables (`transforms/data/actors.csv`, `actors_people.csv`, `actors_state_organs.csv`) name the
actors of the dev sets well but few others. The Phoenix dictionaries (Open Event Data Alliance, MIT; built from the
CAMEO/TABARI dictionaries of Kansas and Penn State's TOPS list of non-state actors) hold thousands of office holders
with the dates they held office, IGOs/NGOs and non-state armed groups with their aliases. This script turns them
into three tables the loader in `transforms/actor_tables.py` reads after the curated ones (a curated alias always wins):

- `actors_phoenix_groups.csv` (columns of actors.csv): non-state armed groups (rebels, insurgents, militant
  groups: inter 2, militias 3), IGOs and NGOs (inter 8); a group whose alias is already curated adds its other
  aliases to the curated actor ("Zarqawi" -> Islamic State);
- `actors_phoenix_people.csv` (columns of actors_people.csv): people with a government, military or police role
  of a country, one row per period they held it; people of IGOs act for the IGO;
- `actors_phoenix_state_organs.csv` (columns of actors_state_organs.csv): named state bodies ("Assad Forces").

What is left out, on purpose: country entries (their aliases are places: "Aleppo" is not Syria acting), elites,
businesses and multinational companies, people known only by one word, periods that ended before 1990, and any
alias that is one common English word ("army", "Front"): those would turn ordinary words into actors.

Usage (from the repository root; reads nothing from the network):

    .venv/bin/python scripts/import_phoenix_actors.py ../shared/actors/phoenix

It rewrites the three CSV files and copies the licence to `transforms/data/LICENSE.phoenix`.
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "transforms" / "data"
sys.path.insert(0, str(ROOT))

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
OLDEST = date(1990, 1, 1)  # periods that ended before this are of no use to news of today
STATE_ROLES = {"GOV": "government", "MIL": "military", "COP": "police", "SPY": "government", "JUD": "government",
               "LEG": "government"}
ARMED_ROLES = {"REB": 2, "INS": 2}
LOWER_PARTICLES = frozenset("al el ad ash as an ar at az ul bin ibn bint bani abu of the and de du da la le des "
                            "del di von van der for in on".split())
ORG_WORDS = re.compile(
    r"\b(organi[sz]ation|union|council|committee|association|federation|foundation|fund|bank|agency|"
    r"commission|program(me)?|office|institute|league|front|army|brigades?|movement|party|group|forces?|"
    r"ministry|court|tribunal|conference|alliance|coalition|mission|network|society|centre|center|watch|"
    r"international|service|cross|crescent|corps|guard|police|militia|battalions?|mujahideen|"
    r"liberation|resistance|revolutionary|islamic|tigers|faction|cells?|secretariat|assembly|parliament)\b",
    re.I,
)


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    source: str = ""


# ------------------------------------------------------------------------------------------------------- parsing


def _yymmdd(text: str) -> date | None:
    text = text.strip()
    try:
        if len(text) == 6:
            yy = int(text[:2])
            return date((1900 if yy > 30 else 2000) + yy, max(int(text[2:4]), 1), max(int(text[4:6]), 1))
        if len(text) == 8:
            return date(int(text[:4]), max(int(text[4:6]), 1), max(int(text[6:8]), 1))
    except ValueError:
        return None
    return None


CODE_RE = re.compile(r"\[\s*([~A-Z]+)\s*([<>]?\s*[0-9]{6,8}(?:\s*-\s*[0-9]{6,8})?)?\s*\]")


def _codes(text: str) -> list[tuple[str, date | None, date | None]]:
    out = []
    for code, when in CODE_RE.findall(text):
        start = end = None
        when = (when or "").replace(" ", "")
        if when.startswith(">"):
            start = _yymmdd(when[1:])
        elif when.startswith("<"):
            end = _yymmdd(when[1:])
        elif "-" in when:
            a, b = when.split("-", 1)
            start, end = _yymmdd(a), _yymmdd(b)
        out.append((code, start, end))
    return out


def parse(path: Path) -> list[Entry]:
    """PETRARCH dictionary -> entries: a name line, `+alias` lines, `[CODE dates]` on the name line or indented."""
    entries: list[Entry] = []
    current: Entry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+"):
            if current is not None:
                alias = line[1:].split("[", 1)[0].strip()
                if alias:
                    current.aliases.append(alias)
                current.codes.extend(_codes(line))
            continue
        if line[0] in " \t[":
            if current is not None:
                current.codes.extend(_codes(line))
            continue
        if line.startswith("!"):  # substitution sets of the agents file
            continue
        name = line.split("[", 1)[0].strip()
        current = Entry(name=name, codes=_codes(line), source=path.name)
        entries.append(current)
    return entries


# ------------------------------------------------------------------------------------------------------- names


def words_of(pattern: str) -> str:
    """'BASHAR_AL-ASSAD_' -> 'BASHAR AL-ASSAD'; parenthesised acronyms dropped ('(AAIA)')."""
    text = re.sub(r"\([^)]*\)", " ", pattern)
    text = text.replace("_", " ").replace("  ", " ")
    return re.sub(r"\s+", " ", text).strip(" .,")


def acronym_of(pattern: str) -> str | None:
    m = re.search(r"\(([A-Z][A-Z0-9\-]{2,7})\)", pattern)
    return m.group(1) if m else None


def title(text: str) -> str:
    """Upper-case dictionary words -> name case: 'AHRAR AL-SHAM' -> 'Ahrar al-Sham', 'ISLAMIC STATE OF IRAQ' ->
    'Islamic State of Iraq'; short all-consonant words stay acronyms ('PKK')."""
    out = []
    for i, word in enumerate(text.split()):
        parts = []
        for j, part in enumerate(word.split("-")):
            low = part.lower()
            if low in LOWER_PARTICLES and (i > 0 or j > 0):
                parts.append(low)
            elif len(part) <= 4 and part.isalpha() and not re.search(r"[AEIOUY]", part):
                parts.append(part)
            else:
                parts.append(re.sub(r"(^|['\u2019])([a-z])", lambda m: m.group(1) + m.group(2).upper(), low)
                             if "'" not in low else low[:1].upper() + low[1:])
        out.append("-".join(parts))
    return " ".join(out)


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("'", "")
    return re.sub(r"[\s\-]+", " ", text).strip().lower()


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


# ------------------------------------------------------------------------------------------------------- convert


def _load_curated() -> tuple[dict[str, str], set[str], set[str]]:
    """curated alias -> canonical name; normalised names of curated people; ISO3 codes we know."""
    aliases: dict[str, str] = {}
    with open(DATA / "actors.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for a in [r["canonical_name"], *(r["aliases"] or "").split("|")]:
                if a.strip():
                    aliases[_norm(a)] = r["canonical_name"]
    people: set[str] = set()
    with open(DATA / "actors_people.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            people.update(_norm(a) for a in [r["name"], *(r["aliases"] or "").split("|")] if a.strip())
    with open(DATA / "actors_countries.csv", newline="", encoding="utf-8") as f:
        isos = {r["iso3"] for r in csv.DictReader(f)}
    return aliases, people, isos


def _usable(alias: str) -> bool:
    """An alias worth matching: letters, not one common word, at most 12 words."""
    from transforms.actor_tables import common_word  # noqa: PLC0415

    from transforms.actor_tables import common_words, lexicon, names_a_country  # noqa: PLC0415

    if names_a_country(lexicon(), alias):  # "(COLOMBIA)" after a group's name is where it fights
        return False

    words = alias.split()
    own = [w for w in re.findall(r"[A-Za-z]+", alias) if w.lower() not in common_words() | CALENDAR_WORDS]
    return (bool(own) and 0 < len(words) <= 12 and not common_word(alias)
            and not (len(words) == 1 and len(alias) < 3))


# "21 June", "November 17": a date is not a name, whatever group took it as one.
CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday st nd rd th".split()
)


def _is_person_name(text: str) -> bool:
    return len(text.split()) >= 2 and not ORG_WORDS.search(text)


def convert(src: Path) -> tuple[list[dict], list[dict], list[dict]]:
    curated, curated_people, isos = _load_curated()
    groups: dict[str, dict] = {}
    people: list[dict] = []
    organs: list[dict] = []
    seen_people: set[tuple[str, str, str, str]] = set()
    igo_names: dict[str, str] = {}  # IGO/NGO code -> canonical name, from the first org entry carrying it

    def add_group(entry: Entry, country: str | None, inter: int, kind: str) -> str | None:
        names = [words_of(entry.name), *(words_of(a) for a in entry.aliases)]
        names = [n for n in names if n]
        acr = acronym_of(entry.name)
        if acr:
            names.append(acr)
        known = next((curated[_norm(n)] for n in names if _norm(n) in curated), None)
        canonical = known or title(names[0]) if names else None
        if not canonical:
            return None
        row = groups.setdefault(canonical, {"canonical_name": canonical, "aliases": [], "country": country or "",
                                            "inter": str(inter), "kind": kind, "valid_from": "", "valid_to": ""})
        for n in names:
            alias = n if n.isupper() and len(n) <= 6 and " " not in n else title(n)
            if _norm(alias) not in curated and _usable(alias) and alias not in row["aliases"]:
                row["aliases"].append(alias)
        return canonical

    parsed = [(name, entry) for name in FILES for entry in parse(src / name) if entry.codes]
    for name, entry in parsed:  # first the organisations, so that people can be attached to them by code
        code = entry.codes[0][0].lstrip("~")
        root, roles = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
        label = words_of(entry.name)
        if _is_person_name(label) or (len(label.split()) == 1 and len(label) > 5 and not ORG_WORDS.search(label)):
            continue  # people, and one-word surnames ("Sungkar"), are attached to their group below
        if name == "Phoenix.MilNonState.actors.txt" or root == "IMG":  # IMG: international militarised group
            country = root if root in isos else None
            inter = 3 if "MIL" in roles or re.search(r"militia", label, re.I) else 2
            canonical = add_group(entry, country, inter, "group")
        elif root in ("IGO", "NGO"):
            canonical = add_group(entry, None, 8, "igo" if root == "IGO" else "ngo")
        else:
            continue
        if canonical:
            igo_names.setdefault(code, canonical)
    for name, entry in parsed:
        code = entry.codes[0][0].lstrip("~")
        root, roles = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
        label = words_of(entry.name)
        if name == "Phoenix.MilNonState.actors.txt" or root in ("IGO", "NGO", "IMG"):
            if _is_person_name(label) and igo_names.get(code):  # a leader acts for the group of their code
                for c, start, end in entry.codes:
                    if c.lstrip("~") == code and (end is None or end >= OLDEST):
                        _add_person(people, seen_people, curated_people, entry, None, None, igo_names[code],
                                    start, end)
            continue
        if root not in isos or name != "Phoenix.Countries.actors.txt":
            continue
        if not roles:  # a country entry: its aliases are places and adjectives, not actors
            continue
        role = roles[0]
        if role in ARMED_ROLES and ORG_WORDS.search(label + " " + " ".join(entry.aliases)) is not None:
            add_group(entry, root, ARMED_ROLES[role], "group")
            continue
        if role in STATE_ROLES and not _is_person_name(label):
            kind = STATE_ROLES["MIL" if "MIL" in roles else "COP" if "COP" in roles else role]
            for alias in [label, *(words_of(a) for a in entry.aliases)]:
                alias = title(alias)
                if _usable(alias) and len(alias.split()) >= 2 and _norm(alias) not in curated:
                    organs.append({"alias": alias, "country": root, "kind": kind, "place": "0"})
            continue
        if not _is_person_name(label):
            continue
        for c, start, end in entry.codes:
            c = c.lstrip("~")
            if c[:3] != root or len(c) < 6 or c[3:6] not in STATE_ROLES:
                continue
            if end is not None and end < OLDEST:
                continue
            crole = [c[i:i + 3] for i in range(3, len(c), 3)]
            kind = STATE_ROLES["MIL" if "MIL" in crole else "COP" if "COP" in crole else crole[0]]
            _add_person(people, seen_people, curated_people, entry, root, kind, None, start, end)
    out_groups = []
    for row in groups.values():
        if row["aliases"]:
            out_groups.append({**row, "aliases": "|".join(row["aliases"])})
    out_groups.sort(key=lambda r: r["canonical_name"])
    known = {r["canonical_name"] for r in out_groups} | set(curated.values())
    people = [p for p in people if not p["actor"] or p["actor"] in known]
    people.sort(key=lambda r: (r["country"], r["name"], r["valid_from"]))
    organs = sorted({(o["alias"], o["country"], o["kind"]): o for o in organs}.values(),
                    key=lambda o: (o["country"], o["alias"]))
    return out_groups, people, organs


def _add_person(people: list[dict], seen: set, curated: set[str], entry: Entry, country: str | None,
                kind: str | None, actor: str | None, start: date | None, end: date | None) -> None:
    name = title(words_of(entry.name))
    if _norm(name) in curated or not _usable(name) or len(name.split()) < 2:
        return
    aliases = [title(words_of(a)) for a in entry.aliases]
    aliases = [a for a in dict.fromkeys(aliases) if a != name and len(a.split()) >= 2 and _usable(a)
               and _norm(a) not in curated and not ORG_WORDS.search(a)]
    key = (name, country or "", kind or actor or "", _iso(start))
    if key in seen:
        return
    seen.add(key)
    people.append({"name": name, "aliases": "|".join(aliases), "country": country or "", "kind": kind or "",
                   "actor": actor or "", "valid_from": _iso(start), "valid_to": _iso(end)})


def write(rows: list[dict], path: Path, fields: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("phoenix_dir", type=Path, help="folder holding the Phoenix.*.actors.txt files and LICENSE")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    groups, people, organs = convert(args.phoenix_dir)
    write(groups, args.out / "actors_phoenix_groups.csv",
          ["canonical_name", "aliases", "country", "inter", "kind", "valid_from", "valid_to"])
    write(people, args.out / "actors_phoenix_people.csv",
          ["name", "aliases", "country", "kind", "actor", "valid_from", "valid_to"])
    write(organs, args.out / "actors_phoenix_state_organs.csv", ["alias", "country", "kind", "place"])
    shutil.copyfile(args.phoenix_dir / "LICENSE", args.out / "LICENSE.phoenix")
    print(f"groups {len(groups)}, people rows {len(people)}, state organs {len(organs)} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
