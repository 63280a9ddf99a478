"""The discharge hub's records: a referral from a ward (one stay in hospital of one person), its
history, the packages and beds sought for it from care providers, and their offers.

A referral stays on the hub's board from the day the ward refers until the person is discharged
(or the referral is withdrawn). The days someone waits after they no longer meet the criteria to
reside are counted from `nctr_on`, never typed.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from tandem.core.models import DocumentEvent, PublicIdModel
from tandem.prevention.discharge.codes import (
    DelayReason,
    Destination,
    OfferStatus,
    PackageStatus,
    Pathway,
    ReferralEventKind,
    ReferralSource,
    ReferralStatus,
)
from tandem.support_plans.codes import CommissionedKind, Unit


class DischargeReferral(PublicIdModel):
    """One person's stay in hospital, referred to the hub by the ward."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.WAITING)
    source = models.CharField(max_length=8, choices=ReferralSource.choices, default=ReferralSource.FORM)
    # The hospital's own key for a referral sent from its system (idempotency), blank for a form.
    source_key = models.CharField(max_length=500, blank=True)
    hospital = models.CharField(max_length=200)
    ward = models.CharField(max_length=100)
    admitted_on = models.DateField()
    # The day the person no longer met the criteria to reside (NHS England, "Criteria to reside",
    # in the Hospital Discharge and Community Support Guidance); None while they still meet them.
    nctr_on = models.DateField("no longer meets the criteria to reside on", null=True, blank=True)
    expected_ready_on = models.DateField(null=True, blank=True)
    ready_on = models.DateField("discharge-ready on", null=True, blank=True)
    pathway = models.CharField(max_length=1, choices=Pathway.choices)
    what_matters = models.TextField(blank=True)
    carer_view = models.TextField(blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField()
    # The board: why they are still here, what happens next and whose it is.
    delay_reason = models.CharField(max_length=16, choices=DelayReason.choices, blank=True)
    next_action = models.CharField(max_length=300, blank=True)
    action_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action_due_on = models.DateField(null=True, blank=True)
    # On discharge.
    discharged_on = models.DateField(null=True, blank=True)
    destination = models.CharField(max_length=16, choices=Destination.choices, blank=True)
    reablement_started_on = models.DateField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    # The day it left the board (discharge or withdrawal), for the figures over time.
    closed_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["nctr_on", "admitted_on", "id"]
        indexes = [
            models.Index(fields=["status", "nctr_on"], name="discharge_referral_board"),
            models.Index(fields=["discharged_on"], name="discharge_referral_discharged"),
            models.Index(fields=["person", "admitted_on"], name="discharge_referral_person"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReferralStatus.values), name="referral_status_valid"),
            models.CheckConstraint(condition=Q(pathway__in=Pathway.values), name="referral_pathway_valid"),
            models.CheckConstraint(
                condition=Q(delay_reason="") | Q(delay_reason__in=DelayReason.values),
                name="referral_delay_reason_valid",
            ),
            models.CheckConstraint(
                condition=Q(nctr_on__isnull=True) | Q(nctr_on__gte=F("admitted_on")),
                name="referral_nctr_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(ready_on__isnull=True) | Q(ready_on__gte=F("admitted_on")),
                name="referral_ready_after_admission",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DISCHARGED)
                | Q(discharged_on__gte=F("admitted_on"), closed_on__isnull=False) & ~Q(destination=""),
                name="referral_discharge_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.WAITING) | Q(closed_on__isnull=True), name="referral_open_not_closed"
            ),
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="referral_source_key_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Referral from {self.ward}, admitted {self.admitted_on:%Y-%m-%d}"


class ReferralEvent(DocumentEvent):
    """One change to a referral: who, when and what (immutable)."""

    referral = models.ForeignKey(DischargeReferral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ReferralEventKind.choices)

    class Meta(DocumentEvent.Meta):
        indexes = [models.Index(fields=["referral", "version"], name="referral_event_version")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (version {self.version})"


class PackageSought(PublicIdModel):
    """A package of care or a bed the hub seeks from care providers for a referral."""

    referral = models.ForeignKey(DischargeReferral, on_delete=models.CASCADE, related_name="packages")
    kind = models.CharField(max_length=20, choices=CommissionedKind.choices)
    units_per_week = models.DecimalField(max_digits=5, decimal_places=2)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    needed_from = models.DateField()
    details = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PackageStatus.choices, default=PackageStatus.SOUGHT)
    sought_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sought_at = models.DateTimeField()

    class Meta:
        ordering = ["sought_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PackageStatus.values), name="package_sought_status_valid"),
            models.CheckConstraint(condition=Q(units_per_week__gt=0), name="package_sought_units_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} sought"


class ProviderOffer(PublicIdModel):
    """A care provider's offer of the package or bed sought; one offer of a package is accepted."""

    package = models.ForeignKey(PackageSought, on_delete=models.CASCADE, related_name="offers")
    provider = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    unit_cost_pence = models.PositiveIntegerField()
    notes = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OFFERED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Where the accepted package went in the person's care and support plan (support_plans).
    plan = models.ForeignKey(
        "support_plans.SupportPlan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    commissioned = models.ForeignKey(
        "support_plans.CommissionedService", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=OfferStatus.values), name="provider_offer_status_valid"),
            models.UniqueConstraint(
                fields=["package"], condition=Q(status=OfferStatus.ACCEPTED), name="provider_offer_one_accepted"
            ),
        ]

    def __str__(self) -> str:
        return f"Offer from {self.provider}"
