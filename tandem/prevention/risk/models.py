"""The risk score's tables: the versions of its rules, each adult's current score with the facts
it came from, the conditions partners have sent, and what was done about someone on the worklist.

Imported by `tandem/prevention/models.py`, so the tables belong to the prevention app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.prevention.risk.codes import Band, NextStep, OutreachAction


class RiskRuleSet(models.Model):
    """One version of the risk rules; the newest is in force. Saved by the principal social worker
    or a clinical lead with a reason; never edited afterwards."""

    number = models.PositiveIntegerField(unique=True)
    mild_from = models.PositiveIntegerField()
    moderate_from = models.PositiveIntegerField()
    severe_from = models.PositiveIntegerField()
    # Each kind of event: its points in 30, 90 and 365 days, the most events counted, the fewest that score.
    events = models.JSONField(default=list)
    # Each deficit: its points and how many of it count.
    deficits = models.JSONField(default=list)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_as = models.CharField(max_length=100)  # "Principal social worker", "Clinical lead (nurse)"
    reason = models.TextField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severe_from__gt=models.F("moderate_from")) & Q(moderate_from__gt=models.F("mild_from")),
                name="risk_band_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Risk rules version {self.number}"


class RiskScore(models.Model):
    """An adult's score now, with every fact it was computed from (the explanation is made from
    these, so it always says why this score and no other). One row a person, rewritten in place."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="+")
    # The person's neighbourhood and GP practice as scored, so a worklist is one index range.
    neighbourhood_id = models.IntegerField(null=True, blank=True)
    gp_practice_id = models.IntegerField(null=True, blank=True)
    computed_at = models.DateTimeField()
    rules_number = models.PositiveIntegerField(default=0)
    falls_30 = models.PositiveIntegerField(default=0)
    falls_90 = models.PositiveIntegerField(default=0)
    falls_365 = models.PositiveIntegerField(default=0)
    emergency_30 = models.PositiveIntegerField(default=0)
    emergency_90 = models.PositiveIntegerField(default=0)
    emergency_365 = models.PositiveIntegerField(default=0)
    last_emergency_at = models.DateTimeField(null=True, blank=True)
    ae_30 = models.PositiveIntegerField(default=0)
    ae_90 = models.PositiveIntegerField(default=0)
    ae_365 = models.PositiveIntegerField(default=0)
    gp_30 = models.PositiveIntegerField(default=0)
    gp_90 = models.PositiveIntegerField(default=0)
    gp_365 = models.PositiveIntegerField(default=0)
    telecare_30 = models.PositiveIntegerField(default=0)
    telecare_90 = models.PositiveIntegerField(default=0)
    telecare_365 = models.PositiveIntegerField(default=0)
    conditions = models.PositiveIntegerField(default=0)
    sensory = models.PositiveIntegerField(default=0)
    mobility = models.BooleanField(default=False)
    daily_living = models.PositiveIntegerField(default=0)
    lives_alone = models.BooleanField(default=False)
    carer_breakdown = models.BooleanField(default=False)
    points = models.PositiveIntegerField(default=0)
    band = models.CharField(max_length=10, choices=Band.choices, default=Band.FIT)
    band_rank = models.PositiveSmallIntegerField(default=0)  # 0 fit … 3 severe, for sorting and comparing
    previous_band = models.CharField(max_length=10, choices=Band.choices, blank=True, default="")
    band_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["neighbourhood_id", "-points"], name="risk_score_neighbourhood"),
            models.Index(fields=["gp_practice_id", "-points"], name="risk_score_gp_practice"),
        ]
        constraints = [models.CheckConstraint(condition=Q(band__in=Band.values), name="risk_score_band_valid")]

    def __str__(self) -> str:
        return f"Risk {self.points} ({self.get_band_display()})"


class RiskCondition(models.Model):
    """A long-term condition or sensory loss a partner's codes named for a person (conditions.py):
    counted once, from the first event that named it."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    condition = models.CharField(max_length=30)
    event = models.ForeignKey("prevention.HealthEvent", on_delete=models.CASCADE, related_name="+")
    first_sent_at = models.DateTimeField()

    class Meta:
        ordering = ["first_sent_at", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "condition"], name="risk_condition_once")]

    def __str__(self) -> str:
        return self.condition


class Outreach(models.Model):
    """What a worker did about someone on the proactive worklist and what came of it, with the
    score and reasons as they stood: prevention evidenced."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("identity.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    step = models.CharField(max_length=20, choices=NextStep.choices)
    result = models.CharField(max_length=12, choices=OutreachAction.choices)
    referred_to = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    points = models.PositiveIntegerField()
    band = models.CharField(max_length=10, choices=Band.choices)
    band_rank = models.PositiveSmallIntegerField()
    reasons = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="outreach_person_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(result__in=OutreachAction.values), name="outreach_result_valid"),
            models.CheckConstraint(condition=Q(step__in=NextStep.values), name="outreach_step_valid"),
            models.CheckConstraint(
                condition=~Q(result=OutreachAction.REFERRED) | ~Q(referred_to=""), name="outreach_referral_names_where"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.get_result_display()}"
