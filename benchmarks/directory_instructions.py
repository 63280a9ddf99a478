"""Instructions a directory search costs, counted by callgrind over the directory benchmark's services.

    python -m benchmarks.directory_instructions                  # the service and the public page
    python -m benchmarks.directory_instructions --kinds service --searches 44
    python -m benchmarks.directory_instructions --keep var/callgrind  # keep the profiles for callgrind_annotate

Wall-clock times on this shared two-core machine wander by half; instructions do not. The searches
are the directory benchmark's own (`benchmarks.directory_search.QUERIES`: keywords with their
category, near a random Wirral postcode, in the same order), over the 5,000 services that
`python -m benchmarks.run --only directory` builds into `tandem_bench_directory` (or any database
a run of `benchmarks.directory_search` built). `service` counts `search.service_search` alone
(page 1 of 20); `page` counts the public page as a visitor gets it (`GET /directory/?…`: every
middleware, the view, the search, rendering the cards). One warm-up pass over every query first,
so postcodes and words are remembered as they are in a worker that has been up a while. Database
work happens in PostgreSQL's own processes and is not counted. Needs valgrind.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.instructions import _counting

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_bench_directory"
KINDS = ("service", "page")


def inner(kind: str, count: int, seed: int) -> None:
    """Run inside callgrind: warm up over every query, then count `count` searches of them."""
    import gc

    from django.test import Client
    from django.urls import get_resolver

    from benchmarks.directory_search import searches  # sets Django up
    from tandem.directory.search import ServiceQuery, service_search

    # As config/wsgi.py starts a worker: every view loaded, then what is loaded so far frozen.
    get_resolver().url_patterns  # noqa: B018 - imports every app's views
    gc.collect()
    gc.freeze()
    queries = searches(seed=seed)  # the same, near the same postcodes, as directory_search measures
    client = Client()  # the public page: no one signed in

    def search(query: ServiceQuery) -> None:
        if kind == "service":
            if not service_search(query, page=1, per_page=20).hits:
                sys.exit(f"Nothing found for {query}: build the services first (benchmarks.directory_search)")
            return
        asked = {"keywords": query.keywords, "category": query.category, "postcode": query.postcode}
        response = client.get("/directory/", asked)
        if response.status_code != 200 or b"tandem-directory-results" not in response.content:
            sys.exit(f"The page listed nothing for {query} ({response.status_code})")

    for query in queries:
        search(query)
    _counting(True)
    for number in range(count):
        search(queries[number % len(queries)])
    _counting(False)


def outer(kinds: list[str], searches: int, seed: int, database_url: str, keep: Path | None) -> dict[str, float]:
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONHASHSEED": "0"}
    # The public page renders with the production settings, which refuse to sign without a key.
    env.setdefault("TANDEM_SECRET_KEY", "directory-instructions-" + "k" * 40)
    counts: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds:
            out = (keep or Path(folder)) / f"callgrind.directory.{kind}"
            out.parent.mkdir(parents=True, exist_ok=True)
            command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}"]
            command += [sys.executable, "-m", "benchmarks.directory_instructions", "--inner", kind]
            command += ["--searches", str(searches), "--seed", str(seed)]
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            found = re.search(r"Collected : (\d+)", result.stderr)
            if result.returncode != 0 or found is None:
                sys.exit(f"callgrind failed for {kind}:\n{result.stdout}\n{result.stderr[-2000:]}")
            counts[kind] = int(found.group(1)) / searches / 1e6
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--searches", type=int, default=44)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DIRECTORY_URL", DEFAULT_URL))
    parser.add_argument("--keep", type=Path, help="a folder to keep the callgrind profiles in")
    parser.add_argument("--inner", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner, args.searches, args.seed)
        return
    for kind, millions in outer(args.kinds, args.searches, args.seed, args.database_url, args.keep).items():
        print(f"directory {kind}: {millions:.1f} million instructions a search ({args.searches} searches)")


if __name__ == "__main__":
    main()
