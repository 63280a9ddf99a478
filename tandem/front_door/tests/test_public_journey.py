"""The public "ask for help" journey, page by page, as a visitor with no account goes through it."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.directory.models import Service
from tandem.directory.tests.search_world import BIRKENHEAD, WALLASEY, WEST_KIRBY, centroids_make, service_make
from tandem.front_door.codes import ContactRoute, ContactSource
from tandem.front_door.forms.public import SENT_KEY, SESSION_KEY
from tandem.front_door.models import Contact
from tandem.front_door.tests.public_answers import ANSWERS, answers, fill_session

START = reverse("front_door:ask_start")
CHECK = reverse("front_door:ask_check")
DONE = reverse("front_door:ask_done")
PAGES = ["who", "helper", "about", "matters", "hard", "help", "money", "contact"]


def page(name: str) -> str:
    return reverse(f"front_door:ask_{name}")


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_the_start_page_says_what_it_is_for_and_what_to_do_in_an_emergency(client):
    response = client.get(START)

    assert response.status_code == 200
    content = text(response)
    assert "Ask for help with care and support" in content
    assert f'href="{page("who")}"' in content
    assert "call 999" in content
    assert "0151 496 0123" in content
    assert "It takes about 10 minutes" in content
    assert f'href="{reverse("front_door:ask_privacy")}"' in content


def test_the_privacy_notice_gives_the_purpose_the_legal_basis_and_the_rights(client):
    content = text(client.get(reverse("front_door:ask_privacy")))

    for words in (
        "Care Act 2014, section 2",
        "section 9",
        "Article 6(1)(e)",
        "Article 9(2)(h)",
        "8 years",
        "Information Commissioner",
        "dataprotection@example.org",
    ):
        assert words in content


def test_every_page_of_the_journey_links_to_the_privacy_notice(client):
    fill_session(client, ANSWERS)

    for url in [START, *(page(name) for name in PAGES), CHECK]:
        assert f'href="{reverse("front_door:ask_privacy")}"' in client.get(url).content.decode(), url


def test_answering_a_page_keeps_the_answer_and_goes_to_the_next(client):
    response = client.post(page("who"), {"who": "me"})

    assert response.status_code == 302
    assert response["Location"] == page("about")
    assert client.session[SESSION_KEY]["answers"] == {"who": {"who": "me"}}


def test_someone_asking_for_another_person_is_asked_about_themselves_next(client):
    response = client.post(page("who"), {"who": "someone_else"})

    assert response["Location"] == page("helper")
    assert client.get(page("helper")).status_code == 200


def test_changing_to_asking_for_yourself_drops_the_helper_answers(client):
    fill_session(client, ANSWERS)

    response = client.post(f"{page('who')}?change=yes", {"who": "me"})

    assert response["Location"] == CHECK
    assert "helper" not in client.session[SESSION_KEY]["answers"]
    assert "Grace Okafor" not in text(client.get(CHECK))


def test_a_page_shows_the_answer_given_before_and_a_back_link(client):
    fill_session(client, answers(contact=None))

    response = client.get(page("help"))

    content = text(response)
    assert response.status_code == 200
    assert "I visit on Sundays and do her shopping" in content
    assert f'href="{page("hard")}" class="govuk-back-link"' in response.content.decode()
    assert "Who helps Margaret now?" in content


def test_the_start_page_title_names_the_journey_once(client):
    title = re.search(r"<title>(.*?)</title>", client.get(START).content.decode(), re.S)

    assert title is not None
    assert unescape(title[1]).count("Ask for help with care and support") == 1


def test_a_question_title_names_the_question_then_the_journey(client):
    title = re.search(r"<title>(.*?)</title>", client.get(page("who")).content.decode(), re.S)

    assert title is not None
    assert unescape(title[1]).startswith("Who needs help? – Ask for help with care and support – ")


def test_the_first_question_goes_back_to_the_start_page(client):
    response = client.get(page("who"))

    assert f'href="{START}" class="govuk-back-link"' in response.content.decode()


def test_a_mistake_is_shown_in_an_error_summary_and_nothing_typed_is_lost(client):
    fill_session(client, answers(about=None, matters=None, hard=None, help=None, money=None, contact=None))

    response = client.post(
        page("about"),
        {"given_name": "Margaret", "family_name": "", "address_line_1": "12 Acacia Road", "postcode": "CH41"},
    )

    content = text(response)
    assert response.status_code == 400
    assert "<title>Error: About the person who needs help" in content
    assert 'class="govuk-error-summary"' in content
    assert '<a href="#id_family_name">Enter their last name</a>' in content
    assert '<a href="#id_postcode">Enter a full UK postcode, like CH41 5LH</a>' in content
    assert 'value="Margaret"' in content
    assert 'value="12 Acacia Road"' in content
    assert 'value="CH41"' in content
    assert "about" not in client.session[SESSION_KEY]["answers"]


def test_no_settled_address_with_a_street_address_is_refused_keeping_what_was_typed(client):
    fill_session(client, answers(about=None, matters=None, hard=None, help=None, money=None, contact=None))

    response = client.post(
        page("about"),
        {
            "given_name": "Margaret",
            "family_name": "Okafor",
            "address_line_1": "12 Acacia Road",
            "town": "Birkenhead",
            "postcode": "CH41 1AA",
            "no_fixed_address": "on",
        },
    )

    content = text(response)
    assert response.status_code == 400
    assert "You ticked \u2018no settled address\u2019 and gave a street address" in unescape(content)
    assert 'value="12 Acacia Road"' in content
    assert 'value="CH41 1AA"' in content
    assert "about" not in client.session[SESSION_KEY]["answers"]


def test_a_page_cannot_be_reached_before_the_ones_before_it(client):
    fill_session(client, answers(hard=None, help=None, money=None, contact=None))

    assert client.get(page("contact"))["Location"] == page("hard")
    assert client.get(CHECK)["Location"] == page("hard")
    assert client.get(page("hard")).status_code == 200


def test_a_visitor_with_no_answers_starts_at_the_first_question(client):
    for name in PAGES[1:]:
        assert client.get(page(name))["Location"] == page("who")


def test_an_answer_sent_after_the_session_ended_is_kept_and_the_visitor_told(client):
    response = client.post(page("matters"), {"what_matters": "My garden"}, follow=True)

    assert response.redirect_chain == [(page("who"), 302)]
    assert "We could not find your earlier answers" in text(response)
    assert client.session[SESSION_KEY]["answers"] == {"matters": {"what_matters": "My garden"}}


def test_the_whole_journey_by_hand(client, front_door_team):
    steps = [
        ("who", {"who": "someone_else"}),
        ("helper", {"helper_name": "Grace Okafor", "helper_relationship": "Daughter"}),
        (
            "about",
            {
                "given_name": "Margaret",
                "family_name": "Okafor",
                "date_of_birth-day": "12",
                "date_of_birth-month": "3",
                "date_of_birth-year": "1948",
                "address_line_1": "12 Acacia Road",
                "town": "Birkenhead",
                "postcode": "ch41 1aa",
            },
        ),
        ("matters", {"what_matters": "Staying in her own home"}),
        ("hard", {"hard_outcomes": ["e", "a"], "hard_in_own_words": "The stairs"}),
        ("help", {"who_helps": "I do her shopping", "unpaid_carer": "yes"}),
        ("money", {"self_funder": "yes"}),
        ("self_assessment", {"self_assessment": "yes"}),
        ("contact", {"phone": "07700 900982", "email": "", "best_time": "Evenings"}),
    ]
    for index, (name, data) in enumerate(steps):
        response = client.post(page(name), data)
        following = page(steps[index + 1][0]) if index + 1 < len(steps) else CHECK
        assert (response.status_code, response["Location"]) == (302, following), name

    check = text(client.get(CHECK))
    for shown in ("I am asking for someone else", "Grace Okafor", "Daughter", "Margaret Okafor", "12 March 1948"):
        assert shown in check
    assert "12 Acacia Road<br>Birkenhead<br>CH41 1AA" in check
    assert "Getting enough to eat and drink<br>Moving around the home safely" in check
    assert "Count as a self-assessment" in check

    sent = client.post(CHECK)

    assert sent["Location"] == DONE
    contact = Contact.objects.get()
    assert contact.route == ContactRoute.ONLINE_FORM
    assert contact.source == ContactSource.FAMILY_OR_FRIEND
    assert contact.is_self_assessment is True
    assert contact.submission["answers"]["hard_outcomes"] == ["a", "e"]
    assert AuditEvent.objects.filter(action="front_door.contact.submitted_online").count() == 1
    done = text(client.get(DONE))
    assert f"Your reference number<br><strong>{contact.reference}</strong>" in done
    assert "You asked for this to count as a self-assessment" in done
    assert SESSION_KEY not in client.session


def test_check_answers_has_a_change_link_for_every_answer(client):
    fill_session(client, ANSWERS)

    content = client.get(CHECK).content.decode()

    links = re.findall(r'href="/ask-for-help/([a-z-]+)/\?change=yes"', content)
    assert links == [
        "who-needs-help",
        "about-you",
        "about-you",
        "about-them",
        "about-them",
        "about-them",
        "what-matters",
        "what-is-hard",
        "what-is-hard",
        "who-helps",
        "who-helps",
        "paying-for-care",
        "contact-details",
        "contact-details",
        "contact-details",
    ]
    assert "Count as a self-assessment" not in content


def test_a_change_from_check_answers_comes_back_to_check_answers(client):
    fill_session(client, ANSWERS)
    change = f"{page('matters')}?change=yes"

    shown = client.get(change)
    response = client.post(change, {"what_matters": "Her cat, Biscuit"})

    assert f'href="{CHECK}" class="govuk-back-link"' in shown.content.decode()
    assert response["Location"] == CHECK
    assert "Her cat, Biscuit" in text(client.get(CHECK))


def test_a_change_that_opens_a_new_question_asks_it_before_going_back(client):
    fill_session(client, ANSWERS)

    first = client.post(f"{page('money')}?change=yes", {"self_funder": "yes"})
    second = client.post(first["Location"], {"self_assessment": "no"})

    assert first["Location"] == f"{page('self_assessment')}?change=yes"
    assert second["Location"] == CHECK


def test_the_self_assessment_question_is_not_asked_of_someone_who_does_not_pay(client):
    fill_session(client, ANSWERS)

    assert client.get(page("self_assessment"))["Location"] == CHECK


def test_sending_twice_creates_one_contact(client, front_door_team):
    fill_session(client, ANSWERS)

    first = client.post(CHECK)
    second = client.post(CHECK)

    assert first["Location"] == DONE
    assert second["Location"] == DONE
    assert client.get(CHECK)["Location"] == DONE
    assert Contact.objects.count() == 1


def test_the_confirmation_page_needs_a_request_sent(client):
    assert client.get(DONE)["Location"] == START


def test_the_confirmation_suggests_local_services_from_what_is_hard(client, front_door_team):
    service_make("Hoylake Lunch Club", description="Hot meals in good company every Thursday.", phone="0151 555 0100")
    service_make("Chess Circle", description="Chess on Tuesdays.")
    fill_session(client, ANSWERS)
    client.post(CHECK)

    response = client.get(DONE)

    content = text(response)
    assert "Local services that might help now" in content
    assert "Hoylake Lunch Club" in content
    assert "0151 555 0100" in content
    assert "Chess Circle" not in content
    lunch_club = Service.objects.get(name="Hoylake Lunch Club")
    assert f'href="{reverse("directory:public_service", args=[lunch_club.id])}"' in content


def test_the_confirmation_suggests_the_services_nearest_the_persons_postcode_first(client, front_door_team):
    centroids_make()
    """The further one has the words in its name, the nearer in its description: nearer first."""
    service_make("West Kirby Lunch Club", description="Every Thursday.", postcode=WEST_KIRBY)
    service_make("Wallasey Friendship Meals", description="A lunch club every Thursday.", postcode=WALLASEY)
    fill_session(client, answers(about={"postcode": BIRKENHEAD}))
    client.post(CHECK)

    content = text(client.get(DONE))

    assert content.index("Wallasey Friendship Meals") < content.index("West Kirby Lunch Club")
    assert Contact.objects.get().submission["suggested_services"][0]["name"] == "Wallasey Friendship Meals"


def test_the_services_suggested_are_recorded_on_the_contact_for_staff(client, front_door_team, practitioner):
    service_make("Hoylake Lunch Club", description="Hot meals in good company every Thursday.", phone="0151 555 0100")
    fill_session(client, ANSWERS)
    client.post(CHECK)

    contact = Contact.objects.get()
    lunch_club = Service.objects.get(name="Hoylake Lunch Club")
    assert contact.submission["suggested_services"] == [{"id": str(lunch_club.pk), "name": "Hoylake Lunch Club"}]
    client.force_login(practitioner)
    page = text(client.get(reverse("front_door:contact", args=[contact.uuid])))
    assert "Shown on the online form once they sent it:" in page
    assert "<li>Hoylake Lunch Club</li>" in page


def test_without_matching_services_the_confirmation_suggests_none(client, front_door_team):
    fill_session(client, ANSWERS)
    client.post(CHECK)

    response = client.get(DONE)

    assert response.status_code == 200
    assert "Local services that might help now" not in text(response)


def test_a_refusal_from_the_service_points_to_the_page_to_change(client, front_door_team):
    # Only a hand-made session can hold an answer the forms would have refused.
    fill_session(client, answers(about={"postcode": "CH41"}))

    response = client.post(CHECK)

    content = text(response)
    assert response.status_code == 400
    assert f'<a href="{page("about")}?change=yes">Enter a full UK postcode, like CH41 5LH</a>' in content
    assert Contact.objects.count() == 0
    assert client.session[SESSION_KEY]["answers"]["about"]["postcode"] == "CH41"


def test_when_the_request_cannot_be_sent_the_answers_are_kept(client, db):
    fill_session(client, ANSWERS)

    response = client.post(CHECK)

    assert response.status_code == 503
    assert "Sorry, we could not send your request just now" in text(response)
    assert client.session[SESSION_KEY]["answers"] == ANSWERS
    assert SENT_KEY not in client.session


def test_a_signed_in_member_of_staff_sees_the_same_journey(client, practitioner):
    client.force_login(practitioner)

    assert client.get(START).status_code == 200
    assert client.post(page("who"), {"who": "me"})["Location"] == page("about")
