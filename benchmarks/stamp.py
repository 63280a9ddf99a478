"""Where a figure comes from: the commit measured, when, and how busy the machine was.

Every metric in `benchmarks/results.json` carries its own stamp, so a partial run (`--only`),
which replaces some figures and keeps the rest, still says which figure comes from which commit.
"""

import datetime
import json
import os
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def commit() -> str:
    """The commit checked out, with `+changes` when the working tree differs from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", "tandem", "config", "benchmarks")
    return f"{head}+changes" if changed else head


_MEASURED: str | None = None


def stamp() -> dict[str, Any]:
    """The commit (as the run first asked: what it measured), the time (UTC) and the load average
    over the last minute, as they are now."""
    global _MEASURED  # noqa: PLW0603 - one run measures one commit
    if _MEASURED is None:
        _MEASURED = commit()
    return {
        "commit": _MEASURED,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "load_average": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
    }


def stamped(metrics: dict[str, dict[str, Any]], when: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The metrics, each stamped (with `when`, or as things are now: call it as a measurement ends)."""
    mark = when or stamp()
    return {name: {**metric, **mark} for name, metric in metrics.items()}


def results_read(path: Path) -> dict[str, dict[str, Any]]:
    """The metrics of a results file, in its current shape (`{"runs", "metrics"}`) or the older flat one."""
    if not path.exists():
        return {}
    found = json.loads(path.read_text(encoding="utf-8"))
    if "metrics" in found and isinstance(found["metrics"], dict):
        return dict(found["metrics"])
    return {name: {**metric, "commit": metric.get("commit")} for name, metric in found.items()}


def results_write(path: Path, metrics: dict[str, dict[str, Any]], *, run: str) -> None:
    """Write the metrics with a summary of which commits and dates they come from."""
    sources: dict[str, dict[str, Any]] = {}
    for name, metric in metrics.items():
        key = f"{metric.get('commit') or 'unstamped'} {metric.get('date') or ''}".strip()
        source = sources.setdefault(
            key,
            {"commit": metric.get("commit"), "date": metric.get("date"), "load_average": metric.get("load_average")},
        )
        source.setdefault("metrics", []).append(name)
    document = {"last_run": {**stamp(), "run": run}, "sources": list(sources.values()), "metrics": metrics}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
