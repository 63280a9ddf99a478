from datetime import timedelta

import pytest

from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.demo.borough import borough_seed
from tandem.demo.directory_seed import directory_seed
from tandem.demo.front_door_seed import front_door_seed
from tandem.demo.tests.conftest import NOW
from tandem.directory.models import Service
from tandem.front_door.codes import PASSED_ON, ContactStatus, OutcomeKind
from tandem.front_door.figures import Grain, figures_compute, span_between
from tandem.front_door.models import Contact, ContactOutcome, FollowUp, Signposting, SupportRequest
from tandem.identity.models import Team, TeamKind
from tandem.safeguarding.models import Concern

pytestmark = pytest.mark.django_db


def test_it_seeds_six_months_of_contacts_about_the_boroughs_people(borough):
    counts = front_door_seed(size="small", seed=11, people=600)

    contacts = Contact.objects.all()
    assert counts["contacts"] == contacts.count()
    assert 330 <= counts["contacts"] <= 400  # 3,000 for 5,000 people, scaled to 600
    oldest = contacts.order_by("received_at").first()
    assert oldest is not None
    assert NOW - timedelta(days=183) < oldest.received_at
    assert not contacts.filter(received_at__gt=clock.now()).exists()
    assert contacts.filter(person__isnull=True).count() < counts["contacts"] * 0.1
    assert counts["conversations"] > counts["contacts"] * 0.6
    assert all(counts[name] > 0 for name in ("requests", "outcomes", "signpostings", "follow_ups"))


def test_every_closed_contact_has_an_outcome_and_hand_overs_are_consistent(borough):
    front_door_seed(size="small", seed=11, people=600)

    closed = Contact.objects.filter(status=ContactStatus.CLOSED)
    assert not closed.filter(outcomes__isnull=True).exists()
    assert not closed.filter(closed_at__isnull=True).exists()
    for outcome in ContactOutcome.objects.filter(kind=OutcomeKind.CONNECTED_TO_TEAM).select_related(
        "support_request__team", "contact"
    ):
        assert outcome.support_request is not None
        assert outcome.support_request.person_id == outcome.contact.person_id
        assert outcome.support_request.team.kind != TeamKind.FRONT_DOOR
    assert SupportRequest.objects.count() == ContactOutcome.objects.filter(kind=OutcomeKind.CONNECTED_TO_TEAM).count()
    for outcome in ContactOutcome.objects.filter(kind=OutcomeKind.SAFEGUARDING).select_related("contact"):
        concern = Concern.objects.get(uuid=outcome.concern_reference)
        assert (concern.person_id, concern.source, concern.source_reference) == (
            outcome.contact.person_id,
            "front_door",
            outcome.contact.reference,
        )
    assert Concern.objects.count() == ContactOutcome.objects.filter(kind=OutcomeKind.SAFEGUARDING).count()
    signposted = ContactOutcome.objects.filter(kind=OutcomeKind.SIGNPOSTED).values("contact")
    assert not Contact.objects.filter(pk__in=signposted, signpostings__isnull=True).exists()


def test_most_contacts_are_resolved_at_the_front_door_and_some_come_back(borough):
    front_door_seed(size="small", seed=11, people=600)

    span = span_between(Grain.MONTH, (NOW - timedelta(days=182)).date(), NOW.date(), today=NOW.date())
    fig = figures_compute(span=span, today=NOW.date())
    resolved, repeats = fig.share("resolved").total, fig.share("repeat_90").total
    assert 0.7 < resolved.numerator / resolved.denominator < 0.95
    assert 0.03 < repeats.numerator / repeats.denominator < 0.25
    assert fig.overdue_follow_ups > 0
    assert ContactOutcome.objects.filter(kind__in=PASSED_ON).exists()


def test_todays_queue_has_a_handful_of_new_unallocated_contacts(borough):
    front_door_seed(size="small", seed=11, people=600)

    waiting = Contact.objects.filter(status=ContactStatus.OPEN, allocated_to__isnull=True)
    assert waiting.count() == 8
    assert all(NOW - timedelta(hours=8) <= c.received_at < NOW for c in waiting)
    assert not waiting.filter(conversations__isnull=False).exists()
    assert FollowUp.objects.filter(done_at__isnull=True, due_on__lt=NOW.date()).exists()


def test_the_demo_practitioner_and_manager_work_at_the_front_door(borough):
    front_door = Team.objects.get(kind=TeamKind.FRONT_DOOR)

    assert set(front_door.memberships.values_list("user__username", flat=True)) >= {
        "practitioner",
        "manager",
        "support",
    }


def test_it_signposts_to_the_directorys_services_when_there_are_some(borough):
    directory_seed(seed=11, services=24)

    front_door_seed(size="small", seed=11, people=600)

    assert Signposting.objects.exists()
    assert not Signposting.objects.filter(service__isnull=True).exists()
    linked = Signposting.objects.select_related("service")
    assert all(s.service is not None and s.service_name == s.service.name for s in linked)
    assert Service.objects.filter(pk__in=Signposting.objects.values("service")).count() > 1


def test_it_refuses_to_seed_a_second_time_on_top_of_the_first(borough):
    front_door_seed(size="small", seed=11, people=600)

    with pytest.raises(DomainError, match="already recorded"):
        front_door_seed(size="small", seed=11, people=600)


def _snapshot() -> list[tuple]:
    contacts = Contact.objects.order_by("pk").values_list(
        "uuid", "reference", "person_id", "source", "route", "reason", "urgency", "received_at", "status"
    )
    outcomes = ContactOutcome.objects.order_by("pk").values_list("uuid", "contact__reference", "kind", "recorded_at")
    return [*contacts, *outcomes]


# --reset truncates tables, which PostgreSQL refuses inside the transaction a test normally runs in.
@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_activity_after_a_reset(set_clock):
    set_clock(NOW)
    borough_seed(size="small", people=300, seed=5)
    front_door_seed(size="small", seed=5, people=300)
    first = _snapshot()

    # The borough's reset empties the front door's and safeguarding's rows too: they refer to people.
    borough_seed(size="small", people=300, seed=5, reset=True)
    assert not Contact.objects.exists()
    assert not Concern.objects.exists()
    front_door_seed(size="small", seed=5, people=300)

    assert _snapshot() == first
    assert len(first) > 150
