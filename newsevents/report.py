"""`newsevents report`: one self-contained HTML page about an output folder (OUTPUT_DIR/report.html).

Everything is drawn here, in Python, as inline SVG: events over time by type, a map of event locations on
country outlines (Natural Earth 1:110m, shipped in `newsevents/assets/`), top actors and actor pairs, sources,
quarantine reasons, and tables of events whose rows link to their evidence sentences. The page loads nothing
from anywhere: no CDN, no tile server; its one small inline script filters the table and marks the charts as
drawn once the browser has laid them out (`data-drawn`), which the headless-browser test checks.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.export import read_table

ASSETS = Path(__file__).parent / "assets"
TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2471a3",
    "Riots": "#138d75",
    "Strategic developments": "#5d6d7e",
}
MAX_TABLE_ROWS = 2000  # events and quarantined rows listed (all are counted and charted)
E = html.escape


# -- data ---------------------------------------------------------------------------------------------------
@dataclass
class Data:
    out: Path
    events: list[dict]
    quarantine: list[dict]
    mentions: list[dict]
    documents: list[dict]
    summary: dict


def load(out: Path) -> Data:
    out = Path(out)
    if not (out / "events").exists():
        raise FileNotFoundError(f"no events/ in {out}: not a newsevents output folder (run `newsevents run` first)")
    summary_path = out / "run_summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}

    def rows(name: str) -> list[dict]:
        return read_table(out, name).to_pylist()

    events = sorted(rows("events"), key=lambda r: (r["event_date"], r["event_id"]))
    quarantine = sorted(rows("quarantine"), key=lambda r: (r["event_date"] or dt.date.min, r["event_id"] or ""))
    return Data(out, events, quarantine, rows("mentions"), rows("documents"), summary)


# -- the map's base layer -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def countries() -> list[tuple[int | None, str, list[list[tuple[float, float]]]]]:
    """(ISO numeric, name, rings of (lon, lat)) of every country outline, decoded from the TopoJSON asset."""
    topo = json.loads((ASSETS / "countries-110m.json").read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a[1:] if pts else a)
        # A ring that crosses the antimeridian jumps from +180 to -180: unwrap it (longitudes past 180 fall
        # outside the frame) rather than draw a line across the whole map.
        out = pts[:1]
        for lon, lat in pts[1:]:
            prev = out[-1][0]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
            out.append((lon, lat))
        return out

    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g.get("arcs", [])
        if g["type"] == "Polygon":
            polys = [polys]
        elif g["type"] != "MultiPolygon":
            continue
        rings = [ring(r) for poly in polys for r in poly]
        iso = int(g["id"]) if str(g.get("id", "")).isdigit() else None
        if iso == 10:  # Antarctica: a ring around the pole, no events, and it would fill the frame's bottom
            continue
        out.append((iso, g.get("properties", {}).get("name", ""), rings))
    return out


# -- SVG helpers --------------------------------------------------------------------------------------------
def _svg(chart_id: str, width: int, height: int, body: str, label: str) -> str:
    return (f'<svg id="{chart_id}" class="chart" role="img" aria-label="{E(label)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
            f'<g class="plot">{body}</g></svg>')


def _empty(chart_id: str, text: str, width: int = 640) -> str:
    return _svg(chart_id, width, 40, f'<text class="empty" x="4" y="24">{E(text)}</text>', text)


def hbar_chart(chart_id: str, items: list[tuple[str, int]], label: str, colour: str = "#2471a3",
               width: int = 640) -> str:
    """Horizontal bars, one per (name, count), largest first as given."""
    if not items:
        return _empty(chart_id, f"No {label.lower()}.", width)
    row, right = 22, 40
    left = min(320, 12 + 6.6 * max(min(len(n), 46) for n, _ in items))
    top = max(c for _, c in items)
    scale = (width - left - right) / top
    parts = []
    for i, (name, count) in enumerate(items):
        y = i * row
        w = max(1.0, count * scale)
        shown = name if len(name) <= 46 else name[:45] + "…"
        text = f'<text class="label" x="{left - 6:.0f}" y="{y + 15}" text-anchor="end">{E(shown)}</text>'
        parts.append(f'{text}<rect class="bar" x="{left:.0f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                     f'fill="{colour}"><title>{E(name)}: {count}</title></rect>'
                     f'<text class="value" x="{left + w + 4:.1f}" y="{y + 15}">{count}</text>')
    return _svg(chart_id, width, row * len(items) + 4, "".join(parts), label)


def _periods(dates: list[dt.date]) -> tuple[str, list[str]]:
    """Bins for the timeline: months when the events span up to four years, else years; gaps included."""
    lo, hi = min(dates), max(dates)
    if (hi.year - lo.year) * 12 + hi.month - lo.month < 48:
        keys, y, m = [], lo.year, lo.month
        while (y, m) <= (hi.year, hi.month):
            keys.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return "month", keys
    return "year", [str(y) for y in range(lo.year, hi.year + 1)]


def _nice_step(raw: float) -> int:
    """The smallest of 1, 2, 5 x 10^k (at least 1) not below `raw`: readable axis ticks."""
    if raw <= 1:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(int(m * power) for m in (1, 2, 5, 10) if m * power >= raw)


def timeline_chart(events: list[dict], width: int = 960, height: int = 260) -> str:
    """Events per month (or year) stacked by event type."""
    if not events:
        return _empty("timeline", "No events to chart.", width)
    unit, keys = _periods([e["event_date"] for e in events])
    key = (lambda d: f"{d.year:04d}-{d.month:02d}") if unit == "month" else (lambda d: str(d.year))
    counts: dict[str, Counter] = defaultdict(Counter)
    for e in events:
        counts[key(e["event_date"])][e["event_type"]] += 1
    types = [t for t in TYPE_COLOURS if any(c[t] for c in counts.values())]
    types += sorted({e["event_type"] for e in events} - set(types))
    left, bottom, top_pad = 40, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    top = max(sum(c.values()) for c in counts.values())
    step = plot_w / len(keys)
    bar_w = max(2.0, step * 0.8)
    parts = []
    step_y = _nice_step(top / 5)
    top = math.ceil(top / step_y) * step_y
    ticks = range(0, top + 1, step_y)
    for t in ticks:  # horizontal grid and y labels
        y = top_pad + plot_h - plot_h * t / top
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{t}</text>')
    label_every = max(1, math.ceil(len(keys) / 16))
    for i, k in enumerate(keys):
        x = left + i * step + (step - bar_w) / 2
        y = top_pad + plot_h
        for t in types:
            n = counts[k][t]
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect class="bar" data-type="{E(t)}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{TYPE_COLOURS.get(t, "#999")}"><title>{E(k)}: {n} {E(t)}'
                         f'</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text class="axis" x="{left + i * step + step / 2:.1f}" y="{height - bottom + 16}" '
                         f'text-anchor="middle">{E(k)}</text>')
    parts.append(f'<text class="axis" x="{left}" y="{height - 4}">events per {unit}</text>')
    return _svg("timeline", width, height, "".join(parts), f"Events per {unit} by event type")


def map_chart(events: list[dict], width: int = 960) -> str:
    """Event locations (circles, coloured by type, sized by fatalities) on country outlines; countries with
    events shaded. The view frames the events, with a margin; the whole world when there are none."""
    located = [e for e in events if e["latitude"] is not None and e["longitude"] is not None]
    if located:
        lons, lats = [e["longitude"] for e in located], [e["latitude"] for e in located]
        lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
        span_lon = max(lon1 - lon0, 24.0) * 1.3
        span_lat = max(lat1 - lat0, 14.0) * 1.3
        span_lon = max(span_lon, span_lat * 1.6)  # keep a landscape frame
        span_lat = max(span_lat, span_lon / 2.2)
        c_lon, c_lat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
        view = (max(-180.0, c_lon - span_lon / 2), min(180.0, c_lon + span_lon / 2),
                max(-85.0, c_lat - span_lat / 2), min(85.0, c_lat + span_lat / 2))
    else:
        view = (-180.0, 180.0, -60.0, 85.0)
    v_lon0, v_lon1, v_lat0, v_lat1 = view
    k = width / (v_lon1 - v_lon0)
    height = int(round((v_lat1 - v_lat0) * k))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - v_lon0) * k, (v_lat1 - lat) * k

    with_events = {e["iso"] for e in events if e["iso"] is not None}
    shapes = []
    for iso, name, rings in countries():
        # skip outlines wholly outside the frame (keeps the page small)
        if not any(v_lon0 - 5 <= lon <= v_lon1 + 5 and v_lat0 - 5 <= lat <= v_lat1 + 5
                   for r in rings for lon, lat in r):
            continue
        d = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in r)) + "Z"
                    for r in rings)
        cls = "country has-events" if iso in with_events else "country"
        shapes.append(f'<path class="{cls}" d="{d}"><title>{E(name)}</title></path>')
    dots = []
    for e in sorted(located, key=lambda e: -e["fatalities"]):  # small circles on top
        x, y = xy(e["longitude"], e["latitude"])
        r = 4 + 3 * math.log10(1 + e["fatalities"])
        tip = (f'{e["event_date"]} · {e["sub_event_type"]} · {e["actor1"]}'
               f'{" vs " + e["actor2"] if e["actor2"] else ""} · {e["location"] or ""}, {e["country"] or ""}'
               f' · {e["fatalities"]} killed')
        dots.append(f'<a href="#ev-{E(e["event_id"])}"><circle class="event" cx="{x:.1f}" cy="{y:.1f}" '
                    f'r="{r:.1f}" fill="{TYPE_COLOURS.get(e["event_type"], "#999")}">'
                    f'<title>{E(tip)}</title></circle></a>')
    body = (f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>' + "".join(shapes)
            + "".join(dots))
    label = f"Map of {len(located)} event locations"
    return _svg("map", width, height, body, label)


def legend() -> str:
    return '<p class="legend">' + "".join(
        f'<span><i style="background:{c}"></i>{E(t)}</span>' for t, c in TYPE_COLOURS.items()) + "</p>"


# -- aggregates ---------------------------------------------------------------------------------------------
def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def top_actors(events: list[dict], n: int = 12) -> list[tuple[str, int]]:
    """Events each actor takes part in (as actor1/actor2 or associated)."""
    c: Counter = Counter()
    for e in events:
        names = {e["actor1"], e["actor2"], *_split(e["assoc_actor_1"]), *_split(e["assoc_actor_2"])}
        c.update(a for a in names if a)
    return c.most_common(n)


def top_pairs(events: list[dict], n: int = 12) -> list[tuple[str, int]]:
    c = Counter(f'{e["actor1"]} — {e["actor2"] or "(no second actor)"}' for e in events)
    return c.most_common(n)


def top_sources(events: list[dict], n: int = 12) -> list[tuple[str, int]]:
    return Counter(s for e in events for s in _split(e["source"])).most_common(n)


_REASONS = (
    (re.compile(r"expect_column_values_to_not_be_null\((\w+)\)"), "{} missing"),
    (re.compile(r"expect_column_values_to_be_in_set\((\w+)\)"), "{} not in its vocabulary"),
    (re.compile(r"expect_column_values_to_be_between\((\w+)\)"), "{} out of range"),
    (re.compile(r"expect_column_pair_values_a_to_be_greater_than_b\((\w+)/(\w+)\)"), "{1} after {0}"),
)


def reason_label(expectation: str) -> str:
    """A failed expectation's name, said plainly ("event_date missing"); unknown names as they are."""
    for pattern, text in _REASONS:
        m = pattern.fullmatch(expectation)
        if m:
            return text.format(*m.groups())
    return expectation


def quarantine_reasons(quarantine: list[dict]) -> list[tuple[str, int]]:
    return Counter(reason_label(r) for q in quarantine for r in _split(q["failed_expectations"])).most_common()


# -- tables -------------------------------------------------------------------------------------------------
def _mark(sentence: str, trigger: str | None) -> str:
    """The sentence, escaped, with its trigger word highlighted."""
    i = sentence.lower().find(trigger.lower()) if trigger else -1
    if i < 0:
        return E(sentence)
    j = i + len(trigger)
    return E(sentence[:i]) + "<mark>" + E(sentence[i:j]) + "</mark>" + E(sentence[j:])


def _num(v: object, digits: int = 2) -> str:
    if v is None:
        return ""
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def events_table(rows: list[dict], table_id: str, reason: bool = False) -> str:
    if not rows:
        return '<p class="empty">None.</p>'
    head = ["date", "type", "sub-event type", "actor 1", "actor 2", "location", "country", "fatalities",
            "confidence", "source"] + (["failed checks"] if reason else []) + ["evidence"]
    out = [f'<table id="{table_id}" class="data"><thead><tr>'
           + "".join(f"<th>{E(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for r in rows[:MAX_TABLE_ROWS]:
        eid = r["event_id"] or ""
        cells = [_num(r["event_date"]), r["event_type"], r["sub_event_type"], r["actor1"], r["actor2"],
                 r["location"], r["country"], _num(r["fatalities"]), _num(r["confidence"]), r["source"]]
        tds = "".join(f"<td>{E(str(c)) if c is not None else ''}</td>" for c in cells)
        if reason:
            tds += "<td>" + "<br>".join(E(x) for x in _split(r["failed_expectations"])) + "</td>"
        tds += f'<td><a class="evidence" href="#m-{E(eid)}">evidence</a></td>'
        out.append(f'<tr id="ev-{E(eid)}">{tds}</tr>')
    out.append("</tbody></table>")
    if len(rows) > MAX_TABLE_ROWS:
        out.append(f'<p class="note">First {MAX_TABLE_ROWS} of {len(rows)} rows listed; query them all with '
                   "<code>newsevents sql</code>.</p>")
    return "".join(out)


def evidence_list(rows: list[dict], mentions: list[dict], documents: list[dict]) -> str:
    """Each listed event's evidence sentences (the mentions), anchored #m-EVENT_ID."""
    by_event: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        by_event[m["event_id"]].append(m)
    titles = {d["doc_id"]: d for d in documents}
    out = ['<dl class="evidence-list">']
    for r in rows[:MAX_TABLE_ROWS]:
        eid = r["event_id"] or ""
        out.append(f'<dt id="m-{E(eid)}"><a href="#ev-{E(eid)}">{E(_num(r["event_date"]))} · '
                   f'{E(r["sub_event_type"] or "")} · {E(r["actor1"] or "")}</a> <code>{E(eid)}</code></dt>')
        for m in sorted(by_event.get(eid, []), key=lambda m: (m["doc_id"], m["char_start"])):
            doc = titles.get(m["doc_id"], {})
            where = " · ".join(x for x in (m["source"] or doc.get("source"), doc.get("title"),
                                           _num(doc.get("published_at"))) if x)
            out.append(f'<dd><q>{_mark(m["sentence"].strip(), m["trigger"])}</q> <span class="where">'
                       f'{E(where)} · chars {m["char_start"]}–{m["char_end"]}</span></dd>')
    out.append("</dl>")
    return "".join(out)


def documents_table(documents: list[dict]) -> str:
    if not documents:
        return '<p class="empty">None.</p>'
    head = ["input", "title", "source", "published", "status", "events reported"]
    out = ['<table id="documents" class="data"><thead><tr>' + "".join(f"<th>{h}</th>" for h in head)
           + "</tr></thead><tbody>"]
    for d in sorted(documents, key=lambda d: d["input_id"])[:MAX_TABLE_ROWS]:
        title = E(d["title"] or "")
        if d["url"] and str(d["url"]).startswith(("http://", "https://")):
            title = f'<a href="{E(d["url"])}" rel="noreferrer">{title or E(d["url"])}</a>'
        status = d["status"] + (f' ({d["reason"]})' if d["reason"] else "")
        out.append(f'<tr><td>{E(d["input_id"])}</td><td>{title}</td><td>{E(d["source"] or "")}</td>'
                   f'<td>{E(_num(d["published_at"]))}</td><td>{E(status)}</td><td>{d["n_events"]}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


# -- the page -----------------------------------------------------------------------------------------------
CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;margin:0;color:#1c2833;
background:#f4f6f7}
header{background:#1c2833;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#d5dbdb}main{padding:8px 24px 40px;max-width:1400px}
section{background:#fff;border:1px solid #d5dbdb;border-radius:6px;padding:12px 16px;margin:14px 0}
h2{font-size:17px;margin:2px 0 10px}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #d5dbdb;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:24px}.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:14px}
.grid2 section{margin:0}svg.chart{max-width:100%;height:auto;display:block}#timeline,#map{width:100%}
svg text{font-size:12px;fill:#1c2833}svg .axis{fill:#566573;font-size:11px}svg .grid{stroke:#e5e8e8}
.sea{fill:#eaf2f8}.country{fill:#fdfefe;stroke:#aab7b8;stroke-width:.6}.country.has-events{fill:#fcf3cf}
.country:hover{fill:#f9e79f}circle.event{stroke:#fff;stroke-width:1;fill-opacity:.7}circle.event:hover{stroke:#000}
.legend span{margin-right:14px;white-space:nowrap}.legend i{display:inline-block;width:11px;height:11px;
margin-right:5px;border-radius:2px;vertical-align:-1px}
table.data{border-collapse:collapse;width:100%;font-size:13px}table.data th,table.data td{border-bottom:1px solid
#e5e8e8;padding:4px 6px;text-align:left;vertical-align:top}table.data th{background:#f4f6f7;position:sticky;top:0}
tr:target,dt:target{background:#fcf3cf}dl.evidence-list dt{margin-top:10px;font-weight:600}
dl.evidence-list dd{margin:3px 0 3px 18px}mark{background:#f9e79f}.where{color:#566573;font-size:12px}
code{font-size:12px;color:#566573}.empty,.note{color:#566573}input[type=search]{padding:4px 8px;width:320px;
margin-bottom:8px}
"""

# Marks every chart whose drawing has a real size once laid out, and records script errors in the page itself
# (the browser test reads both from the DOM). Filters the events table.
SCRIPT = """
(function () {
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.documentElement.setAttribute('data-errors', errors.join(' | '));
  });
  function drawn() {
    var charts = document.querySelectorAll('svg.chart');
    var ok = 0;
    charts.forEach(function (svg) {
      var box = svg.querySelector('g.plot').getBBox();
      var yes = box.width > 0 && box.height > 0;
      svg.setAttribute('data-drawn', yes ? 'yes' : 'no');
      if (yes) { ok += 1; }
    });
    document.documentElement.setAttribute('data-charts-drawn', ok + '/' + charts.length);
  }
  function filter() {
    var box = document.getElementById('filter');
    if (!box) { return; }
    box.addEventListener('input', function () {
      var q = box.value.toLowerCase();
      document.querySelectorAll('#events tbody tr').forEach(function (tr) {
        tr.style.display = tr.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () { drawn(); filter(); });
})();
"""


def render(data: Data) -> str:
    ev, q, s = data.events, data.quarantine, data.summary
    docs_ok = sum(d["status"] == "ok" for d in data.documents)
    counts = [("events", len(ev)), ("quarantined", len(q)), ("evidence sentences", len(data.mentions)),
              ("documents", len(data.documents)), ("countries", len({e["country"] for e in ev if e["country"]})),
              ("fatalities", sum(e["fatalities"] for e in ev))]
    cards = "".join(f'<div class="card"><b>{n:,}</b>{E(k)}</div>' for k, n in counts)
    span = f'{ev[0]["event_date"]} to {ev[-1]["event_date"]}' if ev else "no events"
    versions = s.get("versions", {})
    meta = " · ".join(x for x in (f"run {s['run_id']}" if s.get("run_id") else "",
                                   f"schema {versions['schema_version']}" if versions.get("schema_version") else "",
                                   f"{docs_ok} of {len(data.documents)} documents extracted", span) if x)
    sections = [
        f'<div class="cards">{cards}</div>',
        f'<section><h2>Events over time, by type</h2>{legend()}{timeline_chart(ev)}</section>',
        f'<section><h2>Where</h2>{legend()}{map_chart(ev)}<p class="note">Circle size: fatalities (log scale). Shaded: '
        'countries with events. Click a circle for the event. Outlines: Natural Earth 1:110m.</p></section>',
        '<div class="grid2">'
        f'<section><h2>Top actors</h2>{hbar_chart("actors", top_actors(ev), "Top actors")}'
        '</section>'
        f'<section><h2>Top actor pairs</h2>{hbar_chart("pairs", top_pairs(ev), "Top actor pairs", "#5d6d7e")}'
        '</section>'
        f'<section><h2>Sources (events per outlet)</h2>{hbar_chart("sources", top_sources(ev), "Sources", "#138d75")}'
        '</section>'
        f'<section><h2>Quarantine reasons (rows failing each check)</h2>'
        f'{hbar_chart("quarantine-reasons", quarantine_reasons(q), "Quarantine reasons", "#c0392b")}</section>'
        '</div>',
        f'<section><h2>Events</h2><input type="search" id="filter" placeholder="Filter events…" '
        f'aria-label="Filter events">{events_table(ev, "events")}</section>',
        f'<section><h2>Evidence: the sentences that report each event</h2>'
        f'{evidence_list(ev, data.mentions, data.documents)}</section>',
        f'<section><h2>Quarantined rows</h2><p class="note">Rows that failed a row-level check: kept, not '
        f'published as events.</p>{events_table(q, "quarantine", reason=True)}'
        f'{evidence_list(q, data.mentions, data.documents) if q else ""}</section>',
        f'<section><h2>Documents</h2>{documents_table(data.documents)}</section>',
    ]
    title = f"newsevents report: {data.out.name}"
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            f"<title>{E(title)}</title><style>{CSS}</style><script>{SCRIPT}</script></head><body>"
            f"<header><h1>{E(title)}</h1><p>{E(meta)}</p></header><main>{''.join(sections)}"
            f'<p class="note">Generated by <code>newsevents report</code> from the Parquet tables in this folder; '
            f"column meanings: docs/data-dictionary.md.</p></main></body></html>\n")


def write_report(out: Path, to: Path | None = None) -> Path:
    """Write the report of output folder `out` (default: `out/report.html`, replaced atomically)."""
    out = Path(out)
    target = Path(to) if to else out / "report.html"
    page = render(load(out))
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target
