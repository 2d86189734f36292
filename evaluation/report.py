"""Markdown tables of evaluation reports (what `make eval` prints and the README quotes)."""
from __future__ import annotations

from evaluation.scoring import EvalReport, Metric


def show(value: float | None, unit: str) -> str:
    """A figure as printed: rates and F1 with 3 decimals, means with 2, counts whole."""
    if value is None:
        return "-"
    if unit in ("rate", "f1"):
        return f"{value:.3f}"
    if unit == "mean":
        return f"{value:.2f}"
    return f"{int(value)}"


def _hits(m: Metric) -> str:
    if m.unit == "mean":
        return f"{m.hits} / {m.total} docs"
    return f"{m.hits} / {m.total}" if m.hits is not None else f"n={m.total}"


def format_report(report: EvalReport, other: EvalReport | None = None) -> str:
    """A markdown table of a report's figures with targets; `other` (the other half of the same run) is shown
    beside them for comparison, never judged."""
    other_label = f" {other.half} half |" if other else ""
    lines = [
        f"#### {report.dataset} ({report.gold_format}): {report.half} half, {report.n_docs} documents, "
        f"{report.n_gold_events} gold events; {report.matching} matching",
        "",
        f"| metric | {report.half} | hits / scored | top event |{other_label} target | met |",
        "|---|---|---|---|" + ("---|" if other else "") + "---|---|",
    ]
    for m in report.metrics:
        top = show(m.top, m.unit) if m.top is not None else ""
        beside = ""
        if other:
            try:
                beside = f" {show(other.metric(m.name).value, m.unit)} |"
            except KeyError:
                beside = " - |"
        met = {True: "yes", False: "NO", None: ""}[m.passed]
        lines.append(f"| {m.label} | {show(m.value, m.unit)} | {_hits(m)} | {top} |{beside} "
                     f"{m.target or ''} | {met} |")
    missed = report.missed_targets()
    lines += ["", "targets missed: " + (", ".join(m.name for m in missed) if missed else "none")]
    return "\n".join(lines)


def format_matching_comparison(optimistic: EvalReport, honest: EvalReport) -> str:
    """The same run scored with the old (optimistic) and the honest matching, field by field."""
    lines = [f"#### {honest.dataset}, {honest.half} half: old (optimistic) vs. honest matching", "",
             "| metric | optimistic | honest |", "|---|---|---|"]
    for m in honest.metrics:
        try:
            old = optimistic.metric(m.name)
        except KeyError:
            continue
        if old.value != m.value:
            lines.append(f"| {m.label} | {show(old.value, m.unit)} | {show(m.value, m.unit)} |")
    return "\n".join(lines)
