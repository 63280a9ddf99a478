"""core.probes answers as the ORM's `.filter(...).exclude(...).exists()` does, in one query."""

import itertools

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.probes import Rows, exist

APP_LABELS = ["auth", "contenttypes", "sessions", "nowhere"]
MODELS = ["group", "permission", "session", "nothing"]


def _plain(rows: Rows) -> bool:
    query = rows.model._default_manager.filter(**rows.equal, **{f"{name}__isnull": True for name in rows.missing})
    for name, options in rows.among.items():
        query = query.filter(**{f"{name}__in": list(options)})
    if rows.unequal:
        query = query.exclude(**rows.unequal)
    return query.exists()


def _every_check() -> list[Rows]:
    checks = []
    for label, model in itertools.product(APP_LABELS, MODELS):
        checks += [
            Rows(ContentType, equal={"app_label": label, "model": model}),
            Rows(ContentType, equal={"app_label": label}, unequal={"model": model}),
            Rows(ContentType, equal={"app_label": label}, among={"model": [model, "user"]}),
            Rows(ContentType, among={"app_label": [label], "model": []}),
        ]
    return checks


@pytest.mark.django_db
def test_every_form_answers_as_the_orm_does() -> None:
    checks = _every_check()
    assert exist(*checks) == [_plain(rows) for rows in checks]
    assert any(exist(*checks))
    assert not all(exist(*checks))


@pytest.mark.django_db
def test_foreign_keys_by_their_column_and_values_prepared_by_their_field() -> None:
    group = Group.objects.create(name="Readers")
    permission = Permission.objects.get(codename="view_group")
    group.permissions.add(permission)
    through = Group.permissions.through
    checks = [
        Rows(through, equal={"group_id": group.pk}),
        Rows(through, equal={"group": group.pk, "permission_id": permission.pk}),
        Rows(through, equal={"group_id": group.pk}, unequal={"permission_id": permission.pk}),
        Rows(Permission, equal={"content_type_id": permission.content_type_id, "codename": "view_group"}),
        Rows(Group, equal={"name": "Writers"}),
    ]
    assert exist(*checks) == [_plain(rows) for rows in checks] == [True, True, False, True, False]


@pytest.mark.django_db
def test_missing_values() -> None:
    AccessAttempt.objects.create(username=None, ip_address="192.0.2.1", user_agent="a", failures_since_start=1)
    AccessAttempt.objects.create(username="someone", ip_address=None, user_agent="b", failures_since_start=1)
    checks = [
        Rows(AccessAttempt, missing=["username"]),
        Rows(AccessAttempt, equal={"user_agent": "a"}, missing=["username"]),
        Rows(AccessAttempt, equal={"user_agent": "b"}, missing=["username"]),
        Rows(AccessAttempt, missing=["username", "ip_address"]),
        Rows(AccessAttempt, equal={"username": "someone"}, missing=["ip_address"]),
    ]
    assert exist(*checks) == [_plain(rows) for rows in checks] == [True, True, False, False, True]


@pytest.mark.django_db
def test_several_checks_are_one_query() -> None:
    with CaptureQueriesContext(connection) as queries:
        exist(*_every_check())
    assert len(queries.captured_queries) == 1
    assert exist() == []


def test_inequality_on_a_column_that_may_be_null_is_refused() -> None:
    # NOT (x = v) would leave out the NULLs that .exclude() keeps.
    with pytest.raises(ValueError, match="may be NULL"):
        exist(Rows(AccessAttempt, unequal={"username": "someone"}))


def test_a_relation_that_is_not_a_column_is_refused() -> None:
    with pytest.raises(ValueError, match="not a column"):
        exist(Rows(Group, equal={"permissions": 1}))
