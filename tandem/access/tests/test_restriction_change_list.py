"""Managers' list of changes to restrictions, beside the break-glass list, and marking one reviewed."""

from django.urls import reverse

from tandem.access.models import RestrictionChange
from tandem.access.services import record_unrestrict
from tandem.identity.permissions import Role

LIST = reverse("access:restriction_change_list")


def test_a_lifted_restriction_waits_for_review_with_its_reason(client, user_factory, manager, restricted_person):
    record_unrestrict(person=restricted_person, reason="No longer works here", actor=manager)
    reviewer = user_factory(username="reviewer", role=Role.TEAM_MANAGER)
    client.force_login(reviewer)

    response = client.get(LIST)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Was Birkenhead locality team" in page
    assert "No longer works here" in page
    assert "Mark reviewed" in page
    assert reverse("access:break_glass_list") in page


def test_marking_it_reviewed_takes_it_off_the_waiting_list(client, user_factory, manager, restricted_person):
    record_unrestrict(person=restricted_person, reason="No longer works here", actor=manager)
    change = RestrictionChange.objects.get(kind="lifted")
    reviewer = user_factory(username="reviewer", role=Role.TEAM_MANAGER)
    client.force_login(reviewer)

    response = client.post(reverse("access:restriction_change_review", args=[change.pk]))
    waiting = client.get(LIST).content.decode()

    assert response.status_code == 302
    assert response["Location"] == LIST
    assert RestrictionChange.objects.get(pk=change.pk).reviewed_by == reviewer
    # Only the record's first restriction (made when the fixture restricted it) is still waiting.
    assert "No longer works here" not in waiting
    assert "Works in the locality team" in waiting
