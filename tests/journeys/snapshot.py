"""A test database's records, built once per test process and put back before each test that needs them.

Browser tests run against the live server, so pytest-django gives each one a database it empties at
the test's end (`transactional_db`: every table emptied, then the content types and permissions made
again), and a test that needs many records builds them again every time. Both cost more than most
pages' own check. A `Snapshot` builds the records once per pytest-xdist worker and copies the
database aside, twice: as it was before the build (empty) and after it. Each later test has the
built copy put back, and the empty one after it, each in a few milliseconds, so the next test
starts from an empty database as it would after pytest-django's emptying.

The copy is SQLite's online backup (https://www.sqlite.org/backup.html) of the in-memory test
database, the database `make test-browser` runs on. On any other database (PostgreSQL, or an
SQLite file) there is nothing cheap to put back, so each test gets pytest-django's emptied
database and builds the records again, as before: slower, never different.
"""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection


def _copyable() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _copy() -> sqlite3.Connection:
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    return copy


def _put_back(copy: sqlite3.Connection) -> None:
    connection.ensure_connection()
    copy.backup(connection.connection)
    # Anything remembered about the rows the test before saw (content types by id, cached reads).
    ContentType.objects.clear_cache()
    cache.clear()


class Snapshot[T]:
    """`with snapshot.used(request, build) as made`: what `build()` returned, in a database as
    `build()` left it, for the length of the `with`."""

    def __init__(self) -> None:
        self._made: T | None = None
        self._empty: sqlite3.Connection | None = None
        self._built: sqlite3.Connection | None = None
        self.builds = 0

    @contextmanager
    def used(self, request: pytest.FixtureRequest, build: Callable[[], T]) -> Iterator[T]:
        if self._made is not None and self._empty is not None and self._built is not None:
            with request.getfixturevalue("django_db_blocker").unblock():
                _put_back(self._built)
                try:
                    yield self._made
                finally:
                    _put_back(self._empty)
            return
        # The first test (or every test, where nothing can be copied): pytest-django's database,
        # emptied after the test.
        request.getfixturevalue("transactional_db")
        empty = _copy() if _copyable() else None
        made = build()
        self.builds += 1
        if empty is not None:
            self._empty, self._built, self._made = empty, _copy(), made
        yield made
