import pytest

from tandem.audit.models import AuditEvent
from tandem.interop.tests.profiles import emitted_check
from tandem.support_plans import services as plan_services
from tandem.support_plans.tests.plan_data import agreed_plan_make, eligible_assessment_make, plan_ready_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(borough, practitioner):
    """Mary's agreed plan, in force; and a draft for the refused person, never shared."""
    agreed = agreed_plan_make(borough.shared, practitioner)
    draft = plan_services.plan_start(
        assessment=eligible_assessment_make(borough.second, practitioner), actor=practitioner
    )
    plan_ready_make(draft, practitioner)
    agreed_plan_make(borough.refused, practitioner)
    return agreed


def test_the_plan_in_force_is_a_care_plan_with_its_outcomes_as_goals(fhir, borough, plan):
    body = fhir("/fhir/CarePlan", patient=f"Patient/{borough.shared.uuid}").json()

    emitted_check(body)
    assert body["total"] == 1
    care_plan = body["entry"][0]["resource"]
    outcome = plan.outcomes.get()
    assert care_plan["id"] == str(plan.uuid)
    assert care_plan["status"] == "active"
    assert care_plan["intent"] == "plan"
    assert care_plan["goal"] == [{"reference": f"Goal/{outcome.uuid}"}]
    goal = fhir(f"/fhir/Goal/{outcome.uuid}").json()
    emitted_check(goal)
    assert goal["description"] == {"text": "I want to wash and dress myself each morning"}
    assert goal["subject"] == {"reference": f"Patient/{borough.shared.uuid}"}


def test_drafts_and_plans_of_people_not_shared_are_never_seen(fhir, borough, plan):
    assert fhir("/fhir/CarePlan").json()["total"] == 1
    assert fhir("/fhir/Goal").json()["total"] == 1


def test_include_the_subject(fhir, borough, plan):
    body = fhir("/fhir/CarePlan", _include="CarePlan:subject").json()

    emitted_check(body)
    assert [entry["resource"]["resourceType"] for entry in body["entry"]] == ["CarePlan", "Patient"]


def test_a_read_is_audited(fhir, borough, plan):
    fhir(f"/fhir/CarePlan/{plan.uuid}")

    assert AuditEvent.objects.get(action="interop.record.read").changes["resource_type"] == "CarePlan"


def test_everything_carries_the_plan(fhir, borough, plan):
    body = fhir(f"/fhir/Patient/{borough.shared.uuid}/$everything").json()

    emitted_check(body)
    kinds = [entry["resource"]["resourceType"] for entry in body["entry"]]
    assert kinds[:4] == ["Patient", "Flag", "CarePlan", "Goal"]


def test_goals_are_searched_by_patient(fhir, borough, practitioner):
    from tandem.support_plans.tests.plan_data import agreed_plan_make

    plan = agreed_plan_make(borough.shared, practitioner)

    mine = fhir("/fhir/Goal", patient=f"Patient/{borough.shared.uuid}").json()
    theirs = fhir("/fhir/Goal", subject=f"Patient/{borough.second.uuid}").json()

    assert mine["total"] == plan.outcomes.count() > 0
    assert theirs["total"] == 0
