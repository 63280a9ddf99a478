"""Values every page needs: the service name and the organisation running it."""

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, str]:
    return {
        "service_name": settings.TANDEM_SERVICE_NAME,
        "organisation_name": settings.TANDEM_ORGANISATION_NAME,
    }
