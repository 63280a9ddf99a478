"""Instructions the server spends on each kind of request in the load test, counted by callgrind.

    python -m benchmarks.load_instructions                # the load test's database, 12 requests a kind
    python -m benchmarks.load_instructions --requests 20 --kinds summary search

Wall-clock rates on this shared two-core machine wander by half; instructions do not. Each kind of
request the load test sends (benchmarks.load_locust) is made here through Django's full handler
(every middleware, the session and the user read from the database, rendering, the audit write)
as a signed-in member of staff, after warm-up, with callgrind counting only those requests.
Database work happens in PostgreSQL's own processes and is not counted. Needs valgrind and a
seeded `tandem_load_bench` (`python -m benchmarks.run --only load` makes one).
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.instructions import _counting
from benchmarks.load import CONTACT

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_load_bench"
KINDS = ("search", "summary", "directory", "contact", "static")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def inner(kind: str, requests: int, pool_file: Path) -> None:
    """Run inside callgrind: sign in as the load test's staff do, warm up, count `requests` requests."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    import gc

    from django.test import Client
    from django.urls import get_resolver

    # As config/wsgi.py starts a worker: every view loaded, then what is loaded so far frozen, so a
    # full collection landing among the counted requests walks what a worker's would.
    get_resolver().url_patterns  # noqa: B018 - imports every app's views
    gc.collect()
    gc.freeze()

    from tandem.audit import services as audit_services

    audit_services.SEAL_EVERY = 10**9  # sealing is counted on its own, not in every fiftieth request
    pool = json.loads(pool_file.read_text(encoding="utf-8"))
    rng = random.Random(2026)
    client = Client(enforce_csrf_checks=True)
    page = client.get("/").content.decode()
    token = CSRF.search(page)
    signed = client.post(
        "/",
        {
            "username": "practitioner",
            "password": pool["password"],
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
    )
    if signed.status_code != 302:
        sys.exit(f"Signing in answered {signed.status_code}")

    def contact() -> None:
        url = f"/front-door/contacts/new/?{urlencode({'person': rng.choice(pool['people'])})}"
        form = client.get(url).content.decode()
        found = CSRF.search(form)
        client.post(url, CONTACT | {"csrfmiddlewaretoken": found.group(1) if found else ""})

    make: dict[str, Callable[[], object]] = {
        "search": lambda: client.get(f"/people/?{urlencode({'q': rng.choice(pool['searches'])})}"),
        "summary": lambda: client.get(f"/people/{rng.choice(pool['people'])}/"),
        "directory": lambda: client.get(f"/directory/?{urlencode(rng.choice(pool['directory']))}"),
        "contact": contact,
        "static": lambda: client.get("/accessibility/"),
    }
    for _ in range(6):
        make[kind]()
    _counting(True)
    for _ in range(requests):
        make[kind]()
    _counting(False)


def outer(kinds: list[str], requests: int, database_url: str) -> dict[str, float]:
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    # A key made for the run, as benchmarks.load gives gunicorn: production settings refuse to sign without one.
    secret = os.environ.get("TANDEM_SECRET_KEY") or secrets.token_urlsafe(50)
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONHASHSEED": "0", "TANDEM_SECRET_KEY": secret}
    counts: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        pool = Path(folder) / "pool.json"
        command = [sys.executable, "-m", "benchmarks.load_pool", "--people", "200", "--out", str(pool)]
        subprocess.run(command, env=env, check=True)
        for kind in kinds:
            out = Path(folder) / f"callgrind.{kind}"
            command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}"]
            command += [sys.executable, "-m", "benchmarks.load_instructions", "--inner", kind]
            command += ["--requests", str(requests), "--pool", str(pool)]
            result = subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            found = re.search(r"Collected : (\d+)", result.stderr)
            if result.returncode != 0 or found is None:
                sys.exit(f"callgrind failed for {kind}:\n{result.stdout}\n{result.stderr[-2000:]}")
            counts[kind] = int(found.group(1)) / requests / 1e6
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=12)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_LOAD_URL", DEFAULT_URL))
    parser.add_argument("--inner", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--pool", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner, args.requests, args.pool)
        return
    for kind, millions in outer(args.kinds, args.requests, args.database_url).items():
        print(f"{kind}: {millions:.1f} million instructions a request ({args.requests} requests)")


if __name__ == "__main__":
    main()
