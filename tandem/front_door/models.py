"""Contacts at the front door, the conversations held, what came of them, and what follows.

A contact may arrive before anyone knows who it is about (an online form, an anonymous call):
`person` is empty until a worker links the contact to a record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import PublicIdModel
from tandem.front_door.codes import (
    ContactRoute,
    ContactSource,
    ContactStatus,
    ConversationType,
    OutcomeKind,
    RequestStatus,
    Urgency,
)


class Contact(PublicIdModel):
    # A short reference the person can quote on the phone (letters and digits, no look-alikes).
    reference = models.CharField(max_length=12, unique=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="front_door_contacts"
    )
    source = models.CharField(max_length=30, choices=ContactSource.choices)
    route = models.CharField(max_length=20, choices=ContactRoute.choices)
    reason = models.TextField(help_text="In the caller's own words")
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    caller_name = models.CharField(max_length=200, blank=True)
    caller_relationship = models.CharField(max_length=100, blank=True)
    caller_phone = models.CharField(max_length=40, blank=True)
    caller_email = models.EmailField(blank=True)
    received_at = models.DateTimeField(db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="front_door_contacts")
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ContactStatus.choices, default=ContactStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the person typed in the public "ask for help" journey, kept as they answered it.
    submission = models.JSONField(default=dict, blank=True)
    is_self_assessment = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["team", "status", "received_at"], name="contact_queue"),
            models.Index(fields=["person", "-received_at"], name="contact_person_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(source__in=ContactSource.values), name="contact_source_valid"),
            models.CheckConstraint(condition=Q(route__in=ContactRoute.values), name="contact_route_valid"),
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="contact_urgency_valid"),
            models.CheckConstraint(
                condition=Q(status=ContactStatus.OPEN, closed_at__isnull=True)
                | Q(status=ContactStatus.CLOSED, closed_at__isnull=False),
                name="contact_closed_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact {self.reference}"


class Conversation(PublicIdModel):
    """A strengths-based conversation: what matters, what is working, who is around, what would help."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="conversations")
    conversation_type = models.PositiveSmallIntegerField(choices=ConversationType.choices)
    what_matters = models.TextField(blank=True)
    what_is_working = models.TextField(blank=True)
    who_is_around = models.TextField(blank=True)
    what_would_help = models.TextField(blank=True)
    held_at = models.DateTimeField()
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conversation_type__in=ConversationType.values), name="conversation_type_valid"
            ),
        ]


class SupportRequest(PublicIdModel):
    """A request for support that needs a team (the CLD "Request" event), waiting in that team's queue."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_requests")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="support_requests")
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="support_requests"
    )
    reason = models.TextField()
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    requested_at = models.DateTimeField(db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    closed_at = models.DateTimeField(null=True, blank=True)
    # For a young person under 18, asked only as a transition assessment (Care Act 2014 ss58-59:
    # a child likely to have needs for care and support at 18); adult teams refuse children otherwise.
    transition = models.BooleanField(default=False)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["team", "status", "requested_at"], name="request_team_queue")]
        constraints = [
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="request_urgency_valid"),
            models.CheckConstraint(condition=Q(status__in=RequestStatus.values), name="request_status_valid"),
        ]


class ContactOutcome(PublicIdModel):
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(max_length=30, choices=OutcomeKind.choices)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # What the outcome handed on to, when it did.
    support_request = models.ForeignKey(
        SupportRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    concern_reference = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["kind", "contact"], name="outcome_kind_contact")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OutcomeKind.values), name="outcome_kind_valid"),
        ]


class Signposting(PublicIdModel):
    """A community service suggested to the person; the name is kept in case the entry goes later."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="signpostings")
    service = models.ForeignKey("directory.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    service_name = models.CharField(max_length=255)
    given_at = models.DateTimeField()
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["given_at", "service_name"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "service"], name="signposting_once_per_contact"),
        ]


class FollowUp(PublicIdModel):
    """A "keeping in touch" call due on a date."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(db_index=True)
    note = models.TextField(blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what_happened = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="follow_up_due")]
