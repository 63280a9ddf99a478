from django.urls import path

from tandem.access import views

app_name = "access"
urlpatterns = [
    path("break-glass/", views.break_glass_list, name="break_glass_list"),
    path("break-glass/<int:grant_id>/review/", views.break_glass_review, name="break_glass_review"),
    path("restriction-changes/", views.restriction_change_list, name="restriction_change_list"),
    path(
        "restriction-changes/<int:change_id>/review/", views.restriction_change_review, name="restriction_change_review"
    ),
]
