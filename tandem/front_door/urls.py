"""Front-door pages for staff under /front-door/, and the public "ask for help" journey under /ask-for-help/."""

from django.urls import URLPattern, URLResolver, include, path

from tandem.front_door import views
from tandem.front_door.views import figures, public

app_name = "front_door"

staff_patterns = [
    path("", views.queue, name="queue"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<uuid:contact_uuid>/", views.contact, name="contact"),
    path("contacts/<uuid:contact_uuid>/person/", views.contact_link_person, name="contact_link_person"),
    path("contacts/<uuid:contact_uuid>/conversation/", views.conversation_add, name="conversation_add"),
    path("contacts/<uuid:contact_uuid>/outcome/", views.outcome_add, name="outcome_add"),
    path("contacts/<uuid:contact_uuid>/signpost/", views.signpost, name="signpost"),
    path(
        "contacts/<uuid:contact_uuid>/signpost/<uuid:signposting_uuid>/remove/",
        views.signposting_remove,
        name="signposting_remove",
    ),
    path("contacts/<uuid:contact_uuid>/services/", views.services_list, name="services_list"),
    path("contacts/<uuid:contact_uuid>/follow-up/", views.follow_up_add, name="follow_up_add"),
    path(
        "contacts/<uuid:contact_uuid>/follow-up/<uuid:follow_up_uuid>/done/",
        views.follow_up_done,
        name="follow_up_done",
    ),
    path("contacts/<uuid:contact_uuid>/allocate/", views.allocate, name="allocate"),
    path("contacts/<uuid:contact_uuid>/close/", views.close, name="close"),
]

# Figures for managers, and the public journey, are added below by their own modules.
figures_patterns: list[URLPattern | URLResolver] = [
    path("", figures.figures, name="figures"),
    path("contacts/", figures.figures_contacts, name="figures_contacts"),
]
public_patterns: list[URLPattern | URLResolver] = [
    path("", public.ask_start, name="ask_start"),
    path("who-needs-help/", public.ask_who, name="ask_who"),
    path("about-you/", public.ask_helper, name="ask_helper"),
    path("about-them/", public.ask_about, name="ask_about"),
    path("what-matters/", public.ask_matters, name="ask_matters"),
    path("what-is-hard/", public.ask_hard, name="ask_hard"),
    path("who-helps/", public.ask_help, name="ask_help"),
    path("paying-for-care/", public.ask_money, name="ask_money"),
    path("self-assessment/", public.ask_self_assessment, name="ask_self_assessment"),
    path("contact-details/", public.ask_contact, name="ask_contact"),
    path("check-your-answers/", public.ask_check, name="ask_check"),
    path("request-sent/", public.ask_done, name="ask_done"),
    path("privacy/", public.ask_privacy, name="ask_privacy"),
]

urlpatterns = [
    path("front-door/", include(staff_patterns)),
    path("front-door/figures/", include(figures_patterns)),
    path("ask-for-help/", include(public_patterns)),
]
