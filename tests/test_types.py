"""Clean types for consumers: a real run's output read with pyarrow.dataset, pandas (pyarrow dtypes) and DuckDB
gives the types the data dictionary documents (schemas/dictionary.py), with nulls rather than "nan" strings.

`sample_output` (one CLI run on data/sample per test session, shared by the consumer tests: test_dictionary,
test_export, test_report, test_sql) lives here.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from newsevents.sql import connect
from schemas.dictionary import PARTITION_TYPES, arrow_type_name, duckdb_type, pandas_dtype
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ("events", "mentions", "documents", "quarantine", "changes", "interactions")
NAN_LIKE = {"nan", "NaN", "None", "none", "null", "NULL", "NaT", "<NA>"}


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def sample_output(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run of the CLI on data/sample, made once per session whichever consumer test module asks first."""
    out = tmp_path_factory.getbasetemp() / "consumer-sample-run" / "out"
    if not (out / "run_summary.json").exists():
        r = cli(env, "run", str(ROOT / "data" / "sample"), "--out", str(out))
        assert r.returncode == 0, r.stderr[-3000:]
    return out


def _glob(out: Path, table: str) -> str:
    return f"{out}/{table}/**/*.parquet"


@pytest.mark.parametrize("table", PUBLISHED)
def test_pyarrow_dataset_types(sample_output: Path, table: str) -> None:
    schema = pads.dataset(sample_output / table, format="parquet", partitioning="hive").schema
    for f in TABLES[table]:
        expected = PARTITION_TYPES.get(f"{table}.{f.name}", {}).get("pyarrow.dataset") or arrow_type_name(f.type)
        assert arrow_type_name(schema.field(f.name).type) == expected, f"{table}.{f.name}"
    assert schema.names == [f.name for f in TABLES[table] if f"{table}.{f.name}" not in PARTITION_TYPES] + [
        n.split(".")[1] for n in PARTITION_TYPES if n.startswith(f"{table}.")]


@pytest.mark.parametrize("table", PUBLISHED)
def test_pandas_pyarrow_dtypes(sample_output: Path, table: str) -> None:
    df = pd.read_parquet(sample_output / table, dtype_backend="pyarrow")
    for f in TABLES[table]:
        expected = PARTITION_TYPES.get(f"{table}.{f.name}", {}).get("pandas") or pandas_dtype(f.type)
        assert str(df[f.name].dtype) == expected, f"{table}.{f.name}"


@pytest.mark.parametrize("table", PUBLISHED)
def test_duckdb_types(sample_output: Path, table: str) -> None:
    rows = duckdb.sql(f"describe select * from read_parquet('{_glob(sample_output, table)}', "
                      "hive_partitioning=true)").fetchall()
    got = {name: typ for name, typ, *_ in rows}
    for f in TABLES[table]:
        expected = PARTITION_TYPES.get(f"{table}.{f.name}", {}).get("duckdb") or duckdb_type(f.type)
        assert got[f.name] == expected, f"{table}.{f.name}"


def test_sql_views_give_the_partition_key_its_declared_type(sample_output: Path) -> None:
    con = connect(sample_output)
    got = {name: typ for name, typ, *_ in con.execute("describe events").fetchall()}
    assert got["year"] == PARTITION_TYPES["events.year"]["newsevents sql"]
    assert got["event_date"] == "DATE" and got["time_precision"] == "TINYINT" and got["iso"] == "SMALLINT"


@pytest.mark.parametrize("table", PUBLISHED)
def test_no_nan_strings_and_no_mixed_types(sample_output: Path, table: str) -> None:
    data = pads.dataset(sample_output / table, format="parquet", partitioning="hive").to_table()
    for f in TABLES[table]:
        col = data.column(f.name)
        if pa.types.is_string(f.type) or (pa.types.is_list(f.type) and pa.types.is_string(f.type.value_type)):
            values = col.to_pylist()
            flat = [v for x in values for v in (x if isinstance(x, list) else [x]) if v is not None]
            allowed = set(f.values or ())
            bad = {v for v in flat if v.strip() in NAN_LIKE and v not in allowed}
            assert not bad, f"{table}.{f.name} holds {bad}"
            if table != "interactions":  # see the report to the lead: interactions.verb can be ""
                assert all(v.strip() for v in flat), f"{table}.{f.name} holds empty strings"
    # numpy-backed pandas too: object columns hold one Python type (plus None)
    df = pd.read_parquet(sample_output / table)
    for name in df.columns:
        if df[name].dtype == object:
            kinds = {type(v).__name__ for v in df[name].dropna()}
            assert len(kinds) <= 1, f"{table}.{name} mixes {kinds}"


def test_dates_are_dates_codes_small_and_vocabularies_dictionary_encoded(sample_output: Path) -> None:
    events = pads.dataset(sample_output / "events", format="parquet", partitioning="hive").to_table()
    assert events.num_rows > 0
    assert events.schema.field("event_date").type == pa.date32()
    assert events.schema.field("published_at").type == pa.date32()
    for code in ("time_precision", "geo_precision"):
        assert events.schema.field(code).type == pa.int8()
    assert events.schema.field("iso").type == pa.int16()
    # closed-vocabulary strings are dictionary-encoded in the files
    vocab = [f.name for f in TABLES["events"] if f.values is not None and pa.types.is_string(f.type)]
    for path in (sample_output / "events").rglob("*.parquet"):
        meta = pq.ParquetFile(path).metadata
        names = [meta.schema.column(i).name for i in range(meta.num_columns)]
        for name in vocab:
            chunk = meta.row_group(0).column(names.index(name))
            assert any("DICTIONARY" in e for e in chunk.encodings), f"{name}: {chunk.encodings}"
    lists = pads.dataset(sample_output / "interactions", format="parquet").schema
    assert pa.types.is_list(lists.field("source_actors").type)
