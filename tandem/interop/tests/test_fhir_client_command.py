import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.interop.models import Partner

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("fhir", *args, stdout=out)
    return out.getvalue()


def test_an_administrator_issues_credentials_that_work(partner):
    out = run("client", "add", "--name", "Trust EPR", "--organisation", "ry7", "--scope", "system/Patient.read")

    client_id = re.search(r"client_id: (\S+)", out).group(1)
    secret = re.search(r"client_secret: (\S+)", out).group(1)
    partner_system = Partner.objects.get()
    assert partner_system.organisation == partner
    assert partner_system.scopes == "system/Patient.read"
    assert partner_system.application.client_secret != secret  # only the hash is kept
    assert AuditEvent.objects.filter(action="interop.partner.registered").count() == 1
    response = Client().post(
        "/fhir/auth/token", {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    )
    assert response.status_code == 200


def test_list_and_revoke(partner):
    out = run("client", "add", "--name", "Trust EPR", "--organisation", partner.name, "--scope", "system/Flag.read")
    client_id = re.search(r"client_id: (\S+)", out).group(1)

    assert "Trust EPR" in run("client", "list")
    assert "Revoked" in run("client", "revoke", client_id)
    assert Partner.objects.get().revoked_at is not None
    assert "revoked" in run("client", "list")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "NOPE", "--scope", "system/Patient.read"], "No partner organisation"),
        (["--organisation", "RY7", "--scope", "system/Procedure.read"], "Unknown scope"),
    ],
)
def test_mistakes_are_refused_and_nothing_is_issued(partner, args, message):
    with pytest.raises(CommandError, match=message):
        run("client", "add", "--name", "Trust EPR", *args)

    assert Partner.objects.count() == 0


def test_revoking_an_unknown_client_is_refused(db):
    with pytest.raises(CommandError, match="No partner"):
        run("client", "revoke", "nobody")
