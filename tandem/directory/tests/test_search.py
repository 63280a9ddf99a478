"""Directory search: keywords (stems, misspellings, ranking), category, distance, opening times."""

import math
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.errors import DomainError
from tandem.directory.categories import BY_CODE
from tandem.directory.models import (
    Attribute,
    Contact,
    Phone,
    PostcodeCentroid,
    SearchWord,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
)
from tandem.directory.search import ServiceQuery, keywords_understand, service_search, services_suggest
from tandem.directory.search_index import service_terms_refresh, stem
from tandem.directory.services import dataset_import
from tandem.directory.tests.caches import caches_clear
from tandem.directory.tests.datasets import lunch_club
from tandem.directory.tests.search_world import (
    BIRKENHEAD,
    CENTROIDS,
    WALLASEY,
    WEST_KIRBY,
    centroids_make,
    service_make,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# 2026-11-26 is a Thursday.
THURSDAY_1PM = datetime(2026, 11, 26, 13, 0, tzinfo=LONDON)


def _names(results) -> list[str]:
    return [hit.service.name for hit in results.hits]


def _search(**fields) -> list[str]:
    return _names(service_search(ServiceQuery(**fields)))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("clubs", "club"),
        ("lunches", "lunch"),
        ("activities", "activity"),
        ("befriending", "befriend"),
        ("shopping", "shop"),
        ("falls", "fall"),
        ("classes", "class"),
        ("bus", "bus"),
        ("dementia", "dementia"),
    ],
)
def test_the_stemmer_makes_plurals_and_endings_meet(word, expected):
    assert stem(word) == expected


def test_plural_and_singular_find_the_same_service():
    service_make("Hoylake Lunch Club")

    assert _search(keywords="lunch clubs") == ["Hoylake Lunch Club"]
    assert _search(keywords="Lunch club") == ["Hoylake Lunch Club"]


def test_a_misspelt_word_is_corrected_and_the_correction_shown():
    service_make("Dementia Café", description="A friendly café for people living with dementia and their carers.")
    service_make("Carers' Café", description="Coffee and a chat for unpaid carers.")

    results = service_search(ServiceQuery(keywords="dementa cafe"))

    assert _names(results) == ["Dementia Café"]
    assert results.corrected_keywords == "dementia cafe"


def test_a_swapped_pair_of_letters_is_corrected():
    service_make("Befriending Service", description="Weekly visits from a volunteer.")

    results = service_search(ServiceQuery(keywords="befreinding"))

    assert _names(results) == ["Befriending Service"]
    assert results.corrected_keywords == "befriending"


def test_words_the_directory_holds_are_not_corrected():
    service_make("Lunch Club")

    assert service_search(ServiceQuery(keywords="lunch")).corrected_keywords is None


def test_a_word_nothing_is_near_finds_nothing_rather_than_guessing():
    service_make("Lunch Club")

    results = service_search(ServiceQuery(keywords="xylophone"))

    assert results.hits == []
    assert results.total == 0


def test_words_with_digits_are_never_corrected():
    service_make("Chat Club")

    assert keywords_understand("ch41 chats").terms == ("ch41", "chat")
    assert keywords_understand("ch41 chats").corrected is None


def test_the_start_of_a_word_is_completed():
    service_make("Dementia Café")

    assert keywords_understand("demen").terms == ("dementia",)


def test_every_word_must_match_including_the_place():
    service_make("Lunch Club", city="Wallasey", postcode=WALLASEY)
    service_make("Lunch Club", city="Birkenhead", postcode=BIRKENHEAD, organization="Birkenhead Churches")

    results = service_search(ServiceQuery(keywords="lunch club wallasey"))

    assert [hit.service.service_at_locations.all()[0].location.city for hit in results.hits] == ["Wallasey"]


def test_a_name_match_ranks_above_a_category_match_above_a_description_match():
    service_make("Community Hub", description="Tea, games and a weekly lunch.")
    service_make("Hot Meals Together", categories=("lunch-clubs",))
    service_make("Lunch on Thursdays")

    assert _search(keywords="lunch") == ["Lunch on Thursdays", "Hot Meals Together", "Community Hub"]


def test_stop_words_are_ignored():
    service_make("Support for Carers")

    assert _search(keywords="support for the carers") == ["Support for Carers"]


def test_only_active_services_are_found():
    service_make("Lunch Club")
    service_make("Old Lunch Club", status="defunct")
    service_make("Paused Lunch Club", status="temporarily closed")

    assert _search(keywords="lunch") == ["Lunch Club"]


def test_a_word_only_a_closed_service_uses_is_not_offered_as_a_correction():
    service_make("Knitting Circle", status="defunct")
    service_make("Lunch Club")

    assert not SearchWord.objects.filter(term="knitting").exists()
    assert keywords_understand("knitting").corrected is None
    assert _search(keywords="knitting") == []


def test_the_category_filter_keeps_services_in_that_category():
    service_make("Tea Dance", categories=("physical-activity",))
    service_make("Tea and Chat", categories=("befriending",))

    assert _search(keywords="tea", category="befriending") == ["Tea and Chat"]
    assert _search(category="physical-activity") == ["Tea Dance"]


def test_a_category_includes_terms_filed_under_it():
    service = service_make("Saturday Dinner")
    term = TaxonomyTerm.objects.create(
        name="Community meals", description="Imported", parent_id=BY_CODE["lunch-clubs"].term_id
    )
    Attribute.objects.create(service=service, taxonomy_term=term)
    service_terms_refresh([service.pk])

    assert _search(category="lunch-clubs") == ["Saturday Dinner"]
    assert _search(keywords="dinner", category="lunch-clubs") == ["Saturday Dinner"]
    assert _search(keywords="dinner", category="befriending") == []


def test_an_unknown_category_is_refused_on_its_field():
    with pytest.raises(DomainError) as refused:
        service_search(ServiceQuery(category="knitting"))

    assert refused.value.field == "category"


def _miles(a: str, b: str) -> float:
    (e1, n1), (e2, n2) = CENTROIDS[a], CENTROIDS[b]
    return round(math.hypot(e1 - e2, n1 - n2) / 1609.344, 1)


def test_near_a_postcode_the_nearest_comes_first_with_its_distance_in_miles():
    centroids_make()
    service_make("West Kirby Lunch Club", postcode=WEST_KIRBY)
    service_make("Wallasey Lunch Club", postcode=WALLASEY)
    service_make("Telephone Befriending Lunch Club")  # no location: no distance, listed last

    results = service_search(ServiceQuery(keywords="lunch", postcode="ch41 5lh"))

    assert [(hit.service.name, hit.distance_miles) for hit in results.hits] == [
        ("Wallasey Lunch Club", _miles(BIRKENHEAD, WALLASEY)),
        ("West Kirby Lunch Club", _miles(BIRKENHEAD, WEST_KIRBY)),
        ("Telephone Befriending Lunch Club", None),
    ]
    assert _miles(BIRKENHEAD, WALLASEY) == 2.3


def test_near_a_postcode_the_nearest_comes_first_even_when_a_further_one_matches_better():
    """The page promises the nearest first: a better match further away does not jump ahead."""
    centroids_make()
    service_make("West Kirby Dementia Café", postcode=WEST_KIRBY)  # "dementia" in its name
    service_make("Wallasey Memory Group", description="A dementia support group.", postcode=WALLASEY)
    service_make("Birkenhead Carers Centre", description="Dementia advice for carers.", postcode=BIRKENHEAD)

    results = service_search(ServiceQuery(keywords="dementia", postcode=BIRKENHEAD))

    assert [(hit.service.name, hit.distance_miles) for hit in results.hits] == [
        ("Birkenhead Carers Centre", 0.0),
        ("Wallasey Memory Group", _miles(BIRKENHEAD, WALLASEY)),
        ("West Kirby Dementia Café", _miles(BIRKENHEAD, WEST_KIRBY)),
    ]


def test_without_a_postcode_the_best_match_comes_first():
    service_make("West Kirby Dementia Café", postcode=WEST_KIRBY)
    service_make("Birkenhead Carers Centre", description="Dementia advice for carers.", postcode=BIRKENHEAD)

    assert _search(keywords="dementia") == ["West Kirby Dementia Café", "Birkenhead Carers Centre"]


def test_a_service_at_two_places_is_measured_to_the_nearer_and_counts_its_words_once():
    centroids_make()
    two_places = service_make("Lunch Club", postcode=WEST_KIRBY)
    second = service_make("Lunch Club annexe", postcode=WALLASEY).service_at_locations.get().location
    ServiceAtLocation.objects.create(service=two_places, location=second)
    service_make("Lunch Club", postcode=BIRKENHEAD, organization="Birkenhead Churches")
    service_terms_refresh([two_places.pk])

    results = service_search(ServiceQuery(keywords="lunch club", postcode=BIRKENHEAD))

    assert [
        (hit.service.pk == two_places.pk, hit.distance_miles)
        for hit in results.hits
        if hit.service.name == "Lunch Club"
    ] == [
        (False, 0.0),
        (True, _miles(BIRKENHEAD, WALLASEY)),
    ]


def test_within_a_distance_leaves_out_services_further_away_and_those_with_no_place():
    centroids_make()
    service_make("West Kirby Lunch Club", postcode=WEST_KIRBY)
    service_make("Wallasey Lunch Club", postcode=WALLASEY)
    service_make("Telephone Lunch Club")

    assert _search(keywords="lunch", postcode=BIRKENHEAD, within_miles=3) == ["Wallasey Lunch Club"]


def test_the_first_half_of_a_postcode_searches_from_the_middle_of_the_district():
    centroids_make()
    service_make("Wallasey Lunch Club", postcode=WALLASEY)

    results = service_search(ServiceQuery(postcode="CH44"))

    assert results.hits[0].distance_miles == 0.0


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("CH99 9ZZ", "We could not find that postcode"),
        ("ZZ1", "We could not find that postcode"),
        ("banana", "Enter a postcode, like CH41 5LH"),
    ],
)
def test_a_postcode_we_cannot_place_is_refused_on_the_postcode_field(postcode, message):
    centroids_make()

    with pytest.raises(DomainError) as refused:
        service_search(ServiceQuery(postcode=postcode))

    assert refused.value.field == "postcode"
    assert refused.value.message.startswith(message)


def test_a_distance_needs_a_postcode():
    with pytest.raises(DomainError) as refused:
        service_search(ServiceQuery(within_miles=5))

    assert refused.value.field == "postcode"


def test_a_location_with_coordinates_is_placed_by_them_rather_than_its_postcode():
    centroids_make()
    # CH43 6TW's centroid is 2.2 miles from CH41 5LH; the hall's own coordinates are 0.2 miles away.
    PostcodeCentroid.objects.create(postcode="CH43 6TW", easting=329533, northing=388741, latitude=0, longitude=0)
    dataset_import(data=lunch_club(), actor=None)  # St Saviour's: 53.3921, -3.0128, postcode CH43 6TW

    hit = service_search(ServiceQuery(postcode=BIRKENHEAD)).hits[0]

    assert (hit.service.name, hit.distance_miles) == ("Thursday Lunch Club", 0.2)


def test_a_location_with_only_a_postcode_is_placed_at_its_centroid():
    centroids_make()
    PostcodeCentroid.objects.create(postcode="CH43 6TW", easting=329533, northing=388741, latitude=0, longitude=0)
    service = lunch_club()
    del service["service_at_locations"][0]["location"]["latitude"]
    del service["service_at_locations"][0]["location"]["longitude"]
    dataset_import(data=service, actor=None)

    assert service_search(ServiceQuery(postcode=BIRKENHEAD)).hits[0].distance_miles == 2.2


def test_open_now_finds_services_open_at_this_moment(set_clock):
    set_clock(THURSDAY_1PM)
    service_make("Thursday Lunch", schedules=(("TH", time(12), time(14)),))
    service_make("Morning Coffee", schedules=(("TH", time(9), time(11)),))
    service_make("Friday Lunch", schedules=(("FR", time(12), time(14)),))
    service_make("Weekday Advice", schedules=(("MO,TU,WE,TH,FR", time(9), time(17)),))
    service_make("Lunch Club With No Times", schedules=(("TH", None, None),))
    service_make("Lunch Club With No Schedule")

    assert _search(open_now=True) == ["Thursday Lunch", "Weekday Advice"]


def test_open_now_counts_overnight_hours_from_the_evening_before(set_clock):
    set_clock(datetime(2026, 11, 27, 1, 30, tzinfo=LONDON))  # Friday, 1.30am
    service_make("Night Shelter", schedules=(("TH", time(20), time(8)),))
    service_make("Friday Night Shelter", schedules=(("FR", time(20), time(8)),))

    assert _search(open_now=True) == ["Night Shelter"]


def test_open_now_knows_which_week_a_fortnightly_schedule_runs(set_clock):
    set_clock(THURSDAY_1PM)
    service_make(
        "This Week's Club",
        schedules=(("TH", time(12), time(14)),),
        interval=2,
        dtstart=date(2026, 11, 12),
    )
    service_make(
        "Next Week's Club",
        schedules=(("TH", time(12), time(14)),),
        interval=2,
        dtstart=date(2026, 11, 19),
    )

    assert _search(open_now=True) == ["This Week's Club"]


def test_open_now_reads_monthly_schedules_by_their_week_of_the_month(set_clock):
    set_clock(THURSDAY_1PM)  # the fourth and last Thursday of November 2026
    service_make("Last Thursday Club", schedules=(("-1TH", time(12), time(14)),), freq="MONTHLY")
    service_make("Fourth Thursday Club", schedules=(("4TH", time(12), time(14)),), freq="MONTHLY")
    service_make("First Thursday Club", schedules=(("1TH", time(12), time(14)),), freq="MONTHLY")

    assert _search(open_now=True) == ["Fourth Thursday Club", "Last Thursday Club"]


def test_open_on_a_day_finds_services_with_a_schedule_that_day():
    service_make("Thursday Lunch", schedules=(("TH", time(12), time(14)),))
    service_make("Friday Lunch", schedules=(("FR", time(12), time(14)),))
    service_make("Lunch With No Schedule")

    assert _search(keywords="lunch", day=3) == ["Thursday Lunch"]


def test_a_day_must_be_a_day_of_the_week():
    with pytest.raises(DomainError) as refused:
        service_search(ServiceQuery(day=7))

    assert refused.value.field == "day"


def test_results_are_paged_and_a_page_past_the_end_shows_the_last():
    for number in range(5):
        service_make(f"Lunch Club {number}")

    second = service_search(ServiceQuery(keywords="lunch"), page=2, per_page=2)
    beyond = service_search(ServiceQuery(keywords="lunch"), page=9, per_page=2)

    assert (second.total, second.page, _names(second)) == (5, 2, ["Lunch Club 2", "Lunch Club 3"])
    assert (beyond.page, _names(beyond)) == (3, ["Lunch Club 4"])


def test_a_page_costs_the_same_queries_whatever_its_size(set_clock):
    centroids_make()
    set_clock(THURSDAY_1PM)
    for number in range(12):
        service_make(
            f"Lunch Club {number}",
            categories=("lunch-clubs",),
            postcode=WALLASEY,
            schedules=(("TH", time(12), time(14)),),
        )
    query = ServiceQuery(keywords="lunch clubs", category="lunch-clubs", postcode=BIRKENHEAD, open_now=True)

    def queries(per_page: int) -> int:
        caches_clear()  # each measured from cold: the postcode and words are looked up every time
        with CaptureQueriesContext(connection) as captured:
            results = service_search(query, per_page=per_page)
            assert len(results.hits) == per_page
            for hit in results.hits:
                _ = hit.service.organization.name
                _ = (hit.places, hit.phones, [schedule.opens_at for schedule in hit.schedules])
        return len(captured)

    assert queries(2) == queries(12) <= 12


def test_a_suggestion_ranks_services_matching_more_of_the_words_first():
    service_make("Befriending Service", description="Visits for people who feel lonely.")
    service_make("Shopping Help", description="A volunteer does your shopping.")
    service_make("Lonely No More", description="Befriending and shopping trips for lonely people.")

    hits = services_suggest("I feel lonely and can't get to the shops")

    assert [hit.service.name for hit in hits] == ["Lonely No More", "Befriending Service", "Shopping Help"]


def test_a_suggestion_offers_the_services_nearest_the_persons_postcode_first():
    """Ask for help suggests what is near the person: among services matching as many of their
    words, the nearest first, even where a further one has the word in its name."""
    centroids_make()
    service_make("West Kirby Befriending", postcode=WEST_KIRBY)
    service_make("Wallasey Good Neighbours", description="Befriending visits at home.", postcode=WALLASEY)
    service_make("Birkenhead Friends", description="Befriending and a chat.", postcode=BIRKENHEAD)

    hits = services_suggest("I would like befriending", postcode=BIRKENHEAD)

    assert [hit.service.name for hit in hits] == [
        "Birkenhead Friends",
        "Wallasey Good Neighbours",
        "West Kirby Befriending",
    ]


def test_a_suggestion_ignores_a_postcode_it_cannot_find():
    service_make("Befriending Service")

    hits = services_suggest("befriending", postcode="not a postcode")

    assert [(hit.service.name, hit.distance_miles) for hit in hits] == [("Befriending Service", None)]


def test_a_suggestion_from_nothing_useful_is_empty():
    service_make("Befriending Service")

    assert services_suggest("the and of") == []


def test_refreshing_a_renamed_service_replaces_its_terms_and_the_vocabulary():
    service = service_make("Knitting Circle")
    Service.objects.filter(pk=service.pk).update(name="Crochet Circle")

    service_terms_refresh([service.pk])

    assert _search(keywords="crochet") == ["Crochet Circle"]
    assert _search(keywords="knitting") == []
    assert not SearchWord.objects.filter(term="knitting").exists()
    assert SearchWord.objects.get(term="circle").services == 1


def test_an_import_indexes_what_it_imports():
    dataset_import(data=lunch_club(), actor=None)

    assert _search(keywords="lunch clubs") == ["Thursday Lunch Club"]
    assert ServiceTerm.objects.get(term="lunch").weight == 3


def test_hits_carry_every_contact_with_its_phones_and_every_place():
    centroids_make()
    service = service_make("Lunch Club", postcode=WALLASEY, phone="0151 555 0001")
    contact = service.contacts.get()
    Phone.objects.create(contact=contact, number="0151 555 0002")
    Contact.objects.create(service=service, name="Volunteer coordinator")
    second = service_make("Lunch Club annexe", postcode=WEST_KIRBY).service_at_locations.get().location
    ServiceAtLocation.objects.create(service=service, location=second)

    hit = service_search(ServiceQuery(keywords="lunch", postcode=BIRKENHEAD)).hits[0]

    assert hit.service.pk == service.pk
    assert [(c.name, [p.number for p in c.phones.all()]) for c in hit.service.contacts.all()] == [
        ("Enquiries", ["0151 555 0001", "0151 555 0002"]),
        ("Volunteer coordinator", []),
    ]
    assert sorted(link.location.postal_code for link in hit.service.service_at_locations.all()) == [
        WALLASEY,
        WEST_KIRBY,
    ]
    assert all(link.service is hit.service for link in hit.service.service_at_locations.all())


def test_a_second_search_near_the_same_postcode_looks_up_neither_it_nor_the_words_again(set_clock):
    centroids_make()
    service_make("Lunch Club", categories=("lunch-clubs",), postcode=WALLASEY)
    query = ServiceQuery(keywords="lunch club", postcode=BIRKENHEAD)
    service_search(query)

    with CaptureQueriesContext(connection) as captured:
        results = service_search(query)

    assert results.total == 1
    assert not any("postcodecentroid" in q["sql"] or "searchword" in q["sql"] for q in captured.captured_queries)


def test_a_refreshed_index_forgets_the_words_it_remembered():
    service_search(ServiceQuery(keywords="allotments"))  # remembered as unknown
    service_make("Hoylake Allotments")

    assert service_search(ServiceQuery(keywords="allotments")).total == 1


@pytest.mark.django_db
def test_a_result_shows_what_the_service_page_prefetches():
    """The plain reads of a page of results give what the ORM's prefetching gives the service's
    own page: the service's row, its places' address lines, phones and schedules, in one order."""
    from tandem.directory.public_presenters import address_lines
    from tandem.directory.search import service_public_find

    centroids_make()
    made = service_make(
        "Hoylake Lunch Club",
        description="A hot lunch",
        postcode=BIRKENHEAD,
        schedules=(("TU", None, None), ("MO", time(11, 30), time(14, 0)), ("WE", time(9, 0), time(10, 0))),
    )
    contact = Contact.objects.create(service=made, name="Bookings")
    Phone.objects.create(contact=contact, number="0151 555 0002")
    Phone.objects.create(contact=contact, number="0151 555 0001")
    Phone.objects.create(contact=Contact.objects.create(service=made, name="Admin"), number="0151 555 0003")

    (hit,) = service_search(ServiceQuery(keywords="lunch", postcode=BIRKENHEAD)).hits
    page = service_public_find(made.pk)

    assert page is not None
    assert [(f.attname, getattr(hit.service, f.attname)) for f in Service._meta.concrete_fields] == [
        (f.attname, getattr(page, f.attname)) for f in Service._meta.concrete_fields
    ]
    assert hit.service.organization.name == "Wirral Community Trust"
    assert hit.places == [address_lines(link.location) for link in page.service_at_locations.all()]
    assert hit.phones == [p.number for c in page.contacts.all() for p in c.phones.all()]
    assert hit.phones[0] == "0151 555 0003"
    assert [s.pk for s in hit.schedules] == [s.pk for s in page.schedules.all()]
    assert hit.schedules[-1].opens_at is None
