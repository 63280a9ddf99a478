from django.urls import path

from tandem.prevention import views

app_name = "prevention"
urlpatterns = [
    path("matching/", views.matching_queue, name="matching_queue"),
    path("matching/<uuid:uuid>/", views.match, name="match"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:notice_id>/seen/", views.notice_seen, name="notice_seen"),
]

# The hospital discharge hub (issue 17): its pages live in its own package.
from tandem.prevention.discharge.urls import urlpatterns as discharge_urlpatterns  # noqa: E402

urlpatterns += discharge_urlpatterns
# The risk score, the proactive worklist and the evaluation (issue 17).
from tandem.prevention.risk import urls as risk_urls  # noqa: E402

urlpatterns += risk_urls.urlpatterns
