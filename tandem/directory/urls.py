"""The directory's URLs: the ORUK API under /oruk/ and the directory pages under /directory/.

ORUK paths follow the standard (no trailing slash). Ids are plain strings, as the ORUK OpenAPI
types them: a `<uuid:>` converter would send a malformed id to the HTML 404 page, and API clients
need a JSON answer.
"""

from django.urls import URLPattern, URLResolver, include, path

from tandem.directory import views

app_name = "directory"

oruk_patterns = [
    path("", views.oruk_root, name="oruk_root"),
    path("services", views.oruk_services, name="oruk_services"),
    path("services/<str:service_id>", views.oruk_service, name="oruk_service"),
    path("taxonomies", views.oruk_taxonomies, name="oruk_taxonomies"),
    path("taxonomies/<str:taxonomy_id>", views.oruk_taxonomy, name="oruk_taxonomy"),
    path("taxonomy_terms", views.oruk_taxonomy_terms, name="oruk_taxonomy_terms"),
    path("taxonomy_terms/<str:taxonomy_term_id>", views.oruk_taxonomy_term, name="oruk_taxonomy_term"),
    path("service_at_locations", views.oruk_service_at_locations, name="oruk_service_at_locations"),
    path(
        "service_at_locations/<str:service_at_location_id>",
        views.oruk_service_at_location,
        name="oruk_service_at_location",
    ),
]

# Directory pages: public search, and staff curation.
page_patterns: list[URLPattern | URLResolver] = []

# Public search (search.py): no sign-in.
page_patterns += [
    path("", views.public_search, name="public_search"),
    path("print/", views.public_print, name="public_print"),
    path("services/<uuid:service_id>/", views.public_service, name="public_service"),
]

# Staff curation (sign-in and Permission.DIRECTORY_CURATE).
page_patterns += [
    path("manage/", views.manage, name="manage"),
    path("manage/stale/", views.manage_stale, name="manage_stale"),
    path("manage/new/", views.manage_service_add, name="manage_service_add"),
    path("manage/<uuid:service_uuid>/", views.manage_service, name="manage_service"),
    path("manage/<uuid:service_uuid>/edit/", views.manage_service_edit, name="manage_service_edit"),
    path("manage/<uuid:service_uuid>/checked/", views.manage_service_check, name="manage_service_check"),
    path("manage/<uuid:service_uuid>/status/", views.manage_service_status, name="manage_service_status"),
]

urlpatterns = [
    path("oruk/", include(oruk_patterns)),
    path("directory/", include(page_patterns)),
]
