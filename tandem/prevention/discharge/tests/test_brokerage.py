"""Brokerage: packages and beds sought, offers, acceptance, and the package into the plan."""

from decimal import Decimal

import pytest

from tandem.core.errors import DomainError, NotPermitted
from tandem.prevention.discharge import services
from tandem.prevention.discharge.codes import OfferStatus, PackageStatus
from tandem.prevention.discharge.tests.hub_data import offer_make, package_make, provider_make, referral_make
from tandem.support_plans import selectors as plan_selectors
from tandem.support_plans import services as plan_services
from tandem.support_plans.codes import PlanStatus
from tandem.support_plans.tests.plan_data import eligible_assessment_make, plan_ready_make


@pytest.fixture
def accepted(person, practitioner):
    referral = referral_make(person, practitioner)
    package = package_make(referral, practitioner, hours="10.5")
    first = offer_make(package, practitioner, provider_make(), pence=2450)
    second = offer_make(package, practitioner, provider_make("Birkenhead Care Ltd"), pence=2300)
    offer = services.offer_accept(offer=first, actor=practitioner)
    second.refresh_from_db()
    package.refresh_from_db()
    assert (second.status, package.status) == (OfferStatus.DECLINED, PackageStatus.ACCEPTED)
    return offer


def test_accepting_one_offer_declines_the_others_and_no_second_can_be_accepted(accepted, practitioner):
    other = accepted.package.offers.exclude(pk=accepted.pk).get()

    with pytest.raises(DomainError, match="already been accepted"):
        services.offer_accept(offer=other, actor=practitioner)


def test_an_offer_must_come_from_a_care_provider_on_the_system(person, practitioner, organisation):
    package = package_make(referral_make(person, practitioner), practitioner)

    with pytest.raises(DomainError, match="care provider"):
        offer_make(package, practitioner, organisation)


def test_the_accepted_package_joins_a_draft_plan_as_offered(accepted, person, practitioner):
    draft = plan_services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)

    done = services.offer_to_plan(offer=accepted, plan=draft, outcome=None, actor=practitioner)

    outcomes = plan_selectors.outcomes_of(plan=draft)
    assert [o.statement for o in outcomes] == ["I want to be back in my own home with my cat"]
    item = outcomes[0].commissioned_services.get()
    assert (item.kind, item.units_per_week, item.unit, item.unit_cost_pence, item.provider_organisation_id) == (
        "home_care",
        Decimal("10.50"),
        "hour",
        2450,
        accepted.provider_id,
    )
    assert (done.plan, done.commissioned) == (draft, item)


def test_an_agreed_plan_is_revised_and_the_package_joins_the_chosen_outcome(accepted, person, practitioner):
    draft = plan_services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)
    plan_ready_make(draft, practitioner)
    draft.refresh_from_db()
    agreed = plan_services.plan_complete(
        plan=draft,
        agreement=plan_services.Agreement(agreed_on=draft.started_on, method="signed"),
        version=draft.version,
        actor=practitioner,
    )
    outcome = plan_selectors.outcomes_of(plan=agreed)[0]

    done = services.offer_to_plan(offer=accepted, plan=agreed, outcome=outcome, actor=practitioner)

    revision = done.plan
    assert (revision.number, revision.status, agreed.status) == (2, PlanStatus.DRAFT, PlanStatus.COMPLETED)
    services_now = plan_selectors.outcomes_of(plan=revision)[0].commissioned_services.order_by("id")
    assert [s.provider_name for s in services_now] == [services_now[0].provider_name, "Wirral Home Care Ltd"]
    assert plan_selectors.outcomes_of(plan=agreed)[0].commissioned_services.count() == 1


def test_a_package_joins_a_plan_once(accepted, person, practitioner):
    draft = plan_services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)
    services.offer_to_plan(offer=accepted, plan=draft, outcome=None, actor=practitioner)
    accepted.refresh_from_db()

    with pytest.raises(DomainError, match="already in the care and support plan"):
        services.offer_to_plan(offer=accepted, plan=draft, outcome=None, actor=practitioner)


def test_business_support_cannot_write_the_plan(accepted, person, practitioner, business_support):
    draft = plan_services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)

    with pytest.raises(NotPermitted):
        services.offer_to_plan(offer=accepted, plan=draft, outcome=None, actor=business_support)

    assert plan_selectors.outcomes_of(plan=draft) == []
