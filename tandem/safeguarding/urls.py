"""Safeguarding pages under /safeguarding/: the triage queue, concerns, enquiries, DoLS and the returns."""

from django.urls import path

from tandem.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("", views.triage_queue, name="triage_queue"),
    path("concerns/new/", views.concern_new, name="concern_new"),
    path("concerns/<uuid:concern_uuid>/", views.concern, name="concern"),
    path("concerns/<uuid:concern_uuid>/edit/", views.concern_edit, name="concern_edit"),
    path("concerns/<uuid:concern_uuid>/warning/", views.concern_warning, name="concern_warning"),
    path("enquiries/open/", views.open_enquiries, name="open_enquiries"),
    path("enquiries/<uuid:enquiry_uuid>/", views.enquiry, name="enquiry"),
    path("enquiries/<uuid:enquiry_uuid>/lead/", views.enquiry_lead, name="enquiry_lead"),
    path("enquiries/<uuid:enquiry_uuid>/outcomes/", views.enquiry_outcomes, name="enquiry_outcomes"),
    path("enquiries/<uuid:enquiry_uuid>/meetings/new/", views.meeting_record, name="meeting_record"),
    path("enquiries/<uuid:enquiry_uuid>/actions/new/", views.action_add, name="action_add"),
    path("enquiries/<uuid:enquiry_uuid>/actions/<int:action_id>/done/", views.action_done, name="action_done"),
    path("enquiries/<uuid:enquiry_uuid>/contributions/new/", views.contribution_add, name="contribution_add"),
    path("enquiries/<uuid:enquiry_uuid>/plan/", views.plan_record, name="plan_record"),
    path("enquiries/<uuid:enquiry_uuid>/conclude/", views.enquiry_conclude, name="enquiry_conclude"),
    path("enquiries/<uuid:enquiry_uuid>/outcome/", views.enquiry_outcome, name="enquiry_outcome"),
    path("enquiries/<uuid:enquiry_uuid>/sign-off/", views.enquiry_sign_off, name="enquiry_sign_off"),
    path("dols/", views.dols_waiting_list, name="dols_waiting_list"),
    path("dols/renewals/", views.dols_renewals, name="dols_renewals"),
    path("dols/new/", views.dols_receive, name="dols_receive"),
    path("dols/<uuid:application_uuid>/", views.dols_application, name="dols_application"),
    path("dols/<uuid:application_uuid>/extend/", views.dols_extend, name="dols_extend"),
    path("dols/<uuid:application_uuid>/priority/", views.dols_priority, name="dols_priority"),
    path("dols/<uuid:application_uuid>/allocate/", views.dols_allocate, name="dols_allocate"),
    path("dols/<uuid:application_uuid>/decision/", views.dols_decide, name="dols_decide"),
    path("returns/", views.returns_page, name="returns"),
    path("returns/<slug:collection>/<int:year>/csv/", views.returns_csv, name="returns_csv"),
    path("returns/dols/<int:year>/cases/", views.returns_dols_cases, name="returns_dols_cases"),
    path("returns/<slug:collection>/<int:year>/figure/", views.returns_figure, name="returns_figure"),
]
