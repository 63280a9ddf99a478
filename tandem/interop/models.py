"""Partner systems: a health partner organisation's system that reads the record through the FHIR API."""

from django.conf import settings
from django.db import models

from tandem.core.models import PublicIdModel


class Partner(PublicIdModel):
    """One partner system, its OAuth 2.0 client and the scopes an administrator granted it.

    A partner sees a person only when that person's consent to share with `organisation` is
    recorded (docs/fhir.md); every read is in the audit log under the partner's name.
    """

    name = models.CharField(max_length=200, help_text="The system, as staff would know it")
    organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    # Gone once revoked (its tokens with it); the partner stays, so the audit log still names it.
    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="partner"
    )
    # Space-separated SMART scopes ("system/Patient.read system/Flag.read"): the most a token may carry.
    scopes = models.CharField(max_length=500)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    @property
    def audit_name(self) -> str:
        """Who the audit log says read a record: the system and its organisation."""
        return f"FHIR partner {self.name} ({self.organisation})"


class ExportStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class ExportJob(PublicIdModel):
    """One FHIR Bulk Data export a partner asked for (`$export`), run in the background; its NDJSON
    files are kept under `TANDEM_FHIR_EXPORT_DIR` until `expires_at` (docs/fhir.md, "Bulk export")."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="export_jobs")
    level = models.CharField(max_length=10)  # system, group or patient
    group = models.ForeignKey("identity.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Comma-separated resource types, in the order they are written.
    resource_types = models.CharField(max_length=500)
    since = models.DateTimeField(null=True, blank=True)
    # The request as the partner sent it, repeated in the manifest.
    request_url = models.TextField()
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.ACCEPTED)
    transaction_time = models.DateTimeField()
    progress = models.CharField(max_length=200, blank=True)
    # [{"type": "Patient", "count": 12}], one a resource type written (a file each).
    output = models.JSONField(default=list)
    error = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["partner", "status"], name="interop_export_partner_status")]

    def __str__(self) -> str:
        return f"{self.level} export for {self.partner}"

    @property
    def is_running(self) -> bool:
        """Waiting to start or running: its status URL answers 202."""
        return self.status in (ExportStatus.ACCEPTED, ExportStatus.RUNNING)

    @property
    def is_completed(self) -> bool:
        return self.status == ExportStatus.COMPLETED

    @property
    def is_failed(self) -> bool:
        return self.status == ExportStatus.FAILED

    @property
    def is_cancelled(self) -> bool:
        return self.status == ExportStatus.CANCELLED

    @property
    def types(self) -> list[str]:
        return self.resource_types.split(",") if self.resource_types else []
