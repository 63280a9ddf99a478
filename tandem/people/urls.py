from django.urls import path

from tandem.people import views, work_views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("my-work/", work_views.my_work, name="my_work"),
    path("my-work/<str:work_section>/", work_views.my_work_section, name="my_work_section"),
    path("warnings/review/", views.warnings_due, name="warnings_due"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("<uuid:person_uuid>/", views.summary, name="summary"),
    path("<uuid:person_uuid>/details/", views.details_edit, name="details_edit"),
    path("<uuid:person_uuid>/what-matters/", views.voice_edit, name="voice_edit"),
    path("<uuid:person_uuid>/previous-names/new/", views.previous_name_add, name="previous_name_add"),
    path("<uuid:person_uuid>/network/", views.network, name="network"),
    path("<uuid:person_uuid>/network/new/", views.network_add, name="network_add"),
    path("<uuid:person_uuid>/network/<uuid:member_uuid>/remove/", views.network_end, name="network_end"),
    path("<uuid:person_uuid>/consent/new/", views.consent_add, name="consent_add"),
    path("<uuid:person_uuid>/warnings/new/", views.warning_raise, name="warning_raise"),
    path("<uuid:person_uuid>/warnings/<uuid:warning_uuid>/end/", views.warning_end, name="warning_end"),
    path("<uuid:person_uuid>/warnings/<uuid:warning_uuid>/review/", views.warning_review, name="warning_review"),
    path("<uuid:person_uuid>/history/", views.history, name="history"),
    path("<uuid:person_uuid>/access-log/", views.access_log, name="access_log"),
    path("<uuid:person_uuid>/merge/", views.merge, name="merge"),
    path("<uuid:person_uuid>/restrict/", views.restrict, name="restrict"),
    path("<uuid:person_uuid>/break-glass/", views.break_glass, name="break_glass"),
]
