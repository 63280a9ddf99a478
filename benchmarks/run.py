"""Tandem's benchmarks: prepare the seeded databases, measure, print a table, write results.json.

    python -m benchmarks.run                    # PostgreSQL large + SQLite medium + seeding time
    python -m benchmarks.run --quick            # small boroughs: a smoke run in about a minute
    python -m benchmarks.run --skip-seed-timing
    python -m benchmarks.run --only directory   # or search, summary, contact, fhir, events, assessment, triage,
                                                # workforce, hub, bulk, risk, archive, load
    python -m benchmarks.run --only fhir --database my_large   # an already seeded database of one's own
    python -m benchmarks.run --only load        # the load test alone (gunicorn and Locust, large borough)

Every figure is stamped with the commit measured, the date and the load average as its
measurement ended (benchmarks.stamp); `--only` replaces its own figures and keeps the others
with their stamps, so results.json always says which figure comes from which commit.

Each measurement runs in its own process with DATABASE_URL set, because Django binds one
default database per process. Seeded databases are reused when the last seed run's audit event
names the same size, seed and generator version and every person is still there.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.load import LoadRun, load_measure, load_metrics, report_print
from benchmarks.stamp import results_read, results_write, stamp, stamped

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
SEED = 2026
GENERATOR_VERSION = 1  # keep in step with tandem.demo.borough.GENERATOR_VERSION


# The large borough's database; BENCH_LOAD_DATABASE names another, so benchmarks run side by side
# on one server (each with its own borough) do not seed or write into each other's.
LOAD_DATABASE = os.environ.get("BENCH_LOAD_DATABASE", "tandem_load_bench")


@dataclass(frozen=True)
class Profile:
    pg_database: str
    pg_size: str
    sqlite_file: str
    sqlite_size: str
    seed_timing_database: str
    seed_timing_size: str
    search_passes: int
    summary_requests: int
    load_database: str = LOAD_DATABASE
    load_size: str = "large"
    load_run: LoadRun = field(default_factory=LoadRun)


# The large borough is seeded once, in the load test's database, for every benchmark that needs it
# (seeding a million people takes minutes and gigabytes); the summary page measures people
# nobody has touched, so the load test's own writes do not reach it. 500 requests a page.
FULL = Profile(LOAD_DATABASE, "large", "var/bench-medium.sqlite3", "medium", "tandem_bench_medium", "medium", 2, 500)
QUICK = Profile(
    "tandem_bench_quick",
    "small",
    "var/bench-quick.sqlite3",
    "small",
    "tandem_bench_small",
    "small",
    1,
    100,
    "tandem_load_bench_small",
    "small",
    LoadRun(warmup=3, duration=10),
)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pg_url(database: str) -> str:
    return f"{PG_SERVER}/{database}"


def pg_database_ensure(name: str, *, fresh: bool = False) -> None:
    """Create the benchmark's own database (dropping it first when fresh); never touches any other."""
    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _manage(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    # --skip-checks: a benchmark measures the database work, not the project's template settings.
    command = [sys.executable, "manage.py", *args, "--skip-checks"]
    return subprocess.run(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True, text=True
    )


def _measure(url: str, *args: str) -> Any:
    command = [sys.executable, "-m", "benchmarks.measure", *args]
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def borough_ready(url: str, size: str) -> None:
    """Migrate, then seed unless the database already holds this borough."""
    _manage(url, "migrate", "--verbosity", "0")
    marker = _measure(url, "marker")
    if (
        marker.get("size") == size
        and marker.get("seed") == SEED
        and marker.get("generator") == GENERATOR_VERSION
        and marker.get("people") == marker.get("people_now")
    ):
        _log(f"  reusing the {size} borough already in {url}")
        return
    _log(f"  seeding the {size} borough into {url} (this can take minutes)")
    _manage(url, "seed", "--size", size, "--seed", str(SEED), "--reset")


def percentile(values: list[float], p: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def _metric(value: float | None, unit: str, target: float | None, database: str, size: str) -> dict[str, Any]:
    return {
        "value": None if value is None else round(value, 2),
        "unit": unit,
        "target": target,
        "database": database,
        "size": size,
    }


def search_metrics(
    url: str, database: str, size: str, passes: int, *, suffix: str = "", jit_off: bool = False
) -> dict[str, dict[str, Any]]:
    """Person search as a page (view and middleware, the target) with the service's time beside it."""
    args = ["search", "--seed", str(SEED), "--passes", str(passes)] + (["--jit-off"] if jit_off else [])
    found = _measure(url, *args)
    times = [s["ms"] for s in found["samples"]]
    pages = [s["page_ms"] for s in found["samples"]]
    if found["errors"]:
        _log(f"  {found['failed']} searches refused or empty (not timed), e.g. {found['errors'][0]}")
    kinds = sorted({s["kind"] for s in found["samples"]})
    for kind in kinds:
        part = [s["ms"] for s in found["samples"] if s["kind"] == kind]
        page = [s["page_ms"] for s in found["samples"] if s["kind"] == kind]
        _log(
            f"    {kind:<32} service p50 {percentile(part, 50):6.1f} p95 {percentile(part, 95):6.1f} ms"
            f"   page p50 {percentile(page, 50):6.1f} p95 {percentile(page, 95):6.1f} ms"
        )
    name = f"person_search_{database}_{size}{suffix}"
    return {
        f"{name}_page_p50": _metric(percentile(pages, 50), "ms", None, database, size),
        f"{name}_page_p95": _metric(percentile(pages, 95), "ms", 50, database, size),
        f"{name}_p50": _metric(percentile(times, 50), "ms", None, database, size),
        f"{name}_p95": _metric(percentile(times, 95), "ms", None, database, size),
        f"{name}_queries": _metric(len(times), "queries", None, database, size),
        f"{name}_failed": _metric(found["failed"], "queries", 0, database, size),
    }


def summary_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """The summary page for many people with 10 and with 1,000 events: server time, queries, and
    the page's own SQL replayed alone (the database floor) with the ratio of the two p95s."""
    found = _measure(url, "summary", "--requests", str(requests))
    out: dict[str, dict[str, Any]] = {}
    for events in ("10", "1000"):
        entry = found.get(events)
        if entry is None:
            _log(f"  summary page not measured: {found.get('missing', 'no result')}")
        p95 = percentile(entry["times_ms"], 95) if entry else None
        floor = percentile(entry["floor_ms"], 95) if entry else None
        if entry:
            _log(
                f"    {events} events: {len(entry['times_ms'])} requests over {entry['people']} people,"
                f" p50 {percentile(entry['times_ms'], 50):.1f} p95 {p95:.1f} ms; queries {entry['query_counts']};"
                f" SQL alone p50 {percentile(entry['floor_ms'], 50):.1f} p95 {floor:.1f} ms"
            )
        counts = entry["query_counts"] if entry else []
        out[f"summary_page_p50_{events}_events"] = _metric(
            percentile(entry["times_ms"], 50) if entry else None, "ms", None, "postgresql", size
        )
        out[f"summary_page_p95_{events}_events"] = _metric(p95, "ms", 30, "postgresql", size)
        # The fewest: a request that happens to be the first of a minute also saves the session
        # (three statements: IdleTimeoutMiddleware), whoever the person is.
        out[f"summary_page_queries_{events}_events"] = _metric(
            min(counts) if counts else None, "queries", None, "postgresql", size
        )
        out[f"summary_page_sql_alone_p95_{events}_events"] = _metric(floor, "ms", None, "postgresql", size)
        out[f"summary_page_ratio_to_sql_{events}_events"] = _metric(
            p95 / floor if p95 and floor else None, "times", 5, "postgresql", size
        )
    return out


def _page_metrics(
    found: dict[str, Any], names: tuple[tuple[str, str], ...], target: float | None, size: str
) -> dict[str, dict[str, Any]]:
    """p50 and p95 (against the target) of each series of server times a measurement returned."""
    out: dict[str, dict[str, Any]] = {}
    for key, name in names:
        times = found.get(key)
        out[f"{name}_p50"] = _metric(percentile(times, 50) if times else None, "ms", None, "postgresql", size)
        out[f"{name}_p95"] = _metric(percentile(times, 95) if times else None, "ms", target, "postgresql", size)
    return out


def contact_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """Recording a contact at the front door: the form's GET and the record POST, server time."""
    found = _measure(url, "contact", "--requests", str(requests))
    if "missing" in found:
        _log(f"  recording a contact not measured: {found['missing']}")
    return _page_metrics(found, (("form_ms", "contact_form_page"), ("record_ms", "contact_record")), None, size)


def assessment_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """Opening and saving a needs assessment: the page's GET and the save's POST, server time."""
    found = _measure(url, "assessment", "--requests", str(requests))
    if "missing" in found:
        _log(f"  the assessment page not measured: {found['missing']}")
    return _page_metrics(found, (("open_ms", "assessment_open"), ("save_ms", "assessment_save")), 50, size)


def fhir_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """The FHIR API as a partner's system uses it: Patient by NHS number, Flag for a patient."""
    found = _measure(url, "fhir", "--requests", str(requests))
    if "missing" in found:
        _log(f"  the FHIR API not measured: {found['missing']}")
    else:
        _log(
            f"    {found['shared']} people shared with the partner of {found['people']};"
            f" {found['patients_found']} patients and {found['flags_found']} flags found"
        )
    out = _page_metrics(
        found, (("patient_ms", "fhir_patient_by_nhs_number"), ("flag_ms", "fhir_flag_by_patient")), 20, size
    )
    out["fhir_patient_by_nhs_number_queries"] = _metric(
        found.get("patient_queries"), "queries", None, "postgresql", size
    )
    out["fhir_flag_by_patient_queries"] = _metric(found.get("flag_queries"), "queries", None, "postgresql", size)
    return out


def fhir_bulk_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """FHIR Bulk Data export of the borough by a partner everyone shares with (benchmarks/fhir_bulk.py):
    minutes from kick-off to the manifest, and to fetch the files."""
    # Everyone in the borough shares with the trust, unless BENCH_BULK_SHARED names how many.
    shared = os.environ.get("BENCH_BULK_SHARED") or ("2000" if size == "small" else "0")
    found = _measure(url, "fhir_bulk", "--shared", shared)
    _log(
        f"    {found['total_resources']:,} resources ({found['megabytes']:.0f} MB) of {found['shared']:,} people"
        f" shared of {found['people']:,}: {found['resources']}"
    )
    what = f"{size}, {found['shared']} people shared, {found['total_resources']} resources"
    return {
        "fhir_bulk_export_minutes": _metric(found["export_seconds"] / 60, "min", None, "postgresql", what),
        "fhir_bulk_download_minutes": _metric(found["download_seconds"] / 60, "min", None, "postgresql", what),
    }


def triage_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """The safeguarding triage queue's page with 10,000 open concerns, server time."""
    found = _measure(url, "triage", "--requests", str(requests))
    if "missing" in found:
        _log(f"  the triage queue not measured: {found['missing']}")
    times = found.get("times_ms")
    return {
        "triage_queue_p50": _metric(percentile(times, 50) if times else None, "ms", None, "postgresql", size),
        "triage_queue_p95": _metric(percentile(times, 95) if times else None, "ms", 100, "postgresql", size),
        "triage_queue_open_concerns": _metric(found.get("open"), "concerns", None, "postgresql", size),
    }


def workforce_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """The team caseload view and the pressures dashboard for a service of 300 practitioners."""
    found = _measure(url, "workforce", "--requests", str(requests))
    if "missing" in found:
        _log(f"  the workforce pages not measured: {found['missing']}")
    out = _page_metrics(found, (("team_ms", "team_caseloads"), ("dashboard_ms", "workforce_dashboard")), 200, size)
    out["workforce_practitioners"] = _metric(found.get("profiles"), "practitioners", None, "postgresql", size)
    out["workforce_open_cases"] = _metric(found.get("open_cases"), "cases", None, "postgresql", size)
    if found.get("profiles"):
        _log(
            f"    {found['profiles']} practitioners with profiles, {found['open_cases']} open cases,"
            f" largest team {found['largest_team']}"
        )
    return out


def hub_metrics(url: str, size: str, requests: int) -> dict[str, dict[str, Any]]:
    """The discharge hub's board with 300 people on it, and the rows it polls, server time."""
    found = _measure(url, "hub", "--requests", str(requests))
    if "missing" in found:
        _log(f"  the hub board not measured: {found['missing']}")
    board, rows = found.get("board_ms"), found.get("rows_ms")
    return {
        "hub_board_p50": _metric(percentile(board, 50) if board else None, "ms", None, "postgresql", size),
        "hub_board_p95": _metric(percentile(board, 95) if board else None, "ms", 100, "postgresql", size),
        "hub_board_rows_p95": _metric(percentile(rows, 95) if rows else None, "ms", 100, "postgresql", size),
        "hub_board_people": _metric(found.get("on_board"), "people", None, "postgresql", size),
    }


def seed_timing_metric(database: str, size: str) -> dict[str, dict[str, Any]]:
    pg_database_ensure(database, fresh=True)
    url = _pg_url(database)
    _manage(url, "migrate", "--verbosity", "0")
    start = time.perf_counter()
    _manage(url, "seed", "--size", size, "--seed", str(SEED))
    seconds = time.perf_counter() - start
    return {
        f"seed_{size}_postgresql_seconds": _metric(seconds, "s", 180 if size == "medium" else None, "postgresql", size)
    }


RESTORE_DATABASE = "tandem_bench_restore"


def _seconds_said(output: str) -> float:
    """The seconds `tandem export` or `tandem import` says it took ("... in 12.3 s")."""
    return float(output.rsplit(" in ", 1)[1].split(" s", 1)[0])


def archive_metrics(url: str, size: str) -> dict[str, dict[str, Any]]:
    """`tandem export` of a borough (every table and the FHIR files, minutes), and `tandem import` of
    that archive into a fresh, migrated database of its own (minutes, migrate not counted)."""
    with tempfile.TemporaryDirectory(prefix="tandem-archive-") as work:
        archive = Path(work) / "archive"
        exported = _manage(url, "export", str(archive)).stdout
        export_minutes = _seconds_said(exported.splitlines()[0]) / 60
        megabytes = sum(path.stat().st_size for path in archive.rglob("*") if path.is_file()) / 1_000_000
        _log(f"    {exported.splitlines()[0]} ({megabytes:,.0f} MB)")
        pg_database_ensure(RESTORE_DATABASE, fresh=True)
        restore_url = _pg_url(RESTORE_DATABASE)
        _manage(restore_url, "migrate", "--verbosity", "0")
        imported = _manage(restore_url, "import", str(archive)).stdout
        import_minutes = _seconds_said(imported.splitlines()[0]) / 60
        _log(f"    {imported.splitlines()[0]}")
        verified = _manage(restore_url, "audit_verify").stdout.strip()
        _log(f"    {verified}")
    return {
        "archive_export_minutes": _metric(export_minutes, "min", None, "postgresql", size),
        "archive_export_megabytes": _metric(megabytes, "MB", None, "postgresql", size),
        "archive_import_minutes": _metric(import_minutes, "min", None, "postgresql", size),
    }


DIRECTORY_DATABASE = "tandem_bench_directory"
DIRECTORY_SERVICES = 5_000


def directory_metrics(passes: int) -> dict[str, dict[str, Any]]:
    """Directory search over 5,000 synthetic services in a fresh PostgreSQL database of its own."""
    pg_database_ensure(DIRECTORY_DATABASE, fresh=True)
    url = _pg_url(DIRECTORY_DATABASE)
    _manage(url, "migrate", "--verbosity", "0")
    command = [sys.executable, "-m", "benchmarks.directory_search", "--services", str(DIRECTORY_SERVICES)]
    command += ["--passes", str(passes), "--seed", str(SEED)]
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True, stdout=subprocess.PIPE, text=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    times = [sample["ms"] for sample in found["samples"]]
    pages = [sample["page_ms"] for sample in found["samples"]]
    size = f"{found['services']} services"
    _log(
        f"    {len(pages)} searches as pages: p50 {percentile(pages, 50):.1f} ms, p95 {percentile(pages, 95):.1f} ms;"
        f" the service alone p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms"
        f" (load average {found['load_average']:.1f} on {os.cpu_count()} cores)"
    )
    if found["failed"]:
        _log(f"    {len(found['failed'])} searches found nothing (not timed), e.g. {found['failed'][0]}")
    cold = found["cold_ms"]
    _log(f"    the service with nothing cached: p50 {percentile(cold, 50):.1f} ms, p95 {percentile(cold, 95):.1f} ms")
    return {
        "directory_search_page_p50": _metric(percentile(pages, 50), "ms", None, "postgresql", size),
        "directory_search_page_p95": _metric(percentile(pages, 95), "ms", 20, "postgresql", size),
        "directory_search_p50": _metric(percentile(times, 50), "ms", None, "postgresql", size),
        "directory_search_p95": _metric(percentile(times, 95), "ms", None, "postgresql", size),
        "directory_search_cold_p95": _metric(percentile(cold, 95), "ms", None, "postgresql", size),
        "directory_search_queries": _metric(len(times), "queries", None, "postgresql", size),
        "directory_search_failed": _metric(len(found["failed"]), "queries", 0, "postgresql", size),
    }


EVENTS_DATABASE = "tandem_bench_events"


def health_events_metrics(*, quick: bool) -> dict[str, dict[str, Any]]:
    """Importing 100 partner bundles with 3,000 encounters through POST /fhir/, in a fresh database
    of its own (benchmarks/health_events.py): seconds for them all, the target 30."""
    pg_database_ensure(EVENTS_DATABASE, fresh=True)
    url = _pg_url(EVENTS_DATABASE)
    _manage(url, "migrate", "--verbosity", "0")
    bundles, encounters = (20, 600) if quick else (100, 3_000)
    command = [sys.executable, "-m", "benchmarks.health_events", "--bundles", str(bundles)]
    command += ["--encounters", str(encounters), "--seed", str(SEED)]
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True, stdout=subprocess.PIPE, text=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    size = f"{found['bundles']} bundles, {found['encounters']} encounters"
    _log(
        f"    {found['events']} events from {size} in {found['seconds']:.1f} s (slowest bundle"
        f" {found['slowest_bundle_s']:.2f} s; {found['waiting']} waiting for a match;"
        f" load average {found['load_average']:.1f} on {os.cpu_count()} cores)"
    )
    return {
        "health_events_import_seconds": _metric(found["seconds"], "s", None if quick else 30, "postgresql", size),
        "health_events_slowest_bundle": _metric(found["slowest_bundle_s"], "s", None, "postgresql", size),
    }


RISK_DATABASE = "tandem_bench_risk"


def risk_metrics(*, quick: bool) -> dict[str, dict[str, Any]]:
    """Scoring every adult's risk (300,000 people, 5,000,000 health events; target 30 s) and the
    proactive worklist (server time p95, target 100 ms), in a fresh database of its own built in SQL
    (benchmarks/risk.py)."""
    pg_database_ensure(RISK_DATABASE, fresh=True)
    url = _pg_url(RISK_DATABASE)
    _manage(url, "migrate", "--verbosity", "0")
    people, events, requests = (20_000, 330_000, 40) if quick else (300_000, 5_000_000, 200)
    command = [sys.executable, "-m", "benchmarks.risk", "--people", str(people), "--events", str(events)]
    command += ["--requests", str(requests)]
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True, stdout=subprocess.PIPE, text=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    size = f"{found['people']:,} people, {found['events']:,} events"
    if "missing" in found:
        _log(f"  the worklist not measured: {found['missing']}")
        return {}
    p95 = percentile(found["worklist_ms"], 95)
    _log(
        f"    scored {found['scored']:,} adults in {found['score_first_s']:.1f} s"
        f" (again {found['score_again_s']:.1f} s);"
        f" worklist p95 {p95:.0f} ms over {len(found['worklist_ms'])} requests;"
        f" load average {found['load_average']:.1f} on {os.cpu_count()} cores"
    )
    return {
        "risk_score_all_seconds": _metric(found["score_first_s"], "s", None if quick else 30, "postgresql", size),
        "risk_score_again_seconds": _metric(found["score_again_s"], "s", None if quick else 30, "postgresql", size),
        "risk_worklist_p95": _metric(p95, "ms", 100, "postgresql", size),
    }


def load_test(profile: Profile) -> dict[str, dict[str, Any]]:
    """Staff at work at once: gunicorn on loopback driven by Locust, in a database of its own."""
    _log(f"Load test: {profile.load_database} ({profile.load_size})")
    url = _borough(profile.load_database, profile.load_size)
    found = load_measure(url, profile.load_run, seed=SEED)
    report_print(found)
    return load_metrics(found, profile.load_size)


# A rate is met from above: more requests a second is better.
HIGHER_IS_BETTER = {"req/s"}


def _missed(m: dict[str, Any]) -> bool:
    if m["target"] is None or m["value"] is None:
        return False
    return bool(m["value"] < m["target"] if m["unit"] in HIGHER_IS_BETTER else m["value"] > m["target"])


def table_print(results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{'metric':<50} {'value':>10} {'unit':<8} {'target':>7}  database   size")
    for name, m in results.items():
        value = "missing" if m["value"] is None else f"{m['value']:,.1f}"
        target = "" if m["target"] is None else str(m["target"])
        flag = " MISSED" if _missed(m) else ""
        print(f"{name:<50} {value:>10} {m['unit']:<8} {target:>7}  {m['database']:<10} {m['size']}{flag}")


def _borough(database: str, size: str) -> str:
    """The URL of a PostgreSQL database holding a borough of this size, seeded now if need be."""
    pg_database_ensure(database)
    url = _pg_url(database)
    borough_ready(url, size)
    return url


def _archive_measured(url: str, size: str, _requests: int) -> dict[str, dict[str, Any]]:
    """The archive benchmark in the shape of the page benchmarks (it makes no page requests)."""
    return archive_metrics(url, size)


def one_benchmark(name: str, profile: Profile, *, quick: bool) -> dict[str, dict[str, Any]]:
    """`--only NAME`: one benchmark's metrics, to be merged into results.json."""
    if name == "load":
        return load_test(profile)
    if name == "directory":
        _log(f"Directory search: {DIRECTORY_SERVICES} services in {DIRECTORY_DATABASE}")
        return directory_metrics(2 if quick else 5)
    if name in ("events", "risk"):
        _log(f"{name}: a database of its own")
        return health_events_metrics(quick=quick) if name == "events" else risk_metrics(quick=quick)
    if name in ("search", "summary", "contact", "fhir"):
        _log(f"PostgreSQL: {profile.pg_database} ({profile.pg_size})")
        url = _borough(profile.pg_database, profile.pg_size)
        if name == "search":
            return search_metrics(url, "postgresql", profile.pg_size, profile.search_passes)
        pages = {"summary": summary_metrics, "fhir": fhir_metrics, "contact": contact_metrics}
        return pages[name](url, profile.pg_size, profile.summary_requests)
    _log(f"{name}: {profile.seed_timing_database} ({profile.seed_timing_size})")
    url = _borough(profile.seed_timing_database, profile.seed_timing_size)
    measure = {
        "assessment": assessment_metrics,
        "triage": triage_metrics,
        "workforce": workforce_metrics,
        "hub": hub_metrics,
        "bulk": fhir_bulk_metrics,
        "archive": _archive_measured,
    }[name]
    return measure(url, profile.seed_timing_size, profile.summary_requests)


ONLY = (
    "search",
    "summary",
    "contact",
    "fhir",
    "directory",
    "events",
    "assessment",
    "triage",
    "workforce",
    "hub",
    "bulk",
    "risk",
    "archive",
    "load",
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small boroughs everywhere, fewer repetitions")
    parser.add_argument("--skip-seed-timing", action="store_true", help="do not time a fresh medium seed")
    parser.add_argument("--only", choices=ONLY, help="run only this benchmark, updating its metrics in results.json")
    parser.add_argument(
        "--database",
        help="with --only: the PostgreSQL database to use instead of the profile's (seeded with its size if need be)",
    )
    args = parser.parse_args()
    if args.database and not args.only:
        parser.error("--database needs --only")
    return args


def _medium_metrics(profile: Profile, add: Callable[[dict[str, dict[str, Any]]], None]) -> None:
    """The medium borough on PostgreSQL: freshly seeded by the seeding-time run, or seeded (or reused) now."""
    _log(f"Opening and saving an assessment: {profile.seed_timing_database} ({profile.seed_timing_size})")
    medium = _borough(profile.seed_timing_database, profile.seed_timing_size)
    add(assessment_metrics(medium, profile.seed_timing_size, profile.summary_requests))
    _log("  the safeguarding triage queue with 10,000 open concerns")
    add(triage_metrics(medium, profile.seed_timing_size, profile.summary_requests))
    _log("  the team caseload view and the pressures dashboard for 300 practitioners")
    add(workforce_metrics(medium, profile.seed_timing_size, profile.summary_requests))
    _log("  the discharge hub's board with 300 people on it")
    add(hub_metrics(medium, profile.seed_timing_size, profile.summary_requests))
    _log("  FHIR Bulk Data export of the borough by a partner")
    add(fhir_bulk_metrics(medium, profile.seed_timing_size, profile.summary_requests))
    _log("  the whole record out and back: tandem export, and tandem import into a fresh database")
    add(archive_metrics(medium, profile.seed_timing_size))


def main() -> None:
    args = _arguments()
    stamp()  # the commit is read now, before anything is measured
    # Production settings refuse to sign a session without a secret key of their own: one made for
    # the run, which every benchmark's process inherits (as benchmarks.load gives gunicorn one).
    os.environ.setdefault("TANDEM_SECRET_KEY", secrets.token_urlsafe(50))
    profile = QUICK if args.quick else FULL
    if args.database:
        profile = replace(profile, pg_database=args.database, seed_timing_database=args.database)
    results: dict[str, dict[str, Any]] = {}

    def add(metrics: dict[str, dict[str, Any]]) -> None:
        results.update(stamped(metrics))  # stamped as each measurement ends: its own load average

    if args.only:
        add(one_benchmark(args.only, profile, quick=args.quick))
        table_print(results)
        results_write(RESULTS, results_read(RESULTS) | results, run=f"--only {args.only}")
        print(f"\nUpdated {RESULTS.relative_to(ROOT)}")
        return

    _log(f"PostgreSQL: {profile.pg_database} ({profile.pg_size})")
    pg = _borough(profile.pg_database, profile.pg_size)
    _log("  person search, as the page and as the service")
    add(search_metrics(pg, "postgresql", profile.pg_size, profile.search_passes))
    _log("  person summary page")
    add(summary_metrics(pg, profile.pg_size, profile.summary_requests))
    _log("  recording a contact at the front door")
    add(contact_metrics(pg, profile.pg_size, profile.summary_requests))
    _log("  the FHIR API: Patient by NHS number, Flag for a patient")
    add(fhir_metrics(pg, profile.pg_size, profile.summary_requests))
    _log(f"Directory search: {DIRECTORY_SERVICES} services in {DIRECTORY_DATABASE}")
    add(directory_metrics(2 if args.quick else 5))
    _log(f"Health events in: partner bundles into {EVENTS_DATABASE}")
    add(health_events_metrics(quick=args.quick))
    _log(f"Risk scoring and the proactive worklist into {RISK_DATABASE}")
    add(risk_metrics(quick=args.quick))

    _log(f"SQLite: {profile.sqlite_file} ({profile.sqlite_size})")
    sqlite = f"sqlite:///{ROOT / profile.sqlite_file}"
    borough_ready(sqlite, profile.sqlite_size)
    _log("  person search")
    add(search_metrics(sqlite, "sqlite", profile.sqlite_size, profile.search_passes))

    if not args.skip_seed_timing:
        _log(f"Seeding time: {profile.seed_timing_size} borough into {profile.seed_timing_database}")
        add(seed_timing_metric(profile.seed_timing_database, profile.seed_timing_size))
    _medium_metrics(profile, add)
    add(load_test(profile))

    table_print(results)
    results_write(RESULTS, results, run="full" if not args.quick else "quick")
    print(f"\nWrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
