"""URL wiring: each app owns its URLs under its own namespace."""

from django.urls import include, path

urlpatterns = [
    # Public health checks for the load balancer (tandem/core/health.py; docs/deployment.md).
    path("", include("tandem.core.urls")),
    path("", include("tandem.identity.urls")),
    path("people/", include("tandem.people.urls")),
    path("access/", include("tandem.access.urls")),
    path("", include("tandem.directory.urls")),
    path("", include("tandem.front_door.urls")),
    path("assessments/", include("tandem.assessments.urls")),
    path("support-plans/", include("tandem.support_plans.urls")),
    path("safeguarding/", include("tandem.safeguarding.urls")),
    path("workforce/", include("tandem.workforce.urls")),
    path("prevention/", include("tandem.prevention.urls")),
    path("", include("tandem.interop.site_urls")),
]

handler400 = "tandem.core.views.bad_request"
handler403 = "tandem.core.views.forbidden"
handler404 = "tandem.core.views.not_found"
handler500 = "tandem.core.views.server_error"
