"""ACLED's export format: its columns, in the order an ACLED download has them.

Which of our columns fills each one is stated on the column itself (`Field.acled` in `schemas.tables`); this
module only states ACLED's side: the names and their order, and what they mean where we have no counterpart.
"""
from __future__ import annotations

# The columns of an ACLED data export, in order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# ACLED columns no newsevents column maps to, and what the export writes in them.
UNMAPPED: dict[str, str] = {
    "admin3": "empty: the gazetteer stops at admin2",
    "source_scale": "empty: outlets are not classified by scale",
    "tags": "empty",
    "timestamp": "Unix time (seconds) of the run that last added or updated the event (from changes/)",
}
