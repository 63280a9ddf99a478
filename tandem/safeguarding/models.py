"""Safeguarding: concerns, their triage, enquiries with Making Safeguarding Personal, and DoLS.

The hand-over point is `services.concern_raise`: the front door (or any app) calls it and keeps
only the concern's reference, never its own copy. A concern sits with one safeguarding team,
whose members (and only they) see it; its triage is due a configurable number of working days
after it was received. An enquiry (Section 42, or other) follows a triage decision that opens
one, and ends with the risk outcome and whether each outcome the adult wanted was achieved.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import PublicIdModel
from tandem.safeguarding.codes import (
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


def _valid(field: str, choices: type[models.TextChoices], name: str, *, blank: bool = False) -> models.CheckConstraint:
    condition = Q(**{f"{field}__in": choices.values})
    if blank:
        condition |= Q(**{field: ""})
    return models.CheckConstraint(condition=condition, name=name)


class Concern(PublicIdModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="safeguarding_concerns")
    # The safeguarding team the concern sits with (a safeguarding unit, or a multi-agency hub).
    team = models.ForeignKey(
        "identity.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="safeguarding_concerns"
    )
    summary = models.TextField()
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField()
    # Where the concern came from, by that app's own reference (a front-door contact, say).
    source = models.CharField(max_length=40)
    source_reference = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.AWAITING_TRIAGE)

    # Who raised it: the kind of person or agency, and their name and organisation where given.
    raised_by_kind = models.CharField(max_length=30, choices=RaisedBy.choices, blank=True)
    raiser_name = models.CharField(max_length=200, blank=True)
    raiser_organisation = models.CharField(max_length=200, blank=True)
    # Where the risk is and its source: several of each may be recorded (`ConcernLocation`,
    # `ConcernRiskSource`), as SAC counts a case once for each distinct one.
    # The provider, when the source of risk is a service provider: repeat concerns are matched on it.
    provider_name = models.CharField(max_length=200, blank=True)
    provider_key = models.CharField(max_length=200, blank=True, db_index=True)
    adults_view = models.TextField(blank=True)
    lacks_capacity = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    # SAC: where the adult lacked capacity, was support provided by an advocate, family or friend?
    # Yes, no or don't know (blank: not recorded).
    advocate = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    primary_support_reason = models.CharField(max_length=30, choices=PrimarySupportReason.choices, blank=True)

    triage_due_on = models.DateField(null=True, blank=True)
    # The section 42 test, each part answered at triage (Care Act 2014 s42(1)): the adult
    # (a) has needs for care and support, whether or not the authority is meeting any of them;
    # (b) is experiencing, or is at risk of, abuse or neglect; and (c) as a result of those needs
    # is unable to protect himself or herself against the abuse or neglect or the risk of it.
    # Null: not answered (concerns triaged before the test was recorded, or not yet triaged).
    s42_care_needs = models.BooleanField(null=True, blank=True)
    s42_abuse_or_risk = models.BooleanField(null=True, blank=True)
    s42_unable_to_protect = models.BooleanField(null=True, blank=True)
    triage_decision = models.CharField(max_length=30, choices=TriageDecision.choices, blank=True)
    triage_reason = models.TextField(blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_at"]
        indexes = [
            models.Index(fields=["person", "-raised_at"], name="concern_person_recent"),
            models.Index(fields=["team", "status", "triage_due_on"], name="concern_triage_queue"),
            # The triage queue in its order, covering what its page query filters on: with thousands
            # waiting, PostgreSQL reads the index alone instead of every waiting concern's row.
            models.Index(
                fields=["triage_due_on", "raised_at", "id"],
                include=["team", "person"],
                condition=Q(status=ConcernStatus.AWAITING_TRIAGE),
                name="concern_awaiting_triage",
            ),
        ]
        constraints = [
            _valid("status", ConcernStatus, "concern_status_valid"),
            _valid("raised_by_kind", RaisedBy, "concern_raised_by_valid", blank=True),
            _valid("lacks_capacity", Answer, "concern_capacity_valid", blank=True),
            _valid("advocate", Answer, "concern_advocate_valid", blank=True),
            _valid("primary_support_reason", PrimarySupportReason, "concern_support_reason_valid", blank=True),
            _valid("triage_decision", TriageDecision, "concern_triage_decision_valid", blank=True),
            models.CheckConstraint(
                condition=Q(triage_decision="") | (Q(triaged_at__isnull=False) & ~Q(triage_reason="")),
                name="concern_triage_has_a_time_and_reason",
            ),
            # A Section 42 enquiry only where all three parts of the s42(1) test are met.
            models.CheckConstraint(
                condition=~Q(triage_decision=TriageDecision.SECTION_42)
                | Q(s42_care_needs=True, s42_abuse_or_risk=True, s42_unable_to_protect=True),
                name="concern_section_42_only_if_test_met",
            ),
        ]

    def __str__(self) -> str:
        return f"Safeguarding concern {self.uuid}"


class ConcernAbuse(models.Model):
    """One type of abuse or neglect a concern is about (a concern may be about several)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="abuse_types")
    kind = models.CharField(max_length=30, choices=AbuseType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "kind"], name="concern_abuse_once"),
            _valid("kind", AbuseType, "concern_abuse_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ConcernLocation(models.Model):
    """One place the risk is (SAC location of risk; a concern may record several)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="locations")
    kind = models.CharField(max_length=30, choices=RiskLocation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "kind"], name="concern_location_once"),
            _valid("kind", RiskLocation, "concern_location_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ConcernRiskSource(models.Model):
    """One source of the risk (SAC source of risk; a concern may record several)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="risk_sources")
    kind = models.CharField(max_length=20, choices=RiskSource.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "kind"], name="concern_risk_source_once"),
            _valid("kind", RiskSource, "concern_risk_source_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Enquiry(PublicIdModel):
    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="enquiry")
    kind = models.CharField(max_length=20, choices=EnquiryKind.choices)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField()
    outcomes_asked = models.CharField(max_length=20, choices=OutcomesAsked.choices, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    # SAC at conclusion: was a risk identified (or inconclusive, none, or the enquiry ceased at the
    # adult's request), was action taken, and where a risk was identified and action taken, its outcome.
    risk_assessment = models.CharField(max_length=20, choices=RiskAssessment.choices, blank=True)
    action_taken = models.BooleanField(null=True, blank=True)
    risk_outcome = models.CharField(max_length=20, choices=RiskOutcome.choices, blank=True)
    conclusion = models.TextField(blank=True)
    plan = models.TextField(blank=True)  # the safeguarding plan: what will keep the adult safe, agreed with them
    plan_agreed_on = models.DateField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Closure needs a manager's sign-off (`policies.can_sign_off`): until then the enquiry is
    # concluded but its concern stays open.
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            _valid("kind", EnquiryKind, "enquiry_kind_valid"),
            _valid("outcomes_asked", OutcomesAsked, "enquiry_outcomes_asked_valid", blank=True),
            _valid("risk_outcome", RiskOutcome, "enquiry_risk_outcome_valid", blank=True),
            _valid("risk_assessment", RiskAssessment, "enquiry_risk_assessment_valid", blank=True),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | (~Q(risk_assessment="") & Q(action_taken__isnull=False) & ~Q(outcomes_asked="")),
                name="enquiry_concluded_has_outcomes",
            ),
            # The risk outcome is given exactly when a risk was identified and action taken.
            models.CheckConstraint(
                condition=Q(risk_outcome="") | Q(risk_assessment=RiskAssessment.IDENTIFIED, action_taken=True),
                name="enquiry_risk_outcome_only_if_identified_and_acted",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | Q(concluded_on__isnull=False, signed_off_by__isnull=False),
                name="enquiry_signed_off_only_when_concluded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.uuid}"


class DesiredOutcome(models.Model):
    """An outcome the adult wants from the enquiry, in their own words, and at the end whether it was achieved."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="desired_outcomes")
    in_own_words = models.TextField()
    achieved = models.CharField(max_length=10, choices=Achieved.choices, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [_valid("achieved", Achieved, "desired_outcome_achieved_valid", blank=True)]

    def __str__(self) -> str:
        return self.in_own_words[:60]


class PlanningMeeting(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    attendees = models.TextField()
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Planning meeting on {self.held_on}"


class EnquiryAction(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200)  # a person or agency, named as the meeting agreed
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    # Why the action was still outstanding when the enquiry concluded (required then, per action).
    outstanding_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class Contribution(models.Model):
    """What a partner agency contributed to the enquiry (police, health, the provider)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="contributions")
    contributor = models.CharField(max_length=20, choices=Contributor.choices)
    organisation = models.CharField(max_length=200)
    received_on = models.DateField()
    summary = models.TextField()
    # One of our own staff who contributed (a locality worker, say): they may then read the
    # enquiry's outcome, as the member of staff who raised the concern may.
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [_valid("contributor", Contributor, "contribution_contributor_valid")]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.received_on}"


class DolsApplication(PublicIdModel):
    """A request from a care home or hospital (the managing authority) to the council for a DoLS authorisation."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="dols_applications")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, related_name="dols_applications")
    setting = models.CharField(max_length=20, choices=DolsSetting.choices)
    managing_authority = models.CharField(max_length=200)
    cqc_location = models.CharField(max_length=20, blank=True)
    received_on = models.DateField()
    urgent = models.BooleanField(default=False)
    # When the managing authority gave its urgent authorisation: its 7 days run from then, not from
    # when the council received the request (MCA 2005 Sch A1 paras 76 and 78(2)). Null only for
    # applications logged before it was recorded, which are counted from the date received.
    urgent_given_at = models.DateTimeField(null=True, blank=True)
    urgent_extended = models.BooleanField(default=False)
    priority = models.CharField(max_length=10, choices=DolsPriority.choices, default=DolsPriority.MEDIUM)
    priority_reason = models.TextField(blank=True)
    best_interests_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mental_health_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=DolsStatus.choices, default=DolsStatus.WAITING)
    # The relevant person's representative, appointed when a standard authorisation is given
    # (MCA 2005 Sch A1 Part 10, paras 137-139): who, and how they relate to the person (a relative
    # or friend, or a paid representative).
    rpr_name = models.CharField(max_length=200, blank=True)
    rpr_relationship = models.CharField(max_length=200, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    authorised_from = models.DateField(null=True, blank=True)
    authorised_to = models.DateField(null=True, blank=True)
    conditions = models.TextField(blank=True)
    decision_reason = models.TextField(blank=True)
    # The DoLS collection's "Date of last assessment" (blank when none was carried out).
    last_assessed_on = models.DateField(null=True, blank=True)
    # The six assessment requirements, coded as the DoLS collection codes them.
    age = models.CharField(max_length=1, choices=Requirement.choices, default=Requirement.NOT_ASSESSED)
    mental_health = models.CharField(max_length=1, choices=Requirement.choices, default=Requirement.NOT_ASSESSED)
    mental_capacity = models.CharField(max_length=1, choices=Requirement.choices, default=Requirement.NOT_ASSESSED)
    no_refusals = models.CharField(max_length=1, choices=Requirement.choices, default=Requirement.NOT_ASSESSED)
    eligibility = models.CharField(max_length=1, choices=Requirement.choices, default=Requirement.NOT_ASSESSED)
    best_interests = models.CharField(max_length=1, choices=Requirement.choices, default=Requirement.NOT_ASSESSED)
    renews = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="renewals")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["received_on", "id"]
        indexes = [models.Index(fields=["team", "status", "priority", "received_on"], name="dols_waiting_list")]
        constraints = [
            _valid("setting", DolsSetting, "dols_setting_valid"),
            _valid("priority", DolsPriority, "dols_priority_valid"),
            _valid("status", DolsStatus, "dols_status_valid"),
            *(_valid(name, Requirement, f"dols_{name}_valid") for name in REQUIREMENTS),
            models.CheckConstraint(
                condition=Q(urgent=True) | Q(urgent_extended=False), name="dols_extends_urgent_only"
            ),
            models.CheckConstraint(
                condition=Q(urgent=True) | Q(urgent_given_at__isnull=True), name="dols_urgent_given_only_if_urgent"
            ),
            models.CheckConstraint(
                condition=~Q(status=DolsStatus.GRANTED)
                | Q(
                    authorised_from__isnull=False,
                    authorised_to__isnull=False,
                    authorised_to__gte=models.F("authorised_from"),
                ),
                name="dols_granted_has_a_period",
            ),
        ]

    def __str__(self) -> str:
        return f"DoLS application {self.uuid}"
