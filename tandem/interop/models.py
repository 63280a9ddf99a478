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
