"""A year of safeguarding and DoLS work for the demo borough, written directly (it is the setting,
not a journey through the services): concerns awaiting triage (some overdue), triage decisions,
open and concluded enquiries with Making Safeguarding Personal outcomes, repeat concerns about
one provider, and DoLS applications waiting, allocated, granted (some due for renewal), not
granted and withdrawn. Everything is synthetic and held by the Safeguarding Adults Unit.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.core.working_days import working_days_add
from tandem.identity.models import Membership, Team, TeamKind
from tandem.identity.permissions import Role
from tandem.people.models import Person
from tandem.safeguarding.codes import (
    DOLS_DECIDED,
    REQUIREMENTS,
    AbuseType,
    Achieved,
    Answer,
    ConcernStatus,
    Contributor,
    DolsPriority,
    DolsSetting,
    DolsStatus,
    EnquiryKind,
    OutcomesAsked,
    PrimarySupportReason,
    RaisedBy,
    Requirement,
    RiskAssessment,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.models import (
    Concern,
    ConcernAbuse,
    ConcernLocation,
    ConcernRiskSource,
    Contribution,
    DesiredOutcome,
    DolsApplication,
    Enquiry,
    EnquiryAction,
    PlanningMeeting,
)
from tandem.safeguarding.services import provider_key

CONCERNS = {"small": 120, "medium": 1_200, "large": 2_400}
APPLICATIONS = {"small": 40, "medium": 400, "large": 800}
PROVIDERS = ("Wirral Homecare", "Riverside Care Services", "Oak House Care Home", "Seaview Nursing Home")
HOMES = ("Oak House Care Home", "Seaview Nursing Home", "Meadowbank Residential Home", "Arrowe Park Hospital")
SUMMARIES = {
    AbuseType.PHYSICAL: "Bruising to both forearms; says a carer gripped her when she would not get up.",
    AbuseType.FINANCIAL: "Nephew has taken over her bank card; bills unpaid and the fridge is empty.",
    AbuseType.NEGLECT: "Missed care calls three days running; found in wet bedding by a neighbour.",
    AbuseType.PSYCHOLOGICAL: "Son shouts at him and threatens to put him in a home if he complains.",
    AbuseType.SELF_NEGLECT: "House full of rubbish, no heating, refusing all help; GP worried about his weight.",
    AbuseType.DOMESTIC: "Wife has told the district nurse her husband hits her when he has been drinking.",
    AbuseType.ORGANISATIONAL: "Residents left in bed until noon; the home is short of staff most weekends.",
    AbuseType.SEXUAL: "Told a day-centre worker that a visitor touched her in a way she did not like.",
}
WANTED = (
    "I want to feel safe in my own home.",
    "I want that carer not to come back.",
    "I want my money back and my own bank card.",
    "I want my son to stop shouting at me.",
    "I want to stay living here.",
    "I don't want the police involved; I just want it to stop.",
)


def _at(day: date, hour: int = 10) -> datetime:
    """That day at that hour, but never in the future."""
    return min(timezone.make_aware(datetime.combine(day, time(hour))), clock.now() - timedelta(minutes=5))


def safeguarding_seed(*, size: str, seed: int) -> dict[str, int]:
    """Write the safeguarding and DoLS demo records; the borough (people and staff) must exist."""
    if size not in CONCERNS:
        raise DomainError(f"Size must be one of {', '.join(CONCERNS)}")
    if Concern.objects.exclude(source="front_door").exists() or DolsApplication.objects.exists():
        raise DomainError("Safeguarding records are already in this database: use --reset to replace them")
    unit = Team.objects.filter(kind=TeamKind.SAFEGUARDING).order_by("name").first()
    if unit is None:
        raise DomainError("The borough has no safeguarding team: seed the borough first")
    workers = list(
        Membership.objects.filter(team=unit, ended_on__isnull=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    # Who signs off concluded enquiries: the unit's managers (policies.can_sign_off).
    managers = list(
        Membership.objects.filter(team=unit, ended_on__isnull=True, user__role=Role.TEAM_MANAGER)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    rng = random.Random(seed * 7919 + 5)
    today = clock.today()
    adults = list(
        Person.objects.filter(
            # Adults only: born 18 years ago or earlier (not merely in that year).
            date_of_death__isnull=True,
            merged_into__isnull=True,
            date_of_birth__lte=date(today.year - 18, today.month, min(today.day, 28)),
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:50_000]
    )
    if not adults or len(workers) < 2:
        raise DomainError("The borough has no adults or no safeguarding staff: seed the borough first")
    counts = {"concerns": 0, "enquiries": 0, "applications": 0}
    with transaction.atomic():
        repeat_adults = rng.sample(adults, 5)
        for n in range(CONCERNS[size]):
            person = repeat_adults[n % 5] if n % 17 == 0 else rng.choice(adults)
            _concern(rng, person=person, unit=unit, workers=workers, managers=managers, today=today, counts=counts)
        for n in range(APPLICATIONS[size]):
            # The first few go to every stage, so even the smallest borough shows each one.
            stage = FIRST_STAGES[n] if n < len(FIRST_STAGES) else None
            _application(rng, person=rng.choice(adults), unit=unit, workers=workers, today=today, stage=stage)
            counts["applications"] += 1
    return counts


# The section 42 test (Care Act 2014 s42(1)(a)-(c)) as each triage decision records it: care and
# support needs, abuse or neglect (or its risk), unable to protect themselves because of those needs.
S42_ANSWERS = {
    TriageDecision.SECTION_42: (True, True, True),
    TriageDecision.OTHER_ENQUIRY: (True, True, False),
    TriageDecision.INFORMATION_AND_ADVICE: (False, True, False),
    TriageDecision.NO_FURTHER_ACTION: (True, False, False),
}


def _concern(
    rng: random.Random,
    *,
    person: int,
    unit: Team,
    workers: list[int],
    managers: list[int],
    today: date,
    counts: dict[str, int],
) -> None:
    kind = rng.choice(list(SUMMARIES))
    received = today - timedelta(days=min(int(rng.expovariate(1 / 90)), 364))
    source = rng.choice(list(RiskSource.values))
    provider = rng.choice(PROVIDERS) if source == RiskSource.SERVICE_PROVIDER else ""
    worker = rng.choice(workers)
    concern = Concern.objects.create(
        person_id=person,
        team=unit,
        summary=SUMMARIES[kind],
        raised_at=_at(received, rng.randint(8, 17)),
        raised_by_id=worker,
        received_on=received,
        source="safeguarding",
        raised_by_kind=rng.choice(list(RaisedBy.values)),
        raiser_organisation=rng.choice(("", "", "Merseyside Police", "Arrowe Park Hospital", "Wirral Homecare")),
        provider_name=provider,
        provider_key=provider_key(provider),
        adults_view=rng.choice(
            ("", "She wants it to stop but does not want her son in trouble.", "He says he is fine.")
        ),
        lacks_capacity=rng.choice(list(Answer.values)),
        advocate=rng.choice((*Answer.values, "")),
        primary_support_reason=rng.choice(list(PrimarySupportReason.values)),
        triage_due_on=working_days_add(received, 2),
    )
    counts["concerns"] += 1
    ConcernAbuse.objects.create(concern=concern, kind=kind)
    ConcernRiskSource.objects.create(concern=concern, kind=source)
    for place in rng.sample(list(RiskLocation.values), rng.choice((1, 1, 1, 2))):
        ConcernLocation.objects.create(concern=concern, kind=place)
    if (today - received).days < 6 and rng.random() < 0.8:
        return  # still awaiting triage, some of it overdue
    decision = rng.choices(list(TriageDecision.values), weights=(35, 15, 30, 20))[0]
    triaged = min(working_days_add(received, rng.choice((0, 1, 1, 2, 3))), today)
    concern.triage_decision = decision
    concern.triage_reason = {
        TriageDecision.SECTION_42: "Needs care and support, at risk of abuse, cannot protect themself.",
        TriageDecision.OTHER_ENQUIRY: "Section 42 criteria not all met, but an enquiry is proportionate.",
        TriageDecision.INFORMATION_AND_ADVICE: "Advice given to the adult and the referrer; no enquiry needed.",
        TriageDecision.NO_FURTHER_ACTION: "Already being addressed by the provider's own process.",
    }[TriageDecision(decision)]
    concern.s42_care_needs, concern.s42_abuse_or_risk, concern.s42_unable_to_protect = S42_ANSWERS[
        TriageDecision(decision)
    ]
    concern.triaged_at = _at(triaged, 15)
    concern.triaged_by_id = worker
    if decision not in (TriageDecision.SECTION_42, TriageDecision.OTHER_ENQUIRY):
        concern.status = ConcernStatus.CLOSED
        concern.save()
        return
    concern.status = ConcernStatus.ENQUIRY
    enquiry = Enquiry.objects.create(
        concern=concern,
        kind=EnquiryKind.SECTION_42 if decision == TriageDecision.SECTION_42 else EnquiryKind.OTHER,
        lead_id=worker,
        started_on=triaged,
        outcomes_asked=rng.choices(list(OutcomesAsked.values), weights=(70, 15, 8, 2, 5))[0],
    )
    counts["enquiries"] += 1
    expressed = enquiry.outcomes_asked == OutcomesAsked.ASKED_AND_EXPRESSED
    wanted = [
        DesiredOutcome.objects.create(enquiry=enquiry, in_own_words=words)
        for words in (rng.sample(WANTED, rng.randint(1, 3)) if expressed else [])
    ]
    meeting = min(triaged + timedelta(days=5), today)
    PlanningMeeting.objects.create(
        enquiry=enquiry,
        held_on=meeting,
        attendees="Lead social worker, the adult's daughter, police liaison officer",
        notes="Agreed who will speak to the provider and when the adult will be visited.",
        recorded_by_id=worker,
    )
    EnquiryAction.objects.create(
        enquiry=enquiry,
        description="Visit the adult at home with an advocate",
        owner="Lead social worker",
        due_on=meeting + timedelta(days=7),
        done_on=meeting + timedelta(days=6) if meeting + timedelta(days=6) <= today else None,
    )
    if rng.random() < 0.4:
        Contribution.objects.create(
            enquiry=enquiry,
            contributor=rng.choice(list(Contributor.values)),
            organisation=rng.choice(
                ("Merseyside Police", "Wirral Community Health NHS Trust (demo)", "Wirral Homecare")
            ),
            received_on=meeting,
            summary="Shared what they know and agreed to attend the next meeting.",
        )
    if (today - triaged).days > 40 and rng.random() < 0.85:
        _conclude(rng, enquiry=enquiry, wanted=wanted, worker=worker, managers=managers, triaged=triaged, today=today)
    concern.save()


def _conclude(
    rng: random.Random,
    *,
    enquiry: Enquiry,
    wanted: list[DesiredOutcome],
    worker: int,
    managers: list[int],
    triaged: date,
    today: date,
) -> None:
    """Conclude an enquiry, signed off by one of the unit's managers (not the concluder) unless too recent."""
    for outcome in wanted:
        outcome.achieved = rng.choices(list(Achieved.values), weights=(60, 30, 10))[0]
        outcome.save(update_fields=["achieved"])
    assessed = rng.choices(list(RiskAssessment.values), weights=(75, 10, 10, 5))[0]
    enquiry.risk_assessment = assessed
    enquiry.action_taken = assessed == RiskAssessment.IDENTIFIED or rng.random() < 0.3
    if assessed == RiskAssessment.IDENTIFIED and enquiry.action_taken:
        enquiry.risk_outcome = rng.choices(list(RiskOutcome.values), weights=(30, 55, 15))[0]
    enquiry.conclusion = "The adult is safer; the plan is agreed and the provider has acted."
    enquiry.concluded_on = min(triaged + timedelta(days=rng.randint(20, 40)), today)
    enquiry.plan = "Daily calls from a different carer; the adult's daughter manages the bank card."
    enquiry.plan_agreed_on = enquiry.concluded_on
    enquiry.concluded_by_id = worker
    signers = [manager for manager in managers if manager != worker]
    # Most concluded enquiries are signed off a few days later; the latest wait for a manager.
    signed_on = enquiry.concluded_on + timedelta(days=rng.randint(1, 5))
    if signers and signed_on < today:
        enquiry.signed_off_by_id = rng.choice(signers)
        enquiry.signed_off_at = _at(signed_on, 11)
        enquiry.concern.status = ConcernStatus.CLOSED
    enquiry.save()


REPRESENTATIVES = (
    ("Janet Hughes", "Daughter"),
    ("Peter Molyneux", "Son"),
    ("Carol Whitfield", "Niece"),
    ("Wirral Advocacy Service (demo)", "Paid representative"),
)


# (status, urgent): waiting on an urgent authorisation and on a standard request, allocated, and each decision.
FIRST_STAGES: tuple[tuple[str, bool], ...] = (
    (DolsStatus.WAITING, True),
    (DolsStatus.WAITING, False),
    (DolsStatus.ALLOCATED, False),
    (DolsStatus.GRANTED, False),
    (DolsStatus.NOT_GRANTED, False),
    (DolsStatus.WITHDRAWN, False),
)
_RECEIVED_DAYS_AGO: dict[str, tuple[int, int]] = {
    DolsStatus.WAITING: (0, 3),
    DolsStatus.ALLOCATED: (12, 28),
    DolsStatus.GRANTED: (60, 200),
    DolsStatus.NOT_GRANTED: (60, 200),
    DolsStatus.WITHDRAWN: (60, 200),
}


def _application(
    rng: random.Random, *, person: int, unit: Team, workers: list[int], today: date, stage: tuple[str, bool] | None
) -> None:
    received = today - timedelta(days=min(int(rng.expovariate(1 / 120)), 360))
    urgent = rng.random() < 0.3
    if stage is not None:
        received = today - timedelta(days=rng.randint(*_RECEIVED_DAYS_AGO[stage[0]]))
        urgent = stage[1]
    wanted = stage[0] if stage is not None else None
    home = rng.choice(HOMES)
    application = DolsApplication(
        person_id=person,
        team=unit,
        setting=DolsSetting.HOSPITAL if "Hospital" in home else DolsSetting.CARE_HOME,
        managing_authority=home,
        cqc_location=f"1-{rng.randint(100000000, 999999999)}",
        received_on=received,
        urgent=urgent,
        # The home gives its urgent authorisation, then sends the request: a few hours before it arrives.
        urgent_given_at=_at(received, 9) - timedelta(hours=rng.randint(1, 30)) if urgent else None,
        priority=rng.choices(list(DolsPriority.values), weights=(20, 50, 30))[0],
    )
    waited = (today - received).days
    if wanted in DOLS_DECIDED or (wanted is None and waited > 30 and rng.random() < 0.8):
        # Two different assessors (MCA 2005 Sch A1 para 129(5)).
        application.best_interests_assessor_id, application.mental_health_assessor_id = rng.sample(workers, 2)
        decided = received + timedelta(days=rng.randint(10, 60))
        application.decided_on = min(decided, today)
        outcome = (
            wanted
            or rng.choices((DolsStatus.GRANTED, DolsStatus.NOT_GRANTED, DolsStatus.WITHDRAWN), weights=(70, 15, 15))[0]
        )
        application.status = outcome
        if outcome == DolsStatus.GRANTED:
            for name in REQUIREMENTS:
                setattr(application, name, Requirement.SATISFIED)
            application.authorised_from = application.decided_on
            application.authorised_to = application.decided_on + timedelta(days=rng.choice((180, 270, 364)))
            application.conditions = "Review the use of the bed rails monthly; support daily walks in the garden."
            # The relevant person's representative, appointed on the grant (Sch A1 Part 10).
            application.rpr_name, application.rpr_relationship = rng.choice(REPRESENTATIVES)
        else:
            application.decision_reason = (
                "The person has regained capacity." if outcome == DolsStatus.NOT_GRANTED else "The person has died."
            )
    elif wanted == DolsStatus.ALLOCATED or (wanted is None and waited > 10 and rng.random() < 0.4):
        # Two different assessors (MCA 2005 Sch A1 para 129(5)).
        application.best_interests_assessor_id, application.mental_health_assessor_id = rng.sample(workers, 2)
        application.status = DolsStatus.ALLOCATED
    application.save()
