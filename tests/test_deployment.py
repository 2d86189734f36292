"""The README's Operations walkthrough, for real: a Prefect server on loopback in a temporary home, the process work
pool, `prefect deploy --all` from prefect.yaml, a worker, one run triggered through the API (`run_deployment`);
the run must complete, publish the events Parquet and the run's artifacts. Server and worker are always stopped.

Slow (a server start, a database migration and a flow run in a subprocess: a few minutes on a loaded machine),
but it runs in CI: it is the test of the deployment path.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
PREFECT = [sys.executable, "-m", "prefect"]
POOL = "newsevents-pool"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Terminate a process started in its own session, and everything it started."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`prefect server start --host 127.0.0.1 --port <free>` in a temporary PREFECT_HOME; yields the environment
    that points Prefect clients (CLI, worker, flow runs) at it."""
    tmp_path = tmp_path_factory.mktemp("server")
    home, port = tmp_path / "prefect-home", free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ)
    env.update(PREFECT_HOME=str(home), PREFECT_API_URL=url, PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PREFECT_RESULTS_LOCAL_STORAGE_PATH=str(home / "results"),
               PREFECT_LOGGING_LEVEL="INFO", PWD=str(ROOT), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen([*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 300
        while not healthy(url):
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            assert time.time() < deadline, "Prefect server did not become healthy in 300 s"
            time.sleep(1)
        yield env
    finally:
        stop(server)
        log.close()


def prefect(env: dict[str, str], *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    r = subprocess.run([*PREFECT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"prefect {' '.join(args)}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


TRIGGER_AND_WAIT = textwrap.dedent("""
    import asyncio, json, sys, time
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.deployments import run_deployment

    name, params = sys.argv[3], json.loads(sys.argv[1])
    deadline = time.time() + float(sys.argv[2])

    async def deployed():  # `newsevents serve` creates its deployment once it has started
        async with get_client() as client:
            while True:
                try:
                    return await client.read_deployment_by_name(name)
                except Exception:
                    if time.time() > deadline:
                        raise
                    await asyncio.sleep(2)

    asyncio.run(deployed())
    run = run_deployment(name, parameters={"params": params}, timeout=0)

    async def wait():
        async with get_client() as client:
            while True:
                fr = await client.read_flow_run(run.id)
                if fr.state is not None and fr.state.is_final() or time.time() > deadline:
                    break
                await asyncio.sleep(2)
            keys = ["newsevents-run-counts", "newsevents-run-summary", "newsevents-extraction-progress"]
            arts = await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=keys)))
            deployment = await client.read_deployment(fr.deployment_id)
            return {"state": fr.state.type.value if fr.state else None, "message": fr.state.message if fr.state
                    else None, "artifacts": sorted({a.key for a in arts}),
                    "schedules": [str(s.schedule.cron) for s in deployment.schedules],
                    "parameters": deployment.parameters,
                    "table": next((a.data for a in arts if a.key == "newsevents-run-counts"), None)}

    print(json.dumps(asyncio.run(wait()), default=str))
""")


def trigger_and_wait(env: dict[str, str], deployment: str, params: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", TRIGGER_AND_WAIT, json.dumps(params), "900", deployment],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=1000)


def test_deploy_from_prefect_yaml_worker_runs_it(prefect_server: dict[str, str], tmp_path: Path) -> None:
    env = prefect_server
    prefect(env, "work-pool", "create", POOL, "--type", "process")
    prefect(env, "--no-prompt", "deploy", "--all")
    out = tmp_path / "out"
    worker_log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
    worker = subprocess.Popen([*PREFECT, "worker", "start", "--pool", POOL, "--type", "process"], env=env, cwd=ROOT,
                              stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        r = trigger_and_wait(env, "newsevents/nightly", {"inputs": [str(SAMPLE)], "out": str(out), "workers": 1})
    finally:
        stop(worker)
        worker_log.close()
    worker_output = (tmp_path / "worker.log").read_text()
    assert r.returncode == 0, r.stderr[-3000:]
    result = json.loads(r.stdout.strip().splitlines()[-1])
    assert result["state"] == "COMPLETED", (result, worker_output[-4000:])
    assert result["schedules"] == ["0 2 * * *"]  # the nightly schedule of prefect.yaml
    assert result["parameters"]["params"]["inputs"] == ["data/sample"]
    assert list((out / "events").rglob("*.parquet")), "no events Parquet published"
    summary = json.loads((out / "run_summary.json").read_text())
    assert summary["counts"]["events"] >= 3 and summary["documents"] == {"ok": 5}
    assert {"newsevents-run-counts", "newsevents-run-summary", "newsevents-extraction-progress"} <= set(
        result["artifacts"])
    table = json.loads(result["table"]) if isinstance(result["table"], str) else result["table"]
    assert {"section": "events", "what": "published", "count": summary["counts"]["events"]} in table


def test_newsevents_serve_runs_its_deployment(prefect_server: dict[str, str], tmp_path: Path) -> None:
    """`newsevents serve` (flow.serve with a cron schedule) executes a run triggered through the API."""
    env, out = prefect_server, tmp_path / "out"
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
    served = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", str(SAMPLE), "--out", str(out),
                               "--cron", "30 3 * * *", "--workers", "1"], env=env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        r = trigger_and_wait(env, "newsevents/newsevents-serve", {"inputs": [str(SAMPLE)], "out": str(out),
                                                                 "workers": 1})
    finally:
        stop(served)
        log.close()
    assert r.returncode == 0, r.stderr[-3000:] + (tmp_path / "serve.log").read_text()[-3000:]
    result = json.loads(r.stdout.strip().splitlines()[-1])
    assert result["state"] == "COMPLETED", (result, (tmp_path / "serve.log").read_text()[-3000:])
    assert result["schedules"] == ["30 3 * * *"]
    assert list((out / "events").rglob("*.parquet"))
