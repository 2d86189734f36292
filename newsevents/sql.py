"""Quick query: DuckDB over an output folder's tables, registered as views.

    newsevents sql "select sub_event_type, count(*) from events group by 1" [--out output]

Views: events, mentions, documents, quarantine, interactions, changes. A table the folder does not hold yet is an
empty view with its declared columns, so a query never fails for want of a file.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from schemas.tables import arrow_schema

VIEWS = ("events", "mentions", "documents", "quarantine", "interactions", "changes")
# The partition key lives in folder names; give it the declared type rather than DuckDB's guess (BIGINT).
HIVE_TYPES = {"events": {"year": "INTEGER"}}


def _files(out: Path, table: str) -> list[str]:
    folder = out / table
    return sorted(str(p) for p in folder.rglob("*.parquet")) if folder.exists() else []


def connect(out: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per output table of `out`."""
    out = Path(out)
    if not out.is_dir():
        raise FileNotFoundError(f"output folder not found: {out}")
    con = duckdb.connect(":memory:")
    for table in VIEWS:
        files = _files(out, table)
        if files:
            hive = table in HIVE_TYPES and any("=" in Path(f).parent.name for f in files)
            opts = "hive_partitioning=true, union_by_name=true"
            if hive:
                types = ", ".join(f"'{k}': '{v}'" for k, v in HIVE_TYPES[table].items())
                opts += f", hive_types={{{types}}}"
            else:
                opts = "hive_partitioning=false, union_by_name=true"
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"create view {table} as select * from read_parquet([{listed}], {opts})")
        else:
            empty = arrow_schema(table).empty_table()
            con.register(f"_{table}_empty", empty)
            con.execute(f"create view {table} as select * from _{table}_empty")
    return con


def query(out: Path, sql: str) -> pa.Table:
    """Run one SQL statement over the output folder; its result as an Arrow table."""
    con = connect(out)
    try:
        rel = con.sql(sql)
        if rel is None:  # a statement without a result (e.g. SET)
            return pa.table({})
        return rel.fetch_arrow_table()
    except duckdb.Error as err:
        raise ValueError(f"query failed: {str(err).splitlines()[0]}") from err
    finally:
        con.close()


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if v == v else ""
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_text(x) for x in v) + "]"
    return str(v)


def format_table(table: pa.Table, max_width: int = 60) -> str:
    """A plain aligned text table (long cells cut with an ellipsis), with a row count under it."""
    names = table.column_names
    rows = [[_text(v) for v in r.values()] for r in table.to_pylist()]
    cut = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]

    def line(cells: Sequence[str]) -> str:
        return " | ".join(c.replace("\n", " ").ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in cut]
    n = table.num_rows
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out) + "\n"


def format_csv(table: pa.Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(table.column_names)
    w.writerows([_text(v) for v in r.values()] for r in table.to_pylist())
    return buf.getvalue()


def format_jsonl(table: pa.Table) -> str:
    return "".join(json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in table.to_pylist())


FORMATS = {"table": format_table, "csv": format_csv, "jsonl": format_jsonl}


def run(out: Path, sql: str, fmt: str = "table") -> str:
    return FORMATS[fmt](query(out, sql))

