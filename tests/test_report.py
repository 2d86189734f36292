"""`newsevents report`: a self-contained page, checked as HTML and rendered in a real headless Chromium.

The browser test is skipped only when Chromium is missing *and* this is not CI (CI=true must run it; .ci/run
installs Debian's `chromium`). Its screenshot is kept as an artifact: the path is printed.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pyarrow.dataset as pads
import pytest

from newsevents.report import Data, countries, render, write_report
from test_types import cli, sample_output  # noqa: F401 - the session's real run (fixture)

ROOT = Path(__file__).resolve().parent.parent
CHARTS = ("timeline", "map", "actors", "pairs", "sources", "quarantine-reasons")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(env: dict[str, str], sample_output: Path) -> Path:  # noqa: F811
    r = cli(env, "report", str(sample_output))
    assert r.returncode == 0, r.stderr
    page = sample_output / "report.html"
    assert r.stdout.strip() == str(page)
    return page


def _events(out: Path) -> list[dict]:
    return pads.dataset(out / "events", format="parquet", partitioning="hive").to_table().to_pylist()


def test_page_is_self_contained(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|img|iframe|link|source|video|audio)\b[^>]*\b(src|href)=["']?(https?:)?//""",
                         page, re.I), "the page loads something from elsewhere"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", page, re.I)
    assert "<script src" not in page and 'rel="stylesheet"' not in page


def test_page_has_every_chart_and_links_events_to_evidence(report: Path, sample_output: Path) -> None:  # noqa: F811
    page = report.read_text(encoding="utf-8")
    for chart in CHARTS:
        assert f'<svg id="{chart}" class="chart"' in page, chart
    events = _events(sample_output)
    located = [e for e in events if e["latitude"] is not None]
    assert page.count('<circle class="event"') == len(located) > 0
    assert page.count('class="country') > 20  # outlines around the events
    mentions = pads.dataset(sample_output / "mentions", format="parquet").to_table().to_pylist()
    for e in events:
        eid = e["event_id"]
        assert f'<tr id="ev-{eid}">' in page and f'href="#m-{eid}"' in page and f'<dt id="m-{eid}">' in page
        evidence = page.split(f'<dt id="m-{eid}">', 1)[1].split("<dt ", 1)[0]
        for m in (m for m in mentions if m["event_id"] == eid):
            plain = re.sub(r"</?mark>", "", evidence)
            assert html.escape(m["sentence"].strip()) in plain, m["sentence"]


def test_empty_dataset_still_renders(tmp_path: Path) -> None:
    page = render(Data(tmp_path, [], [], [], [], {}))
    assert "No events to chart." in page and '<svg id="map" class="chart"' in page
    assert page.count('class="country') > 100  # the whole world


def test_country_outlines_carry_iso_codes() -> None:
    shapes = {iso: name for iso, name, _ in countries()}
    assert shapes[760] == "Syria" and shapes[368] == "Iraq" and len(shapes) > 150


def _chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    profile = cwd / "chromium-profile"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={profile}", "--disable-background-networking", "--disable-component-update",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=5000"]
    return subprocess.run([CHROMIUM, *flags, *args], cwd=cwd, capture_output=True, text=True, timeout=180)


@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true",
                    reason="chromium is not installed (apt-get install chromium); CI installs it and runs this")
def test_renders_in_headless_chromium(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert CHROMIUM, "chromium must be installed in CI (.ci/run installs it)"
    url = report.resolve().as_uri()
    dom = _chromium("--dump-dom", url, cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, "console messages:\n" + "\n".join(console)
    root = re.search(r"<html[^>]*>", dom.stdout).group(0)
    assert "data-errors" not in root, root
    n = len(CHARTS)
    assert f'data-charts-drawn="{n}/{n}"' in root, root  # every chart laid out with a non-empty size
    for chart in CHARTS:
        tag = re.search(rf'<svg id="{chart}"[^>]*>', dom.stdout).group(0)
        assert 'data-drawn="yes"' in tag, tag

    shot = tmp_path / "report.png"
    r = _chromium("--hide-scrollbars", "--window-size=1280,2200", f"--screenshot={shot}", url, cwd=tmp_path)
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 30_000  # a drawn page, not a blank one
    artifacts = ROOT / "output" / "test-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    kept = artifacts / f"report-{dt.datetime.now():%Y%m%dT%H%M%S}.png"
    shutil.copy(shot, kept)
    with capsys.disabled():
        print(f"\nreport screenshot: {kept} (also {shot})")


def test_write_report_replaces_the_page(sample_output: Path, tmp_path: Path) -> None:  # noqa: F811
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    assert write_report(sample_output, target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.tmp"))
