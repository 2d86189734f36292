"""Generate the data dictionary (docs/data-dictionary.md) from `schemas/`, the one definition of every column.

    python -m schemas.dictionary           # rewrite docs/data-dictionary.md
    python -m schemas.dictionary --check   # exit 1 if the page is stale (tests/test_dictionary.py does this too)

Also the one statement of which type each reader gives for each column (`duckdb_type`, `pandas_dtype`,
`PARTITION_TYPES`): the page documents them and tests/test_types.py checks real reads against them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow as pa

from schemas.acled import ACLED_COLUMNS, UNMAPPED
from schemas.tables import SCHEMA_VERSION, TABLES, Field
from schemas.vocabularies import GEO_PRECISION, INTER_LABELS, MOODS, TIME_PRECISION, taxonomy

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "data-dictionary.md"

# What each table is and where it lives in an output folder. Published tables first; `candidates` is state.
TABLE_NOTES: dict[str, tuple[str, str]] = {
    "events": ("events/year=YYYY/part-0.parquet",
               "One row per real-world event (one actor pair, one day, one place), validated. Hive-partitioned "
               "by `year`."),
    "mentions": ("mentions/part-0.parquet",
                 "One row per (event, sentence that reports it): the evidence of events and quarantined rows."),
    "documents": ("documents/part-0.parquet", "One row per input article, whatever became of it."),
    "quarantine": ("quarantine/part-0.parquet",
                   "Event rows that failed a row-level check, with the checks they failed. Same columns as "
                   "events (none of their rules assumed), plus `failed_expectations`."),
    "changes": ("changes/part-0.parquet", "Changelog of the events table: what each run added, updated, removed."),
    "interactions": ("interactions/part-0.parquet",
                     "One row per clause in which a named actor does, says, threatens or demands something to "
                     "another (PLOVER-style dyads), ACLED-codable or not."),
    "candidates": (".newsevents/versions/RUN/candidates/part-0.parquet",
                   "Internal state, not a published table: each extracted report before merging, kept so "
                   "incremental runs need not re-parse old articles."),
}

# The hive partition key is not stored in the files, only in folder names, so each reader infers its type.
PARTITION_TYPES: dict[str, dict[str, str]] = {
    "events.year": {
        "pyarrow.dataset": "int32",
        "pandas": "dictionary<values=int32, indices=int32, ordered=0>[pyarrow]",
        "duckdb": "BIGINT",
        "newsevents sql": "INTEGER",
    },
}

_DUCKDB = {
    "string": "VARCHAR", "large_string": "VARCHAR", "bool": "BOOLEAN", "int8": "TINYINT", "int16": "SMALLINT",
    "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE", "float": "FLOAT", "date32[day]": "DATE",
}


def arrow_type_name(t: pa.DataType) -> str:
    """The Arrow type as the page writes it (list item names left out)."""
    if pa.types.is_list(t):
        return f"list<{arrow_type_name(t.value_type)}>"
    return str(t)


def duckdb_type(t: pa.DataType) -> str:
    """The type DuckDB's read_parquet gives a column of this Arrow type."""
    if pa.types.is_list(t):
        return duckdb_type(t.value_type) + "[]"
    if pa.types.is_timestamp(t):
        return "TIMESTAMP WITH TIME ZONE" if t.tz else "TIMESTAMP"
    return _DUCKDB[str(t)]


def pandas_dtype(t: pa.DataType) -> str:
    """The dtype `pandas.read_parquet(..., dtype_backend="pyarrow")` gives a column of this Arrow type."""
    if pa.types.is_list(t):
        return f"list<element: {t.value_type}>[pyarrow]"
    return f"{t}[pyarrow]"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _allowed(table: str, f: Field) -> str:
    parts = []
    if f.values is not None:
        if f.name == "sub_event_type":
            parts.append("one of the 25 in [ACLED event taxonomy](#acled-event-taxonomy)")
        elif f.name == "interaction":
            parts.append(f"one of {len(f.values)} pairs of [actor types](#actor-types-inter1-inter2) "
                         "(`A-B`, lower code first) or `A only`")
        elif f.name == "time_precision":
            parts.append("; ".join(f"`{k}` {v}" for k, v in TIME_PRECISION.items()))
        elif f.name == "geo_precision":
            parts.append("; ".join(f"`{k}` {v}" for k, v in GEO_PRECISION.items()))
        else:
            parts.append(", ".join(f"`{v}`" for v in f.values))
    elif table == "quarantine" and f.name in {e.name for e in TABLES["events"]}:
        parts.append("as in events, but unchecked")
    if f.min_value is not None or f.max_value is not None:
        lo = "" if f.min_value is None else f"{f.min_value:g}"
        hi = "" if f.max_value is None else f"{f.max_value:g}"
        parts.append(f"{lo} .. {hi}".strip())
    if f.unique:
        parts.append("unique")
    return "; ".join(parts)


def _table_section(table: str) -> list[str]:
    path, note = TABLE_NOTES[table]
    lines = [f"## {table}", "", note, "", f"Files: `{path}`.", "",
             "| column | Arrow type | DuckDB type | null | meaning | allowed values / range | ACLED column |",
             "|---|---|---|---|---|---|---|"]
    for f in TABLES[table]:
        arrow, duck = f"`{arrow_type_name(f.type)}`", f"`{duckdb_type(f.type)}`"
        key = f"{table}.{f.name}"
        if key in PARTITION_TYPES and table == "events":
            arrow += " (partition key: see [Reading](#reading-the-files))"
            duck = f"`{PARTITION_TYPES[key]['duckdb']}`"
        lines.append(f"| `{f.name}` | {arrow} | {duck} | {'yes' if f.nullable else 'no'} | "
                     f"{_cell(f.description)} | {_cell(_allowed(table, f))} | "
                     f"{f'`{f.acled}`' if f.acled else ''} |")
    return lines + [""]


def render() -> str:
    """The whole page, deterministic (no dates, no paths of this machine)."""
    published = [t for t in TABLE_NOTES if t in TABLES]
    missing = set(TABLES) - set(published)
    if missing:
        raise KeyError(f"tables without a note in schemas/dictionary.py: {sorted(missing)}")
    out = [
        "# Data dictionary",
        "",
        "<!-- Generated by `python -m schemas.dictionary` from schemas/: do not edit by hand. "
        "tests/test_dictionary.py fails when this page is stale. -->",
        "",
        f"Schema version **{SCHEMA_VERSION}** (history: [CHANGELOG](../CHANGELOG.md)). Every Parquet file newsevents "
        "writes carries `schema_version`, `table` and `producer` in its metadata, and every field carries its "
        "`description` (and `acled_column` where it has one) in its field metadata: "
        "`pyarrow.parquet.read_schema(f).field('fatalities').metadata`.",
        "",
        "| table | path in the output folder | what |",
        "|---|---|---|",
    ]
    out += [f"| [{t}](#{t}) | `{TABLE_NOTES[t][0]}` | {TABLE_NOTES[t][1]} |" for t in published]
    out += [
        "",
        "## Reading the files",
        "",
        "Types are the same whichever reader you use: dates are `date32` (DuckDB `DATE`, pandas "
        "`date32[day][pyarrow]`), codes are small integers (`int8`/`int16`) or strings from a closed vocabulary "
        "(stored dictionary-encoded in Parquet), lists are Arrow lists, missing values are nulls (never the "
        "strings \"nan\" or \"None\"). With pandas, use `dtype_backend=\"pyarrow\"`: each column's dtype is "
        "then its Arrow type with `[pyarrow]` after it (`list<element: string>[pyarrow]` for lists).",
        "",
        "```python",
        "pd.read_parquet(\"output/events\", dtype_backend=\"pyarrow\")",
        "pyarrow.dataset.dataset(\"output/events\", format=\"parquet\", partitioning=\"hive\").to_table()",
        "duckdb.sql(\"select * from read_parquet('output/events/**/*.parquet', hive_partitioning=true)\")",
        "```",
        "",
        "One exception, the partition key: `events.year` lives in the folder names (`year=2015/`), not in the "
        "files, so each reader infers its type:",
        "",
        "| column | " + " | ".join(next(iter(PARTITION_TYPES.values()))) + " |",
        "|---|" + "---|" * len(next(iter(PARTITION_TYPES.values()))),
    ]
    out += [f"| `{k}` | " + " | ".join(f"`{v}`" for v in readers.values()) + " |"
            for k, readers in PARTITION_TYPES.items()]
    out += ["", "(DuckDB: `read_parquet(..., hive_partitioning=true, hive_types={'year': 'INTEGER'})` gives "
            "`INTEGER`, which is what `newsevents sql` does; pandas gives a categorical.)", ""]
    for t in published:
        out += _table_section(t)
    out += ["## ACLED export", "",
            "`newsevents export --format acled-csv` writes ACLED's columns in ACLED's order, filled from the "
            "column whose *ACLED column* is that name, then the columns ACLED does not have.", "",
            "| # | ACLED column | newsevents column |", "|---|---|---|"]
    by_acled = {f.acled: f.name for f in TABLES["events"] if f.acled}
    for i, col in enumerate(ACLED_COLUMNS, 1):
        ours = f"`{by_acled[col]}`" if col in by_acled else UNMAPPED.get(col, "empty")
        out.append(f"| {i} | `{col}` | {ours} |")
    extra = [f"`{f.name}`" for f in TABLES["events"] if not f.acled]
    out += ["", f"Then: {', '.join(extra)}.", ""]
    out += ["## ACLED event taxonomy", "",
            "In ACLED's priority order: when one report holds several tactics, the higher one wins.", "",
            "| rank | event_type | sub_event_type | disorder_type | meaning |", "|---|---|---|---|---|"]
    out += [f"| {r.rank} | {r.event_type} | {r.sub_event_type} | {r.disorder_type} | {_cell(r.definition)} |"
            for r in taxonomy()]
    out += ["", "## Actor types (inter1, inter2)", "",
            "ACLED's inter codes, written as their text. `interaction` joins the two texts, lower code first.", "",
            "| code | text |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in INTER_LABELS.items()]
    out += ["", "## Interaction moods", "", "| mood | meaning |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in MOODS.items()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m schemas.dictionary", description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="exit 1 if docs/data-dictionary.md is stale")
    args = p.parse_args(argv)
    text = render()
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE.relative_to(ROOT)} is stale: run `python -m schemas.dictionary`", file=sys.stderr)
            return 1
        return 0
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
