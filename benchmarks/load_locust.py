"""The load generator: Locust's users, signed in as staff, against a running server. Run by benchmarks.load.

    python -m benchmarks.load_locust --host http://127.0.0.1:8123 --pool pool.json --users 20 \
        --warmup 10 --duration 60 --max-requests 30000 --server-pid 1234 --database tandem_load_bench

Each simulated member of staff signs in through the sign-in page (one of the pool's demo logins,
in turn), then works without pause (a closed loop: `--users` requests in flight at most, one
connection each): person searches, person summaries, directory searches and, for those at the
front door, recording a contact (the form, then its POST). The warm-up starts once every user has
signed in (a password is hashed slowly on purpose); after it the statistics are reset, and the
run stops after `--duration` seconds or `--max-requests` measured requests, whichever comes first.
Prints one JSON object as its last line: requests, failures, rate, percentiles per kind of
request and overall, and the CPU time the server, PostgreSQL and this generator used in the
measured window. Imports nothing of Django (Locust patches the standard library with gevent).
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402 - gevent must patch first
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
from itertools import count  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import gevent  # noqa: E402
import psutil  # noqa: E402
from locust import FastHttpUser, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.stats import StatsEntry  # noqa: E402

from benchmarks.load import CONTACT  # noqa: E402

POOL: dict[str, Any] = {}
_TURN = count()
SIGNED_IN: list[str] = []
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Staff(FastHttpUser):
    """A member of staff at work: no think time, so the server is never left idle."""

    wait_time = constant(0)

    def on_start(self) -> None:
        login = POOL["logins"][next(_TURN) % len(POOL["logins"])]
        self.records_contacts = bool(login["records_contacts"])
        self.rng = random.Random(id(self))
        page = self.client.get("/", name="sign in (page)")
        token = _CSRF.search(page.text or "")
        form = {"username": login["username"], "password": POOL["password"]}
        form["csrfmiddlewaretoken"] = token.group(1) if token else ""
        with self.client.post(
            "/", data=urlencode(form), headers=FORM, name="sign in", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {login['username']} answered {response.status_code}")
        SIGNED_IN.append(login["username"])

    def _get(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{name} answered {response.status_code}")
            return response.text or ""

    @task(30)
    def person_search(self) -> None:
        self._get(f"/people/?{urlencode({'q': self.rng.choice(POOL['searches'])})}", "person search")

    @task(30)
    def person_summary(self) -> None:
        self._get(f"/people/{self.rng.choice(POOL['people'])}/", "person summary")

    @task(25)
    def directory_search(self) -> None:
        self._get(f"/directory/?{urlencode(self.rng.choice(POOL['directory']))}", "directory search")

    @task(5)
    def contact_record(self) -> None:
        if not self.records_contacts:
            self.person_summary()
            return
        url = f"/front-door/contacts/new/?{urlencode({'person': self.rng.choice(POOL['people'])})}"
        page = self._get(url, "contact form")
        token = _CSRF.search(page)
        form = CONTACT | {"csrfmiddlewaretoken": token.group(1) if token else ""}
        with self.client.post(
            url, data=urlencode(form), headers=FORM, name="contact record", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"recording a contact answered {response.status_code}")


def _cpu(processes: list[psutil.Process]) -> dict[int, float]:
    """CPU seconds (user and system) each process has used so far."""
    seconds: dict[int, float] = {}
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds[process.pid] = times.user + times.system
    return seconds


def _used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two snapshots, counting processes started in between from zero."""
    return sum(spent - before.get(pid, 0.0) for pid, spent in after.items())


def _server(pid: int) -> list[psutil.Process]:
    master = psutil.Process(pid)
    return [master, *master.children(recursive=True)]


def _database(name: str) -> list[psutil.Process]:
    """PostgreSQL's backends serving this database (its title names it), not the other databases'."""
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        title = " ".join(process.info["cmdline"] or [])
        if (process.info["name"] or "").startswith("postgres") and f" {name} " in f"{title} ":
            found.append(process)
    return found


def _entry(entry: StatsEntry) -> dict[str, Any]:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "mean": entry.avg_response_time,
    }


def run(
    *, host: str, users: int, warmup: float, duration: float, max_requests: int, server_pid: int, database: str
) -> dict[str, Any]:
    env = Environment(user_classes=[Staff], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    # Signing in hashes a password on purpose slowly: every user signs in before the warm-up starts.
    deadline = time.perf_counter() + 300
    while len(SIGNED_IN) < users and time.perf_counter() < deadline:
        gevent.sleep(0.2)
    gevent.sleep(warmup)
    failures_in_warmup = [f"{e.name}: {e.error}" for e in env.stats.errors.values()]
    env.stats.reset_all()
    me = psutil.Process(os.getpid())
    cpu_before = (_cpu(_server(server_pid)), _cpu(_database(database)), _cpu([me]))
    started = time.perf_counter()
    while time.perf_counter() - started < duration and env.stats.total.num_requests < max_requests:
        gevent.sleep(0.2)
    elapsed = time.perf_counter() - started
    cpu_after = (_cpu(_server(server_pid)), _cpu(_database(database)), _cpu([me]))
    total = env.stats.total
    result = {
        "users": users,
        "seconds": elapsed,
        "load_average": os.getloadavg()[0],
        "cores": os.cpu_count(),
        "overall": _entry(total),
        "by_kind": {name: _entry(entry) for (name, _), entry in sorted(env.stats.entries.items())},
        "server_cpu_seconds": _used(cpu_before[0], cpu_after[0]),
        "postgres_cpu_seconds": _used(cpu_before[1], cpu_after[1]),
        "generator_cpu_seconds": _used(cpu_before[2], cpu_after[2]),
        "errors": [f"{e.name}: {e.error} ({e.occurrences})" for e in env.stats.errors.values()][:10],
        "warmup_errors": failures_in_warmup[:10],
    }
    runner.quit()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--pool", type=Path, required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=30_000)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--database", required=True, help="PostgreSQL database whose backends' CPU is counted")
    args = parser.parse_args()
    POOL.update(json.loads(args.pool.read_text(encoding="utf-8")))
    found = run(
        host=args.host,
        users=args.users,
        warmup=args.warmup,
        duration=args.duration,
        max_requests=args.max_requests,
        server_pid=args.server_pid,
        database=args.database,
    )
    print(json.dumps(found))


if __name__ == "__main__":
    main()
