"""Assessment pages under /assessments/: start a needs or carer's assessment, then each step of it."""

from django.urls import path

from tandem.assessments import views

app_name = "assessments"

urlpatterns = [
    path("start/<uuid:person_uuid>/", views.assessment_start, name="assessment_start"),
    path("start/<uuid:person_uuid>/carer/", views.carer_assessment_start, name="carer_assessment_start"),
    path("<uuid:assessment_uuid>/", views.assessment, name="assessment"),
    path("<uuid:assessment_uuid>/complete/", views.assessment_complete, name="assessment_complete"),
    path("<uuid:assessment_uuid>/judgement/", views.judgement_record, name="judgement_record"),
    path("<uuid:assessment_uuid>/authorise/", views.assessment_authorise, name="assessment_authorise"),
    path("<uuid:assessment_uuid>/history/", views.assessment_history, name="assessment_history"),
    path("<uuid:assessment_uuid>/statement/", views.statement, name="statement"),
]
