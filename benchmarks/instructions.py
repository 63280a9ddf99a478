"""Instructions the server spends on opening and saving an assessment, counted by callgrind.

Times on a shared two-core virtual machine wander by half from one hour to the next; the number
of instructions a request executes does not, whatever else the machine is doing. So a change
meant to make a page cheaper can be judged in one run: count before, count after.

    python -m benchmarks.instructions              # the medium borough's database, as --only assessment
    python -m benchmarks.instructions --requests 8

It needs valgrind (Debian's package) and a seeded `tandem_bench_medium` (run the assessment
benchmark once first). The process runs under callgrind with counting off; the requests to be
counted switch it on and off with `callgrind_control`, so Django's start-up and the warm-up
requests are not counted. Database work happens in PostgreSQL's own process and is not counted:
this is the Python side of the request, which is what the page's code decides.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_bench_medium"


def _counting(on: bool) -> None:
    switch = "on" if on else "off"
    subprocess.run(["callgrind_control", "-i", switch, str(os.getpid())], capture_output=True, check=False)


def inner(what: str, requests: int) -> None:
    """Run inside callgrind: warm up, then count `requests` GETs or POSTs of draft assessments."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.test import Client
    from django.urls import reverse

    from benchmarks.assessment_page import form_fields
    from tandem.assessments.models import AssessmentStatus, NeedsAssessment
    from tandem.audit import services as audit_services
    from tandem.identity.models import User

    audit_services.SEAL_EVERY = 10**9  # sealing is a worker's job, counted on its own
    actor = User.objects.get(username="practitioner")
    drafts = list(NeedsAssessment.objects.filter(status=AssessmentStatus.DRAFT).order_by("-id")[: requests + 4])
    if len(drafts) < requests + 4:
        sys.exit("Not enough draft assessments: run `python -m benchmarks.run --only assessment` first")
    client = Client()
    client.force_login(actor)
    rounds: list[tuple[str, dict[str, Any]]] = []
    for n, assessment in enumerate(drafts):
        url = reverse("assessments:assessment", args=[assessment.uuid])
        data = form_fields(client.get(url).content.decode())
        data["persons_account"] = f"Counted round {n} of {os.getpid()}"
        rounds.append((url, data))
    for url, data in rounds[:4]:  # warm templates, caches and prepared statements
        client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
        client.get(url)
    _counting(True)
    for url, data in rounds[4:]:
        if what == "open":
            client.get(url)
        else:
            data["persons_account"] += " (saved)"
            client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    _counting(False)


def counted(module: str, kinds: tuple[str, ...], requests: int, database_url: str) -> dict[str, float]:
    """Millions of instructions a request of each kind: `python -m <module> --inner <kind>` run
    under callgrind, which counts only between the inner run's `_counting(True)` and `(False)`."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    counts: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for what in kinds:
            out = Path(folder) / f"callgrind.{what}"
            command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}"]
            command += [sys.executable, "-m", module, "--inner", what, "--requests", str(requests)]
            result = subprocess.run(
                command,
                env={**os.environ, "DATABASE_URL": database_url, "PYTHONHASHSEED": "0"},
                capture_output=True,
                text=True,
                check=False,
            )
            found = re.search(r"Collected : (\d+)", result.stderr)
            if result.returncode != 0 or found is None:
                sys.exit(f"callgrind failed for {what}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
            counts[what] = int(found.group(1)) / requests / 1e6
    return counts


def outer(requests: int, database_url: str) -> dict[str, float]:
    return counted("benchmarks.instructions", ("open", "save"), requests, database_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=8)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_ASSESSMENT_URL", DEFAULT_URL))
    parser.add_argument("--inner", choices=("open", "save"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner, args.requests)
        return
    for what, millions in outer(args.requests, args.database_url).items():
        print(f"assessment {what}: {millions:.1f} million instructions a request ({args.requests} requests)")


if __name__ == "__main__":
    main()
