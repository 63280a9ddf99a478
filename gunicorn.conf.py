"""gunicorn reads this from the working directory when it starts Tandem (`gunicorn config.wsgi`).

The master checks production's settings before it starts any worker, so a missing secret key, mail
server or shared cache stops gunicorn once with a plain message (tandem/core/deployment.py). The
workers check again (config/wsgi.py) for a server started from elsewhere.
"""

import os
from typing import Any


def on_starting(server: Any) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from tandem.core.deployment import refuse_unsafe_start

    refuse_unsafe_start()
