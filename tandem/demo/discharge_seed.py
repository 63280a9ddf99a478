"""The hospital discharge hub for the demo borough, made through the hub's own services (and the
prevention app's for the emergency admissions that come back): a year of referrals from the
wards of Arrowe Park and Clatterbridge replayed day by day (delays with their reasons, packages
and beds sought from care providers, offers accepted, discharges on each pathway, reablement,
some readmitted within 30 days), and today's board of about 35 people in every state.
Everything is synthetic.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q

from tandem.access.models import RecordRestriction
from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.demo.care_seed import as_of
from tandem.demo.staff import CARE_PROVIDER
from tandem.identity.models import Organisation, OrganisationKind, User
from tandem.people.models import Person
from tandem.prevention.codes import EventKind
from tandem.prevention.discharge import services
from tandem.prevention.discharge.codes import DelayReason, Destination, Pathway
from tandem.prevention.discharge.models import DischargeReferral
from tandem.prevention.services import IncomingEvent, PatientFacts, events_receive

HOSPITALS = {
    "Arrowe Park Hospital": ["Ward 12", "Ward 17", "Ward 21", "Ward 23", "Ward 30", "Acute Medical Unit"],
    "Clatterbridge Hospital": ["Ward 1", "Ward 2", "Ward M1"],
}
PROVIDERS = [CARE_PROVIDER, "Birkenhead Care Homes (demo)", "Wallasey Reablement Service (demo)"]
PER_SIZE = {"small": (160, 35), "medium": (600, 80), "large": (1_200, 150)}
# Pathway mix of discharges (national shape: most go home).
PATHWAYS = [(Pathway.HOME, 50), (Pathway.HOME_WITH_SUPPORT, 30), (Pathway.BED, 12), (Pathway.CARE_HOME, 8)]
# Days from no longer meeting the criteria to reside to discharge, by pathway (low, high).
WAIT = {Pathway.HOME: (0, 2), Pathway.HOME_WITH_SUPPORT: (1, 9), Pathway.BED: (2, 14), Pathway.CARE_HOME: (4, 25)}
DESTINATION = {
    Pathway.HOME: Destination.USUAL_HOME,
    Pathway.HOME_WITH_SUPPORT: Destination.HOME_REABLEMENT,
    Pathway.BED: Destination.REHAB_BED,
    Pathway.CARE_HOME: Destination.CARE_HOME,
}
REASON = {
    Pathway.HOME: DelayReason.ASSESSMENT,
    Pathway.HOME_WITH_SUPPORT: DelayReason.PACKAGE,
    Pathway.BED: DelayReason.EQUIPMENT,
    Pathway.CARE_HOME: DelayReason.CARE_HOME,
}
MATTERS = [
    "I want to get back to my own bed and my own routine",
    "Being home for my wife, who is not well herself",
    "I want to see my garden again and feed the birds",
    "Getting back to my church on Sundays",
    "I don't want to be a burden on my daughter",
    "Going home to my cat",
]
CARERS = [
    "Her son visits daily and is worried about the stairs",
    "His wife says she cannot manage personal care on her own any more",
    "Her neighbour helps with shopping but works full time",
    "",
]
ACTIONS = [
    "Chase the home care offer",
    "OT to assess for a stair lift",
    "Family meeting about care home choice",
    "Ring the housing officer about the key safe",
    "Social worker to complete the assessment",
    "Confirm the reablement start date",
]


@dataclass
class Hub:
    rng: random.Random
    staff: list[User]
    providers: list[Organisation]
    people: list[Person]
    admissions: list[IncomingEvent]

    def person(self) -> Person:
        return self.people.pop()

    def details(self, admitted: date, pathway: str) -> services.ReferralDetails:
        hospital = self.rng.choice(list(HOSPITALS))
        return services.ReferralDetails(
            hospital=hospital,
            ward=self.rng.choice(HOSPITALS[hospital]),
            dates=services.Dates(
                admitted_on=admitted, expected_ready_on=admitted + timedelta(days=self.rng.randint(4, 12))
            ),
            pathway=pathway,
            what_matters=self.rng.choice(MATTERS),
            carer_view=self.rng.choice(CARERS),
        )


def _update(hub: Hub, referral: DischargeReferral, *, nctr: date, reason: str, action: bool) -> DischargeReferral:
    owner = hub.rng.choice(hub.staff) if action else None
    return services.referral_update(
        referral=referral,
        update=services.BoardUpdate(
            ward=referral.ward,
            dates=services.Dates(
                admitted_on=referral.admitted_on, nctr_on=nctr, expected_ready_on=referral.expected_ready_on
            ),
            pathway=referral.pathway,
            delay_reason=reason,
            next_action=hub.rng.choice(ACTIONS) if action else "",
            action_owner=owner,
            action_due_on=clock.today() + timedelta(days=hub.rng.randint(-1, 3)) if action else None,
        ),
        version=None,
        actor=hub.rng.choice(hub.staff),
    )


def _broker(hub: Hub, referral: DischargeReferral, *, accept: bool) -> None:
    """Seek a package (or a bed), record one to three offers, and accept one if `accept`."""
    bed = referral.pathway in (Pathway.BED, Pathway.CARE_HOME)
    package = services.package_seek(
        referral=referral,
        needed=services.PackageNeeded(
            kind="residential_care" if bed else "home_care",
            units_per_week=Decimal(7 if bed else hub.rng.choice([7, 10.5, 14, 21])),
            unit="night" if bed else "hour",
            needed_from=clock.today(),
            details="Two carers for personal care" if hub.rng.random() < 0.3 else "",
        ),
        actor=hub.staff[0],
    )
    offers = [
        services.offer_record(
            package=package,
            offer=services.OfferDetails(
                provider=provider,
                starts_on=clock.today() + timedelta(days=hub.rng.randint(0, 3)),
                unit_cost_pence=hub.rng.choice([2350, 2450, 2600]) if not bed else hub.rng.choice([11500, 12800]),
            ),
            actor=hub.staff[0],
        )
        for provider in hub.rng.sample(hub.providers, hub.rng.randint(1, len(hub.providers)))
    ]
    if accept and offers:
        services.offer_accept(offer=hub.rng.choice(offers), actor=hub.staff[0])


def _history(hub: Hub, today: date) -> int:
    """One discharge through the hub, replayed on the days it happened; returns 1 once made."""
    rng = hub.rng
    pathway = rng.choices([p for p, _ in PATHWAYS], [w for _, w in PATHWAYS])[0]
    admitted = today - timedelta(days=rng.randint(25, 380))
    nctr = admitted + timedelta(days=rng.randint(2, 12))
    low, high = WAIT[pathway]
    discharged = nctr + timedelta(days=rng.randint(low, high))
    if discharged >= today:
        return 0
    person = hub.person()
    with as_of(admitted + timedelta(days=1)):
        referral = services.referral_record(person=person, details=hub.details(admitted, pathway), actor=hub.staff[0])
    with as_of(nctr):
        referral = _update(hub, referral, nctr=nctr, reason=REASON[pathway], action=True)
        if pathway != Pathway.HOME:
            _broker(hub, referral, accept=True)
    reablement = None
    if pathway == Pathway.HOME_WITH_SUPPORT:
        reablement = discharged + timedelta(days=rng.choice([0, 0, 0, 1, 2, 9]))
    with as_of(discharged):
        services.referral_discharge(
            referral=DischargeReferral.objects.select_related("person").get(pk=referral.pk),
            discharge=services.Discharge(
                discharged_on=discharged,
                destination=DESTINATION[pathway],
                pathway=pathway,
                reablement_started_on=reablement if reablement and reablement <= today else None,
                review_due_on=discharged + timedelta(weeks=6),
            ),
            version=None,
            actor=hub.staff[0],
        )
    # About one in six comes back as an emergency within a few weeks (some after the 30 days).
    if rng.random() < 0.17 and person.nhs_number:
        back = discharged + timedelta(days=rng.randint(1, 60))
        if back < today:
            hub.admissions.append(_admission(person, back, f"urn:demo-hub|{referral.uuid}"))
    return 1


def _admission(person: Person, on: date, key: str) -> IncomingEvent:
    with as_of(on, hour=14):
        moment = clock.now()
    return IncomingEvent(
        kind=EventKind.EMERGENCY_ADMISSION,
        occurred_at=moment,
        source_key=key,
        resource_type="Encounter",
        patient=PatientFacts(nhs_number=person.nhs_number or "", birth_date=person.date_of_birth),
        summary="Emergency admission (21)",
        source_organisation_code="RBL",
        source_organisation_name="Arrowe Park Hospital",
    )


def _waiting(hub: Hub, today: date, n: int) -> None:
    """Someone on today's board, in one of its states."""
    rng = hub.rng
    pathway = rng.choices([p for p, _ in PATHWAYS], [w for _, w in PATHWAYS])[0]
    admitted = today - timedelta(days=rng.randint(3, 40))
    with as_of(admitted + timedelta(days=1) if admitted + timedelta(days=1) <= today else today):
        referral = services.referral_record(
            person=hub.person(), details=hub.details(admitted, pathway), actor=hub.staff[n % len(hub.staff)]
        )
    if n % 7 == 6:  # still meets the criteria to reside
        return
    nctr = min(today, admitted + timedelta(days=rng.randint(1, 20)))
    reasons = list(DelayReason)
    referral = _update(hub, referral, nctr=nctr, reason=reasons[n % len(reasons)], action=n % 4 != 3)
    if referral.delay_reason in (DelayReason.PACKAGE, DelayReason.CARE_HOME):
        _broker(hub, referral, accept=n % 3 == 0)


def discharge_seed(*, size: str, seed: int, counts: tuple[int, int] | None = None) -> dict[str, int]:
    """Make the demo's discharge hub; the borough, its staff and the health events must be seeded first.
    `counts` overrides the size's (discharges in the year, people on the board today), for tests."""
    if size not in PER_SIZE:
        raise DomainError(f"Size must be one of {', '.join(PER_SIZE)}")
    if DischargeReferral.objects.exists():
        raise DomainError("The discharge hub already has referrals in this database: use --reset to replace them")
    rng = random.Random(seed * 104_729 + 17)
    staff = list(User.objects.filter(username__in=["hub", "nurse"]).order_by("username"))
    if not staff:
        raise DomainError("The discharge hub's demo staff (hub, nurse) are not in this database")
    providers = [
        Organisation.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.CARE_PROVIDER})[0]
        for name in PROVIDERS
    ]
    today = clock.today()
    born_before = today.replace(year=today.year - 66)
    candidates = list(
        Person.objects.filter(
            date_of_birth__lt=born_before,
            date_of_death__isnull=True,
            merged_into__isnull=True,
        )
        .exclude(pk__in=RecordRestriction.objects.values("person_id"))
        .exclude(Q(nhs_number__isnull=True) | Q(nhs_number=""))
        .order_by("pk")
        .values_list("pk", flat=True)[:20_000]
    )
    histories, waiting = counts or PER_SIZE[size]
    chosen = rng.sample(candidates, min(len(candidates), histories + waiting + 20))
    people = list(Person.objects.filter(pk__in=chosen).order_by("pk"))
    rng.shuffle(people)
    hub = Hub(rng=rng, staff=staff, providers=providers, people=people, admissions=[])
    made = 0
    while made < histories and len(hub.people) > waiting:
        made += _history(hub, today)
    for n in range(min(waiting, len(hub.people))):
        _waiting(hub, today, n)
    readmitted = events_receive(batch=hub.admissions, actor=None) if hub.admissions else None
    return {
        "discharges": made,
        "on the board": DischargeReferral.objects.filter(status="waiting").count(),
        "emergency readmissions": len(readmitted.recorded) if readmitted else 0,
    }
