"""ASGI entry point. Production refuses to start as config/wsgi.py does."""

import os

from django.core.asgi import get_asgi_application

from tandem.core.deployment import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
refuse_unsafe_start()
application = get_asgi_application()
