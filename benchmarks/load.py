"""The load test: signed-in staff working at once against gunicorn on loopback, measured by Locust.

    python -m benchmarks.run --only load        # seeds or reuses the large borough, updates results.json
    python -m benchmarks.load --database-url postgres://postgres@127.0.0.1:5432/tandem_load_bench
    python -m benchmarks.load --workers 2 --threads 4 --users 20 --duration 60

Reads what to work on from the borough (benchmarks.load_pool), starts gunicorn on 127.0.0.1 with a
port of its own (`--workers` processes, the project's WSGI application and settings, a secret
key made for the run), runs Locust's generator (benchmarks.load_locust) for a warm-up and then a
bounded measured window, and stops the server. Every request is a real one over TCP: the sign-in
page and its POST, then person searches, person summaries, directory searches and recorded
contacts, with sessions, CSRF, audit events and rendering as in production. The generator runs
on the same two cores as the server; its own CPU time is reported beside the server's and
PostgreSQL's so the figure can be read honestly.
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# What the front door writes down when a daughter rings about her mother (synthetic).
CONTACT = {
    "source": "family_or_friend",
    "caller_name": "Ann Example",
    "caller_relationship": "Daughter",
    "caller_phone": "0151 496 0000",
    "route": "phone",
    "reason": "Mum has fallen twice this month and is frightened to go out.",
    "urgency": "soon",
}
KINDS = ("person search", "person summary", "directory search", "contact form", "contact record")


@dataclass(frozen=True)
class LoadRun:
    """How hard and how long: 20 connections and 2 workers are the issue's figures."""

    users: int = 20
    workers: int = 2
    threads: int = 1
    warmup: float = 10.0
    duration: float = 60.0
    max_requests: int = 30_000


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{base}/", timeout=5) as answer:  # noqa: S310 - our own loopback server
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 90 seconds")


def server_start(url: str, port: int, run: LoadRun) -> subprocess.Popen[bytes]:
    """gunicorn on loopback only, as `make demo` runs it, without the access log."""
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(run.workers), "--log-level", "warning"]
    if run.threads > 1:
        command += ["--threads", str(run.threads)]
    return subprocess.Popen(command, cwd=ROOT, env=server_env(url))


def server_env(url: str) -> dict[str, str]:
    """What production settings require before gunicorn starts (tandem.core.deployment): a secret
    key and an audit key made for the run, a cache both workers share and a mail server. No mail is
    sent by the requests measured; the cache is Redis (`BENCH_CACHE_URL`, default database 15 on
    the local server), as production runs it."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "TANDEM_SECRET_KEY": secrets.token_urlsafe(50),
        "TANDEM_AUDIT_KEY": os.environ.get("TANDEM_AUDIT_KEY") or secrets.token_urlsafe(32),
        "TANDEM_AUDIT_KEY_ID": os.environ.get("TANDEM_AUDIT_KEY_ID", "load-test"),
        "TANDEM_CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"),
        "TANDEM_MAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "TANDEM_SMTP_HOST": os.environ.get("TANDEM_SMTP_HOST", "127.0.0.1"),
    }


def load_measure(url: str, run: LoadRun, *, seed: int = 2026) -> dict[str, Any]:
    """Prepare the pool, start the server, drive it, stop it: the generator's JSON result."""
    database = urlsplit(url).path.lstrip("/")
    with tempfile.TemporaryDirectory() as folder:
        pool = Path(folder) / "pool.json"
        subprocess.run(
            [sys.executable, "-m", "benchmarks.load_pool", "--seed", str(seed), "--out", str(pool)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = server_start(url, port, run)
        try:
            _wait_until_up(base, server)
            _log(
                f"  {run.users} users against {run.workers} gunicorn workers"
                f"{f' of {run.threads} threads' if run.threads > 1 else ''}: {run.warmup:.0f} s warm-up,"
                f" then {run.duration:.0f} s or {run.max_requests:,} requests"
            )
            command = [sys.executable, "-m", "benchmarks.load_locust", "--host", base, "--pool", str(pool)]
            command += ["--users", str(run.users), "--warmup", str(run.warmup), "--duration", str(run.duration)]
            command += ["--max-requests", str(run.max_requests), "--server-pid", str(server.pid)]
            command += ["--database", database]
            done = subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found["workers"], found["threads"] = run.workers, run.threads
    return found


def report_print(found: dict[str, Any]) -> None:
    """The run as a table on standard error: each kind of request, then the whole."""
    seconds = found["seconds"]
    _log(f"    {'request':<18} {'count':>7} {'failed':>7} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    rows = [(name, found["by_kind"][name]) for name in KINDS if name in found["by_kind"]]
    for name, entry in [*rows, ("all", found["overall"])]:
        _log(
            f"    {name:<18} {entry['requests']:>7} {entry['failures']:>7} {entry['requests'] / seconds:>7.1f}"
            f" {entry['p50']:>8.0f} {entry['p95']:>8.0f} {entry['p99']:>8.0f}"
        )
    _log(
        f"    CPU in {seconds:.0f} s on {found['cores']} cores: gunicorn {found['server_cpu_seconds'] / seconds:.2f},"
        f" PostgreSQL {found['postgres_cpu_seconds'] / seconds:.2f}, generator"
        f" {found['generator_cpu_seconds'] / seconds:.2f} cores; load average {found['load_average']:.1f}"
    )
    for error in found["warmup_errors"] + found["errors"]:
        _log(f"    error: {error}")


def load_metrics(found: dict[str, Any], size: str) -> dict[str, dict[str, Any]]:
    """results.json entries: rate, rate per core, percentiles, and where the CPU went."""
    seconds, overall, cores = found["seconds"], found["overall"], found["cores"]
    label = f"{size}, {found['users']} users, {found['workers']} workers"
    rate = overall["requests"] / seconds

    def metric(value: float | None, unit: str, target: float | None = None) -> dict[str, Any]:
        shown = None if value is None else round(value, 2)
        return {"value": shown, "unit": unit, "target": target, "database": "postgresql", "size": label}

    server_seconds = found["server_cpu_seconds"]
    return {
        "load_requests_per_second": metric(rate, "req/s", 150),
        "load_requests_per_second_per_core": metric(rate / cores, "req/s", 75),
        "load_p50": metric(overall["p50"], "ms"),
        "load_p95": metric(overall["p95"], "ms", 200),
        "load_p99": metric(overall["p99"], "ms"),
        "load_requests": metric(overall["requests"], "requests"),
        "load_failures": metric(overall["failures"], "requests", 0),
        "load_server_cpu": metric(server_seconds / seconds, "cores"),
        "load_postgres_cpu": metric(found["postgres_cpu_seconds"] / seconds, "cores"),
        "load_generator_cpu": metric(found["generator_cpu_seconds"] / seconds, "cores"),
        "load_server_cpu_ms_per_request": metric(
            1000 * server_seconds / overall["requests"] if overall["requests"] else None, "ms"
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_LOAD_URL", "postgres://postgres@127.0.0.1:5432/tandem_load_bench"),
        help="a seeded borough (python -m benchmarks.run --only load seeds one)",
    )
    defaults = LoadRun()
    parser.add_argument("--users", type=int, default=defaults.users)
    parser.add_argument("--workers", type=int, default=defaults.workers)
    parser.add_argument("--threads", type=int, default=defaults.threads)
    parser.add_argument("--warmup", type=float, default=defaults.warmup)
    parser.add_argument("--duration", type=float, default=defaults.duration)
    parser.add_argument("--max-requests", type=int, default=defaults.max_requests)
    parser.add_argument("--json", action="store_true", help="print the generator's result as JSON too")
    args = parser.parse_args()
    run = LoadRun(args.users, args.workers, args.threads, args.warmup, args.duration, args.max_requests)
    found = load_measure(args.database_url, run)
    report_print(found)
    if args.json:
        print(json.dumps(found))


if __name__ == "__main__":
    main()
