"""Sessions in the database, as Django keeps them, read on every request without composing a query.

Every signed-in request reads its session. Through the ORM (`Session.objects.get`) Django spends
more composing that one read than the database spends answering it: about a seventh of the
simplest signed-in page. This store keeps Django's database sessions in every respect (same
table, same rows, same writes, same expiry) and reads a live session with one fixed statement;
anything else (no such session, an expired one, a malformed key) goes to Django's own load, so
it is treated exactly as before. Held to Django's store by
`tandem/identity/tests/test_sessions.py`; docs/adr/0008-hand-written-reads-on-every-request.md.

settings.SESSION_ENGINE = "tandem.identity.sessions".
"""

from typing import Any, cast

from django.contrib.sessions.backends import db
from django.db import connection
from django.db.models import Field
from django.utils import timezone


class SessionStore(db.SessionStore):
    _COLUMNS = ("session_data", "session_key", "expire_date")

    def load(self) -> dict[str, Any]:
        meta = self.model._meta
        quote = connection.ops.quote_name
        data, key, expire = (cast("Field[Any, Any]", meta.get_field(name)) for name in self._COLUMNS)
        sql = (
            f"SELECT {quote(str(data.column))} FROM {quote(meta.db_table)} "  # noqa: S608 (names from the model)
            f"WHERE {quote(str(key.column))} = %s AND {quote(str(expire.column))} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, expire.get_db_prep_value(timezone.now(), connection)])
            row = cursor.fetchone()
        if row is None:
            # Missing or expired: Django's own load reads again and forgets the key, as it always has.
            return super().load()
        return self.decode(row[0])
