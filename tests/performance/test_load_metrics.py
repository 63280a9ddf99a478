"""The load test's figures: a rate is met from above, and every figure comes from what was measured."""

from benchmarks.load import load_metrics
from benchmarks.run import _missed

MEASURED = {
    "users": 20,
    "workers": 2,
    "threads": 1,
    "seconds": 50.0,
    "cores": 2,
    "load_average": 1.0,
    "overall": {"requests": 8000, "failures": 0, "p50": 110, "p95": 190, "p99": 260, "mean": 120.0},
    "by_kind": {},
    "server_cpu_seconds": 72.0,
    "postgres_cpu_seconds": 15.0,
    "generator_cpu_seconds": 10.0,
    "errors": [],
    "warmup_errors": [],
}


def test_the_rate_per_core_and_cpu_figures_come_from_the_measured_window():
    metrics = load_metrics(MEASURED, "large")

    assert metrics["load_requests_per_second"]["value"] == 160.0
    assert metrics["load_requests_per_second_per_core"]["value"] == 80.0
    assert metrics["load_p95"]["value"] == 190
    assert metrics["load_server_cpu"]["value"] == 1.44
    assert metrics["load_server_cpu_ms_per_request"]["value"] == 9.0
    assert metrics["load_generator_cpu"]["value"] == 0.2
    assert metrics["load_requests_per_second"]["size"] == "large, 20 users, 2 workers"


def test_a_rate_above_its_target_is_met_and_one_below_is_missed():
    metrics = load_metrics(MEASURED, "large")

    assert not _missed(metrics["load_requests_per_second"])
    assert not _missed(metrics["load_p95"])
    slow = load_metrics({**MEASURED, "seconds": 100.0}, "large")
    assert _missed(slow["load_requests_per_second"])


def test_a_time_above_its_target_is_still_missed():
    assert _missed({"value": 201, "unit": "ms", "target": 200})
    assert not _missed({"value": None, "unit": "req/s", "target": 150})
