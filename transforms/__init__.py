"""Pure functions from raw articles to event rows: no Prefect, no I/O beyond reading packaged data files."""
