"""tandem.identity.backends reads the signed-in user as Django's ModelBackend does, more cheaply."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.identity.backends import StaffBackend
from tandem.identity.models import User


def test_it_reads_users_and_djangos_backend_still_opens_older_sessions() -> None:
    backends = settings.AUTHENTICATION_BACKENDS
    assert backends.index("tandem.identity.backends.StaffBackend") < backends.index(
        "django.contrib.auth.backends.ModelBackend"
    )


def test_the_user_is_read_as_the_orm_reads_it_in_one_query(practitioner: User) -> None:
    User.objects.filter(pk=practitioner.pk).update(last_login=timezone.now(), job_title="Social worker")

    with CaptureQueriesContext(connection) as queries:
        ours = StaffBackend().get_user(str(practitioner.pk))
    theirs = ModelBackend().get_user(practitioner.pk)

    assert ours is not None
    assert theirs is not None
    assert len(queries.captured_queries) == 1
    assert [(f.attname, getattr(ours, f.attname)) for f in User._meta.concrete_fields] == [
        (f.attname, getattr(theirs, f.attname)) for f in User._meta.concrete_fields
    ]
    assert ours.organisation == practitioner.organisation
    assert not ours._state.adding
    assert ours._state.db == "default"


@pytest.mark.django_db
@pytest.mark.parametrize("user_id", ["999999", "not a number", None, ""])
def test_no_such_user_is_no_one(user_id: str | None) -> None:
    assert StaffBackend().get_user(user_id) is None


def test_an_inactive_user_is_no_one(practitioner: User) -> None:
    User.objects.filter(pk=practitioner.pk).update(is_active=False)

    assert StaffBackend().get_user(practitioner.pk) is None
    assert ModelBackend().get_user(practitioner.pk) is None


def test_a_wrong_password_is_checked_once_and_refused(practitioner: User, rf: RequestFactory) -> None:
    checked = mock.Mock(return_value=False)

    with mock.patch.object(User, "check_password", checked):
        user = authenticate(rf.post("/"), username=practitioner.username, password="not the password")

    assert user is None
    assert checked.call_count == 1


def test_a_right_password_signs_in_with_this_backend(practitioner: User, password: str, rf: RequestFactory) -> None:
    user = authenticate(rf.post("/"), username=practitioner.username, password=password)

    assert user == practitioner
    assert getattr(user, "backend", None) == "tandem.identity.backends.StaffBackend"


def test_a_session_begun_with_djangos_backend_still_opens(client: Client, practitioner: User) -> None:
    client.force_login(practitioner, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(reverse("people:search"))

    assert response.status_code == 200
