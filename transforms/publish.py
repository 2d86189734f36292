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


class CorruptOutputError(PublicationError):
    """The published version in the output folder cannot be read back (a truncated or overwritten file)."""


def _corrupt(out: Path, what: str, err: BaseException | str) -> CorruptOutputError:
    detail = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
    return CorruptOutputError(f"the published dataset in {out} is corrupted ({what}: {detail}); run again with "
                              "--full-refresh to rebuild it from the given inputs")


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
        try:
            run_id = marker.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as err:
            raise _corrupt(self.out, f"{marker} unreadable", err) from err
        version = self.state / "versions" / run_id
        if not run_id or "/" in run_id or run_id.startswith(".") or not version.is_dir():
            raise _corrupt(self.out, f"{marker} names version {run_id[:80]!r}", "no such version")
        return version

    def read_table(self, name: str) -> pa.Table | None:
        """A table of the current version with its declared schema, or None before the first run."""
        version = self.current_version()
        if version is None or not (version / name).exists():
            return None
        schema = arrow_schema(name)
        try:
            data = pads.dataset(version / name, format="parquet", partitioning="hive").to_table()
            cols = [data.column(f.name).cast(f.type) if f.name in data.column_names
                    else pa.nulls(data.num_rows, f.type) for f in schema]
            return pa.Table.from_arrays(cols, schema=schema)
        except (pa.ArrowException, OSError, ValueError) as err:
            raise _corrupt(self.out, f"table {name}", err) from err

    def schema_version(self) -> str | None:
        """The schema version the current version was written with (None before the first run)."""
        version = self.current_version()
        summary = version / "run_summary.json" if version else None
        if summary is None or not summary.exists():
            return None
        try:
            return json.loads(summary.read_text(encoding="utf-8")).get("versions", {}).get("schema_version")
        except (OSError, ValueError, AttributeError) as err:
            raise _corrupt(self.out, "run_summary.json", err) from err

    def verify(self) -> None:
        """Raise CorruptOutputError when a file of the current version cannot be read back: every Parquet
        file's footer and the run summary are checked (cheap: no data pages are read)."""
        version = self.current_version()
        if version is None:
            return
        self.schema_version()
        for name in PUBLISHED + ("candidates",):
            if not (version / name).is_dir():
                continue
            for f in sorted((version / name).rglob("*.parquet")):
                try:
                    pq.read_metadata(f)
                except (pa.ArrowException, OSError) as err:
                    raise _corrupt(self.out, f"{f.relative_to(version)}", err) from err

    def set_aside_current(self) -> None:
        """Stop treating the current version as the state to build on (its CURRENT marker is kept as
        CURRENT.corrupt); the public names keep pointing at it until this run commits."""
        marker = self.state / "CURRENT"
        if marker.exists():
            os.replace(marker, self.state / "CURRENT.corrupt")

    # -- writing -------------------------------------------------------------------------------------------
    def recover(self, discard_corrupt: bool = False) -> None:
        """Finish or undo whatever a killed run left: drop staging, re-point links at CURRENT.

        A current version that cannot be read back raises CorruptOutputError, or with `discard_corrupt`
        (--full-refresh) is set aside so this run publishes from scratch."""
        self._check_owned()
        shutil.rmtree(self.state / "staging", ignore_errors=True)
        try:
            self.verify()
        except CorruptOutputError:
            if not discard_corrupt:
                raise
            self.set_aside_current()
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
