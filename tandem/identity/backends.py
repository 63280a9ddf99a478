"""Django's model backend, with the signed-in member of staff read by one fixed statement.

Every signed-in request reads its user. Through the ORM (`User.objects.get(pk=...)`) Django
composes that one read afresh each time, which cost it more than the database spends answering.
`StaffBackend.get_user` reads the same row with one statement built once from the model's own
`_meta` (table, columns, each value converted by its field's database converters, as the ORM
converts it) and builds the user with `Model.from_db`, Django's documented hook for loading a row;
who may sign in is decided exactly as before (`user_can_authenticate`). Held to `ModelBackend`
by `tandem/identity/tests/test_backends.py`; docs/adr/0008-hand-written-reads-on-every-request.md.

settings.AUTHENTICATION_BACKENDS lists it before Django's `ModelBackend`, which stays listed only
so that sessions begun before it (they name the backend that signed them in) still open: a
failed sign-in here ends the attempt (`PermissionDenied`, Django's way for a backend to say no for
every backend after it), so no password is checked twice.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router
from django.http import HttpRequest

from tandem.identity.models import User

Converter = Callable[[Any, Any, Any], Any]


@functools.cache
def _statement(vendor: str, alias: str) -> tuple[str, list[str], list[tuple[Any, list[Converter]]]]:
    """The select of one user by primary key, its fields' attribute names, and each column's converters."""
    meta = User._meta
    connection = connections[alias]
    quote = connection.ops.quote_name
    fields = list(meta.concrete_fields)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    sql = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(str(meta.pk.column))} = %s"  # noqa: S608 (names from the model)
    converters = []
    for field in fields:
        column = field.get_col(meta.db_table)
        converters.append((column, [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]))
    return sql, [field.attname for field in fields], converters


class StaffBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and password is not None:
            raise PermissionDenied  # not ModelBackend again below: one password check a sign-in
        return user

    def get_user(self, user_id: Any) -> User | None:
        pk = User._meta.pk
        alias = router.db_for_read(User)
        connection = connections[alias]
        try:
            value = pk.get_db_prep_value(pk.to_python(user_id), connection)
        except (TypeError, ValueError, ValidationError):
            return None
        sql, names, converters = _statement(connection.vendor, alias)
        with connection.cursor() as cursor:
            cursor.execute(sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for index, (column, steps) in enumerate(converters):
            for convert in steps:
                values[index] = convert(values[index], column, connection)
        user = User.from_db(alias, names, values)
        return user if self.user_can_authenticate(user) else None
