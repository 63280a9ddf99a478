"""The health checks: public, and read-only."""

from tests.authorisation.matrix import row

GET = {
    # The load balancer's health checks: public, the same answer for everyone.
    "core:healthz": row(200, 200, 200, 200, 200),
    "core:readyz": row(200, 200, 200, 200, 200),
}

POST = {
    # The health checks are read-only.
    "core:healthz": row(405, 405, 405, 405, 405),
    "core:readyz": row(405, 405, 405, 405, 405),
}
