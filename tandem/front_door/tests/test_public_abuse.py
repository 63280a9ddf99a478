"""Protection of the public form: a rate limit per client address, a honeypot, and size limits."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.front_door.forms.public import SENT_KEY, SESSION_KEY
from tandem.front_door.models import Contact
from tandem.front_door.tests.public_answers import ANSWERS, fill_session
from tandem.front_door.views.public import MAX_BODY_BYTES

CHECK = reverse("front_door:ask_check")
DONE = reverse("front_door:ask_done")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _send(client, *, address: str = "203.0.113.7", data: dict | None = None):
    fill_session(client, ANSWERS)
    return client.post(CHECK, data or {}, REMOTE_ADDR=address)


def test_one_address_may_send_so_many_requests_an_hour_and_no_more(client, front_door_team, settings):
    settings.TANDEM_ASK_FOR_HELP_PER_HOUR = 3
    for _ in range(3):
        assert _send(client)["Location"] == DONE

    refused = _send(client)

    assert refused.status_code == 429
    assert Contact.objects.count() == 3
    assert AuditEvent.objects.filter(action="front_door.contact.submitted_online").count() == 3


def test_the_refusal_keeps_every_answer_and_says_when_to_try_again(client, front_door_team, settings):
    settings.TANDEM_ASK_FOR_HELP_PER_HOUR = 0

    refused = _send(client)

    content = refused.content.decode()
    assert refused.status_code == 429
    assert "You have sent too many requests from this internet connection" in content
    assert "try again in" in content
    assert "0151 496 0123" in content
    assert "Staying in her own home and going to the lunch club on Thursdays" in content
    assert client.session[SESSION_KEY]["answers"] == ANSWERS
    assert Contact.objects.count() == 0


def test_the_limit_counts_each_address_on_its_own(client, front_door_team, settings):
    settings.TANDEM_ASK_FOR_HELP_PER_HOUR = 1
    assert _send(client, address="203.0.113.7")["Location"] == DONE

    assert _send(client, address="203.0.113.7").status_code == 429
    assert _send(client, address="198.51.100.20")["Location"] == DONE


def test_an_ipv6_household_is_counted_as_one_address(client, front_door_team, settings):
    settings.TANDEM_ASK_FOR_HELP_PER_HOUR = 1
    assert _send(client, address="2001:db8:1:2::1")["Location"] == DONE

    assert _send(client, address="2001:db8:1:2:ffff::9").status_code == 429


def test_looking_at_check_answers_is_not_counted(client, front_door_team, settings):
    settings.TANDEM_ASK_FOR_HELP_PER_HOUR = 1
    fill_session(client, ANSWERS)
    for _ in range(5):
        assert client.get(CHECK, REMOTE_ADDR="203.0.113.7").status_code == 200

    assert _send(client)["Location"] == DONE


def test_a_filled_honeypot_looks_sent_but_creates_nothing(client, front_door_team):
    response = _send(client, data={"website": "http://cheap-pills.example"})

    assert response["Location"] == DONE
    done = client.get(DONE)
    assert done.status_code == 200
    assert "Your reference number" in done.content.decode()
    assert Contact.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert SESSION_KEY not in client.session


def test_a_honeypot_filled_on_an_earlier_page_is_remembered(client, front_door_team):
    fill_session(client, {name: ANSWERS[name] for name in ("who", "helper", "about", "matters", "hard", "help")})
    client.post(reverse("front_door:ask_money"), {"self_funder": "no", "website": "spam"})
    client.post(reverse("front_door:ask_contact"), ANSWERS["contact"])

    response = client.post(CHECK)

    assert response["Location"] == DONE
    assert Contact.objects.count() == 0
    assert client.session[SENT_KEY]["reference"]


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client):
    content = client.get(reverse("front_door:ask_who")).content.decode()

    hidden = content.index("<div hidden>")
    assert content.index('name="website"') > hidden
    assert content.index("</div>", content.index('name="website"')) > content.index('name="website"')
    assert 'tabindex="-1"' in content[hidden : content.index("</div>", content.index('name="website"'))]


def test_an_oversized_request_is_refused_before_it_is_read(client):
    response = client.post(
        reverse("front_door:ask_matters"), {"what_matters": "x" * (MAX_BODY_BYTES + 1)}, REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 413
    assert "Your answer is too long" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_an_oversized_answer_on_a_page_is_an_error_that_keeps_the_text(client):
    fill_session(client, {name: ANSWERS[name] for name in ("who", "helper", "about")})

    response = client.post(reverse("front_door:ask_matters"), {"what_matters": "y" * 1501})

    assert response.status_code == 400
    assert "What matters to Margaret must be 1,500 characters or fewer" in response.content.decode()
    assert "y" * 1501 in response.content.decode()


def test_a_send_without_the_csrf_token_is_refused(front_door_team):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    fill_session(client, ANSWERS)

    response = client.post(CHECK)

    assert response.status_code == 403
    assert Contact.objects.count() == 0


def test_behind_a_trusted_proxy_the_limit_counts_the_client_not_the_proxy(client, front_door_team, settings):
    settings.TANDEM_ASK_FOR_HELP_PER_HOUR = 1
    settings.TANDEM_TRUSTED_PROXIES = ["10.0.0.1"]

    def through_proxy(address: str):
        fill_session(client, ANSWERS)
        return client.post(CHECK, {}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address)

    assert through_proxy("203.0.113.7")["Location"] == DONE
    assert through_proxy("198.51.100.20")["Location"] == DONE
    assert through_proxy("203.0.113.7").status_code == 429
