"""WSGI entry point for gunicorn: `gunicorn config.wsgi`.

Production (neither TANDEM_DEMO nor TANDEM_DEBUG) refuses to start without its own secret key and
audit key, a mail server and a shared cache: a plain message, and gunicorn stops
(tandem/core/deployment.py).

Each worker loads the application and its URLs (so every view, form and selector module) before
its first request, then hands everything loaded so far to `gc.freeze()`. Those objects live as
long as the process; once frozen, the garbage collector's full collections no longer walk them
(about 120,000 objects: a full collection took 75 ms of CPU, every 150 requests or so, and takes
9 ms frozen; docs/performance.md, "Under load").
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from tandem.core.deployment import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
refuse_unsafe_start()
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every app's views now, not in the first request
gc.collect()
gc.freeze()
