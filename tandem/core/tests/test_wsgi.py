"""The WSGI module gunicorn loads: the application, its views, and the garbage collector's freeze."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import gc, json, sys; import config.wsgi as w; "
    "print(json.dumps({'frozen': gc.get_freeze_count(), 'views': 'tandem.people.views' in sys.modules, "
    "'app': callable(w.application)}))"
)


def _load_in_a_fresh_process() -> dict[str, object]:
    env = {**os.environ, "TANDEM_SECRET_KEY": "a-key-for-this-test-only-" + "x" * 40}
    done = subprocess.run(  # noqa: S603 - this interpreter and a fixed probe
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    loaded: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_a_worker_loads_every_view_and_freezes_what_it_loaded_before_its_first_request():
    loaded = _load_in_a_fresh_process()

    assert loaded["app"] is True
    assert loaded["views"] is True  # the URLs were resolved at start-up, so their views are imported
    assert isinstance(loaded["frozen"], int)
    assert loaded["frozen"] > 50_000  # Django, the apps and their modules: out of the collector's walks
