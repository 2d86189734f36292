"""The GX suite built from schemas/: bad rows go to quarantine by name, bad tables stop publication."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from schemas.tables import build_table
from transforms.quality import validate_events
from test_merge import report
from transforms.merge import merge_events


def _events(*reports: dict):
    events, _ = merge_events(list(reports))
    return build_table("events", events, relaxed=True)


def test_rows_failing_checks_are_quarantined_with_the_expectation_names(tmp_path: Path) -> None:
    good = report()
    undated = report(doc_id="d2", event_date=None, time_precision=None, year=None)
    future = report(doc_id="d3", event_date=date(2015, 10, 20), location="Basra")
    outcome = validate_events(_events(good, undated, future), tmp_path / "docs")
    assert outcome.publishable
    assert outcome.valid.num_rows == 1
    reasons = sorted(outcome.quarantine.column("failed_expectations").to_pylist())
    assert reasons[0] == ("expect_column_pair_values_a_to_be_greater_than_b(published_at/event_date)")
    assert "expect_column_values_to_not_be_null(event_date)" in reasons[1]
    assert (tmp_path / "docs" / "index.html").exists()


def test_duplicate_event_ids_fail_the_table(tmp_path: Path) -> None:
    table = _events(report())
    import pyarrow as pa

    doubled = pa.concat_tables([table, table])
    outcome = validate_events(doubled, None)
    assert not outcome.publishable
    assert any("expect_column_values_to_be_unique(event_id)" in f for f in outcome.table_failures)
