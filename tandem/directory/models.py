"""The community services directory, stored as Open Referral UK (HSDS-UK 3.0) tables.

Field names follow the ORUK schemas so import and export are a direct mapping; ids are the
publishers' UUIDs, kept as primary keys because they appear in the ORUK API.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    POSTAL = "postal", "Postal"
    VIRTUAL = "virtual", "Virtual"


class ScheduleFrequency(models.TextChoices):
    WEEKLY = "WEEKLY", "Weekly"
    MONTHLY = "MONTHLY", "Monthly"


class Organization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    logo = models.TextField(blank=True)
    uri = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=ServiceStatus.choices)
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    # Ours, not ORUK: when a Tandem worker last confirmed the entry is still right.
    last_checked_on = models.DateField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ServiceStatus.values), name="directory_service_status_valid"),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="directory_service_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A place a service is offered; holds its one address (ORUK allows several, we keep one)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=255, blank=True)
    external_identifier_type = models.CharField(max_length=255, blank=True)
    # The ORUK address row, flattened: address_id is null when the location has no address.
    address_id = models.UUIDField(null=True, blank=True, unique=True)
    address_type = models.CharField(max_length=10, choices=LocationType.choices, blank=True)
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=255, blank=True)
    region = models.CharField(max_length=255, blank=True)
    state_province = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True)
    # Ours, not ORUK: the place on the British National Grid (metres), from the coordinates or else
    # the postcode's centroid, so distance is plain arithmetic on both databases. Set by
    # `postcodes.locations_place`, which the search index refresh calls.
    easting = models.IntegerField(null=True, blank=True)
    northing = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["easting", "northing"], name="directory_location_grid")]
        constraints = [
            models.CheckConstraint(
                condition=Q(location_type__in=LocationType.values), name="directory_location_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="directory_location_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="directory_location_longitude_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.id)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="service_at_locations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_service_at_location_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=50)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class Schedule(models.Model):
    """When a service runs, in iCalendar terms (freq, interval, byday) as ORUK defines them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=7, choices=ScheduleFrequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=50, blank=True)
    bymonthday = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=255, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(freq="") | Q(freq__in=ScheduleFrequency.values), name="directory_schedule_freq_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="directory_schedule_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.description or str(self.id)


class ServiceArea(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=255, blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=255, blank=True)
    uri = models.TextField(blank=True)
    service_area = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or str(self.id)


class CostOption(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.option or str(self.id)


class Taxonomy(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255)
    description = models.TextField()
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255)
    description = models.TextField()
    # ORUK taxonomy_term.parent_id: "give the identifier of the parent category". It refers to the
    # parent and does not require it: an imported term may name a parent the directory does not
    # hold (yet), so the database does not enforce the reference (issue 13).
    parent = models.ForeignKey(
        "self", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="children"
    )
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, null=True, blank=True, related_name="terms")
    # ORUK's free-text `taxonomy` property; the column name `taxonomy` is taken by the foreign key.
    taxonomy_name = models.CharField(max_length=255, blank=True)
    term_uri = models.URLField(max_length=500, blank=True)
    term = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    """Tags a service with a taxonomy term (ORUK links attributes to other tables too; not yet here)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes")
    link_type = models.CharField(max_length=50, blank=True, default="service")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "taxonomy_term"], name="directory_attribute_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.taxonomy_term}"


class PostcodeCentroid(models.Model):
    """Where a postcode is: its centroid on the British National Grid and in WGS84 (ours, not ORUK)."""

    postcode = models.CharField(max_length=8, primary_key=True)  # normalised: "CH41 5LH"
    easting = models.IntegerField()
    northing = models.IntegerField()
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.postcode


class ServiceTerm(models.Model):
    """One stemmed word of a service's searchable text, at one of its places.

    Maintained by `search_index.service_terms_refresh`. A row carries what ranking needs (the
    weight of the best field the word is in, the service's name, and the place's grid reference),
    so a keyword search reads one index and joins nothing. A service at several places has a set
    of rows for each (`place` numbers them); one with none has a set without a grid reference.
    `active` copies the service's status, so public search skips the rest without a join.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=40)
    weight = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    place = models.PositiveSmallIntegerField(default=0)
    easting = models.IntegerField(null=True, blank=True)
    northing = models.IntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "service", "place"], name="directory_service_term_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.weight})"


class SearchWord(models.Model):
    """The search vocabulary: every stem the directory holds and how many services use it.

    Misspelt keywords are corrected against it; `initial` and `length` narrow the candidates to a
    few hundred before edit distances are computed.
    """

    term = models.CharField(max_length=40, unique=True)
    word = models.CharField(max_length=60)  # as people write it, for "Showing results for …"
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    services = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["initial", "length"], name="directory_search_word_shape")]

    def __str__(self) -> str:
        return self.term
