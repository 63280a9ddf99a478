"""The core app has no page of its own to check."""

# The load balancer's health checks answer JSON, not pages (tandem/core/tests/test_health.py).
JSON_API = {"core:healthz", "core:readyz"}
