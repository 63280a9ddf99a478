"""The risk pages, joined into the prevention app's URLs (`prevention:risk_…`)."""

from django.urls import path

from tandem.prevention.risk import views

urlpatterns = [
    path("risk/worklist/", views.risk_worklist, name="risk_worklist"),
    path("risk/people/<uuid:person_uuid>/", views.risk_person, name="risk_person"),
    path("risk/people/<uuid:person_uuid>/outreach/", views.risk_outreach, name="risk_outreach"),
    path("risk/rules/", views.risk_rules, name="risk_rules"),
    path("risk/rules/edit/", views.risk_rules_edit, name="risk_rules_edit"),
    path("risk/evaluation/", views.risk_evaluation, name="risk_evaluation"),
]
