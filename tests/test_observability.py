"""Failure handling and observability, end to end with the real spaCy pipeline, Prefect engine and GX suite.

Faults are injected by a small driver script that patches one project function in the run's own process (the
extraction of one article raises; the merged events get a duplicated row) and then calls the CLI's `main`; runs use
`--workers 1`, so extraction happens in that process. Alerts go to an HTTP server on 127.0.0.1 in this test
process (no other network).
"""
from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
POISON = "POISONED ARTICLE"

DRIVER = textwrap.dedent('''
    import sys
    from newsevents.cli import _quiet_prefect_defaults
    _quiet_prefect_defaults()  # as the CLI does before Prefect is imported (the patches below import it)
    fault = sys.argv[1]
    if fault == "article":  # extraction of one article raises (e.g. a bug a strange text triggers)
        import transforms.extract as extract
        real = extract.extract_document
        def extract_document(doc, article, *a, **k):
            if "POISONED ARTICLE" in article.text:
                raise RuntimeError("injected fault")
            return real(doc, article, *a, **k)
        extract.extract_document = extract_document
    elif fault == "table":  # the merged events table gets a duplicated row: a table-level validation failure
        import pyarrow as pa, pyarrow.parquet as pq
        import flows.build_event_dataset as f
        real_merge = f.merge_parquet
        def merge_parquet(files, docs, events_out, *a, **k):
            counts = real_merge(files, docs, events_out, *a, **k)
            t = pq.read_table(events_out)
            pq.write_table(pa.concat_tables([t, t.slice(0, 1)]), events_out)
            return counts
        f.merge_parquet = merge_parquet
    from newsevents.cli import main
    sys.exit(main(sys.argv[2:]))
''')


class Hook(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def webhook() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/alerts"
    finally:
        server.shutdown()
        server.server_close()


def drive(env: dict[str, str], fault: str, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DRIVER, fault, *args], env={**env, **extra_env}, cwd=ROOT,
                          capture_output=True, text=True, timeout=900)


def table(out: Path, name: str):  # noqa: ANN201 - a DataFrame
    return duckdb.sql(f"select * from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true, "
                      "union_by_name=true)").df()


@pytest.fixture(scope="module")
def poisoned_run(env: dict[str, str], webhook: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plus one article whose extraction raises; a quarantine threshold the sample exceeds."""
    base = tmp_path_factory.mktemp("poisoned")
    inputs, out = base / "in", base / "out"
    shutil.copytree(SAMPLE, inputs)
    (inputs / "poison.txt").write_text(f"{POISON}\n\nRebels attacked an army post in Idlib, Syria, on Monday, "
                                       "killing three soldiers.", encoding="utf-8")
    Hook.received.clear()
    r = drive(env, "article", "run", str(inputs), "--out", str(out), "--workers", "1",
              NEWSEVENTS_ALERT_WEBHOOK_URL=webhook, NEWSEVENTS_QUARANTINE_ALERT_THRESHOLD="0.05")
    assert r.returncode == 0, r.stderr[-3000:]
    return out


def test_failed_extraction_is_recorded_and_the_run_publishes(poisoned_run: Path) -> None:
    docs = table(poisoned_run, "documents").set_index("input_id")
    assert docs.loc["poison.txt", "status"] == "extraction_failed"
    assert "RuntimeError: injected fault" in docs.loc["poison.txt", "reason"]
    assert (docs.drop(index="poison.txt")["status"] == "ok").all()
    assert len(table(poisoned_run, "events")) >= 3  # the other articles' events are published
    summary = json.loads((poisoned_run / "run_summary.json").read_text())
    assert summary["documents"] == {"extraction_failed": 1, "ok": 5}
    assert summary["extraction_failures"][0]["input_id"] == "poison.txt"
    assert summary["versions"]["extractor"]
    # the counts the artifacts show
    assert sum(summary["events_by_type"].values()) == summary["counts"]["events"]
    assert summary["quarantined_by_expectation"]
    assert 0 < summary["quarantine_rate"] < 1
    assert summary["data_docs"] == str(poisoned_run / "data_docs" / "index.html")  # the published link
    assert Path(summary["data_docs"]).exists()
    assert not (poisoned_run / ".newsevents" / "cache").exists()  # published: the extraction cache is emptied


def test_quarantine_rate_above_threshold_posts_an_alert(poisoned_run: Path) -> None:
    alerts = [a for a in Hook.received if a["kind"] == "quarantine_rate"]
    assert len(alerts) == 1, Hook.received
    assert alerts[0]["threshold"] == 0.05 and alerts[0]["quarantine_rate"] > 0.05
    assert alerts[0]["out"] == str(poisoned_run) and "quarantined" in alerts[0]["text"]


def test_next_run_extracts_the_failed_article_again(env: dict[str, str], poisoned_run: Path,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(poisoned_run, out, symlinks=True)
    inputs = poisoned_run.parent / "in"
    r = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(inputs), "--out", str(out),
                        "--workers", "1"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    summary = json.loads((out / "run_summary.json").read_text())
    assert (summary["extracted"], summary["unchanged"]) == (1, 5)
    assert table(out, "documents").set_index("input_id").loc["poison.txt", "status"] == "ok"


def test_table_level_failure_names_the_expectation_keeps_previous_dataset_and_alerts(
        env: dict[str, str], webhook: str, poisoned_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(poisoned_run, out, symlinks=True)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.parquet") if ".newsevents" not in p.parts}
    Hook.received.clear()
    r = drive(env, "table", "run", str(SAMPLE), "--out", str(out), "--workers", "1",
              NEWSEVENTS_ALERT_WEBHOOK_URL=webhook)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsevents: error: validation failed at table level")
    assert "expect_column_values_to_be_unique(event_id)" in lines[0]
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.parquet") if ".newsevents" not in p.parts}
    assert after == before  # readers still see the previous dataset
    failed = [a for a in Hook.received if a["kind"] == "run_failed"]
    assert failed and "expect_column_values_to_be_unique(event_id)" in failed[0]["message"]


def test_batch_cache_key_follows_content_and_extractor_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.build_event_dataset import batch_key
    from transforms import extract
    from transforms.ingest import Article

    batch = [Article("a.txt", "a.txt", "Rebels attacked an army post.", source="Wire")]
    key = batch_key(batch, "m")
    assert batch_key(list(batch), "m") == key
    assert batch_key([Article("a.txt", "a.txt", "Rebels attacked a police post.", source="Wire")], "m") != key
    assert batch_key([Article("a.txt", "a.txt", "Rebels attacked an army post.", source="Other")], "m") != key
    assert batch_key(batch, "other-model") != key
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", "next")
    assert batch_key(batch, "m") != key


def test_alert_webhook_failure_does_not_raise(webhook: str) -> None:
    from flows.alerts import send_alert
    from newsevents.settings import Settings

    Hook.received.clear()
    payload = send_alert("run_failed", "test", {"x": 1}, Settings(alert_webhook_url=webhook))
    assert Hook.received == [payload]
    send_alert("run_failed", "unreachable", {}, Settings(alert_webhook_url="http://127.0.0.1:9/none",
                                                         alert_timeout_s=2))
