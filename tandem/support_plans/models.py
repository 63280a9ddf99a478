"""Care and support plans (Care Act 2014 s24 and s25): personal outcomes, how each is met, and the personal budget.

A plan is a chain of versions. Each version is its own row (sharing a `lineage`): a draft is
edited with compare-and-swap; once agreed it is never edited again, and a revision starts the
next version as a copy. Earlier versions stay readable as they were agreed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import DocumentEvent, PublicIdModel
from tandem.support_plans.codes import (
    Achieved,
    AgreementMethod,
    BudgetMethod,
    CommissionedKind,
    CopyFormat,
    HoursChange,
    PlanEventKind,
    PlanStatus,
    ProviderReviewStatus,
    ReviewEventKind,
    ReviewKind,
    ReviewOutcome,
    ReviewReason,
    ReviewStatus,
    Unit,
)


class SupportPlan(PublicIdModel):
    """One version of a person's care and support plan."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="support_plans")
    assessment = models.ForeignKey("assessments.NeedsAssessment", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="support_plans")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Every version of one plan shares a lineage; `number` counts them from 1.
    lineage = models.UUIDField(db_index=True)
    number = models.PositiveIntegerField(default=1)
    revises = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    revision_reason = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    started_on = models.DateField()

    budget_method = models.CharField(max_length=30, choices=BudgetMethod.choices, blank=True)
    contingency = models.TextField(blank=True)

    # The person's agreement (s25(1)(b) and s27(2)), recorded when the version is completed.
    agreed_on = models.DateField(null=True, blank=True)
    agreement_method = models.CharField(max_length=20, choices=AgreementMethod.choices, blank=True)
    # The person is entitled to a copy (s25(9)); recorded on completion or afterwards.
    copy_given_on = models.DateField(null=True, blank=True)
    copy_format = models.CharField(max_length=20, choices=CopyFormat.choices, blank=True)

    completed_on = models.DateField(null=True, blank=True)
    # Set on completion from the computed budget and the threshold then in force.
    weekly_budget_pence = models.PositiveIntegerField(null=True, blank=True)
    needs_sign_off = models.BooleanField(null=True, blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The day the version took effect: on agreement, or on sign-off where sign-off is needed.
    in_force_from = models.DateField(null=True, blank=True)

    # Compare-and-swap: a save names the version it started from and fails if it moved on.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["person", "-started_on"], name="plan_person_recent")]
        constraints = [
            models.UniqueConstraint(fields=["lineage", "number"], name="plan_version_number_once"),
            models.UniqueConstraint(
                fields=["lineage"], condition=Q(status=PlanStatus.DRAFT), name="plan_one_draft_per_lineage"
            ),
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="plan_status_valid"),
            models.CheckConstraint(
                condition=Q(budget_method="") | Q(budget_method__in=BudgetMethod.values),
                name="plan_budget_method_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT, completed_on__isnull=True, agreed_on__isnull=True)
                | (
                    ~Q(status=PlanStatus.DRAFT)
                    & Q(
                        completed_on__isnull=False,
                        agreed_on__isnull=False,
                        weekly_budget_pence__isnull=False,
                        needs_sign_off__isnull=False,
                    )
                    & ~Q(budget_method="")
                    & ~Q(agreement_method="")
                ),
                name="plan_agreed_has_its_agreement_and_budget",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.AUTHORISED)
                | Q(signed_off_on__isnull=False, signed_off_by__isnull=False),
                name="plan_signed_off_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=Q(copy_given_on__isnull=True, copy_format="")
                | Q(copy_given_on__isnull=False) & ~Q(copy_format=""),
                name="plan_copy_has_date_and_format",
            ),
        ]

    def __str__(self) -> str:
        return f"Care and support plan {self.uuid} version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def awaiting_sign_off(self) -> bool:
        return self.status == PlanStatus.COMPLETED and bool(self.needs_sign_off)


class PersonalOutcome(PublicIdModel):
    """What the person wants to achieve, as an "I" statement, and how it will be met."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveIntegerField(default=1)
    statement = models.TextField()
    by_person_and_network = models.TextField(blank=True)
    universal_services = models.TextField(blank=True)
    equipment = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.statement[:60]


class CommunityService(PublicIdModel):
    """A service from the community directory that helps meet an outcome (the name kept as chosen)."""

    outcome = models.ForeignKey(PersonalOutcome, on_delete=models.CASCADE, related_name="community_services")
    # Kept if the directory entry is later removed: the agreed plan still says what it was.
    service = models.ForeignKey("directory.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    service_name = models.CharField(max_length=255)

    class Meta:
        ordering = ["service_name", "id"]

    def __str__(self) -> str:
        return self.service_name


class CommissionedService(PublicIdModel):
    """A service the council arranges or pays for: its cost makes up the personal budget."""

    outcome = models.ForeignKey(PersonalOutcome, on_delete=models.CASCADE, related_name="commissioned_services")
    kind = models.CharField(max_length=30, choices=CommissionedKind.choices)
    provider_name = models.CharField(max_length=200)
    # A care provider on the system (its staff then see and review this package); the typed
    # name stays for providers that are not, and as the name the plan was agreed with.
    provider_organisation = models.ForeignKey(
        "identity.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    units_per_week = models.DecimalField(max_digits=6, decimal_places=2)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    unit_cost_pence = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CommissionedKind.values), name="commissioned_kind_valid"),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="commissioned_unit_valid"),
            models.CheckConstraint(condition=Q(units_per_week__gt=0), name="commissioned_units_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.provider_name}"


class PlanEvent(DocumentEvent):
    """An immutable row for each change to a version: who, when, the version it made, and what changed."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=PlanEventKind.choices)

    class Meta(DocumentEvent.Meta):
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="plan_event_once_per_version"),
            models.CheckConstraint(condition=Q(kind__in=PlanEventKind.values), name="plan_event_kind_valid"),
        ]


class PlanReview(PublicIdModel):
    """A review of the plan in force (Care Act 2014 s27): planned (due within 12 months of the plan
    taking effect or the last review) or unplanned with a reason; what came of each outcome."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="reviews")
    lineage = models.UUIDField(db_index=True)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plan_reviews")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="plan_reviews")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    reason = models.CharField(max_length=30, choices=ReviewReason.choices, blank=True)
    reason_detail = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED)
    due_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    persons_view = models.TextField(blank=True)
    outcome = models.CharField(max_length=30, choices=ReviewOutcome.choices, blank=True)
    outcome_detail = models.TextField(blank=True)
    # The new version of the plan the review started, where its outcome changes the plan.
    revision = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="review_status_due")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ReviewKind.values), name="review_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=ReviewStatus.values), name="review_status_valid"),
            models.CheckConstraint(
                condition=Q(kind=ReviewKind.PLANNED, reason="", due_on__isnull=False)
                | Q(kind=ReviewKind.UNPLANNED, reason__in=ReviewReason.values),
                name="review_planned_is_due_unplanned_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.COMPLETED)
                | (Q(completed_on__isnull=False) & Q(outcome__in=ReviewOutcome.values)),
                name="review_completed_has_date_and_outcome",
            ),
            models.UniqueConstraint(
                fields=["lineage"],
                condition=Q(kind=ReviewKind.PLANNED, status__in=[ReviewStatus.SCHEDULED, ReviewStatus.DRAFT]),
                name="review_one_planned_open_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.uuid}"

    @property
    def is_draft(self) -> bool:
        return self.status == ReviewStatus.DRAFT


class OutcomeReview(models.Model):  # noqa: DJ008 (rows are shown by their outcome's words)
    """Whether one personal outcome was achieved, in the person's words, and what changes."""

    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="findings")
    outcome = models.ForeignKey(PersonalOutcome, on_delete=models.PROTECT, related_name="+")
    achieved = models.CharField(max_length=10, choices=Achieved.choices, blank=True)
    in_own_words = models.TextField(blank=True)
    what_changes = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="review_finding_once_per_outcome"),
            models.CheckConstraint(
                condition=Q(achieved="") | Q(achieved__in=Achieved.values), name="review_finding_achieved_valid"
            ),
        ]


class ReviewEvent(DocumentEvent):
    """An immutable row for each change to a review: who, when, the version it made, and what changed."""

    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=ReviewEventKind.choices)

    class Meta(DocumentEvent.Meta):
        constraints = [
            models.UniqueConstraint(fields=["review", "version"], name="review_event_once_per_version"),
            models.CheckConstraint(condition=Q(kind__in=ReviewEventKind.values), name="review_event_kind_valid"),
        ]


class ProviderReview(PublicIdModel):
    """A trusted care provider's account of how the package it delivers is going, for a
    practitioner to check: signed off (and taken into the plan's review) or returned with a reason."""

    service = models.ForeignKey(CommissionedService, on_delete=models.PROTECT, related_name="provider_reviews")
    plan = models.ForeignKey(SupportPlan, on_delete=models.PROTECT, related_name="provider_reviews")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    # The provider's view of the outcome the package serves.
    achieved = models.CharField(max_length=10, choices=Achieved.choices)
    outcome_view = models.TextField()
    hours_change = models.CharField(max_length=10, choices=HoursChange.choices)
    change_reason = models.TextField(blank=True)
    incidents = models.TextField(blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=ProviderReviewStatus.choices, default=ProviderReviewStatus.SUBMITTED
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(blank=True)
    # The plan review the signed-off account was taken into, where there was one.
    review = models.ForeignKey(PlanReview, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["status", "team"], name="provider_review_waiting")]
        constraints = [
            models.CheckConstraint(condition=Q(achieved__in=Achieved.values), name="provider_review_achieved_valid"),
            models.CheckConstraint(
                condition=Q(hours_change__in=HoursChange.values), name="provider_review_change_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours_change=HoursChange.SAME) | ~Q(change_reason=""),
                name="provider_review_change_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=ProviderReviewStatus.SUBMITTED, checked_at__isnull=True)
                | Q(status=ProviderReviewStatus.ACCEPTED, checked_at__isnull=False, checked_by__isnull=False)
                | (
                    Q(status=ProviderReviewStatus.RETURNED, checked_at__isnull=False, checked_by__isnull=False)
                    & ~Q(return_reason="")
                ),
                name="provider_review_checked_has_who_when_and_why",
            ),
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(status=ProviderReviewStatus.SUBMITTED),
                name="provider_review_one_waiting_per_package",
            ),
        ]

    def __str__(self) -> str:
        return f"Provider review {self.uuid}"

    @property
    def is_waiting(self) -> bool:
        return self.status == ProviderReviewStatus.SUBMITTED
