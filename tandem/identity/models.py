"""Staff, organisations, teams and memberships."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models

from tandem.core.models import PublicIdModel
from tandem.identity.permissions import Permission, Role, role_has


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    NHS_TRUST = "nhs_trust", "NHS trust"
    VOLUNTARY = "voluntary", "Voluntary sector partner"
    GP_PRACTICE = "gp_practice", "GP practice"
    CARE_PROVIDER = "care_provider", "Care provider"


class Organisation(PublicIdModel):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door"
    LOCALITY = "locality", "Locality team"
    MENTAL_HEALTH = "mental_health", "Mental health"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    SAFEGUARDING = "safeguarding", "Safeguarding unit"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge"
    OTHER = "other", "Other"


class Team(PublicIdModel):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=TeamKind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    # Locality teams are aligned to a neighbourhood; the name is kept here as text because
    # neighbourhoods belong to the people app, which platform apps never import.
    neighbourhood = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profession(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    OCCUPATIONAL_THERAPIST = "occupational_therapist", "Occupational therapist"
    NURSE = "nurse", "Nurse"
    CARE_NAVIGATOR = "care_navigator", "Care navigator"
    COMMUNITY_CARE_WORKER = "community_care_worker", "Community care worker"
    MANAGER = "manager", "Manager"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker", "Principal social worker"
    ADMINISTRATOR = "administrator", "Administrator"
    HEALTH_PRACTITIONER = "health_practitioner", "Health practitioner"


class RegistrationBody(models.TextChoices):
    NONE = "", "Not registered"
    SOCIAL_WORK_ENGLAND = "swe", "Social Work England"
    HCPC = "hcpc", "Health and Care Professions Council"
    NMC = "nmc", "Nursing and Midwifery Council"
    GMC = "gmc", "General Medical Council"


class User(AbstractUser):
    """A member of staff. Their role sets what they may do; their teams set whom to."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", null=True, blank=True
    )
    profession = models.CharField(max_length=40, choices=Profession.choices, default=Profession.SOCIAL_WORKER)
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PRACTITIONER)
    registration_body = models.CharField(max_length=10, choices=RegistrationBody.choices, blank=True, default="")
    registration_number = models.CharField(max_length=30, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    # Set by an administrator (a new account's first password, or after a suspected disclosure):
    # the next sign-in must choose a new password before anything else.
    must_change_password = models.BooleanField(default=False)
    # The organisation account this member of staff signs in with (OpenID Connect, ADR 0010): the
    # provider's issuer and the subject (`sub`) it gives them, which OpenID Connect Core 1.0
    # section 2 makes stable and unique within the issuer. Blank when they sign in with a password only.
    oidc_issuer = models.CharField("organisation account issuer", max_length=255, blank=True, default="")
    oidc_subject = models.CharField("organisation account subject", max_length=255, blank=True, default="")

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=~models.Q(oidc_subject=""),
                name="one_account_per_organisation_subject",
            ),
            models.CheckConstraint(
                name="registration_number_needs_body",
                condition=models.Q(registration_number="") | ~models.Q(registration_body=""),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def can(self, permission: Permission) -> bool:
        return bool(self.is_active and role_has(self.role, permission))


class Membership(PublicIdModel):
    """A member of staff in a team (its public id is the FHIR PractitionerRole's)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="one_membership_per_team")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}"
