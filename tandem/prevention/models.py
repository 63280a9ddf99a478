"""Health events received from partners, the queue of those not yet matched to a person, and the
notices they give staff.

A `HealthEvent` is always about one person and is clean data for prevention (risk scoring, issue
17): its kind, when it happened, who sent it, and the partner's codes as sent. An event Tandem
cannot match to a person with certainty is an `EventAwaitingMatch` until a member of staff confirms
or rejects the match; it never becomes a `HealthEvent` on its own.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import PublicIdModel
from tandem.prevention.codes import EventKind, MatchState, NhsNumberCheck, NoticeKind


class EventFacts(PublicIdModel):
    """What a partner told: the same facts whether the event is matched yet or not."""

    kind = models.CharField(max_length=24, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    # The end of a stay or attendance, when the partner sent one (a discharge is its own event).
    ended_at = models.DateTimeField(null=True, blank=True)
    # The partner's own key for the resource (identifier system|value, or the sender and the
    # resource's id): the same event sent twice is kept once (idempotency).
    source_key = models.CharField(max_length=500)
    resource_type = models.CharField(max_length=20)  # Encounter, Condition or Observation
    # Who sent it: the partner's organisation (through the API) and the organisation the resource
    # names as where it happened (Encounter.serviceProvider), as sent.
    received_from = models.ForeignKey(
        "identity.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_organisation_code = models.CharField("ODS code", max_length=20, blank=True)
    source_organisation_name = models.CharField(max_length=200, blank=True)
    # The coded fields kept as sent ([{"element": "class", "system": ..., "code": ..., "display": ...}]):
    # the class, type, admission and discharge method, reasons and diagnoses, observation codes.
    codes = models.JSONField(default=list, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        abstract = True


class HealthEvent(EventFacts):
    """One health event on one person's record."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    # How it was joined to the person: by NHS number on arrival, or confirmed by a member of staff.
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "-occurred_at"], name="health_event_person")]
        constraints = [
            models.UniqueConstraint(fields=["source_key", "kind"], name="health_event_once"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="health_event_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"


class EventAwaitingMatch(EventFacts):
    """An event whose person Tandem could not tell with certainty, and who the partner said it was."""

    state = models.CharField(max_length=10, choices=MatchState.choices, default=MatchState.WAITING)
    why = models.CharField(max_length=300)
    nhs_number_sent = models.CharField(max_length=40, blank=True)
    nhs_number_check = models.CharField(max_length=10, choices=NhsNumberCheck.choices)
    family_name = models.CharField(max_length=200, blank=True)
    given_name = models.CharField(max_length=200, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    event = models.OneToOneField(
        HealthEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="awaiting_match"
    )

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["state", "received_at"], name="awaiting_match_queue")]
        constraints = [
            models.UniqueConstraint(fields=["source_key", "kind"], name="awaiting_match_once"),
            models.CheckConstraint(condition=Q(state__in=MatchState.values), name="awaiting_match_state_valid"),
            models.CheckConstraint(
                condition=~Q(state=MatchState.CONFIRMED) | Q(event__isnull=False), name="confirmed_match_has_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d} awaiting a match"


class EventNotice(models.Model):
    """A health event told to a member of staff (the allocated worker) or a team (a care package
    that may need pausing), shown on their "my work" page until marked as seen."""

    event = models.ForeignKey(HealthEvent, on_delete=models.CASCADE, related_name="notices")
    # The event's person again, so the summary asks about notices without a join.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "seen_at"], name="event_notice_user"),
            models.Index(fields=["team", "seen_at"], name="event_notice_team"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(team__isnull=False), name="notice_has_recipient"
            ),
            models.CheckConstraint(condition=Q(kind__in=NoticeKind.values), name="event_notice_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.event}"


# The hospital discharge hub keeps its tables in its own package (issue 17).
from tandem.prevention.discharge.models import (  # noqa: E402
    DischargeReferral,
    PackageSought,
    ProviderOffer,
    ReferralEvent,
)

# The risk score, the proactive worklist and its outreach (issue 17) live in their own package.
from tandem.prevention.risk.models import Outreach, RiskCondition, RiskRuleSet, RiskScore  # noqa: E402

__all__ = [
    "DischargeReferral",
    "EventAwaitingMatch",
    "EventFacts",
    "EventNotice",
    "HealthEvent",
    "Outreach",
    "PackageSought",
    "ProviderOffer",
    "ReferralEvent",
    "RiskCondition",
    "RiskRuleSet",
    "RiskScore",
]
