"""The hub's pages: the board and its polled rows, referring by form, updating, brokerage,
discharge, and the figures with their drill-downs."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tandem.core import clock
from tandem.prevention.discharge.codes import OfferStatus, ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral, ProviderOffer
from tandem.prevention.discharge.tests.hub_data import (
    dates_form,
    offer_make,
    package_make,
    provider_make,
    referral_make,
)
from tests.personas import person_make

BOARD = "prevention:discharge_board"


def test_the_board_lists_everyone_waiting_with_their_days_and_next_action(client, practitioner, person):
    referral_make(person, practitioner, nctr_ago=6)
    client.force_login(practitioner)

    page = client.get(reverse(BOARD)).content.decode()

    assert "SMITH, Mary" in page
    assert "Awaiting assessment" in page
    assert 'hx-get="/prevention/discharge/rows/"' in page
    assert 'hx-trigger="every 45s"' in page
    assert "<script>" not in page  # no inline script: the Content-Security-Policy refuses it


def test_the_polled_rows_are_the_table_alone_and_keep_the_sort(client, practitioner, person):
    referral_make(person, practitioner)
    client.force_login(practitioner)

    response = client.get(reverse("prevention:discharge_board_rows") + "?sort=name&order=desc", HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith("<div") or "<html" not in page
    assert "<html" not in page
    assert 'hx-get="/prevention/discharge/rows/?sort=name&amp;order=desc"' in page


def test_the_rows_opened_without_htmx_are_the_whole_board(client, practitioner):
    client.force_login(practitioner)

    page = client.get(reverse("prevention:discharge_board_rows")).content.decode()

    assert "<html" in page
    assert "No one is on the board." in page


def test_the_board_reads_in_a_fixed_number_of_queries(client, practitioner, django_assert_max_num_queries):
    for n in range(12):
        who = person_make(given_name=f"P{n}", family_name="Board", date_of_birth=date(1940, 1, 1))
        referral_make(who, practitioner)
    client.force_login(practitioner)
    client.get(reverse(BOARD))

    with django_assert_max_num_queries(12):
        response = client.get(reverse(BOARD))

    assert response.content.decode().count("BOARD, P") == 12


def test_a_ward_refers_by_form_and_the_person_lands_on_the_board(client, practitioner, person):
    client.force_login(practitioner)
    today = clock.today()
    url = reverse("prevention:discharge_refer") + f"?person={person.uuid}"

    response = client.post(
        url,
        {
            "hospital": "Arrowe Park Hospital",
            "ward": "Ward 23",
            **dates_form("admitted_on", today - timedelta(days=8)),
            **dates_form("nctr_on", today - timedelta(days=2)),
            **dates_form("expected_ready_on", None),
            **dates_form("ready_on", None),
            "pathway": "1",
            "what_matters": "Getting back to my garden",
            "carer_view": "",
        },
    )

    referral = DischargeReferral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("prevention:discharge_referral", args=[referral.uuid])
    assert (referral.ward, referral.pathway, referral.what_matters) == ("Ward 23", "1", "Getting back to my garden")


def test_a_referral_with_dates_out_of_order_keeps_what_was_typed(client, practitioner, person):
    client.force_login(practitioner)
    today = clock.today()

    response = client.post(
        reverse("prevention:discharge_refer") + f"?person={person.uuid}",
        {
            "hospital": "Arrowe Park Hospital",
            "ward": "Ward 23",
            **dates_form("admitted_on", today - timedelta(days=2)),
            **dates_form("nctr_on", today - timedelta(days=5)),
            "pathway": "2",
            "what_matters": "Getting back to my garden",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "must be on or after the date of admission" in page
    assert "Getting back to my garden" in page
    assert not DischargeReferral.objects.exists()


def test_the_find_page_offers_records_to_refer(client, practitioner, person):
    client.force_login(practitioner)

    page = client.get(reverse("prevention:discharge_refer") + "?q=Mary Smith").content.decode()

    assert f"?person={person.uuid}" in page


def test_accepting_an_offer_from_the_referral_page(client, practitioner, person):
    referral = referral_make(person, practitioner)
    offer = offer_make(package_make(referral, practitioner), practitioner, provider_make())
    client.force_login(practitioner)
    assert (
        "Accept the offer from Wirral Home Care Ltd"
        in client.get(reverse("prevention:discharge_referral", args=[referral.uuid])).content.decode()
    )

    response = client.post(reverse("prevention:discharge_offer_accept", args=[offer.uuid]))

    assert response.status_code == 302
    assert ProviderOffer.objects.get(pk=offer.pk).status == OfferStatus.ACCEPTED


def test_discharge_by_form(client, practitioner, person):
    referral = referral_make(person, practitioner)
    client.force_login(practitioner)
    today = clock.today()

    client.post(
        reverse("prevention:discharge_record", args=[referral.uuid]),
        {
            **dates_form("discharged_on", today),
            "destination": "home_reablement",
            "pathway": "1",
            **dates_form("reablement_started_on", today),
            **dates_form("review_due_on", today + timedelta(weeks=6)),
            "version": str(referral.version),
        },
    )

    referral.refresh_from_db()
    assert (referral.status, referral.destination) == (ReferralStatus.DISCHARGED, "home_reablement")


@pytest.mark.parametrize("key", ["waiting", "reason-assessment", "home", "readmitted", "ascof-home"])
def test_each_figure_drills_down_to_people_the_viewer_may_open(client, practitioner, person, key):
    referral_make(person, practitioner)
    client.force_login(practitioner)

    response = client.get(reverse("prevention:discharge_figure", args=[key]))

    assert response.status_code == 200
    shown = "SMITH, Mary" in response.content.decode()
    assert shown is (key in {"waiting", "reason-assessment"})


def test_an_unknown_figure_is_not_found(client, practitioner):
    client.force_login(practitioner)

    assert client.get(reverse("prevention:discharge_figure", args=["nothing"])).status_code == 404


def test_the_figures_page_has_a_table_for_every_chart(client, practitioner, person):
    referral_make(person, practitioner)
    client.force_login(practitioner)

    page = client.get(reverse("prevention:discharge_figures")).content.decode()

    assert page.count('role="img"') == 5
    assert page.count("<table") >= 5


def test_a_restricted_record_is_not_on_the_board_of_someone_outside_its_teams(
    client, outsider, restricted_person, manager
):
    referral = referral_make(restricted_person, manager)
    client.force_login(outsider)

    page = client.get(reverse(BOARD)).content.decode()

    assert restricted_person.family_name.upper() not in page
    assert client.get(reverse("prevention:discharge_referral", args=[referral.uuid])).status_code == 404


def test_the_board_escapes_what_was_typed(client, practitioner):
    who = person_make(given_name="<b>Ann</b>", family_name="O'Brien & Co", date_of_birth=date(1940, 1, 1))
    referral = referral_make(who, practitioner)
    DischargeReferral.objects.filter(pk=referral.pk).update(next_action="<script>x</script>")
    client.force_login(practitioner)

    page = client.get(reverse(BOARD)).content.decode()

    assert "<b>Ann</b>" not in page
    assert "&lt;b&gt;Ann&lt;/b&gt;" in page
    assert "<script>x</script>" not in page


def test_adding_to_a_plan_when_there_is_none_says_so_and_changes_nothing(client, practitioner, person):
    referral = referral_make(person, practitioner)
    offer = offer_make(package_make(referral, practitioner), practitioner, provider_make())
    offer.status = OfferStatus.ACCEPTED
    offer.save()
    client.force_login(practitioner)

    response = client.post(reverse("prevention:discharge_offer_to_plan", args=[offer.uuid]), {})

    assert response.status_code == 400
    assert "no care and support plan you may write" in response.content.decode()
    assert ProviderOffer.objects.get(pk=offer.pk).plan is None


def test_my_work_lists_the_next_actions_i_own_on_the_board(client, practitioner, person):
    referral = referral_make(person, practitioner)
    DischargeReferral.objects.filter(pk=referral.pk).update(
        next_action="Ring the family about the care home", action_owner=practitioner, action_due_on=clock.today()
    )
    client.force_login(practitioner)

    page = client.get(reverse("people:my_work")).content.decode()

    assert "Discharge hub: next actions you own" in page
    assert "Mary Smith: Ring the family about the care home" in page


def test_my_work_has_no_hub_section_for_someone_who_owns_no_action(client, practitioner, person):
    referral_make(person, practitioner)
    client.force_login(practitioner)

    assert "Discharge hub" not in client.get(reverse("people:my_work")).content.decode().split("<main", 1)[1]
