"""Migration 0006 carries each concern's single location, source of risk and advocate answer, and
each concluded enquiry's old risk outcome, over to the SAC shapes.

The suite builds its databases without migrations (`--no-migrations`), so this runs only when
asked for: `pytest --migrations tandem/safeguarding/tests/test_migrations.py`.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("safeguarding", "0005_dols_urgent_given_at_and_last_assessment")]
AFTER = [("safeguarding", "0006_sac_several_locations_and_sources_risk_assessment_advocate")]


def _apps_at(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_the_sac_migration_carries_the_old_answers_over(request, user_factory):
    if request.config.getoption("nomigrations"):
        pytest.skip("the test databases are built without migrations: run with --migrations")
    user = user_factory(username="migrator")
    try:
        old = _apps_at(BEFORE)
        person = old.get_model("people", "Person").objects.create(given_name="Ada", family_name="Old")
        concern_model = old.get_model("safeguarding", "Concern")
        enquiry_model = old.get_model("safeguarding", "Enquiry")

        def concern(**fields):
            return concern_model.objects.create(
                person_id=person.pk, summary="x", raised_at=datetime(2025, 5, 1, 9, tzinfo=ZoneInfo("Europe/London")),
                raised_by_id=user.pk, received_on=date(2025, 5, 1), source="safeguarding", status="closed", **fields,
            )  # fmt: skip

        home = concern(location="own_home", source_of_risk="service_provider", advocate_needed=True)
        blank = concern(advocate_needed=False)
        enquiry_model.objects.create(
            concern_id=home.pk, kind="section_42", started_on=date(2025, 5, 2), concluded_on=date(2025, 6, 1),
            risk_outcome="reduced", outcomes_asked="not_asked",
        )  # fmt: skip
        enquiry_model.objects.create(
            concern_id=blank.pk, kind="section_42", started_on=date(2025, 5, 2), concluded_on=date(2025, 6, 1),
            risk_outcome="no_risk", outcomes_asked="not_asked",
        )  # fmt: skip

        new = _apps_at(AFTER)
        concerns = new.get_model("safeguarding", "Concern").objects
        assert list(new.get_model("safeguarding", "ConcernLocation").objects.values_list("concern_id", "kind")) == [
            (home.pk, "own_home")
        ]
        assert list(new.get_model("safeguarding", "ConcernRiskSource").objects.values_list("concern_id", "kind")) == [
            (home.pk, "service_provider")
        ]
        assert concerns.get(pk=home.pk).advocate == "yes"
        assert concerns.get(pk=blank.pk).advocate == "no"
        enquiries = new.get_model("safeguarding", "Enquiry").objects
        assert enquiries.filter(concern_id=home.pk).values_list(
            "risk_assessment", "action_taken", "risk_outcome"
        ).get() == (
            "identified",
            True,
            "reduced",
        )
        assert enquiries.filter(concern_id=blank.pk).values_list(
            "risk_assessment", "action_taken", "risk_outcome"
        ).get() == (
            "no_risk",
            False,
            "",
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
