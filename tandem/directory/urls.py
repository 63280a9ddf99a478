"""The ORUK API, at the paths the standard gives (no trailing slash).

Ids are plain strings, as the ORUK OpenAPI types them: a `<uuid:>` converter would send a malformed
id to the HTML 404 page, and API clients need a JSON answer.
"""

from django.urls import path

from tandem.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.oruk_root, name="oruk_root"),
    path("services", views.oruk_services, name="oruk_services"),
    path("services/<str:service_id>", views.oruk_service, name="oruk_service"),
    path("taxonomies", views.oruk_taxonomies, name="oruk_taxonomies"),
    path("taxonomies/<str:taxonomy_id>", views.oruk_taxonomy, name="oruk_taxonomy"),
    path("taxonomy_terms", views.oruk_taxonomy_terms, name="oruk_taxonomy_terms"),
    path("taxonomy_terms/<str:taxonomy_term_id>", views.oruk_taxonomy_term, name="oruk_taxonomy_term"),
]
