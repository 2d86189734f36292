"""Kill-safe publication of the output folder; the one interface to what a run reads and writes.

Layout of an output folder DIR:

    DIR/events -> .newsevents/versions/<run_id>/events      (relative symlinks, one per published item)
    DIR/mentions, interactions, documents, quarantine, changes, data_docs, run_summary.json -> the same version
    DIR/.newsevents/CURRENT                                   (the run_id readers should see)
    DIR/.newsevents/versions/<run_id>/candidates              (extracted reports: state for incremental runs)
    DIR/.newsevents/staging/<run_id>/                         (a run being written; never read)

Why: a run writes everything into staging, renames the finished folder into versions/ and then moves CURRENT
(`os.replace`, atomic) — that is the commit point. The public names are symlinks re-pointed one by one with
`os.replace`, each atomic, so a reader always opens a complete table (plain `read_parquet` works through them).
A kill before the commit leaves the previous version current; a kill after it leaves links the next run's
`recover()` re-points. Plain Parquet, not Delta/Iceberg: every BI tool and DuckDB reads it without a plug-in.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from schemas.tables import arrow_schema

STATE = ".newsevents"
PUBLISHED = ("events", "mentions", "interactions", "documents", "quarantine", "changes", "data_docs",
             "run_summary.json")
KEEP_VERSIONS = 2


class PublicationError(RuntimeError):
    """The output folder cannot be published to (e.g. it holds data newsevents did not write)."""


@dataclass(frozen=True)
class Staging:
    """A run's private folder; nothing in it is visible until `DatasetStore.commit`."""

    run_id: str
    path: Path

    def table_path(self, name: str) -> Path:
        return self.path / name


class DatasetStore:
    def __init__(self, out_dir: Path) -> None:
        self.out = Path(out_dir)
        self.state = self.out / STATE

    # -- reading -------------------------------------------------------------------------------------------
    def current_version(self) -> Path | None:
        marker = self.state / "CURRENT"
        if not marker.exists():
            return None
        version = self.state / "versions" / marker.read_text(encoding="utf-8").strip()
        return version if version.is_dir() else None

    def read_table(self, name: str) -> pa.Table | None:
        """A table of the current version with its declared schema, or None before the first run."""
        version = self.current_version()
        if version is None or not (version / name).exists():
            return None
        schema = arrow_schema(name)
        data = pads.dataset(version / name, format="parquet", partitioning="hive").to_table()
        cols = [data.column(f.name).cast(f.type) if f.name in data.column_names else pa.nulls(data.num_rows, f.type)
                for f in schema]
        return pa.Table.from_arrays(cols, schema=schema)

    def schema_version(self) -> str | None:
        """The schema version the current version was written with (None before the first run)."""
        version = self.current_version()
        summary = version / "run_summary.json" if version else None
        if summary is None or not summary.exists():
            return None
        return json.loads(summary.read_text(encoding="utf-8")).get("versions", {}).get("schema_version")

    # -- writing -------------------------------------------------------------------------------------------
    def recover(self) -> None:
        """Finish or undo whatever a killed run left: drop staging, re-point links at CURRENT."""
        self._check_owned()
        shutil.rmtree(self.state / "staging", ignore_errors=True)
        version = self.current_version()
        if version is not None:
            self._link(version)

    def stage(self, run_id: str) -> Staging:
        path = self.state / "staging" / run_id
        path.mkdir(parents=True, exist_ok=False)
        return Staging(run_id, path)

    def write_table(self, staging: Staging, name: str, table: pa.Table, partition_by: str | None = None) -> Path:
        """Write one table into staging as Parquet (hive partitions when `partition_by` is given)."""
        target = staging.table_path(name)
        target.mkdir(parents=True, exist_ok=True)
        if partition_by and table.num_rows:
            part_schema = pa.schema([table.schema.field(partition_by)])
            pads.write_dataset(table, target, format="parquet", partitioning=pads.partitioning(part_schema,
                               flavor="hive"), basename_template="part-{i}.parquet", use_threads=False,
                               existing_data_behavior="error")
        else:
            pq.write_table(table, target / "part-0.parquet")
        return target

    def write_sorted(self, staging: Staging, name: str, parts: list[Path], order_by: tuple[str, ...],
                     tmp_dir: Path) -> int:
        """Concatenate Parquet parts of one table into staging, sorted by `order_by` (ties keep part order, then
        row order), streamed through DuckDB; returns the number of rows."""
        from transforms.merge import _files, duckdb_connection, write_query  # noqa: PLC0415

        target = staging.table_path(name)
        target.mkdir(parents=True, exist_ok=True)
        schema = arrow_schema(name)
        con = duckdb_connection(tmp_dir)
        try:
            cols = ", ".join(f.name for f in schema)
            return write_query(con, f"select {cols} from read_parquet({_files(parts)}, filename=true, "
                                    f"file_row_number=true, union_by_name=true) order by "
                                    f"{', '.join(order_by)}, filename, file_row_number",
                               target / "part-0.parquet", schema)
        finally:
            con.close()

    def write_json(self, staging: Staging, name: str, payload: dict) -> Path:
        target = staging.path / name
        target.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
        return target

    def commit(self, staging: Staging) -> Path:
        """Make the staged run the published dataset (see module docstring for why this is kill-safe)."""
        versions = self.state / "versions"
        versions.mkdir(parents=True, exist_ok=True)
        version = versions / staging.run_id
        os.replace(staging.path, version)
        tmp = self.state / "CURRENT.tmp"
        tmp.write_text(staging.run_id, encoding="utf-8")
        os.replace(tmp, self.state / "CURRENT")  # the commit point
        self._link(version)
        self._prune(keep=version)
        return version

    # -- internals -----------------------------------------------------------------------------------------
    def _check_owned(self) -> None:
        for name in PUBLISHED:
            p = self.out / name
            if p.exists() and not p.is_symlink():
                raise PublicationError(f"{p} exists and was not written by newsevents; choose another --out "
                                       "folder or remove it")

    def _link(self, version: Path) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        for name in PUBLISHED:
            if not (version / name).exists():
                continue
            link = self.out / name
            tmp = self.out / f".{name}.link"
            if tmp.is_symlink() or tmp.exists():
                tmp.unlink()
            tmp.symlink_to(os.path.relpath(version / name, self.out))
            os.replace(tmp, link)

    def _prune(self, keep: Path) -> None:
        """Keep the newest versions (readers may still hold the previous one open)."""
        versions = sorted((p for p in (self.state / "versions").iterdir() if p.is_dir()),
                          key=lambda p: p.stat().st_mtime)
        for old in versions[:-KEEP_VERSIONS]:
            if old != keep:
                shutil.rmtree(old, ignore_errors=True)
