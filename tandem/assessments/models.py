"""Needs assessments (Care Act 2014 s9) and carers' assessments (s10): the person's own account, the
specified outcomes, and the eligibility decision.

What matters to the person, their strengths and their network stay on the person record (one
record, entered once); an assessment shows them and adds what only the assessment knows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.assessments.eligibility import Achievement
from tandem.core.models import DocumentEvent, PublicIdModel


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"
    AUTHORISED = "authorised", "Authorised"


class AssessmentKind(models.TextChoices):
    ADULT = "adult", "Needs assessment"
    CARER = "carer", "Carer's assessment"


class StartedFrom(models.TextChoices):
    REQUEST = "request", "A request for support"
    SELF_ASSESSMENT = "self_assessment", "The person's online self-assessment"
    REVIEW = "review", "A review or a change in needs"
    # Care Act s10: a carer's assessment is owed wherever it appears the carer may have needs.
    CARER_ASKED = "carer_asked", "The carer asked for an assessment, or was offered one"


class AchievementChoice(models.TextChoices):
    ACHIEVES = Achievement.ACHIEVES.value, "Can achieve this"
    UNABLE_WITHOUT_ASSISTANCE = Achievement.UNABLE_WITHOUT_ASSISTANCE.value, "Unable without assistance"
    SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY = (
        Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY.value,
        "Able, but with significant pain, distress or anxiety",
    )
    ENDANGERS_HEALTH_OR_SAFETY = (
        Achievement.ENDANGERS_HEALTH_OR_SAFETY.value,
        "Able, but it endangers their or others' health or safety",
    )
    SIGNIFICANTLY_LONGER = Achievement.SIGNIFICANTLY_LONGER.value, "Able, but it takes significantly longer"
    NOT_APPLICABLE = Achievement.NOT_APPLICABLE.value, "Does not apply"


class EventKind(models.TextChoices):
    STARTED = "started", "Started"
    SAVED = "saved", "Saved"
    COMPLETED = "completed", "Completed"
    JUDGEMENT = "judgement", "Professional judgement recorded"
    AUTHORISED = "authorised", "Authorised"


class NeedsAssessment(PublicIdModel):
    # For a carer's assessment, `person` is the carer (whose needs are assessed) and `cared_for`
    # the adult they care for; the link between them is in the cared-for person's network.
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.ADULT)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="needs_assessments")
    cared_for = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A carer's assessment done together with the cared-for person's needs assessment (a joint assessment).
    joint_with = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="joint_carer_assessments"
    )
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="needs_assessments")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_from = models.CharField(max_length=20, choices=StartedFrom.choices)
    # A transition assessment (Care Act 2014 ss58-59): of a young person under 18 likely to have
    # needs for care and support at 18. The only needs assessment a child may have here.
    transition = models.BooleanField(default=False)
    support_request = models.ForeignKey(
        "front_door.SupportRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The public self-assessment whose answers are carried in (kept on the contact, never copied).
    contact = models.ForeignKey("front_door.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    requested_on = models.DateField()
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)

    persons_account = models.TextField(blank=True)
    # The three conditions' inputs (regulation 2(1)(a) and (c)); None until answered.
    arises_from_impairment_or_illness = models.BooleanField(null=True, blank=True)
    impairment_reason = models.TextField(blank=True)
    significant_impact_on_wellbeing = models.BooleanField(null=True, blank=True)
    wellbeing_reason = models.TextField(blank=True)
    # A carer's conditions 1 and 2 (regulation 3(1)(a) and (b)); condition 3 is the wellbeing pair above.
    arises_from_providing_care = models.BooleanField(null=True, blank=True)
    care_reason = models.TextField(blank=True)
    health_at_risk = models.BooleanField(null=True, blank=True)
    health_reason = models.TextField(blank=True)

    # Stored on completion, as the engine found it then (the regulations' words may be revised later).
    eligible_by_criteria = models.BooleanField(null=True, blank=True)
    determination = models.JSONField(default=dict, blank=True)
    judgement_eligible = models.BooleanField(null=True, blank=True)
    judgement_reason = models.TextField(blank=True)

    # Compare-and-swap: a save names the version it started from and fails if it moved on.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["person", "-started_on"], name="assessment_person_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AssessmentStatus.values), name="assessment_status_valid"),
            models.CheckConstraint(
                condition=Q(kind=AssessmentKind.ADULT, cared_for__isnull=True, joint_with__isnull=True)
                | Q(kind=AssessmentKind.CARER, cared_for__isnull=False),
                name="assessment_carer_names_the_cared_for",
            ),
            models.CheckConstraint(
                condition=Q(started_from__in=StartedFrom.values), name="assessment_started_from_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT, completed_on__isnull=True, eligible_by_criteria__isnull=True)
                | (
                    ~Q(status=AssessmentStatus.DRAFT)
                    & Q(completed_on__isnull=False, eligible_by_criteria__isnull=False)
                ),
                name="assessment_completed_has_a_date_and_determination",
            ),
            models.CheckConstraint(
                condition=Q(judgement_eligible__isnull=True) | ~Q(judgement_reason=""),
                name="assessment_judgement_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{AssessmentKind(self.kind).label} {self.uuid}"

    @property
    def is_carers(self) -> bool:
        return self.kind == AssessmentKind.CARER

    @property
    def eligible(self) -> bool | None:
        """The decision: the practitioner's professional judgement where recorded, else the criteria's."""
        return self.judgement_eligible if self.judgement_eligible is not None else self.eligible_by_criteria


class OutcomeFinding(models.Model):  # noqa: DJ008 (rows are shown by their outcome's words)
    """What the assessment found for one specified outcome: an adult's (regulation 2(2), a to j) or a
    carer's (regulation 3(2)(b)(i) to (viii), stored under the keys a to h)."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=1)
    achievement = models.CharField(max_length=40, choices=AchievementChoice.choices, blank=True)
    in_own_words = models.TextField(blank=True)
    practitioner_view = models.TextField(blank=True)
    fluctuates = models.BooleanField(default=False)
    fluctuation_note = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="finding_once_per_outcome"),
            models.CheckConstraint(condition=Q(code__in=list("abcdefghij")), name="finding_code_valid"),
            models.CheckConstraint(
                condition=Q(achievement="") | Q(achievement__in=AchievementChoice.values),
                name="finding_achievement_valid",
            ),
        ]


class AssessmentEvent(DocumentEvent):
    """An immutable row for each change: who, when, which version it made, and what changed."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)

    class Meta(DocumentEvent.Meta):
        constraints = [
            models.UniqueConstraint(fields=["assessment", "version"], name="assessment_event_once_per_version"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="assessment_event_kind_valid"),
        ]
