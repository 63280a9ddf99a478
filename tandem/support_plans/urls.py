"""Care and support plan pages under /support-plans/."""

from django.urls import path

from tandem.support_plans import provider_views, review_views, views

app_name = "support_plans"

urlpatterns = [
    path("start/<uuid:assessment_uuid>/", views.plan_start, name="plan_start"),
    path("<uuid:plan_uuid>/", views.plan, name="plan"),
    path("<uuid:plan_uuid>/details/", views.plan_edit, name="plan_edit"),
    path("<uuid:plan_uuid>/outcomes/new/", views.outcome_add, name="outcome_add"),
    path("<uuid:plan_uuid>/outcomes/<uuid:outcome_uuid>/", views.outcome_edit, name="outcome_edit"),
    path("<uuid:plan_uuid>/outcomes/<uuid:outcome_uuid>/remove/", views.outcome_remove, name="outcome_remove"),
    path("<uuid:plan_uuid>/outcomes/<uuid:outcome_uuid>/community/", views.community_add, name="community_add"),
    path(
        "<uuid:plan_uuid>/outcomes/<uuid:outcome_uuid>/commissioned/",
        views.commissioned_add,
        name="commissioned_add",
    ),
    path("<uuid:plan_uuid>/community/<uuid:community_uuid>/remove/", views.community_remove, name="community_remove"),
    path(
        "<uuid:plan_uuid>/commissioned/<uuid:commissioned_uuid>/",
        views.commissioned_edit,
        name="commissioned_edit",
    ),
    path(
        "<uuid:plan_uuid>/commissioned/<uuid:commissioned_uuid>/remove/",
        views.commissioned_remove,
        name="commissioned_remove",
    ),
    path("<uuid:plan_uuid>/agree/", views.plan_complete, name="plan_complete"),
    path("<uuid:plan_uuid>/copy/", views.plan_copy, name="plan_copy"),
    path("<uuid:plan_uuid>/sign-off/", views.plan_sign_off, name="plan_sign_off"),
    path("<uuid:plan_uuid>/revise/", views.plan_revise, name="plan_revise"),
    path("<uuid:plan_uuid>/versions/", views.plan_versions, name="plan_versions"),
    path("<uuid:plan_uuid>/document/", views.plan_document, name="plan_document"),
    path("<uuid:plan_uuid>/document.pdf", views.plan_document_pdf, name="plan_document_pdf"),
    path("<uuid:plan_uuid>/reviews/new/", review_views.review_start, name="review_start"),
    path("reviews/due/", review_views.reviews_due, name="reviews_due"),
    path("provider/", provider_views.provider_packages, name="provider_packages"),
    path("provider/<uuid:package_uuid>/review/", provider_views.provider_review_submit, name="provider_review_submit"),
    path(
        "provider-reviews/<uuid:provider_review_uuid>/",
        provider_views.provider_review_check,
        name="provider_review_check",
    ),
    path("reviews/<uuid:review_uuid>/", review_views.review, name="review"),
    path("reviews/<uuid:review_uuid>/complete/", review_views.review_complete, name="review_complete"),
]
