"""The administrator's pages for partner systems: list, issue (the secret shown once) and revoke."""

import re

import pytest
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.interop.models import Partner
from tandem.interop.services import partner_register
from tandem.interop.tests.conftest import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(administrator) -> Client:
    client = Client()
    client.force_login(administrator)
    return client


def test_issuing_shows_the_secret_once_and_it_works(admin_client, partner):
    response = admin_client.post(
        "/administration/partners/new/",
        {"name": "GP practice system", "organisation": partner.pk, "scopes": ["system/Patient.read"]},
    )

    assert response.status_code == 302
    assert response["Location"] == "/administration/partners/issued/"
    shown = admin_client.get("/administration/partners/issued/")
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "no-store"
    partner_system = Partner.objects.get(name="GP practice system")
    page = shown.content.decode()
    client_id = partner_system.application.client_id
    assert f"<code>{client_id}</code>" in page
    secret = re.search(r'<code class="govuk-!-text-break-word">([^<]+)</code>', page).group(1)
    assert partner_system.application.client_secret != secret  # only its hash is kept
    again = admin_client.get("/administration/partners/issued/")
    assert again.status_code == 302
    assert secret not in admin_client.get("/administration/partners/").content.decode()
    issued = type("Issued", (), {"client_id": client_id, "client_secret": secret})
    assert token_for(issued)
    event = AuditEvent.objects.get(action="interop.partner.registered")
    assert str(event.actor_id) == admin_client.session["_auth_user_id"]


def test_issuing_needs_a_name_an_organisation_and_a_scope(admin_client, partner):
    response = admin_client.post("/administration/partners/new/", {"name": "", "scopes": []})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the name of the partner&#39;s system" in body or "Enter the name of the partner's system" in body
    assert "Select at least one thing the system may read" in body
    assert Partner.objects.count() == 0


def test_an_unknown_scope_is_refused(admin_client, partner):
    response = admin_client.post(
        "/administration/partners/new/", {"name": "X", "organisation": partner.pk, "scopes": ["system/*.read"]}
    )

    assert response.status_code == 400
    assert Partner.objects.count() == 0


def test_the_list_shows_each_partner_and_revoking_stops_its_tokens(admin_client, partner):
    issued = partner_register(name="Trust EPR", organisation=partner, scopes=["system/Patient.read"], actor=None)
    token = token_for(issued)

    listing = admin_client.get("/administration/partners/").content.decode()
    assert "Trust EPR" in listing
    assert issued.client_id in listing
    assert issued.client_secret not in listing
    assert admin_client.get(f"/administration/partners/{issued.partner.uuid}/revoke/").status_code == 200

    response = admin_client.post(f"/administration/partners/{issued.partner.uuid}/revoke/")

    assert response.status_code == 302
    assert Client().get("/fhir/Patient", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert AuditEvent.objects.filter(action="interop.partner.revoked").count() == 1
    assert "Revoked" in admin_client.get("/administration/partners/").content.decode()


def test_revoking_twice_says_so(admin_client, partner):
    issued = partner_register(name="Trust EPR", organisation=partner, scopes=["system/Patient.read"], actor=None)
    admin_client.post(f"/administration/partners/{issued.partner.uuid}/revoke/")

    response = admin_client.post(f"/administration/partners/{issued.partner.uuid}/revoke/")

    assert response.status_code == 400
    assert "already revoked" in response.content.decode()


@pytest.mark.parametrize("who", ["practitioner", "manager"])
def test_only_system_administrators_may_issue(who, request, partner):
    client = Client()
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        "/administration/partners/new/", {"name": "X", "organisation": partner.pk, "scopes": ["system/Patient.read"]}
    )

    assert response.status_code == 403
    assert Partner.objects.count() == 0


def test_the_service_refuses_a_member_of_staff_who_is_not_an_administrator(partner, practitioner):
    from django.core.exceptions import PermissionDenied

    from tandem.core.errors import DomainError

    with pytest.raises((PermissionDenied, DomainError)):
        partner_register(name="X", organisation=partner, scopes=["system/Patient.read"], actor=practitioner)
    assert Partner.objects.count() == 0


def test_administrators_reach_partner_systems_from_the_navigation(admin_client, practitioner):
    page = admin_client.get("/administration/partners/").content.decode()

    assert 'href="/administration/partners/"' in page
    assert "Partner systems" in page
    client = Client()
    client.force_login(practitioner)
    assert "/administration/partners/" not in client.get("/people/").content.decode()
