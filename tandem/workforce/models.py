"""The workforce: practitioners' profiles, establishment, the weighting rules, cases and alerts.

The rules (weighting factors, capacity, risk screening, keeping in touch and alert thresholds)
are versioned: an edit makes a new `RuleSet` and the old ones stay readable as history. Cases
carry their weight and priority as computed under the rules in force, recomputed when the rules
change, so a caseload is one indexed sum.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import DocumentEvent, PublicIdModel, TimestampedModel
from tandem.workforce.codes import (
    AlertKind,
    CaseEventKind,
    CaseProgress,
    CaseStatus,
    FactorKind,
    Priority,
    WaitingFor,
    Warrant,
)


class PractitionerProfile(TimestampedModel):
    """What a member of staff brings to a caseload; profession and registration live on the user."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workforce_profile")
    # The team whose caseload they carry (staff may be members of more teams for access).
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="practitioner_profiles")
    fte = models.DecimalField("Contracted hours (FTE)", max_digits=3, decimal_places=2, default=1)
    asye = models.BooleanField("Newly qualified (ASYE)", default=False)
    agency = models.BooleanField("Agency worker", default=False)
    qualifications = models.TextField(blank=True)
    neighbourhoods = models.ManyToManyField("people.Neighbourhood", blank=True, related_name="+")
    gp_practices = models.ManyToManyField("people.GPPractice", blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="profile_fte_range"),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class ProfileWarrant(models.Model):
    profile = models.ForeignKey(PractitionerProfile, on_delete=models.CASCADE, related_name="warrants")
    kind = models.CharField(max_length=30, choices=Warrant.choices)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="warrant_once_per_profile"),
            models.CheckConstraint(condition=Q(kind__in=Warrant.values), name="warrant_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Post(PublicIdModel):
    """One funded post in a team's establishment; a post with no holder is a vacancy."""

    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(max_length=120)
    fte = models.DecimalField(max_digits=3, decimal_places=2, default=1)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="posts_held"
    )
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team", "title", "id"]
        constraints = [models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="post_fte_range")]

    def __str__(self) -> str:
        return f"{self.title} ({self.team})"


class RuleSet(models.Model):
    """One version of the workforce rules; the newest is in force."""

    number = models.PositiveIntegerField(unique=True)
    capacity_per_fte = models.PositiveIntegerField(default=100)
    asye_capacity_percent = models.PositiveIntegerField(default=80)
    amber_from_percent = models.PositiveIntegerField(default=85)
    red_from_percent = models.PositiveIntegerField(default=100)
    # A risk score at or above these is high or medium priority; below, low.
    high_priority_from = models.PositiveIntegerField(default=8)
    medium_priority_from = models.PositiveIntegerField(default=4)
    # How often someone waiting is contacted, in days, by priority.
    touch_days_high = models.PositiveIntegerField(default=7)
    touch_days_medium = models.PositiveIntegerField(default=14)
    touch_days_low = models.PositiveIntegerField(default=28)
    # Alert thresholds by AlertKind value: an alert is raised when a team's figure is above it.
    thresholds = models.JSONField(default=dict)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(red_from_percent__gt=models.F("amber_from_percent")), name="rag_order"),
            models.CheckConstraint(
                condition=Q(high_priority_from__gt=models.F("medium_priority_from")), name="priority_order"
            ),
        ]

    def __str__(self) -> str:
        return f"Rules version {self.number}"


class Factor(models.Model):
    """A weighting factor, case type or screening question, with its points in one rules version."""

    rules = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="factors")
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=FactorKind.choices)
    points = models.PositiveIntegerField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "code"], name="factor_code_once_per_rules"),
            models.CheckConstraint(condition=Q(kind__in=FactorKind.values), name="factor_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.label


class Case(PublicIdModel):
    """Work for a team about one person: waiting (on the list), allocated (on a caseload), or closed."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="workforce_cases")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="workforce_cases")
    support_request = models.OneToOneField(
        "front_door.SupportRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="workforce_case"
    )
    summary = models.TextField()
    waiting_for = models.CharField(max_length=12, choices=WaitingFor.choices, default=WaitingFor.ALLOCATION)
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.WAITING)
    # Moved on by the work done elsewhere (an assessment started, completed, authorised), not typed.
    progress = models.CharField(max_length=12, choices=CaseProgress.choices, blank=True, default="")
    opened_at = models.DateTimeField()
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.MEDIUM)
    risk_score = models.PositiveIntegerField(default=0)
    screened_at = models.DateTimeField(null=True, blank=True)
    # Codes of factors in the rules: the case type and complexity factors (which weigh it) and
    # the screening answers (which set its priority while it waits).
    factors = models.JSONField(default=list)
    risks = models.JSONField(default=list)
    skills_needed = models.JSONField(default=list)
    computed_weight = models.PositiveIntegerField(default=0)
    weight_override = models.PositiveIntegerField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    # The weight a caseload counts: the override where there is one.
    weight = models.PositiveIntegerField(default=0)
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="workforce_cases"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    next_contact_due = models.DateField(null=True, blank=True)
    # When it first left the waiting list (allocated or closed): the waiting-list trend counts from it.
    left_waiting_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["priority", "opened_at"]
        indexes = [
            models.Index(fields=["team", "status", "priority", "opened_at"], name="case_waiting_list"),
            models.Index(fields=["allocated_to", "status"], name="case_caseload"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_valid"),
            models.CheckConstraint(condition=Q(waiting_for__in=WaitingFor.values), name="case_waiting_for_valid"),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.ALLOCATED) | Q(allocated_to__isnull=False),
                name="allocated_case_has_worker",
            ),
            models.CheckConstraint(
                condition=Q(weight_override__isnull=True) | ~Q(override_reason=""), name="override_needs_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.uuid}"


class CaseEvent(DocumentEvent):
    """The immutable history of a case: who did what, when, and why, at the version it made."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=CaseEventKind.choices)
    # Events loaded with the demonstration data name no one.
    by = models.ForeignKey(  # type: ignore[assignment]  # nullable here only, for those demonstration events
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["worker", "kind"], name="case_event_worker")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class Alert(models.Model):
    """A pressure threshold a team crossed; open until the figure falls back to the threshold."""

    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="workforce_alerts")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    value = models.IntegerField()
    threshold = models.IntegerField()
    raised_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "kind"], condition=Q(cleared_at__isnull=True), name="one_open_alert_per_kind"
            ),
            models.CheckConstraint(condition=Q(kind__in=AlertKind.values), name="alert_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value} (over {self.threshold})"
