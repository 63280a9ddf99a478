"""Staff curation of the directory: adding, changing, checking and retiring entries, and the categories."""

import uuid
from datetime import UTC, date, datetime, time

import pytest

from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted
from tandem.directory import selectors
from tandem.directory.categories import BY_CODE, CATEGORIES, TAXONOMY_ID
from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.services import (
    PlaceDetails,
    categories_ensure,
    service_create,
    service_mark_checked,
    service_status_change,
    service_update,
)
from tandem.directory.tests.curation_data import curated_service_make, details_make

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 5)


@pytest.fixture(autouse=True)
def _march_2026(set_clock):
    set_clock(datetime(2026, 3, 5, 10, 0, tzinfo=UTC))


def _counts() -> dict[str, int]:
    models = (Organization, Service, Location, ServiceAtLocation, Contact, Phone, Schedule, CostOption, Attribute)
    return {model.__name__: model.objects.count() for model in models} | {"audit": AuditEvent.objects.count()}


def _entry(service: Service) -> Service:
    found = selectors.service_for_curation(service_id=service.id)
    assert found is not None
    return found


def test_categories_ensure_makes_the_taxonomy_and_every_term_with_its_fixed_id():
    terms = categories_ensure()

    assert Taxonomy.objects.get().pk == TAXONOMY_ID
    assert sorted(terms) == sorted(category.code for category in CATEGORIES)
    assert {term.pk for term in TaxonomyTerm.objects.all()} == {category.term_id for category in CATEGORIES}
    assert TaxonomyTerm.objects.get(pk=BY_CODE["dementia"].term_id).name == "Dementia cafés and support"


def test_categories_ensure_is_idempotent_and_puts_a_changed_name_back(django_assert_num_queries):
    categories_ensure()
    TaxonomyTerm.objects.filter(pk=BY_CODE["transport"].term_id).update(name="Buses")

    categories_ensure()
    with django_assert_num_queries(2):
        categories_ensure()

    assert Taxonomy.objects.count() == 1
    assert TaxonomyTerm.objects.count() == len(CATEGORIES)
    assert TaxonomyTerm.objects.get(pk=BY_CODE["transport"].term_id).name == "Community transport"


def test_it_adds_a_service_with_everything_the_form_gives(practitioner):
    service = _entry(curated_service_make(practitioner))

    assert service.organization.name == "Hoylake Good Neighbours"
    assert service.organization.description == "Volunteers helping older neighbours in Hoylake and Meols"
    assert (service.name, service.status, service.email, service.url) == (
        "Thursday Lunch Club",
        "active",
        "lunch@hoylake-neighbours.example.org",
        "https://hoylake-neighbours.example.org/lunch",
    )
    assert service.description == (
        "A hot two-course lunch and a chat, with bingo afterwards.\n\n"
        "Who can use it: Anyone over 60 living in Hoylake or Meols"
    )
    assert selectors.description_split(service.description) == (
        "A hot two-course lunch and a chat, with bingo afterwards.",
        "Anyone over 60 living in Hoylake or Meols",
    )
    assert (service.minimum_age, service.maximum_age) == (60, None)
    assert (service.last_checked_on, service.checked_by) == (TODAY, practitioner)
    [location] = selectors.addressed_locations(service)
    assert (location.name, location.address_1, location.city, location.state_province, location.postal_code) == (
        "Hoylake Community Centre",
        "1 Market Street",
        "Hoylake",
        "Merseyside",
        "CH47 2BA",
    )
    assert (location.country, location.location_type, location.address_type) == ("GB", "physical", "physical")
    assert location.address_id is not None
    assert selectors.weekly_times(service) == [("TH", time(12), time(14))]
    assert service.schedules.get().description == "Thursdays, midday to 2pm"
    assert selectors.phone_main(service).number == "0151 496 0123"
    assert selectors.cost_of(service) == ("charge", "£4 for lunch")
    assert service.fees == "£4 for lunch"
    assert selectors.category_codes_of(service) == ["lunch-clubs", "befriending"]


def test_adding_writes_audit_events_and_indexes_the_service_for_search(practitioner):
    service = curated_service_make(practitioner)

    events = list(AuditEvent.objects.order_by("id"))
    assert [event.action for event in events] == ["directory.organization.created", "directory.service.created"]
    assert events[1].target_type == "directory.service"
    assert events[1].target_id == str(service.id)
    assert events[1].summary == "Added Thursday Lunch Club to the directory"
    assert set(ServiceTerm.objects.filter(service=service).values_list("term", flat=True)) >= {"thursday", "lunch"}


def test_a_service_may_belong_to_an_organisation_already_in_the_directory(practitioner):
    existing = Organization.objects.create(name="Wirral Carers Network", description="Support for carers")

    service = curated_service_make(
        practitioner,
        organization_id=existing.id,
        new_organization_name="",
        new_organization_description="",
        cost="free",
        cost_description="",
    )

    assert service.organization == existing
    assert Organization.objects.count() == 1
    assert selectors.cost_of(_entry(service)) == ("free", "")
    assert list(CostOption.objects.values_list("amount", "amount_description")) == [(0, "Free")]
    assert [e.action for e in AuditEvent.objects.all()] == ["directory.service.created"]


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        (
            {"new_organization_name": ""},
            "Select the organisation that runs the service, or add a new one",
            "organisation",
        ),
        (
            {"new_organization_description": " "},
            "Describe what the new organisation does",
            "new_organisation_description",
        ),
        (
            {"organization_id": uuid.uuid4()},
            "That organisation is no longer in the directory: select another",
            "organisation",
        ),
        ({"name": "  "}, "Enter the name of the service", "name"),
        ({"name": "x" * 256}, "The name must be 255 characters or fewer", "name"),
        ({"description": ""}, "Describe what the service offers", "description"),
        ({"email": "lunch at hoylake"}, "Enter an email address in the correct format, like name@example.com", "email"),
        ({"phone": "0151 496"}, "Enter a telephone number, like 0151 496 0000 or +44 151 496 0000", "phone"),
        (
            {"url": "hoylake lunch club"},
            "Enter a web address in the correct format, like https://www.example.org",
            "url",
        ),
        ({"minimum_age": 130}, "The minimum age must be between 0 and 120", "minimum_age"),
        (
            {"minimum_age": 60, "maximum_age": 18},
            "The maximum age must be the same as or more than the minimum age",
            "maximum_age",
        ),
        ({"cost": "cheap"}, "Select whether the service costs anything", "cost"),
        ({"cost_description": ""}, "Describe what it costs, like £3 for lunch", "cost_description"),
        ({"categories": ()}, "Select at least one category", "categories"),
        ({"categories": ("bingo",)}, "Select categories from the list", "categories"),
        (
            {
                "places": (
                    PlaceDetails(
                        address_1="1 Market Street", city="Hoylake", state_province="", postal_code="CH47 2BA"
                    ),
                )
            },
            "Enter the county",
            "locations-0-state_province",
        ),
        (
            {
                "places": (
                    PlaceDetails(
                        address_1="1 Market St", city="Hoylake", state_province="Merseyside", postal_code="HOYLAKE"
                    ),
                )
            },
            "Enter a real postcode, like CH41 5LH",
            "locations-0-postal_code",
        ),
        (
            {
                "places": (
                    PlaceDetails(
                        address_1="1 Market St",
                        city="Hoylake",
                        state_province="Merseyside",
                        postal_code="CH47 2BA",
                        location_id=uuid.uuid4(),
                    ),
                )
            },
            "That location is no longer one of this service's: reload the page",
            "locations-0-address_1",
        ),
        ({"opening_times": (("XX", time(9), time(10)),)}, "Select the day", "opening_times-0-day"),
        (
            {"opening_times": (("MO", time(9), time(10)), ("TU", time(14), time(14)))},
            "The closing time must be later than the opening time",
            "opening_times-1-closes_at",
        ),
    ],
)
def test_it_refuses_an_entry_that_is_wrong_and_writes_nothing(practitioner, overrides, message, field):
    Organization.objects.create(name="Hoylake Tenants", description="Tenants' association")
    before = _counts()

    with pytest.raises(DomainError) as refused:
        curated_service_make(practitioner, **overrides)

    assert (refused.value.message, refused.value.field) == (message, field)
    assert _counts() == before


def test_a_new_organisation_may_not_repeat_the_name_of_one_already_there(practitioner):
    Organization.objects.create(name="Hoylake Good Neighbours", description="Already here")

    with pytest.raises(DomainError) as refused:
        curated_service_make(practitioner, new_organization_name="hoylake good neighbours")

    assert refused.value.message == "hoylake good neighbours is already in the directory: pick it from the list"
    assert refused.value.field == "new_organisation_name"
    assert Service.objects.count() == 0


def test_the_status_of_a_new_service_must_be_one_of_ours(practitioner):
    with pytest.raises(DomainError) as refused:
        service_create(details=details_make(), status="open", actor=practitioner)

    assert (refused.value.message, refused.value.field) == ("Select the service's status", "status")
    assert Service.objects.count() == 0


def test_a_system_administrator_may_not_add_a_service(admin_user):
    with pytest.raises(NotPermitted) as refused:
        curated_service_make(admin_user)

    assert refused.value.message == "You do not have permission to change the directory"
    assert _counts() == dict.fromkeys(_counts(), 0)


def test_it_changes_an_entry_and_records_what_changed(practitioner, manager):
    service = curated_service_make(practitioner)
    [place] = selectors.addressed_locations(_entry(service))
    AuditEvent.objects.all().delete()

    changed = service_update(
        service=_entry(service),
        details=details_make(
            organization_id=service.organization_id,
            name="Thursday and Friday Lunch Club",
            phone="",
            places=(
                PlaceDetails(
                    location_id=place.id,
                    name="Hoylake Community Centre",
                    address_1="1 Market Street",
                    city="Hoylake",
                    state_province="Merseyside",
                    postal_code="ch47 2ba",
                ),
                PlaceDetails(
                    address_1="2 Grange Road", city="West Kirby", state_province="Merseyside", postal_code="CH48 4HW"
                ),
            ),
            opening_times=(("FR", time(12), time(14)), ("TH", time(12), time(14))),
            cost="free",
            cost_description="",
            categories=("lunch-clubs",),
        ),
        actor=manager,
    )

    entry = _entry(changed)
    assert entry.name == "Thursday and Friday Lunch Club"
    assert selectors.phone_main(entry) is None
    assert Contact.objects.count() == 0
    # Places are listed by their names, then addresses: the unnamed one first.
    assert [p.postal_code for p in selectors.addressed_locations(entry)] == ["CH48 4HW", "CH47 2BA"]
    assert selectors.weekly_times(entry) == [("TH", time(12), time(14)), ("FR", time(12), time(14))]
    assert selectors.cost_of(entry) == ("free", "")
    assert selectors.category_codes_of(entry) == ["lunch-clubs"]
    # Changing is not checking: the date stays the day it was added.
    assert (entry.last_checked_on, entry.checked_by) == (TODAY, practitioner)
    event = AuditEvent.objects.get()
    assert event.action == "directory.service.updated"
    assert event.actor_id == manager.pk
    assert (
        event.summary == "Changed Thursday and Friday Lunch Club: name, phone, cost, places, opening times, categories"
    )
    assert event.changes["name"] == ["Thursday Lunch Club", "Thursday and Friday Lunch Club"]
    assert "thursday" in set(ServiceTerm.objects.filter(service=service).values_list("term", flat=True))


def test_saving_an_entry_unchanged_writes_nothing(practitioner):
    service = curated_service_make(practitioner)
    [place] = selectors.addressed_locations(_entry(service))
    same_place = PlaceDetails(
        location_id=place.id,
        name=place.name,
        address_1=place.address_1,
        city=place.city,
        state_province=place.state_province,
        postal_code=place.postal_code,
    )
    before = _counts()

    service_update(
        service=_entry(service),
        details=details_make(organization_id=service.organization_id, places=(same_place,)),
        actor=practitioner,
    )

    assert _counts() == before


def test_what_the_form_does_not_show_is_kept(practitioner):
    service = curated_service_make(practitioner)
    monthly = Schedule.objects.create(service=service, freq="MONTHLY", byday="1MO", description="First Monday")
    online = Location.objects.create(location_type="virtual", name="Online")
    ServiceAtLocation.objects.create(service=service, location=online)
    other_term = TaxonomyTerm.objects.create(name="Older people", description="From the council's taxonomy")
    Attribute.objects.create(service=service, taxonomy_term=other_term)
    office = Contact.objects.create(service=service, name="Office")
    Phone.objects.create(contact=office, number="0151 496 0999")

    service_update(
        service=_entry(service),
        details=details_make(
            organization_id=service.organization_id, places=(), opening_times=(), categories=("dementia",)
        ),
        actor=practitioner,
    )

    entry = _entry(service)
    assert selectors.other_schedules(entry) == [monthly]
    assert selectors.unaddressed_locations(entry) == [online]
    assert selectors.other_terms_of(entry) == [other_term]
    assert selectors.category_codes_of(entry) == ["dementia"]
    assert selectors.addressed_locations(entry) == []
    # The place nobody else used is gone; the office number is still there.
    assert Location.objects.count() == 1
    assert set(Phone.objects.values_list("number", flat=True)) == {"0151 496 0123", "0151 496 0999"}


def test_a_place_two_services_share_changes_for_both_and_stays_when_one_leaves(practitioner):
    first = curated_service_make(practitioner)
    [place] = selectors.addressed_locations(_entry(first))
    second = curated_service_make(practitioner, name="Friday Lunch Club", organization_id=first.organization_id)
    ServiceAtLocation.objects.filter(service=second).delete()
    ServiceAtLocation.objects.create(service=second, location=place)
    Location.objects.exclude(pk=place.pk).delete()
    Location.objects.filter(pk=place.pk).update(latitude=53.39, longitude=-3.18)

    service_update(
        service=_entry(first),
        details=details_make(
            organization_id=first.organization_id,
            places=(
                PlaceDetails(
                    location_id=place.id,
                    name="Hoylake Community Centre",
                    address_1="3 Market Street",
                    city="Hoylake",
                    state_province="Merseyside",
                    postal_code="CH47 3BB",
                ),
            ),
        ),
        actor=practitioner,
    )
    service_update(
        service=_entry(first),
        details=details_make(organization_id=first.organization_id, places=()),
        actor=practitioner,
    )

    place.refresh_from_db()
    assert (place.address_1, place.postal_code) == ("3 Market Street", "CH47 3BB")
    # A new postcode means the old coordinates were for somewhere else.
    assert (place.latitude, place.longitude) == (None, None)
    assert selectors.addressed_locations(_entry(second)) == [place]


def test_a_system_administrator_may_not_change_an_entry(practitioner, admin_user):
    service = curated_service_make(practitioner)
    before = _counts()

    with pytest.raises(NotPermitted):
        service_update(service=_entry(service), details=details_make(name="Renamed"), actor=admin_user)

    assert _counts() == before
    assert Service.objects.get().name == "Thursday Lunch Club"


def test_marking_as_checked_records_the_day_and_who(practitioner, business_support, set_clock):
    service = curated_service_make(practitioner)
    set_clock(datetime(2026, 9, 1, 9, 0, tzinfo=UTC))

    service_mark_checked(service=service, actor=business_support)

    service.refresh_from_db()
    assert (service.last_checked_on, service.checked_by) == (date(2026, 9, 1), business_support)
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.summary) == (
        "directory.service.checked",
        "Checked Thursday Lunch Club: still right on 2026-09-01",
    )


def test_a_system_administrator_may_not_mark_an_entry_as_checked(practitioner, admin_user):
    service = curated_service_make(practitioner)
    before = _counts()

    with pytest.raises(NotPermitted):
        service_mark_checked(service=service, actor=admin_user)

    service.refresh_from_db()
    assert (service.last_checked_on, service.checked_by) == (TODAY, practitioner)
    assert _counts() == before


def test_a_service_can_be_marked_defunct(practitioner):
    service = curated_service_make(practitioner)

    service_status_change(service=service, status="defunct", actor=practitioner)

    service.refresh_from_db()
    assert service.status == "defunct"
    event = AuditEvent.objects.latest("id")
    assert event.action == "directory.service.status_changed"
    assert event.summary == "Thursday Lunch Club is now defunct (was active)"
    assert event.changes == {"status": ["active", "defunct"]}


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("active", "The service is already active: select a different status"),
        ("closed", "Select the service's new status"),
    ],
)
def test_a_status_change_must_change_to_one_of_ours(practitioner, status, message):
    service = curated_service_make(practitioner)
    before = _counts()

    with pytest.raises(DomainError) as refused:
        service_status_change(service=service, status=status, actor=practitioner)

    assert (refused.value.message, refused.value.field) == (message, "status")
    assert _counts() == before


def test_a_system_administrator_may_not_change_a_status(practitioner, admin_user):
    service = curated_service_make(practitioner)
    before = _counts()

    with pytest.raises(NotPermitted):
        service_status_change(service=service, status="defunct", actor=admin_user)

    service.refresh_from_db()
    assert service.status == "active"
    assert _counts() == before
