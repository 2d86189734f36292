"""Alerts from flow-run state hooks: a failed run, or a run whose quarantine rate is above the threshold.

Each alert is logged (ERROR for a failure, WARNING for a high quarantine rate) and, when the setting
`alert_webhook_url` is set, POSTed there as JSON (Slack-style `text` plus the details). A webhook that cannot be
reached is logged and never changes the run's outcome. Prefect automations are the server-side alternative (see
the README, "Operations").
"""
from __future__ import annotations

import json
import logging
import urllib.request
from pathlib import Path
from typing import Any

from newsevents.settings import Settings

logger = logging.getLogger("newsevents.alerts")


def send_alert(kind: str, text: str, details: dict[str, Any], settings: Settings | None = None,
               log: logging.Logger | logging.LoggerAdapter | None = None) -> dict:
    """Log the alert (to `log`, e.g. the flow run's logger, whose lines reach the Prefect UI) and POST it to the
    webhook (if configured); return the payload."""
    s = settings or Settings()
    log = log or logger
    payload = {"kind": kind, "text": text, **details}
    (log.error if kind == "run_failed" else log.warning)("newsevents alert: %s", text)
    if s.alert_webhook_url:
        req = urllib.request.Request(s.alert_webhook_url, data=json.dumps(payload, default=str).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=s.alert_timeout_s) as resp:  # noqa: S310 - a configured URL
                resp.read()
        except Exception as err:  # noqa: BLE001 - an alert must not fail or hide the run's own outcome
            log.error("newsevents alert: webhook %s failed: %s", s.alert_webhook_url, err)
    return payload


def _logger(flow, flow_run):  # noqa: ANN001, ANN202
    try:
        from prefect.logging.loggers import flow_run_logger  # noqa: PLC0415

        return flow_run_logger(flow_run, flow)
    except Exception:  # noqa: BLE001 - outside a Prefect process: the module logger
        return logger


def _run_details(flow_run) -> dict[str, Any]:  # noqa: ANN001 - prefect FlowRun
    params = (flow_run.parameters or {}).get("params") or {}
    if hasattr(params, "model_dump"):
        params = params.model_dump(mode="json")
    return {"flow_run_id": str(flow_run.id), "flow_run_name": flow_run.name, "out": str(params.get("out", "")),
            "inputs": [str(p) for p in params.get("inputs", [])]}


def on_failure_alert(flow, flow_run, state) -> None:  # noqa: ANN001 - Prefect's hook signature
    details = _run_details(flow_run)
    send_alert("run_failed", f"newsevents run {flow_run.name} failed: {state.message or state.name}",
               {**details, "message": state.message}, log=_logger(flow, flow_run))


def on_completion_alert(flow, flow_run, state) -> None:  # noqa: ANN001 - Prefect's hook signature
    """Alert when the published run's quarantine rate is above `quarantine_alert_threshold`."""
    s = Settings()
    details = _run_details(flow_run)
    summary_file = Path(details["out"] or s.out_dir) / "run_summary.json"
    try:
        summary = json.loads(summary_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        _logger(flow, flow_run).warning("newsevents alert: cannot read %s: %s", summary_file, err)
        return
    rate = summary.get("quarantine_rate", 0.0)
    if rate > s.quarantine_alert_threshold:
        c = summary.get("counts", {})
        send_alert("quarantine_rate", f"newsevents run {summary.get('run_id')}: {rate:.1%} of events quarantined "
                   f"({c.get('quarantined')} of {c.get('quarantined', 0) + c.get('events', 0)}), above the "
                   f"threshold {s.quarantine_alert_threshold:.1%}",
                   {**details, "run_id": summary.get("run_id"), "quarantine_rate": rate,
                    "threshold": s.quarantine_alert_threshold,
                    "quarantined_by_expectation": summary.get("quarantined_by_expectation", {})}, s,
                   log=_logger(flow, flow_run))
