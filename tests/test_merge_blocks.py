"""Blocked, streaming merge over Parquet gives exactly the events and mentions of the in-memory merge."""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from schemas.tables import build_table
from transforms.incremental import attribute_reports
from transforms.ingest import UNKNOWN_SOURCE
from transforms.merge import block_ids, merge_events, merge_parquet

from tests.test_merge import report

SUBS = [("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence")]
PLACES = [("Syria", "Aleppo", "Aleppo", 1), ("Syria", "Aleppo", "Aleppo", 3), ("Syria", "Idlib", "Idlib", 1),
          ("Iraq", "Baghdad", "Baghdad", 1), (None, None, None, None)]
ACTORS = ["Military Forces of Syria (2000-)", "Islamic State (Syria)", "Civilians (Syria)", None]


def random_reports(seed: int, n: int) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    reports = []
    for i in range(n):
        event_type, sub, disorder = rng.choice(SUBS)
        country, admin1, location, geo = rng.choice(PLACES)
        day = date(2016, 1, 20) + timedelta(days=rng.randrange(0, 70))
        precision = rng.choice([1, 1, 2, 3, None])
        dated = precision is not None
        a1, a2 = rng.choice(ACTORS), rng.choice(ACTORS)
        reports.append(report(
            doc_id=f"d{rng.randrange(40):02d}", char_start=rng.randrange(0, 2000, 10), trigger=rng.choice(["a", "b"]),
            event_type=event_type, sub_event_type=sub, disorder_type=disorder, country=country, admin1=admin1,
            location=location, geo_precision=geo, event_date=day if dated else None,
            time_precision=precision, year=day.year if dated else None, actor1=a1, actor2=a2,
            fatalities=rng.randrange(0, 5), confidence=round(rng.random(), 3),
            published_at=day + timedelta(days=rng.randrange(-5, 20)) if rng.random() < 0.9 else None,
            source=None))
    docs = []
    for k in range(40):
        for j in range(rng.choice([1, 1, 2])):
            docs.append({"doc_id": f"d{k:02d}", "input_id": f"in{k:02d}-{j}", "status": rng.choice(["ok"] * 5 + ["duplicate", "rejected"]),
                         "source": rng.choice(["AFP", "Reuters", None]), "published_at": date(2016, 3, 1)})
    return reports, docs


def test_blocks_never_split_compatible_reports() -> None:
    reports, _ = random_reports(1, 400)
    keys = [(r["doc_id"], r["sub_event_type"], r["country"], r["event_date"], r["time_precision"]) for r in reports]
    blocks = block_ids(keys)
    assert len(set(blocks)) > 3  # blocking actually splits the input
    from transforms.merge import compatible
    for i, a in enumerate(reports):
        for j, b in enumerate(reports):
            if compatible(a, b):
                assert blocks[i] == blocks[j]


def test_streaming_merge_equals_in_memory_merge(tmp_path: Path) -> None:
    for seed in range(4):
        reports, docs = random_reports(seed, 300)
        parts = []
        for k in range(3):  # several parts, as written by extraction batches
            p = tmp_path / f"batch-{seed}-{k}.parquet"
            pq.write_table(build_table("candidates", reports[k * 100:(k + 1) * 100]), p)
            parts.append(p)
        ordered = sorted(reports, key=lambda c: (c["doc_id"], c["char_start"], c["trigger"]))
        events, mentions = merge_events(attribute_reports(ordered, docs))
        ev_path, me_path = tmp_path / f"ev{seed}.parquet", tmp_path / f"me{seed}.parquet"
        merge_parquet(parts, build_table("documents", docs), ev_path, me_path, tmp_path / f"tmp{seed}",
                      UNKNOWN_SOURCE)
        assert pq.read_table(ev_path) .to_pylist() == build_table("events", events, relaxed=True).to_pylist()
        assert pq.read_table(me_path).to_pylist() == build_table("mentions", mentions).to_pylist()
