"""Extraction on a local Dask cluster of 2 workers (prefect-dask's DaskTaskRunner) publishes exactly the events,
mentions and documents of a run on this machine's process pool."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as pads
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


def content(out: Path, name: str) -> list[dict]:
    rows = pads.dataset(out / name, format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(rows, key=lambda r: sorted((k, str(v)) for k, v in r.items()))


def run(env: dict[str, str], out: Path, *extra: str) -> None:
    r = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(SAMPLE), "--out", str(out), *extra],
                       env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]


def test_local_dask_cluster_gives_the_same_output(env: dict[str, str], tmp_path: Path) -> None:
    pytest.importorskip("prefect_dask")
    run(env, tmp_path / "local", "--workers", "2")
    run(env, tmp_path / "dask", "--dask-local", "2")
    for name in ("events", "mentions", "documents", "quarantine", "interactions"):
        local, dask = content(tmp_path / "local", name), content(tmp_path / "dask", name)
        if name == "documents":  # the run id differs between two runs; everything else must not
            local = [{k: v for k, v in r.items() if k != "run_id"} for r in local]
            dask = [{k: v for k, v in r.items() if k != "run_id"} for r in dask]
        assert local == dask, name
    assert content(tmp_path / "local", "events")
