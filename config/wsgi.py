"""WSGI entry point for gunicorn: `gunicorn config.wsgi`.

Production (neither TANDEM_DEMO nor TANDEM_DEBUG) refuses to start without its own secret key, a
mail server and a shared cache: a plain message, and gunicorn stops (tandem/core/deployment.py).
"""

import os

from django.core.wsgi import get_wsgi_application

from tandem.core.deployment import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
refuse_unsafe_start()
application = get_wsgi_application()
