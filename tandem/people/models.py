"""The person record: identity, the person's own voice, network, consent and hazard warnings."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from tandem.core.models import PublicIdModel, TimestampedModel
from tandem.people.codes import ConsentDecision, Ethnicity, Gender, Relationship, WarningCategory


class Neighbourhood(models.Model):
    name = models.CharField(max_length=100, unique=True)
    # Postcode districts (e.g. "CH41") that make up the neighbourhood, space-separated.
    postcode_districts = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GPPractice(models.Model):
    ods_code = models.CharField("ODS code", max_length=10, unique=True)
    name = models.CharField(max_length=200)
    postcode = models.CharField(max_length=8, blank=True)
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "GP practice"

    def __str__(self) -> str:
        return self.name


class Person(PublicIdModel):
    """Anyone the service knows. The integer id is the local person id (CLD LA_Person_Unique_Identifier)."""

    nhs_number = models.CharField("NHS number", max_length=10, null=True, blank=True, unique=True)
    title = models.CharField(max_length=20, blank=True)
    given_name = models.CharField(max_length=100)
    other_given_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    date_of_death = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.UNKNOWN)
    ethnicity = models.CharField(max_length=120, choices=Ethnicity.choices, default=Ethnicity.NOT_KNOWN)

    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, null=True, blank=True)
    gp_practice = models.ForeignKey(GPPractice, on_delete=models.PROTECT, null=True, blank=True)

    preferred_language = models.CharField(max_length=100, blank=True, default="English")
    interpreter_needed = models.BooleanField(default=False)
    communication_needs = models.TextField(blank=True)

    what_matters_to_me = models.TextField(blank=True)
    strengths = models.TextField(blank=True)

    # Compare-and-swap: an edit names the version it started from and fails if it moved on.
    version = models.PositiveIntegerField(default=1)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    merged_at = models.DateTimeField(null=True, blank=True)
    # The public ids of the records merged into this one (space-separated), so its access log
    # and history include theirs without a query: the audit log itself is never rewritten.
    merged_record_uuids = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"], name="person_name")]
        constraints = [
            models.CheckConstraint(
                name="person_nhs_number_is_ten_digits",
                condition=Q(nhs_number__isnull=True) | Q(nhs_number__regex=r"^[0-9]{10}$"),
            ),
            models.CheckConstraint(
                name="person_died_after_birth",
                condition=Q(date_of_death__isnull=True)
                | Q(date_of_birth__isnull=True)
                | Q(date_of_death__gte=models.F("date_of_birth")),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def local_id(self) -> str:
        return f"{self.pk:08d}" if self.pk else ""

    @property
    def record_uuids(self) -> list[str]:
        """This record's public id and those of every record merged into it: whose audit events are its own."""
        return [str(self.uuid), *self.merged_record_uuids.split()]

    def age(self, on: date) -> int | None:
        if self.date_of_birth is None:
            return None
        end = min(on, self.date_of_death) if self.date_of_death else on
        born = self.date_of_birth
        return end.year - born.year - ((end.month, end.day) < (born.month, born.day))


class PreviousName(TimestampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="previous_names")
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    used_until = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class NetworkMember(PublicIdModel):
    """Someone in the person's informal network: family, friends, neighbours, groups."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=30, choices=Relationship.choices)
    what_they_do = models.TextField(blank=True)
    contact = models.CharField(max_length=200, blank=True)
    is_unpaid_carer = models.BooleanField(default=False)
    linked_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="appears_in_networks"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-is_unpaid_carer", "name"]

    def __str__(self) -> str:
        return self.name


class ConsentToShare(PublicIdModel):
    """A person's decision about sharing their record with a partner organisation (its public id is
    the FHIR Consent's)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey("identity.Organisation", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=ConsentDecision.choices)
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} for {self.organisation_id}"


class WarningQuerySet(models.QuerySet["HazardWarning"]):
    def active_on(self, day: date) -> "WarningQuerySet":
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gt=day))


class HazardWarning(PublicIdModel):
    """A risk to staff or others; while active it shows on every page of the person's record."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    category = models.CharField(max_length=20, choices=WarningCategory.choices)
    description = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    review_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(blank=True)

    objects = WarningQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["review_on"], name="warning_review", condition=Q(ends_on__isnull=True))]
        constraints = [
            models.CheckConstraint(
                name="warning_review_after_start", condition=Q(review_on__gte=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="warning_ends_after_start",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class SearchTerm(models.Model):
    """A distinct normalised name in the borough; typo-tolerant search expands a query word to these."""

    term = models.CharField(max_length=100, unique=True)
    # Soundex-like phonetic key, so "Smyth" finds "Smith" when spelling alone would not.
    phonetic = models.CharField(max_length=20, db_index=True)

    def __str__(self) -> str:
        return self.term


class SearchTermVariant(models.Model):
    """One single-letter deletion of a term: two words within one edit share a variant."""

    variant = models.CharField(max_length=100, db_index=True)
    term = models.ForeignKey(SearchTerm, on_delete=models.CASCADE, related_name="variants")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["variant", "term"], name="one_variant_per_term")]

    def __str__(self) -> str:
        return self.variant


class PersonNameToken(models.Model):
    """A person has each word of their current, preferred and previous names as a token."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(SearchTerm, on_delete=models.PROTECT, related_name="+")
    # Only in a previous name: such matches rank after people who have the name now.
    is_previous = models.BooleanField(default=False)
    # "family given", normalised: search reads a term's people already in name order (ADR 0006).
    sort_key = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "person"], name="one_token_per_term")]
        indexes = [models.Index(fields=["term", "is_previous", "sort_key", "person"], name="token_term_in_name_order")]

    def __str__(self) -> str:
        return f"{self.term_id} of {self.person_id}"


class SearchListing(models.Model):
    """A record a search listed: an index over the `people.search.listed` audit events, so a
    record's access log finds the searches that showed it with one indexed read.

    The event itself (hashed into the audit chain) names every record listed; these rows only
    make it findable by record, and are written in the same transaction as the event.
    """

    event = models.ForeignKey("audit.AuditEvent", on_delete=models.PROTECT, related_name="+")
    # By public id, as the audit log keeps it: a merge never rewrites it.
    person_uuid = models.UUIDField()

    class Meta:
        indexes = [models.Index(fields=["person_uuid", "event"], name="search_listing_person")]

    def __str__(self) -> str:
        return f"{self.person_uuid} listed by search event {self.event_id}"
