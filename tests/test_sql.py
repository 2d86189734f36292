"""`newsevents sql`: DuckDB over the output tables as views; the README's analyst questions run as written."""
from __future__ import annotations

import csv
import io
import re
import shlex
from pathlib import Path

import pyarrow.dataset as pads

from newsevents.sql import VIEWS, connect, query
from schemas.tables import column_names
from test_types import cli, sample_output  # noqa: F401 - the session's real run (fixture)

ROOT = Path(__file__).resolve().parent.parent


def readme_queries() -> list[str]:
    """The `newsevents sql "..."` commands of the README's "Quick query" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Quick query\n", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^newsevents sql .*?(?=^\S|\Z)", section.split("```sh", 1)[1].split("```")[0],
                          re.M | re.S)
    return [" ".join(c.replace("\\\n", " ").split()) for c in commands]


def test_views_of_an_empty_folder_have_the_declared_columns(tmp_path: Path) -> None:
    con = connect(tmp_path)
    for view in ("events", "mentions", "documents", "quarantine"):
        assert con.execute(f"select count(*) from {view}").fetchone() == (0,)
        assert [r[0] for r in con.execute(f"describe {view}").fetchall()] == column_names(view)
    assert set(VIEWS) >= {"events", "mentions", "documents", "quarantine"}


def test_counts_match_the_files(sample_output: Path) -> None:  # noqa: F811
    for view in ("events", "mentions", "documents", "quarantine"):
        n = pads.dataset(sample_output / view, format="parquet", partitioning="hive").count_rows()
        assert query(sample_output, f"select count(*) as n from {view}").column("n").to_pylist() == [n]
    joined = query(sample_output, "select count(*) as n from events e join mentions m using (event_id)")
    assert joined.column("n")[0].as_py() >= query(sample_output, "select count(*) as n from events")["n"][0].as_py()


def test_cli_prints_a_table(env: dict[str, str], sample_output: Path) -> None:  # noqa: F811
    r = cli(env, "sql", "select event_type, count(*) as n from events group by 1 order by 2 desc",
            "--out", str(sample_output))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert re.match(r"event_type\s+\| n$", lines[0]) and set(lines[1]) <= {"-", "+"}
    assert "Strategic developments" in r.stdout and re.search(r"\(\d+ rows?\)$", lines[-1])


def test_cli_csv_format(env: dict[str, str], sample_output: Path) -> None:  # noqa: F811
    r = cli(env, "sql", "select event_id, event_date from events order by 1", "--out", str(sample_output),
            "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["event_id", "event_date"] and len(rows) > 1
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for _, d in rows[1:])


def test_bad_sql_is_a_one_line_error(env: dict[str, str], sample_output: Path) -> None:  # noqa: F811
    r = cli(env, "sql", "select no_such_column from events", "--out", str(sample_output))
    assert r.returncode == 1 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "query failed" in r.stderr


def test_readme_questions_run_and_answer(env: dict[str, str], sample_output: Path) -> None:  # noqa: F811
    commands = readme_queries()
    assert len(commands) >= 3
    for command in commands:
        args = shlex.split(command)[1:] + ["--out", str(sample_output)]
        r = cli(env, *args)
        assert r.returncode == 0, f"{command}: {r.stderr}"
        assert re.search(r"\((\d+) rows?\)$", r.stdout.strip()), command
        assert "(0 rows)" not in r.stdout, command
