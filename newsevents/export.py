"""Export the events of an output folder for other tools.

- `acled-csv`: ACLED's columns in ACLED's order (`schemas.acled.ACLED_COLUMNS`), each filled from the events
  column whose `acled` name it is (`schemas.tables`), values written the way an ACLED download writes them; then
  the columns ACLED does not have. An analyst can stack it under an ACLED export.
- `jsonl`: one JSON object per event with the dataset's own column names and types (dates as ISO strings,
  missing values as null), for pipelines.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads

from schemas.acled import ACLED_COLUMNS
from schemas.tables import TABLES, arrow_schema

FORMATS = ("acled-csv", "jsonl")


def read_table(out: Path, name: str) -> pa.Table:
    """A published table of the output folder with its declared schema (an empty table if it is absent)."""
    schema = arrow_schema(name)
    folder = Path(out) / name
    if not folder.exists() or not any(folder.rglob("*.parquet")):
        return schema.empty_table()
    data = pads.dataset(folder, format="parquet", partitioning="hive").to_table()
    cols = [data.column(f.name).cast(f.type) if f.name in data.column_names else pa.nulls(data.num_rows, f.type)
            for f in schema]
    return pa.Table.from_arrays(cols, schema=schema)


def _check_out(out: Path) -> None:
    if not (Path(out) / "events").exists():
        raise FileNotFoundError(f"no events/ in {out}: not a newsevents output folder (run `newsevents run` first)")


def sorted_events(out: Path) -> pa.Table:
    """The events, in date order (then id, so the order is stable)."""
    _check_out(out)
    events = read_table(out, "events")
    return events.sort_by([("event_date", "ascending"), ("event_id", "ascending")])


def last_change_times(out: Path) -> dict[str, int]:
    """Unix time (s) of the run that last added or updated each event: ACLED's `timestamp`."""
    changes = read_table(out, "changes")
    kept = changes.filter(pc.is_in(changes["change"], pa.array(["added", "updated"])))
    times: dict[str, int] = {}
    for row in kept.select(["event_id", "run_at"]).to_pylist():
        t = int(row["run_at"].timestamp())
        times[row["event_id"]] = max(t, times.get(row["event_id"], t))
    return times


def _acled_value(col: str, value: object) -> str:
    if value is None:
        return ""
    if col == "civilian_targeting":
        return "Civilian targeting" if value else ""
    if col in ("latitude", "longitude"):
        return f"{value:.4f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 4))
    return str(value)


def acled_header() -> list[str]:
    extra = [f.name for f in TABLES["events"] if not f.acled]
    return list(ACLED_COLUMNS) + extra


def acled_rows(out: Path) -> Iterator[list[str]]:
    """Rows of the ACLED CSV (without the header), in `acled_header()` order."""
    events = sorted_events(out)
    ours = {f.acled: f.name for f in TABLES["events"] if f.acled}
    extra = [f.name for f in TABLES["events"] if not f.acled]
    times = last_change_times(out)
    for row in events.to_pylist():
        cells = []
        for col in ACLED_COLUMNS:
            if col in ours:
                cells.append(_acled_value(col, row[ours[col]]))
            elif col == "timestamp":
                cells.append(str(times.get(row["event_id"], "")))
            else:
                cells.append("")
        cells += [_acled_value(name, row[name]) for name in extra]
        yield cells


def _json_value(v: object) -> object:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    return v


def jsonl_rows(out: Path) -> Iterator[dict]:
    for row in sorted_events(out).to_pylist():
        yield {k: _json_value(v) for k, v in row.items()}


def write(out: Path, fmt: str, stream: TextIO) -> int:
    """Write the events of `out` in `fmt` to `stream`; return the number of events written."""
    n = 0
    if fmt == "acled-csv":
        w = csv.writer(stream, lineterminator="\n")
        w.writerow(acled_header())
        for cells in acled_rows(out):
            w.writerow(cells)
            n += 1
    elif fmt == "jsonl":
        for row in jsonl_rows(out):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    else:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return n


def export(out: Path, fmt: str, to: Path | None = None) -> int:
    """`newsevents export`: to a file (written whole, then renamed into place) or to standard output."""
    _check_out(out)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if to is None:
        return write(out, fmt, sys.stdout)
    to = Path(to)
    tmp = to.with_name(f".{to.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        n = write(out, fmt, f)
    tmp.replace(to)
    return n
