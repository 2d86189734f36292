"""Run parameters and settings: bad values are rejected before anything runs, naming the field; settings come from
one typed object (defaults < newsevents.toml < .env < environment < CLI options); the README's table is current."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from flows.parameters import RunParameters, describe_error
from newsevents.settings import Settings, settings_table

ROOT = Path(__file__).resolve().parent.parent


def cli(env: dict[str, str], *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], env={**env, **extra}, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_negative_batch_size_is_rejected_naming_it(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = cli(env, "run", "data/sample", "--batch-size", "-3", "--out", str(out))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "batch_size" in lines[0] and "-3" in lines[0], r.stderr
    assert lines[0].startswith("newsevents: error: invalid parameter batch_size")
    assert not out.exists()  # nothing ran


def test_bad_setting_in_the_environment_is_named(env: dict[str, str], tmp_path: Path) -> None:
    r = cli(env, "run", "data/sample", "--out", str(tmp_path / "out"), NEWSEVENTS_WORKERS="-1")
    assert r.returncode == 2 and "workers" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_run_parameters_validation_names_fields() -> None:
    with pytest.raises(ValidationError) as err:
        RunParameters(inputs=[], batch_size=0, min_english_ratio=2)
    message = describe_error(err.value)
    assert all(f in message for f in ("inputs", "batch_size", "min_english_ratio"))
    with pytest.raises(ValidationError, match="bogus"):
        RunParameters(inputs=["x"], bogus=1)  # a misspelt deployment parameter is an error, not ignored


def test_settings_from_toml_env_and_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for var in ("NEWSEVENTS_BATCH_SIZE", "NEWSEVENTS_WORKERS", "NEWSEVENTS_CONFIG", "NEWSEVENTS_OUT_DIR"):
        monkeypatch.delenv(var, raising=False)
    assert Settings().batch_size == 16
    (tmp_path / "newsevents.toml").write_text('batch_size = 8\nworkers = 1\nout_dir = "data/out"\n'
                                              'quarantine_alert_threshold = 0.2\n')
    s = Settings()
    assert (s.batch_size, s.workers, s.out_dir, s.quarantine_alert_threshold) == (8, 1, Path("data/out"), 0.2)
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "32")  # the environment wins over the file
    assert Settings().batch_size == 32
    p = RunParameters(inputs=["in"])  # run parameters left out come from the settings
    assert (p.batch_size, p.workers, p.out) == (32, 1, Path("data/out"))
    assert RunParameters(inputs=["in"], batch_size=3).batch_size == 3
    (tmp_path / "other.toml").write_text("batchsize = 8\n")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(tmp_path / "other.toml"))
    with pytest.raises(ValueError, match="unknown setting.*batchsize"):
        Settings()


def test_readme_settings_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert settings_table() in readme, "README's settings table is stale: python -m newsevents.settings"


def test_serve_without_a_server_says_what_to_start(env: dict[str, str], tmp_path: Path) -> None:
    e = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
    e["PREFECT_HOME"] = str(tmp_path / "home")  # a fresh home: no profile pointing at a server
    r = subprocess.run([sys.executable, "-m", "newsevents.cli", "serve", "data/sample", "--out", str(tmp_path / "o")],
                       env=e, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    assert "prefect server start" in r.stderr and "PREFECT_API_URL" in r.stderr
