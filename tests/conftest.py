"""Shared fixtures: the real spaCy pipeline, loaded once per test session; an isolated Prefect home."""
from __future__ import annotations

import os

import pytest
from spacy.language import Language

from transforms.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("prefect-home")
    e = dict(os.environ)
    e.update(PREFECT_HOME=str(home), PREFECT_RESULTS_LOCAL_STORAGE_PATH=str(home / "results"),
             PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
             PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120")
    return e
