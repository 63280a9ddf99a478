"""Writes to concerns: raising one (the hand-over point for other apps), its details, its triage, a warning from it."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock, versioned
from tandem.core.errors import DomainError, require
from tandem.core.working_days import working_days_add
from tandem.identity.actors import Actor
from tandem.identity.models import Team, TeamKind
from tandem.people import services as people_services
from tandem.people.models import Person
from tandem.safeguarding import policies
from tandem.safeguarding.codes import (
    ENQUIRY_DECISIONS,
    AbuseType,
    Answer,
    ConcernStatus,
    EnquiryKind,
    PrimarySupportReason,
    RaisedBy,
    RiskLocation,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.models import (
    Concern,
    ConcernAbuse,
    ConcernLocation,
    ConcernRiskSource,
    Enquiry,
)
from tandem.safeguarding.services._shared import (
    MAX_NAME,
    MAX_SUMMARY,
    _choice,
    _several,
    _text,
)


def triage_working_days() -> int:
    """How many working days after a concern is received its triage is due (local policy)."""
    return int(getattr(settings, "TANDEM_SAFEGUARDING_TRIAGE_WORKING_DAYS", 2))


def provider_key(name: str) -> str:
    """A provider's name folded so that repeat concerns about it match: case, spaces and punctuation aside."""
    kept = "".join(letter if letter.isalnum() else " " for letter in name.casefold())
    words = [word for word in kept.split() if word not in {"ltd", "limited", "the", "plc", "llp"}]
    return " ".join(words)[:MAX_NAME]


def safeguarding_team_default() -> Team | None:
    """The team a concern goes to when the raiser does not choose: the first safeguarding team.

    With none set up the concern still lands (a hand-over never fails for want of a team), held
    by no team: any safeguarding team's members see it and can triage it.
    """
    return Team.objects.filter(kind=TeamKind.SAFEGUARDING).order_by("name").first()


@dataclass(frozen=True)
class ConcernDetails:
    """What is known about a concern when it is raised, or learned before triage."""

    summary: str
    raised_by_kind: str = ""
    raiser_name: str = ""
    raiser_organisation: str = ""
    abuse_types: tuple[str, ...] = ()
    # SAC counts a case once for each distinct location and source of risk, so several may be given.
    locations: tuple[str, ...] = ()
    sources_of_risk: tuple[str, ...] = ()
    provider_name: str = ""
    adults_view: str = ""
    lacks_capacity: str = ""
    advocate: str = ""  # an Answer: support from an advocate, family or friend (yes, no, don't know)
    primary_support_reason: str = ""
    received_on: date | None = None


def _clean(details: ConcernDetails) -> dict[str, Any]:
    summary = _text(
        details.summary,
        field="summary",
        label="The concern",
        required="Describe the safeguarding concern: what happened, to whom, and any risk now",
        limit=MAX_SUMMARY,
    )
    kinds = _several(
        details.abuse_types,
        AbuseType,
        field="abuse_types",
        message="Select the types of abuse or neglect from the list",
    )
    locations = _several(
        details.locations, RiskLocation, field="locations", message="Select where the risk is from the list"
    )
    sources = _several(
        details.sources_of_risk, RiskSource, field="sources_of_risk", message="Select the sources of risk from the list"
    )
    provider = _text(details.provider_name, field="provider_name", label="The provider's name", limit=MAX_NAME)
    by_provider = RiskSource.SERVICE_PROVIDER in sources
    if by_provider and not provider:
        raise DomainError("Enter the name of the service provider", field="provider_name")
    received = details.received_on or clock.today()
    if received > clock.today():
        raise DomainError("The date the concern was received must be today or in the past", field="received_on")
    return {
        "summary": summary,
        "raised_by_kind": _choice(
            details.raised_by_kind, RaisedBy, field="raised_by_kind", message="Select who raised the concern"
        ),
        "raiser_name": _text(details.raiser_name, field="raiser_name", label="Their name", limit=MAX_NAME),
        "raiser_organisation": _text(
            details.raiser_organisation, field="raiser_organisation", label="Their organisation", limit=MAX_NAME
        ),
        "provider_name": provider if by_provider else "",
        "provider_key": provider_key(provider) if by_provider else "",
        "adults_view": _text(details.adults_view, field="adults_view", label="The adult's view"),
        "lacks_capacity": _choice(
            details.lacks_capacity, Answer, field="lacks_capacity", message="Select whether the adult lacks capacity"
        ),
        "advocate": _choice(
            details.advocate,
            Answer,
            field="advocate",
            message="Select whether an advocate, family or friend supports them",
        ),
        "primary_support_reason": _choice(
            details.primary_support_reason,
            PrimarySupportReason,
            field="primary_support_reason",
            message="Select the adult's primary support reason",
        ),
        "received_on": received,
        "_abuse_types": kinds,
        "_locations": locations,
        "_sources": sources,
    }


_LISTS: dict[str, type[ConcernAbuse] | type[ConcernLocation] | type[ConcernRiskSource]] = {
    "_abuse_types": ConcernAbuse,
    "_locations": ConcernLocation,
    "_sources": ConcernRiskSource,
}
_RELATED = {"_abuse_types": "abuse_types", "_locations": "locations", "_sources": "risk_sources"}


def _lists_pop(cleaned: dict[str, Any]) -> dict[str, list[str]]:
    return {name: cleaned.pop(name) for name in _LISTS}


def _lists_set(concern: Concern, lists: dict[str, list[str]], changes: dict[str, Any] | None = None) -> None:
    """The concern's types of abuse, locations and sources of risk, each replaced only if it changed."""
    for name, kinds in lists.items():
        related = getattr(concern, _RELATED[name])
        before = sorted(related.values_list("kind", flat=True)) if concern.pk else []
        if before == sorted(kinds):
            continue
        if changes is not None:
            changes[_RELATED[name]] = [before, sorted(kinds)]
        related.all().delete()
        model: Any = _LISTS[name]
        model.objects.bulk_create([model(concern=concern, kind=kind) for kind in kinds])


@transaction.atomic
def concern_raise(
    *,
    person: Person | None,
    summary: str,
    source: str,
    source_reference: str = "",
    actor: Actor,
    details: ConcernDetails | None = None,
    team: Team | None = None,
) -> Concern:
    """Raise a safeguarding concern about a person; it waits for triage by the safeguarding team.

    Other apps hand over here with a summary and their own reference; staff raising one directly
    give the details the triage needs too (`details`).
    """
    require(policies.can_raise(actor), "You do not have permission to raise safeguarding concerns")
    if person is None:  # a hand-over about someone not yet found (a contact before the person is)
        raise DomainError("Find the person the concern is about first")
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: raise the concern on the record kept")
    cleaned = _clean(details or ConcernDetails(summary=summary))
    lists = _lists_pop(cleaned)
    if team is not None and team.kind != TeamKind.SAFEGUARDING:
        raise DomainError("Choose a safeguarding team", field="team")
    team = team or safeguarding_team_default()
    concern = Concern.objects.create(
        person=person,
        team=team,
        raised_at=clock.now(),
        raised_by=actor,
        source=source,
        source_reference=source_reference,
        triage_due_on=working_days_add(cleaned["received_on"], triage_working_days()),
        **cleaned,
    )
    _lists_set(concern, lists)
    audit.record(
        actor=actor,
        action="safeguarding.concern.raised",
        person=person,
        target=concern,
        summary="Raised a safeguarding concern",
        changes={"source": source, "source_reference": source_reference, "team": team.name if team else ""},
    )
    return concern


def _concern_for_work(concern: Concern, actor: Actor, version: int | None) -> Concern:
    locked = versioned.locked(concern)
    require(policies.can_work_on(actor, locked.team_id), "Only the safeguarding team holding the concern can do that")
    versioned.check_version(locked, version, what="this concern")
    return locked


@transaction.atomic
def concern_details_update(*, concern: Concern, details: ConcernDetails, version: int | None, actor: Actor) -> Concern:
    """Correct or complete what is known about a concern before it is triaged."""
    concern = _concern_for_work(concern, actor, version)
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        raise DomainError("The concern has been triaged: its details can no longer be changed")
    cleaned = _clean(details)
    lists = _lists_pop(cleaned)
    changes = {
        name: [getattr(concern, name), value] for name, value in cleaned.items() if getattr(concern, name) != value
    }
    for name, value in cleaned.items():
        setattr(concern, name, value)
    concern.triage_due_on = working_days_add(concern.received_on, triage_working_days())
    concern.version += 1
    concern.save()
    _lists_set(concern, lists, changes)
    audit.record(
        actor=actor,
        action="safeguarding.concern.updated",
        person=concern.person,
        target=concern,
        summary="Updated the details of a safeguarding concern",
        changes={name: [str(a), str(b)] for name, (a, b) in changes.items()},
    )
    return concern


@dataclass(frozen=True)
class Section42Test:
    """The three parts of the section 42 test (Care Act 2014 s42(1)(a)-(c)), each answered yes or no.

    (a) the adult has needs for care and support (whether or not the authority is meeting any of
    those needs); (b) is experiencing, or is at risk of, abuse or neglect; and (c) as a result of
    those needs is unable to protect himself or herself against the abuse or neglect or the risk of it.
    """

    care_needs: bool | None
    abuse_or_risk: bool | None
    unable_to_protect: bool | None

    @property
    def met(self) -> bool:
        return bool(self.care_needs and self.abuse_or_risk and self.unable_to_protect)


_S42_QUESTIONS = {
    "s42_care_needs": ("care_needs", "Say whether the adult has needs for care and support"),
    "s42_abuse_or_risk": ("abuse_or_risk", "Say whether the adult is experiencing, or at risk of, abuse or neglect"),
    "s42_unable_to_protect": (
        "unable_to_protect",
        "Say whether, because of those needs, the adult is unable to protect themselves",
    ),
}


def _section_42(test: Section42Test, decision: str) -> dict[str, bool]:
    """Each part answered; a Section 42 enquiry exactly when all three are met (Care Act 2014 s42(1)-(2))."""
    answers: dict[str, bool] = {}
    for field_name, (part, message) in _S42_QUESTIONS.items():
        answer = getattr(test, part)
        if answer is None:
            raise DomainError(message, field=field_name)
        answers[field_name] = answer
    if decision == TriageDecision.SECTION_42 and not test.met:
        raise DomainError(
            "A Section 42 enquiry needs all three parts of the section 42 test met: "
            "choose an other enquiry or no enquiry, and give the reason",
            field="decision",
        )
    if test.met and decision != TriageDecision.SECTION_42:
        # s42(2): where the test is met the authority must make (or cause) the enquiries it thinks necessary.
        raise DomainError(
            "All three parts of the section 42 test are met: the duty to make enquiries applies, "
            "so open a Section 42 enquiry",
            field="decision",
        )
    return answers


@transaction.atomic
def concern_triage(
    *,
    concern: Concern,
    decision: str,
    reason: str,
    test: Section42Test,
    version: int | None,
    actor: Actor,
    lead: Actor | None = None,
) -> Concern:
    """Decide what happens to a concern, on the section 42 test; an enquiry is opened at once.

    A Section 42 enquiry opens only when all three parts of the test are met (Care Act 2014
    s42(1)); otherwise an other (non-statutory) enquiry or no enquiry, with the reason.
    """
    concern = _concern_for_work(concern, actor, version)
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        raise DomainError("The concern has already been triaged")
    decision = _choice(decision, TriageDecision, field="decision", message="Select the triage decision", blank=False)
    answers = _section_42(test, decision)
    reason = _text(reason, field="reason", label="The reason", required="Give the reason for the decision")
    if decision == TriageDecision.SECTION_42 and not concern.abuse_types.exists():
        raise DomainError("Record the type of abuse or neglect before opening a Section 42 enquiry", field="decision")
    if lead is not None and not policies.can_work_on(lead, concern.team_id):
        raise DomainError("The lead must be in the safeguarding team holding the concern", field="lead")
    for name, answer in answers.items():
        setattr(concern, name, answer)
    concern.triage_decision = decision
    concern.triage_reason = reason
    concern.triaged_at = clock.now()
    concern.triaged_by = actor
    concern.status = ConcernStatus.ENQUIRY if decision in ENQUIRY_DECISIONS else ConcernStatus.CLOSED
    concern.version += 1
    concern.save()
    if decision in ENQUIRY_DECISIONS:
        kind = EnquiryKind.SECTION_42 if decision == TriageDecision.SECTION_42 else EnquiryKind.OTHER
        Enquiry.objects.create(concern=concern, kind=kind, lead=lead, started_on=clock.today())
    audit.record(
        actor=actor,
        action="safeguarding.concern.triaged",
        person=concern.person,
        target=concern,
        summary=f"Triaged a safeguarding concern: {TriageDecision(decision).label.lower()}",
        changes={"decision": decision, **answers},
        reason=reason,
    )
    return concern


def concern_warning_raise(*, concern: Concern, category: str, description: str, review_on: date, actor: Actor) -> Any:
    """Raise a hazard warning on the adult's record from a concern: the record's own warning, not a copy."""
    require(policies.can_work_on(actor, concern.team_id), "Only the safeguarding team holding the concern can do that")
    if review_on > clock.today() + timedelta(days=3 * 365):
        raise DomainError("The review date must be within three years", field="review_on")
    return people_services.warning_raise(
        person=concern.person,
        category=category,
        description=description,
        starts_on=clock.today(),
        review_on=review_on,
        actor=actor,
    )
