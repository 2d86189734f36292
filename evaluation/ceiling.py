"""How far a field's figure could rise by choosing better among the events a run already publishes.

    python -m evaluation ceiling GOLD OUTPUT_DIR [--half tune]

For every scored field, four numbers over the same gold events:

- **honest**: the reported figure (the event scored is chosen by the *other* fields: `evaluation.scoring`);
- **any published event**: the share of gold events for which *some* published event of the document agrees on
  the field. No choice rule, learned or not, can beat it without extracting something new: it is the ceiling of
  event choice (ranking, publication bars, the lead event);
- **no event**: gold events of documents with no published event at all (detection misses);
- **not among published**: gold events whose document has events, none of which agrees (extraction misses: the
  value was never read, or read into a report below the publication bar).

A target above "any published event" is blocked by extraction, not by choice; this is the command that shows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.gold import detect_format, load_gold
from evaluation.predictions import load_run
from evaluation.scoring import FIELDS, MATCHING_GROUPS, choose, dataset_key
from evaluation.splits import Half
from evaluation.targets import targets_for


@dataclass(frozen=True)
class Ceiling:
    """One field's decomposition over the gold events that label it."""

    field: str
    total: int
    honest: int
    any_published: int
    no_event: int

    @property
    def not_published(self) -> int:
        return self.total - self.any_published - self.no_event


def ceilings(gold_path: Path, output_dir: Path, half: Half | None = None) -> list[Ceiling]:
    """The decomposition of every field the gold file labels, in report order."""
    docs = load_gold(Path(gold_path), half)
    run = load_run(Path(output_dir))
    counts: dict[str, list[int]] = {}
    for doc in docs:
        preds = run.for_doc(doc.id)
        for gold in doc.events:
            for name, _, group, scorer in FIELDS:
                if scorer(gold, None) is None:
                    continue  # gold does not label the field
                chosen = choose(gold, preds, group if group in MATCHING_GROUPS else "fatalities")
                row = counts.setdefault(name, [0, 0, 0, 0])
                row[0] += 1
                row[1] += bool(scorer(gold, chosen))
                row[2] += any(scorer(gold, p) for p in preds)
                row[3] += not preds
    return [Ceiling(name, *counts[name]) for name, *_ in FIELDS if name in counts]


def format_ceilings(gold_path: Path, output_dir: Path, half: Half | None = None) -> str:
    """Markdown: per field, the honest figure, the ceiling of choice and where the rest is lost, with the target."""
    targets = targets_for(dataset_key(Path(gold_path)), detect_format(Path(gold_path)))
    lines = [f"#### {dataset_key(Path(gold_path))}: {half or 'all'} half; ceiling of choice among published events",
             "", "| field | honest | any published event (ceiling) | no event | not among published | target |",
             "|---|---|---|---|---|---|"]
    for c in ceilings(gold_path, output_dir, half):
        target = targets.get(c.field)
        blocked = " (above the ceiling)" if target and not target.met(c.any_published / c.total) else ""
        lines.append(f"| {c.field} | {c.honest / c.total:.3f} | {c.any_published / c.total:.3f} | "
                     f"{c.no_event / c.total:.3f} | {c.not_published / c.total:.3f} | "
                     f"{target if target else ''}{blocked} |")
    return "\n".join(lines) + "\n"
