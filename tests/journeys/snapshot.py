"""A test database's records, kept once per test process and put back before each test that needs them.

Browser tests run against the live server, so each one gets a database emptied at its end
(pytest-django's `transactional_db`), and a test that needs many records would build them again
every time. A `Snapshot` builds them once per pytest-xdist worker and copies the database aside;
each later test has the copy put back, in a few milliseconds, instead of building again.

The copy is SQLite's online backup (https://www.sqlite.org/backup.html) of the in-memory test
database, the database `make test-browser` runs on. On any other database (PostgreSQL, or an
SQLite file) there is nothing cheap to restore from, so the records are built again for each test,
as before: slower, never different.
"""

import sqlite3
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection


def _copyable() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


class Snapshot[T]:
    """`snapshot.get(build)`: what `build()` returned, with the database as `build()` left it.

    The first call builds; later calls in the same process restore the database and return the
    same objects (the restored rows have the same primary keys, so the objects still name them).
    """

    def __init__(self) -> None:
        self._made: T | None = None
        self._copy: sqlite3.Connection | None = None
        self.builds = 0
        self.restores = 0

    def get(self, build: Callable[[], T]) -> T:
        if self._made is not None and self._copy is not None:
            connection.ensure_connection()
            self._copy.backup(connection.connection)
            # Anything remembered about the rows the test before saw (content types by id, counts).
            ContentType.objects.clear_cache()
            cache.clear()
            self.restores += 1
            return self._made
        made = build()
        self.builds += 1
        if _copyable():
            connection.ensure_connection()
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            self._made, self._copy = made, copy
        return made
