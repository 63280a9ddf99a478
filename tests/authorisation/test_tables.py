"""The refusal check can fail: a refused request that secretly writes is caught, whatever it writes.

Before tests/tables.py, full rows were compared for seven models and only row counts elsewhere:
a refused write that changed an assessment, a plan, a concern or a case passed, and so did a wrong
sign-in code that deleted the confirmed device. Each test here makes a refused request write in
secret (a monkeypatched permission check or device) and asserts the photograph names the row.
"""

import re
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.identity.models import User
from tandem.safeguarding.tests.page_data import safeguarding_world
from tandem.support_plans.tests.plan_data import support_plans_world
from tandem.workforce.tests.page_data import workforce_world
from tests.tables import Tables, models, photograph, tables_not_covered

SECRET = "Changed in secret by a refused request"


@pytest.fixture
def records(person, staff, practitioner) -> None:
    """An assessment, a plan, a concern and a waiting case about the person."""
    support_plans_world(person, practitioner)
    safeguarding_world(person, staff)
    workforce_world(person, staff)


@pytest.mark.parametrize(
    ("label", "column"),
    [
        ("assessments.NeedsAssessment", "persons_account"),
        ("support_plans.SupportPlan", "contingency"),
        ("safeguarding.Concern", "summary"),
        ("workforce.Case", "summary"),
    ],
)
def test_a_refused_request_that_updates_a_row_is_caught(
    label: str, column: str, records: None, person, administrator: User, monkeypatch: pytest.MonkeyPatch
):
    model = apps.get_model(label)
    row = model._default_manager.order_by("pk").first()
    checked = User.can

    def can_and_write(user: User, permission: Any) -> bool:
        model._default_manager.filter(pk=row.pk).update(**{column: SECRET})
        return checked(user, permission)

    client = Client()
    client.force_login(administrator)
    tables = Tables()
    monkeypatch.setattr(User, "can", can_and_write)

    response = client.post(reverse("people:details_edit", args=[person.uuid]), {"given_name": "Mary"})

    assert response.status_code in {403, 404}
    found = tables.changes()
    assert found == [f"{label} pk={row.pk!r} changed {{{column!r}: ({getattr(row, column)!r}, {SECRET!r})}}"]
    with pytest.raises(AssertionError, match=re.escape(f"{label} pk=")):
        tables.assert_unchanged()


@pytest.fixture
def owing_a_code(client: Client, practitioner: User, password: str) -> TOTPDevice:
    """The practitioner has a confirmed device and has just given their password: a code is owed."""
    device = TOTPDevice.objects.create(user=practitioner, name="Phone", confirmed=True)
    response = client.post(reverse("identity:sign_in"), {"username": "practitioner", "password": password})
    assert response["Location"].startswith(reverse("identity:verify"))
    return device


def test_a_wrong_code_that_deletes_the_confirmed_device_is_caught(
    client: Client, owing_a_code: TOTPDevice, monkeypatch: pytest.MonkeyPatch
):
    def verify_and_delete(device: TOTPDevice, token: Any) -> bool:
        TOTPDevice.objects.filter(pk=device.pk).delete()
        return False

    tables = Tables()
    monkeypatch.setattr(TOTPDevice, "verify_token", verify_and_delete)

    response = client.post(reverse("identity:verify"), {"token": "000000"})

    assert response.status_code == 400
    found = tables.changes(audited=["identity.second_factor.failed"])
    assert [line.split(" (")[0] for line in found] == ["otp_totp.TOTPDevice removed"]
    with pytest.raises(AssertionError, match=r"otp_totp\.TOTPDevice removed"):
        tables.assert_unchanged(audited=["identity.second_factor.failed"])


def test_an_audit_row_not_named_is_caught(client: Client, owing_a_code: TOTPDevice):
    tables = Tables()

    client.post(reverse("identity:verify"), {"token": "000000"})

    with pytest.raises(AssertionError, match=r"audited \['identity.second_factor.failed'\], expected \[\]"):
        tables.assert_unchanged(
            may_change={"otp_totp.TOTPDevice": {"throttling_failure_count": "", "throttling_failure_timestamp": ""}}
        )


def test_the_photograph_covers_every_table_of_every_installed_app(db: None):
    shot = photograph()

    assert tables_not_covered() == set()
    assert {"sessions.Session", "otp_totp.TOTPDevice", "axes.AccessAttempt", "axes.AccessFailureLog"} <= set(shot.rows)
    assert {"axes.AccessLog", "audit.AuditEvent", "identity.User_groups", "auth.Permission"} <= set(shot.rows)
    assert len(shot.rows) == len(models())
