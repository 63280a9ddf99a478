"""registry.summary_for: every provider's precondition and the caller's own checks in one query;
a provider whose rows do not exist is not called, and one whose rows exist answers as alone."""

from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core import registry
from tandem.core.probes import Rows

AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def providers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two providers of our own in place of the apps': one whose rows exist, one whose do not."""
    called: list[str] = []
    monkeypatch.setattr(registry, "_open_work", {})
    monkeypatch.setattr(registry, "_timeline", {})
    monkeypatch.setattr(registry, "_when", {})

    def work(person: Any, actor: Any) -> list[registry.OpenWorkItem]:
        called.append("work")
        return [registry.OpenWorkItem("Something open", "A team", "Open", AT)]

    def timeline(person: Any, actor: Any, limit: int) -> list[registry.TimelineEntry]:
        called.append("timeline")
        return [registry.TimelineEntry(AT, "Something done", "", "Someone")]

    registry.register_open_work("there", work, when=lambda person: [Rows(ContentType, equal={"app_label": "auth"})])
    registry.register_timeline(
        "not there", timeline, when=lambda person: [Rows(ContentType, equal={"app_label": "nowhere"})]
    )
    return called


@pytest.mark.django_db
def test_one_query_asks_every_precondition_and_the_callers_checks(providers: list[str]) -> None:
    own = (Rows(ContentType, equal={"app_label": "nowhere"}), Rows(ContentType, equal={"app_label": "contenttypes"}))

    with CaptureQueriesContext(connection) as queries:
        found = registry.summary_for(object(), None, limit=10, also=own)

    assert len(queries) == 1
    assert found.also == [False, True]
    assert [item.title for item in found.open_work] == ["Something open"]
    assert found.timeline == []
    assert providers == ["work"]


@pytest.mark.django_db
def test_a_provider_without_a_precondition_is_always_asked(providers: list[str]) -> None:
    registry.register_timeline("always", lambda person, actor, limit: [registry.TimelineEntry(AT, "Seen", "", "")])

    found = registry.summary_for(object(), None, limit=10)

    assert [entry.title for entry in found.timeline] == ["Seen"]
