"""results.json: every figure says which commit, when and how busy the machine was; a partial run
keeps the other figures with their own stamps."""

import json
from pathlib import Path

from benchmarks.stamp import results_read, results_write, stamped

OLD = {"value": 30.0, "unit": "ms", "target": 30, "database": "postgresql", "size": "large"}


def test_each_figure_is_stamped_with_the_commit_the_date_and_the_load_average():
    [metric] = stamped({"summary_page_p95_10_events": OLD}).values()

    assert metric["value"] == 30.0
    assert metric["commit"]
    assert metric["date"].endswith("+00:00")
    assert metric["load_average"] >= 0


def test_a_partial_run_keeps_the_other_figures_and_says_where_each_comes_from(tmp_path: Path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"directory_search_p95": OLD}), encoding="utf-8")  # the older, flat file
    fresh = {"summary_page_p95_10_events": {**OLD, "commit": "abc123", "date": "2026-12-07T04:00:00+00:00"}}

    results_write(path, results_read(path) | fresh, run="--only summary")

    written = json.loads(path.read_text(encoding="utf-8"))
    assert set(written["metrics"]) == {"directory_search_p95", "summary_page_p95_10_events"}
    sources = {source["commit"]: source["metrics"] for source in written["sources"]}
    assert sources == {None: ["directory_search_p95"], "abc123": ["summary_page_p95_10_events"]}
    assert written["last_run"]["run"] == "--only summary"
