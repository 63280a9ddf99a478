from django.urls import path

from tandem.identity import admin_views, views

app_name = "identity"
urlpatterns = [
    path("", views.sign_in, name="sign_in"),
    path("verify/", views.verify, name="verify"),
    path("sign-in/organisation/", views.organisation_sign_in, name="organisation_sign_in"),
    path("sign-in/organisation/return/", views.organisation_sign_in_return, name="organisation_sign_in_return"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("account/", views.account, name="account"),
    path("account/second-factor/", views.second_factor_setup, name="second_factor_setup"),
    path("account/password/", admin_views.password_change, name="password_change"),
    path("accessibility/", views.accessibility, name="accessibility"),
    # The system administrator's pages.
    path("administration/staff/", admin_views.staff_list, name="staff_list"),
    path("administration/staff/new/", admin_views.staff_create, name="staff_create"),
    path("administration/staff/<uuid:staff_uuid>/", admin_views.staff_detail, name="staff_detail"),
    path("administration/staff/<uuid:staff_uuid>/edit/", admin_views.staff_edit, name="staff_edit"),
    path("administration/staff/<uuid:staff_uuid>/deactivate/", admin_views.staff_deactivate, name="staff_deactivate"),
    path("administration/staff/<uuid:staff_uuid>/reactivate/", admin_views.staff_reactivate, name="staff_reactivate"),
    path("administration/staff/<uuid:staff_uuid>/unlock/", admin_views.staff_unlock, name="staff_unlock"),
    path(
        "administration/staff/<uuid:staff_uuid>/second-factor/reset/",
        admin_views.staff_second_factor_reset,
        name="staff_second_factor_reset",
    ),
    path(
        "administration/staff/<uuid:staff_uuid>/password/force-change/",
        admin_views.staff_password_change_force,
        name="staff_password_change_force",
    ),
    path(
        "administration/staff/<uuid:staff_uuid>/organisation-account/",
        admin_views.staff_organisation_account,
        name="staff_organisation_account",
    ),
    path("administration/staff/<uuid:staff_uuid>/teams/add/", admin_views.membership_add, name="membership_add"),
    path("administration/memberships/<int:membership_id>/end/", admin_views.membership_end, name="membership_end"),
    path("administration/organisations/", admin_views.organisation_list, name="organisation_list"),
    path("administration/organisations/new/", admin_views.organisation_edit, name="organisation_create"),
    path(
        "administration/organisations/<uuid:organisation_uuid>/edit/",
        admin_views.organisation_edit,
        name="organisation_edit",
    ),
    path("administration/teams/new/", admin_views.team_edit, name="team_create"),
    path("administration/teams/<uuid:team_uuid>/edit/", admin_views.team_edit, name="team_edit"),
]
