"""Candidate event reports -> one row per real-world event, with stable content-derived ids.

ACLED's rule: same actors, same day, same place, same type = one event, however many sentences or outlets report
it. Reports merge when every defining field agrees *or is missing/coarser* in one of them (a town vs. its
governorate, "in March" vs. 14 March), never when two stated values differ. The merged row keeps the most precise
date and place, the highest confidence, the lowest credible fatality count (`merged_fatalities`), and every
outlet; every report stays a mention. Clustering walks reports in a fixed order (doc_id, offset), so the result
does not depend on input order, and `event_id` hashes the merged defining values, so a rerun on any machine gives
the same ids.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.tables import arrow_schema
from schemas.vocabularies import EXTRACTED_STATUSES
from schemas.vocabularies import INTER_LABELS, interaction_label, sub_event
from transforms.notes import summarise
from transforms.place_lookup import acled_admin_levels

VAC = "Violence against civilians"


def _window(d: date | None, precision: int | None) -> tuple[date, date] | None:
    """The days a coded date stands for: the day; the week around it; its month."""
    if d is None:
        return None
    if precision == 3:
        start = d.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end
    if precision == 2:
        return d - timedelta(days=3), d + timedelta(days=3)
    return d, d


def dates_compatible(a: dict, b: dict) -> bool:
    """Could the two reports' dates be one day? Also: an event an article dates after the other article's
    publication cannot be what that earlier article reported (and the merged row would break
    event_date <= published_at)."""
    for x, y in ((a, b), (b, a)):
        if x["event_date"] is not None and y.get("published_at") and x["event_date"] > y["published_at"]:
            return False
    wa, wb = _window(a["event_date"], a["time_precision"]), _window(b["event_date"], b["time_precision"])
    if wa is None or wb is None:
        return a["doc_id"] == b["doc_id"]  # an undated report only joins a dated one told by the same article
    if a["time_precision"] == 1 and b["time_precision"] == 1:
        return a["event_date"] == b["event_date"]
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _eq_or_missing(x: object, y: object) -> bool:
    return x is None or y is None or x == y


def places_compatible(a: dict, b: dict) -> bool:
    if not _eq_or_missing(a["country"], b["country"]):
        return False
    if a["location"] is None or b["location"] is None or a["location"] == b["location"]:
        return True
    # a town and the governorate/region it lies in, or a country-level coding, are the same place coarser
    coarse = lambda r: r["geo_precision"] == 3 or r["location"] in (r["admin1"], r["country"])  # noqa: E731
    if coarse(a) and (a["location"] in (b["admin1"], b["country"])):
        return True
    return coarse(b) and (b["location"] in (a["admin1"], a["country"]))


def actors_compatible(a: dict, b: dict) -> bool:
    pairs = [(b["actor1"], b["actor2"])]
    if a["event_type"] != VAC:  # actor order carries no meaning outside violence against civilians
        pairs.append((b["actor2"], b["actor1"]))
    return any(_eq_or_missing(a["actor1"], x) and _eq_or_missing(a["actor2"], y) for x, y in pairs)


def compatible(a: dict, b: dict) -> bool:
    """Whether two reports (or a report and a merged event) can be the same real-world event: the same sub-event
    type (a shelling and a suicide bombing in one town on one day are two ACLED events), compatible actors,
    dates and places."""
    return (a["sub_event_type"] == b["sub_event_type"] and actors_compatible(a, b) and dates_compatible(a, b)
            and places_compatible(a, b))


@dataclass
class Cluster:
    reports: list[dict] = field(default_factory=list)
    merged: dict = field(default_factory=dict)


PLACE_KEYS = ("country", "iso", "region", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")


def _most_common(values: Iterable[object]) -> object:
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    return max(counts, key=lambda v: (counts[v], -vals.index(v)))


def merge_reports(reports: list[dict]) -> dict:
    """The merged values of reports judged to be one event (see module docstring for the rules)."""
    best = max(reports, key=lambda r: r["confidence"])
    out = dict(best)
    sub = min((r["sub_event_type"] for r in reports), key=lambda s: sub_event(s).rank)
    out["sub_event_type"] = sub
    out["event_type"] = sub_event(sub).event_type
    out["disorder_type"] = sub_event(sub).disorder_type
    dated = [r for r in reports if r["event_date"] is not None]
    if dated:
        d = min(dated, key=lambda r: (r["time_precision"], r["event_date"]))
        out["event_date"], out["time_precision"] = d["event_date"], d["time_precision"]
    placed = [r for r in reports if r["location"] is not None]
    if placed:
        p = min(placed, key=lambda r: (r["geo_precision"] or 9, -sum(x["location"] == r["location"]
                                                                    for x in placed)))
        out.update({k: p[k] for k in PLACE_KEYS})
    for side in ("1", "2"):
        out[f"actor{side}"] = _most_common(r[f"actor{side}"] for r in reports)
        out[f"inter{side}"] = next((r[f"inter{side}"] for r in reports
                                    if r[f"actor{side}"] == out[f"actor{side}"]), None)
        assoc = sorted({a for r in reports for a in (r[f"assoc_actor_{side}"] or "").split("; ") if a}
                       - {out["actor1"], out["actor2"]})
        out[f"assoc_actor_{side}"] = "; ".join(assoc) or None
    out["fatalities"] = merged_fatalities(reports)
    out["civilian_targeting"] = any(r["civilian_targeting"] for r in reports)
    out["confidence"] = max(r["confidence"] for r in reports)
    sources = sorted({r["source"] for r in reports if r["source"]})
    out["source"] = "; ".join(sources)
    out["n_sources"] = max(len(sources), 1)
    out["n_mentions"] = len({(r["doc_id"], r["char_start"], r["source"]) for r in reports})
    pubs = [r["published_at"] for r in reports if r["published_at"]]
    out["published_at"] = min(pubs) if pubs else None
    out["interaction"] = interaction_label_text(out["inter1"], out["inter2"])
    out["year"] = out["event_date"].year if out["event_date"] else None
    out["notes"] = summarise(out)
    return out


def merged_fatalities(reports: Sequence[dict]) -> int:
    """The event's death toll: each article's largest count for it, then the lowest of those over articles.

    Why two rules: within one article the counts of one event are its total and its parts ("killed 31 civilians,
    including 10 on a bus"; a headline's toll and a paragraph's), so the largest is the article's toll; between
    articles they are rival estimates of the same toll, and ACLED codes the lowest credible one."""
    per_article: dict[str, int] = {}
    for r in reports:
        if r["fatalities"]:
            per_article[r["doc_id"]] = max(per_article.get(r["doc_id"], 0), int(r["fatalities"]))
    return min(per_article.values()) if per_article else 0


def interaction_label_text(inter1: str | None, inter2: str | None) -> str | None:
    """Interaction from inter labels (the dataset stores inter codes as their text)."""
    code = {v: k for k, v in INTER_LABELS.items()}
    return interaction_label(code.get(inter1), code.get(inter2)) if inter1 else None


def event_id_for(event: dict) -> str:
    """Hash of the defining content: type and sub-type, actor pair, date window, place."""
    actors = [event["actor1"] or "", event["actor2"] or ""]
    if event["event_type"] != VAC:
        actors.sort()
    parts = [event["event_type"], event["sub_event_type"], *actors,
             event["event_date"].isoformat() if event["event_date"] else "",
             str(event["time_precision"] or ""), event["country"] or "", event["location"] or ""]
    if event["event_date"] is None:  # undated reports never merge across articles: tie the id to the first one
        parts.append(f"{event['doc_id']}:{event['char_start']}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def cluster_reports(reports: list[dict]) -> list[Cluster]:
    """Group reports into events, in a fixed order so the grouping is reproducible."""
    clusters: list[Cluster] = []
    for r in sorted(reports, key=lambda r: (r["doc_id"], r["char_start"], r["trigger"])):
        for c in clusters:
            if compatible(c.merged, r) and all(compatible(x, r) for x in c.reports):
                c.reports.append(r)
                c.merged = merge_reports(c.reports)
                break
        else:
            clusters.append(Cluster([r], merge_reports([r])))
    return clusters


MENTION_KEYS = ("doc_id", "sentence", "char_start", "char_end", "trigger", "source", "confidence")


def salt_of(cluster: Cluster) -> str:
    first = cluster.reports[0]
    return f"{first['doc_id']}:{first['char_start']}:{first['trigger']}"


def salted(eid: str, salt: str) -> str:
    """The id a cluster gets when its content hash is taken already: the first report's key mixed in."""
    return hashlib.sha256(f"{eid}:{salt}".encode()).hexdigest()[:16]


def mention_rows(cluster: Cluster, eid: str) -> list[dict]:
    out, keys = [], set()
    for r in cluster.reports:
        key = (r["doc_id"], r["char_start"], r["source"])  # a copy under another outlet is a report too
        if key not in keys:
            keys.add(key)
            out.append({"event_id": eid, **{k: r[k] for k in MENTION_KEYS}})
    return out


def merge_events(reports: list[dict]) -> tuple[list[dict], list[dict]]:
    """Reports -> (event rows, mention rows). Ids are unique: a collision gets the first report's key mixed in."""
    events: list[dict] = []
    mentions: list[dict] = []
    seen: set[str] = set()
    for c in cluster_reports(reports):
        ev = acled_admin_levels(c.merged)
        eid = event_id_for(ev)
        while eid in seen:  # the rare collision: mix in the first report's key (again, if needed)
            eid = salted(eid, salt_of(c))
        seen.add(eid)
        ev["event_id"] = eid
        events.append(ev)
        mentions.extend(mention_rows(c, eid))
    events.sort(key=lambda e: e["event_id"])
    mentions.sort(key=lambda m: (m["event_id"], m["doc_id"], m["char_start"], m["source"] or ""))
    return events, mentions


# --------------------------------------------------------------------------- blocking (large inputs)
#
# `cluster_reports` compares each report with every cluster so far: O(n * clusters). A report only ever joins a
# cluster whose every member it is `compatible` with, so reports that no chain of pairwise-compatible reports
# links can never share a cluster. `block_ids` partitions reports into blocks that are unions of such chains:
# the same sub-event type, a month its date window touches, the same country -- a report without a country
# links the blocks of every country in its months, and an undated report (which only merges within its own
# article) links the blocks of its article's dated reports of that type. Clustering each block on its own, in
# the global report order, gives exactly the clusters of `cluster_reports` on the whole input.

BlockKey = tuple[str, str | None, object, object, object]  # doc_id, sub_event_type, country, event_date, precision


def _months(d: date, precision: int | None) -> list[tuple[int, int]]:
    lo, hi = _window(d, precision)
    out = [(lo.year, lo.month)]
    while out[-1] != (hi.year, hi.month):
        y, m = out[-1]
        out.append((y + m // 12, m % 12 + 1))
    return out


def block_ids(keys: Iterable[BlockKey]) -> list[int]:
    """A block number per report (in input order); numbers follow the first report of each block."""
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: object, b: object) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    firsts: list[object] = []
    dated_docs: list[tuple[object, tuple]] = []
    null_months: set[tuple] = set()
    undated_docs: set[tuple] = set()
    country_cells: list[tuple] = []
    for doc_id, sub, country, event_date, precision in keys:
        if event_date is None:
            cell = ("doc", sub, doc_id)
            undated_docs.add((sub, doc_id))
            find(cell)
        else:
            cells = [("cell", sub, country, m) for m in _months(event_date, precision)]
            cell = cells[0]
            for other in cells[1:]:
                union(cell, other)
            if country is None:
                null_months.update((sub, m) for m in _months(event_date, precision))
            else:
                country_cells.extend(cells)
            dated_docs.append((cell, (sub, doc_id)))
        firsts.append(cell)
    for cell in country_cells:
        if (cell[1], cell[3]) in null_months:
            union(cell, ("cell", cell[1], None, cell[3]))
    for cell, key in dated_docs:
        if key in undated_docs:
            union(cell, ("doc", *key))
    numbers: dict[object, int] = {}
    return [numbers.setdefault(find(c), len(numbers)) for c in firsts]


def merge_blocks(blocks: Iterable[list[dict]]) -> Iterator[tuple[Cluster, str]]:
    """Clusters of each block (reports in global order), with the content hash of each merged event.

    The caller resolves id collisions across blocks (`salted`, in the order of each cluster's first report),
    which is what `merge_events` does within one list."""
    for reports in blocks:
        for c in cluster_reports(reports):
            yield c, event_id_for(c.merged)


# --------------------------------------------------------------------------- streaming merge over Parquet

ROW_GROUP = 50_000  # rows per Parquet row group of the written tables (fixed, so reruns write the same bytes)
READ_BATCH = 20_000


def write_query(con, sql: str, path: Path, schema: pa.Schema) -> int:  # noqa: ANN001 - a duckdb connection
    """Stream a DuckDB query's rows into one Parquet file of `schema`, in fixed-size row groups."""
    reader = con.sql(sql).to_arrow_reader(batch_size=READ_BATCH)
    pending: list[pa.RecordBatch] = []
    n_pending = total = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in reader:
            pending.append(batch)
            n_pending += batch.num_rows
            while n_pending >= ROW_GROUP:
                table = pa.Table.from_batches(pending)
                writer.write_table(_conform(table.slice(0, ROW_GROUP), schema), row_group_size=ROW_GROUP)
                rest = table.slice(ROW_GROUP)
                pending, n_pending = rest.to_batches(), rest.num_rows
            total += batch.num_rows
        if n_pending or total == 0:
            table = pa.Table.from_batches(pending, schema=reader.schema) if pending else schema.empty_table()
            writer.write_table(_conform(table, schema), row_group_size=ROW_GROUP)
    return total


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    cols = [table.column(f.name).cast(f.type) if f.name in table.column_names
            else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(cols, schema=schema)


def duckdb_connection(tmp_dir: Path, memory_limit: str = "512MB"):  # noqa: ANN201
    import duckdb  # noqa: PLC0415

    con = duckdb.connect()
    tmp_dir.mkdir(parents=True, exist_ok=True)
    # one thread and insertion order kept: the order of rows (and so of clustering and of the bytes written)
    # never depends on scheduling; sorts spill to tmp_dir instead of growing memory
    con.execute(f"SET threads=1; SET preserve_insertion_order=true; SET memory_limit='{memory_limit}'; "
                f"SET temp_directory='{tmp_dir}'")
    return con


def _files(paths: Iterable[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def merge_parquet(candidate_files: Sequence[Path], documents: pa.Table, events_out: Path, mentions_out: Path,
                  tmp_dir: Path, unknown_source: str) -> dict[str, int]:
    """`merge_events(attribute_reports(candidates, documents))` over Parquet, in bounded memory.

    Candidates are read from `candidate_files` (their order, then row order, is the order reports were
    extracted in); each is told once per input document of its text, with that input's outlet. Reports are
    clustered block by block (`block_ids`); events (relaxed schema, sorted by id) and mentions are streamed to
    Parquet. Returns counts."""
    con = duckdb_connection(tmp_dir)
    con.register("documents_in", documents)
    cand_cols = [f.name for f in arrow_schema("candidates")]
    con.execute(f"""
        create temp table reports as
        select {", ".join("c." + n for n in cand_cols if n not in ("source", "published_at"))},
               case when d.source is null or d.source = '' then ? else d.source end as source,
               coalesce(c.published_at, d.published_at) as published_at,
               row_number() over (order by c.doc_id, c.char_start, c.trigger, d.input_id, c.filename,
                                  c.file_row_number) - 1 as ord
        from read_parquet({_files(candidate_files)}, filename=true, file_row_number=true, union_by_name=true) c
        join documents_in d on d.doc_id = c.doc_id and d.status in ({', '.join(repr(x) for x in EXTRACTED_STATUSES + ('duplicate',))})
    """, [unknown_source]) if candidate_files else con.execute(
        "create temp table reports as select " + ", ".join(
            f"null::{'bigint' if n == 'char_start' else 'varchar'} as {n}" for n in cand_cols)
        + ", 0::bigint as ord where false")
    keys = con.execute("select doc_id, sub_event_type, country, event_date, time_precision from reports "
                       "order by ord").fetchall()
    blocks = block_ids(keys)
    del keys
    con.register("blocks_in", pa.table({"ord": pa.array(range(len(blocks)), pa.int64()),
                                        "block": pa.array(blocks, pa.int64())}))
    con.execute("create temp table report_blocks as select * from blocks_in")
    con.unregister("blocks_in")
    del blocks

    def block_stream() -> Iterator[list[dict]]:
        reader = con.sql("select r.*, b.block from reports r join report_blocks b using (ord) "
                         "order by b.block, r.ord").to_arrow_reader(batch_size=READ_BATCH)
        current: list[dict] = []
        block = None
        for batch in reader:
            for row in batch.to_pylist():
                if row["block"] != block and current:
                    yield current
                    current = []
                block = row["block"]
                current.append(row)
        if current:
            yield current

    ev_schema = arrow_schema("events", relaxed=True).append(pa.field("_first", pa.int64())) \
        .append(pa.field("_salt", pa.string()))
    me_schema = arrow_schema("mentions").append(pa.field("_first", pa.int64()))
    raw_events, raw_mentions = tmp_dir / "events_raw.parquet", tmp_dir / "mentions_raw.parquet"
    ev_buf: list[dict] = []
    me_buf: list[dict] = []
    n_events = n_mentions = 0
    with pq.ParquetWriter(raw_events, ev_schema) as ev_w, pq.ParquetWriter(raw_mentions, me_schema) as me_w:
        for cluster, eid in merge_blocks(block_stream()):
            first = cluster.reports[0]["ord"]
            ev_buf.append({**acled_admin_levels(cluster.merged), "event_id": eid, "_first": first,
                           "_salt": salt_of(cluster)})
            me_buf.extend({**m, "_first": first} for m in mention_rows(cluster, eid))
            if len(ev_buf) >= READ_BATCH or len(me_buf) >= READ_BATCH:
                ev_w.write_table(_conform(pa.Table.from_pylist(ev_buf), ev_schema))
                me_w.write_table(_conform(pa.Table.from_pylist(me_buf), me_schema))
                n_events, n_mentions = n_events + len(ev_buf), n_mentions + len(me_buf)
                ev_buf, me_buf = [], []
        ev_w.write_table(_conform(pa.Table.from_pylist(ev_buf), ev_schema) if ev_buf else ev_schema.empty_table())
        me_w.write_table(_conform(pa.Table.from_pylist(me_buf), me_schema) if me_buf else me_schema.empty_table())
        n_events, n_mentions = n_events + len(ev_buf), n_mentions + len(me_buf)
        del ev_buf, me_buf

    # the rare content-hash collisions: the cluster whose first report comes first keeps the id (merge_events)
    clashes = con.execute(f"""
        select event_id, _first, _salt from read_parquet('{raw_events}') where event_id in (
            select event_id from read_parquet('{raw_events}') group by event_id having count(*) > 1)
        order by _first""").fetchall()
    taken = {r[0] for r in con.execute(f"select distinct event_id from read_parquet('{raw_events}') where event_id in"
                                         f" (select event_id from read_parquet('{raw_events}') group by event_id "
                                         "having count(*) > 1)").fetchall()}
    renames: dict[int, str] = {}
    owner: set[str] = set()
    for eid, first, salt in clashes:
        if eid not in owner:
            owner.add(eid)
            continue
        new = salted(eid, salt)
        while new in taken:
            new = salted(new, salt)
        taken.add(new)
        renames[first] = new
    con.register("renames_in", pa.table({"_first": pa.array(list(renames), pa.int64()),
                                         "new_id": pa.array(list(renames.values()), pa.string())}))
    ev_cols = ", ".join("coalesce(n.new_id, e.event_id) as event_id" if f.name == "event_id" else f"e.{f.name}"
                        for f in arrow_schema("events", relaxed=True))
    write_query(con, f"select {ev_cols} from read_parquet('{raw_events}') e left join renames_in n using (_first) "
                     "order by 1", events_out, arrow_schema("events", relaxed=True))
    me_cols = ", ".join("coalesce(n.new_id, m.event_id) as event_id" if f.name == "event_id" else f"m.{f.name}"
                        for f in arrow_schema("mentions"))
    write_query(con, f"select {me_cols} from read_parquet('{raw_mentions}') m left join renames_in n using (_first) "
                     "order by 1, m.doc_id, m.char_start, coalesce(m.source, '')", mentions_out,
                arrow_schema("mentions"))
    n_reports = con.execute("select count(*) from reports").fetchone()[0]
    con.close()
    raw_events.unlink()
    raw_mentions.unlink()
    return {"reports_attributed": n_reports, "events_merged": n_events, "mentions": n_mentions}
