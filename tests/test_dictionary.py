"""The data dictionary is generated from schemas/ and current; the files carry descriptions and schema_version."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from schemas.acled import ACLED_COLUMNS, UNMAPPED
from schemas.dictionary import PAGE, TABLE_NOTES, render
from schemas.tables import SCHEMA_VERSION, TABLES
from test_types import sample_output  # noqa: F401 - the session's real run (fixture)

ROOT = Path(__file__).resolve().parent.parent


def test_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), (
        "docs/data-dictionary.md is stale: run `python -m schemas.dictionary` and commit it")


def test_check_mode_exits_zero_when_current() -> None:
    r = subprocess.run([sys.executable, "-m", "schemas.dictionary", "--check"], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_every_column_of_every_table_is_on_the_page() -> None:
    page = render()
    assert set(TABLE_NOTES) == set(TABLES)
    for table, fields in TABLES.items():
        section = page.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
        for f in fields:
            assert f.description.strip(), f"{table}.{f.name} has no description"
            row = next((line for line in section.splitlines() if line.startswith(f"| `{f.name}` |")), None)
            assert row is not None, f"{table}.{f.name} missing from the page"
            if f.acled:
                assert row.rstrip().endswith(f"`{f.acled}` |"), row


def test_acled_mapping_is_complete_and_consistent() -> None:
    mapped = [f.acled for f in TABLES["events"] if f.acled]
    assert len(mapped) == len(set(mapped))
    assert set(mapped) <= set(ACLED_COLUMNS)
    assert set(ACLED_COLUMNS) == set(mapped) | set(UNMAPPED)
    events = {f.name: f.acled for f in TABLES["events"]}
    for table in ("quarantine", "candidates"):
        for f in TABLES[table]:
            if f.name in events:
                assert f.acled == events[f.name], f"{table}.{f.name}"


def test_changelog_notes_the_current_schema_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^### Schema {re.escape(SCHEMA_VERSION)}\b|^## Schema {re.escape(SCHEMA_VERSION)}\b",
                     changelog, re.M), f"CHANGELOG.md does not mention schema {SCHEMA_VERSION}"
    assert f"**{SCHEMA_VERSION}**" in render()


def test_every_parquet_file_carries_descriptions_and_schema_version(sample_output: Path) -> None:  # noqa: F811
    seen = 0
    for table in ("events", "mentions", "documents", "quarantine", "changes", "interactions"):
        declared = {f.name: f for f in TABLES[table]}
        for path in (sample_output / table).rglob("*.parquet"):
            schema = pq.read_schema(path)
            assert schema.metadata[b"schema_version"] == SCHEMA_VERSION.encode(), path
            assert schema.metadata[b"table"] == table.encode(), path
            for name in schema.names:
                meta = schema.field(name).metadata or {}
                assert meta.get(b"description") == declared[name].description.encode(), f"{table}.{name}"
                if declared[name].acled:
                    assert meta.get(b"acled_column") == declared[name].acled.encode(), f"{table}.{name}"
            seen += 1
    assert seen >= 6
