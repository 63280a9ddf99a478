"""URL wiring: each app owns its URLs under its own namespace."""

from django.urls import include, path

urlpatterns = [
    path("", include("tandem.identity.urls")),
    path("people/", include("tandem.people.urls")),
    path("access/", include("tandem.access.urls")),
    path("audit/", include("tandem.audit.urls")),
]
