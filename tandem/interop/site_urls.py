"""The interop app's URLs: the FHIR API under /fhir/ (urls.py) and the administrator's pages for
partner systems beside the other administration pages."""

from django.urls import include, path

from tandem.interop import admin_views
from tandem.interop import urls as fhir_urls

app_name = "interop"

urlpatterns = [
    path("fhir/", include(fhir_urls.urlpatterns)),
    path("administration/partners/", admin_views.partner_list, name="partner_list"),
    path("administration/partners/new/", admin_views.partner_issue, name="partner_issue"),
    path("administration/partners/issued/", admin_views.partner_issued, name="partner_issued"),
    path("administration/partners/<uuid:partner_uuid>/revoke/", admin_views.partner_revoke, name="partner_revoke"),
]
