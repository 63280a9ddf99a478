"""Records the discharge hub's tests, the authorisation matrix and the accessibility visits share:
a referral on the board with a package sought (one offer open) and a package arranged (its offer
accepted, not yet in the plan), made through the hub's own services."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tandem.core import clock
from tandem.identity.models import Organisation, OrganisationKind
from tandem.prevention.discharge import services
from tandem.prevention.discharge.codes import Pathway
from tandem.prevention.discharge.models import DischargeReferral


def dates_form(prefix: str, day: date | None) -> dict[str, str]:
    """A GOV.UK date input's three boxes, as a browser sends them."""
    if day is None:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def provider_make(name: str = "Wirral Home Care Ltd") -> Organisation:
    provider, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.CARE_PROVIDER})
    return provider


def referral_make(
    person: Any,
    actor: Any,
    *,
    admitted_ago: int = 10,
    nctr_ago: int | None = 4,
    pathway: str = Pathway.HOME_WITH_SUPPORT,
    what_matters: str = "I want to be back in my own home with my cat",
    ward: str = "Ward 23",
) -> DischargeReferral:
    today = clock.today()
    return services.referral_record(
        person=person,
        details=services.ReferralDetails(
            hospital="Arrowe Park Hospital",
            ward=ward,
            dates=services.Dates(
                admitted_on=today - timedelta(days=admitted_ago),
                nctr_on=today - timedelta(days=nctr_ago) if nctr_ago is not None else None,
                expected_ready_on=today + timedelta(days=2),
            ),
            pathway=pathway,
            what_matters=what_matters,
            carer_view="Her daughter can visit every evening",
        ),
        actor=actor,
    )


def package_make(referral: DischargeReferral, actor: Any, *, hours: str = "14") -> Any:
    return services.package_seek(
        referral=referral,
        needed=services.PackageNeeded(
            kind="home_care", units_per_week=Decimal(hours), unit="hour", needed_from=clock.today()
        ),
        actor=actor,
    )


def offer_make(package: Any, actor: Any, provider: Organisation, *, pence: int = 2450) -> Any:
    return services.offer_record(
        package=package,
        offer=services.OfferDetails(provider=provider, starts_on=clock.today(), unit_cost_pence=pence),
        actor=actor,
    )


def hub_world(person: Any, practitioner: Any) -> dict[str, Any]:
    provider = provider_make()
    referral = referral_make(person, practitioner)
    sought = package_make(referral, practitioner)
    open_offer = offer_make(sought, practitioner, provider)
    arranged = package_make(referral, practitioner, hours="7")
    accepted = services.offer_accept(offer=offer_make(arranged, practitioner, provider), actor=practitioner)
    return {
        "referral_uuid": referral.uuid,
        "sought_uuid": sought.uuid,
        "offer_uuid": open_offer.uuid,
        "accepted_uuid": accepted.uuid,
        "hub_provider_uuid": str(provider.uuid),
    }
