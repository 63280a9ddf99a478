"""Workforce pages under /workforce/."""

from django.urls import path

from tandem.workforce import views

app_name = "workforce"

urlpatterns = [
    path("", views.home, name="home"),
    path("teams/<uuid:team_uuid>/", views.team_caseloads, name="team_caseloads"),
    path("teams/<uuid:team_uuid>/waiting/", views.waiting_list, name="waiting_list"),
    path("teams/<uuid:team_uuid>/establishment/", views.establishment, name="establishment"),
    path("teams/<uuid:team_uuid>/posts/new/", views.post_add, name="post_add"),
    path("posts/<uuid:post_uuid>/", views.post_edit, name="post_edit"),
    path("practitioners/<uuid:user_uuid>/", views.practitioner, name="practitioner"),
    path("practitioners/<uuid:user_uuid>/profile/", views.profile_edit, name="profile_edit"),
    path("people/<uuid:person_uuid>/waiting/", views.case_open, name="case_open"),
    path("cases/<uuid:case_uuid>/", views.case, name="case"),
    path("cases/<uuid:case_uuid>/screen/", views.case_screen, name="case_screen"),
    path("cases/<uuid:case_uuid>/weigh/", views.case_weigh, name="case_weigh"),
    path("cases/<uuid:case_uuid>/override/", views.case_weight_override, name="case_weight_override"),
    path("cases/<uuid:case_uuid>/keep-in-touch/", views.case_keep_in_touch, name="case_keep_in_touch"),
    path("cases/<uuid:case_uuid>/allocate/", views.case_allocate, name="case_allocate"),
    path("cases/<uuid:case_uuid>/close/", views.case_close, name="case_close"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<str:kind>/", views.dashboard_figure, name="dashboard_figure"),
    path("alerts/", views.alerts, name="alerts"),
    path("rules/", views.rules_view, name="rules"),
    path("rules/edit/", views.rules_edit, name="rules_edit"),
]
